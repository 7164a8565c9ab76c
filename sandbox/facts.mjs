// The sandbox answers from the same provider facts the nodes branch on: nodes/<Provider>/facts.ts,
// pure data with type imports only. Node 20 cannot import TypeScript, so the file is transpiled here
// with the TypeScript compiler (a devDependency, as the sandbox is) and imported from memory.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const loaded = new Map();

/** The FACTS object of nodes/<provider>/facts.ts (provider: 'OvoWpp', 'Wolkvox', 'Mensatek'). */
export async function loadFacts(provider) {
	if (!loaded.has(provider)) {
		const file = path.join(root, 'nodes', provider, 'facts.ts');
		const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
			compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
			fileName: file,
		});
		loaded.set(provider, import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`).then((m) => m.FACTS));
	}
	return loaded.get(provider);
}

/** A fact's value for the sandbox: the known value, or for an [open] fact the sandbox's own choice. */
export function factValue(fact) {
	return fact.tag === 'open' ? fact.sandbox : fact.value;
}
