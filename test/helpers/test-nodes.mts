// Test-only nodes that feed a workflow: they stand where a user's own trigger or data node would.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { nodeParameter } from '../../nodes/shared/params';

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

/**
 * Reads its `field` parameter for every item twice: as the package reads it (nodeParameter) and as
 * n8n does (getNodeParameter), each with n8n's error where there is one, and how many times the
 * package's read asked n8n to evaluate it.
 */
class ReadField implements INodeType {
	description = { ...description('readField'), properties: [{ displayName: 'Field', name: 'field', type: 'string' as const, default: '' }] };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const outcome = (read: () => unknown) => {
			try {
				return { value: read() ?? null };
			} catch (error) {
				return { error: (error as Error).message };
			}
		};
		let asked = 0;
		const counting = new Proxy(this, {
			get: (target, key) =>
				key === 'getNodeParameter'
					? (...args: Parameters<IExecuteFunctions['getNodeParameter']>) => (asked++, target.getNodeParameter(...args))
					: Reflect.get(target, key),
		});
		return [
			this.getInputData().map((_, itemIndex) => {
				asked = 0;
				const pkg = outcome(() => nodeParameter(counting, 'field', itemIndex));
				return { json: { package: pkg, asked, n8n: outcome(() => this.getNodeParameter('field', itemIndex)) }, pairedItem: { item: itemIndex } };
			}),
		];
	}
}

export const testNodes: Record<string, INodeType> = { 'test.items': new Items(), 'test.readField': new ReadField() };

/** A node JSON for the fixture. */
export function itemsNode(items: ItemSpec[], name = 'Items') {
	return { name, type: 'test.items', typeVersion: 1, parameters: { items: JSON.stringify(items) } };
}
