// Test-only nodes that feed a workflow: they stand where a user's own trigger or data node would.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

export interface ItemSpec {
	json?: IDataObject;
	/** Binary properties: the bytes as text, as base64, or `size` bytes of a repeated pattern. */
	binary?: Record<string, { text?: string; base64?: string; size?: number; fileName: string; mimeType: string }>;
}

const description = (name: string): INodeTypeDescription => ({
	displayName: name,
	name,
	group: ['input'],
	version: 1,
	description: 'Test fixture',
	defaults: { name },
	inputs: ['main'],
	outputs: ['main'],
	properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
});

/** Emits the items given in its `items` parameter (JSON), with binaries stored by n8n itself. */
class Items implements INodeType {
	description = description('items');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | ItemSpec[];
		const specs = (typeof raw === 'string' ? JSON.parse(raw) : raw) as ItemSpec[];
		const out: INodeExecutionData[] = [];
		for (const [index, spec] of specs.entries()) {
			const item: INodeExecutionData = { json: spec.json ?? {}, pairedItem: { item: 0 } };
			for (const [property, file] of Object.entries(spec.binary ?? {})) {
				const bytes = file.text !== undefined
					? Buffer.from(file.text)
					: file.base64 !== undefined
						? Buffer.from(file.base64, 'base64')
						: pattern(file.size ?? 0, index);
				item.binary ??= {};
				item.binary[property] = await this.helpers.prepareBinaryData(bytes, file.fileName, file.mimeType);
			}
			out.push(item);
		}
		return [out];
	}
}

function pattern(size: number, seed: number): Buffer {
	const buffer = Buffer.alloc(size);
	for (let i = 0; i < size; i += 4096) buffer.writeUInt32LE((seed * 2654435761 + i) >>> 0, i);
	return buffer;
}

export const testNodes: Record<string, INodeType> = { 'test.items': new Items() };

/** A node JSON for the fixture. */
export function itemsNode(items: ItemSpec[], name = 'Items') {
	return { name, type: 'test.items', typeVersion: 1, parameters: { items: JSON.stringify(items) } };
}
