// Provider facts: one tagged source per provider, shared by the node and the sandbox, and no node
// branching on a fact tagged [open] (providers.md). The compiler already refuses `.value` of an open
// fact; this test also looks for the sandbox's own choices for open facts (e.g. an invented refusal
// text) anywhere in a node's source, where matching on them would be a guess.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { factValue, loadFacts } from '../../sandbox/facts.mjs';

const root = path.join(import.meta.dirname, '..', '..');
const providers = fs.readdirSync(path.join(root, 'nodes')).filter((dir) => dir !== 'shared' && fs.existsSync(path.join(root, 'nodes', dir, 'facts.ts')));

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') && entry.name !== 'facts.ts' ? [full] : [];
	});
}
const nodeFiles = [...sourceFiles(path.join(root, 'nodes')), ...sourceFiles(path.join(root, 'credentials'))].map((file) => ({
	file: path.relative(root, file),
	text: fs.readFileSync(file, 'utf8'),
}));

type Fact = { tag: string; value?: unknown; sandbox?: unknown; source: string };

/** Every text inside a value, arrays and objects included: an invented text may hide anywhere in it. */
const leaves = (value: unknown): string[] =>
	typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(leaves) : [];
/** A text distinctive enough that a node holding it would be matching on it (not a lone common word). */
const distinctive = (text: string) => text.trim().length >= 6 && (/\s/.test(text.trim()) || text.trim().length >= 12);

describe('provider facts', () => {
	it('every provider with a node has a facts module', () => {
		expect(providers.sort()).toEqual(['Mensatek', 'OvoWpp', 'Wolkvox']);
	});

	describe.each(providers)('%s', (provider) => {
		it('each fact is tagged doc, code or open, says where it comes from, and only known facts have a value', async () => {
			const { FACTS } = (await import(`../../nodes/${provider}/facts.ts`)) as { FACTS: Record<string, Fact> };
			expect(Object.keys(FACTS).length).toBeGreaterThan(0);
			for (const [name, fact] of Object.entries(FACTS)) {
				expect(['doc', 'code', 'open'], name).toContain(fact.tag);
				expect(fact.source, name).toMatch(/providers\.md|seeds\/|\.php|\.md/);
				if (fact.tag === 'open') expect(Object.keys(fact), name).not.toContain('value');
				else expect(Object.keys(fact), name).toContain('value');
			}
		});

		it('the sandbox loads the same facts the node is built with', async () => {
			const { FACTS } = await import(`../../nodes/${provider}/facts.ts`);
			expect(JSON.parse(JSON.stringify(await loadFacts(provider)))).toEqual(JSON.parse(JSON.stringify(FACTS)));
		});

		it('no node or credential reads the value of an open fact, or contains the sandbox text chosen for one', async () => {
			const { FACTS } = (await import(`../../nodes/${provider}/facts.ts`)) as { FACTS: Record<string, Fact> };
			const found: string[] = [];
			for (const [name, fact] of Object.entries(FACTS)) {
				if (fact.tag !== 'open') continue;
				const reads = new RegExp(`\\b${name}\\s*\\.\\s*(value|sandbox)\\b|\\b${name}\\s*\\]\\s*\\.\\s*(value|sandbox)\\b`);
				const texts = leaves(factValue(fact)).filter(distinctive);
				for (const { file, text } of nodeFiles) {
					if (reads.test(text)) found.push(`${file} reads ${provider}.${name}`);
					for (const t of texts) if (text.toLowerCase().includes(t.toLowerCase())) found.push(`${file} contains "${t}" (${provider}.${name} is [open])`);
				}
			}
			expect(found).toEqual([]);
		});
	});
});
