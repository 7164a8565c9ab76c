import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { forVersion, V2 } from './locator';
import { nodeParameter, runNode } from './params';

/** The "Simplify" option of outputs with many fields: on by default from version 2, raw in version 1. */
export function simplifyField(displayOptions: INodeProperties['displayOptions'], fields: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data (simplified: ${fields})`,
		displayOptions: forVersion(displayOptions, V2),
	};
}

/** Whether the item's output is simplified (never in version 1, where the field does not exist). */
export function wantsSimple(ctx: IExecuteFunctions, itemIndex: number): boolean {
	if (runNode(ctx).typeVersion < 2) return false;
	return nodeParameter(ctx, 'simplify', itemIndex, true) === true;
}

/** The chosen keys of a row, in that order; missing keys are left out. */
export function pick(row: IDataObject, keys: string[]): IDataObject {
	const out: IDataObject = {};
	for (const key of keys) if (row[key] !== undefined) out[key] = row[key];
	return out;
}
