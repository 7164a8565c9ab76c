// The package's nodes and credentials, found the way n8n finds them: through package.json's
// "n8n" section (dist paths mapped back to the TypeScript sources that vitest compiles).
import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type NodeClass = new () => INodeType | IVersionedNodeType;
type CredentialClass = new () => ICredentialType;

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};

async function load<T>(distPath: string): Promise<T[]> {
	const source = join(root, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const module = (await import(source)) as Record<string, unknown>;
	// Classes only: an exported arrow or async function (a credential's `authenticate`) is no class.
	return Object.values(module).filter((value): value is T => typeof value === 'function' && value.prototype !== undefined);
}

/** Node type name (description.name) → class. */
export const PACKAGE_NODES: Record<string, NodeClass> = {};
/** Credential type name → class. */
export const PACKAGE_CREDENTIALS: Record<string, CredentialClass> = {};

for (const path of manifest.n8n.nodes) {
	for (const NodeClass of await load<NodeClass>(path)) {
		const instance = new NodeClass() as INodeType & IVersionedNodeType;
		const name = instance.description?.name;
		if (name) PACKAGE_NODES[name] = NodeClass;
	}
}
for (const path of manifest.n8n.credentials) {
	for (const CredentialClass of await load<CredentialClass>(path)) {
		const instance = new CredentialClass();
		if (instance.name && Array.isArray(instance.properties)) PACKAGE_CREDENTIALS[instance.name] = CredentialClass;
	}
}
