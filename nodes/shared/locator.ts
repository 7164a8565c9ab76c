import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeProperties,
} from 'n8n-workflow';
import { nodeParameter } from './params';

/**
 * Version 2 of the action nodes shows templates, contacts and conversations as resource locators
 * (n8n's "From list / By ID" picker); version 1 keeps its plain fields so saved workflows still run.
 * Both are read here, the same way.
 */

/** Fields of version 1 only, or of version 2 on: `@version` is read by n8n from the node's typeVersion. */
export function forVersion(displayOptions: INodeProperties['displayOptions'], versions: number[]): INodeProperties['displayOptions'] {
	return { ...displayOptions, show: { ...displayOptions?.show, '@version': versions } };
}

export const V1 = [1];
// Version 2 and later (OvoWpp has a version 3, where the pickers and Simplify stay).
export const V2 = [2, 3];

export interface LocatorSpec {
	displayName: string;
	name: string;
	description: string;
	/** The listSearch method of "From List". */
	searchListMethod: string;
	/** "By ID" (or "By Name"): its label, the pattern a value must have, and what to say otherwise. */
	byId: { displayName?: string; regex: string; error: string; placeholder: string };
	/** Whether "By Phone Number" is offered; the operation resolves the number to the ID. */
	byPhone?: boolean;
	displayOptions: INodeProperties['displayOptions'];
}

/** A version 2 resource locator: From List (searchable), By ID, and optionally By Phone Number. */
export function locatorField(spec: LocatorSpec): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${spec.displayName.toLowerCase()}...`,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: spec.byId.displayName ?? 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.byId.placeholder,
				validation: [{ type: 'regex', properties: { regex: spec.byId.regex, errorMessage: spec.byId.error } }],
			},
			...(spec.byPhone
				? [
						{
							displayName: 'By Phone',
							name: 'phone',
							type: 'string' as const,
							placeholder: 'e.g. +34 612 345 678',
							validation: [
								{
									type: 'regex' as const,
									properties: { regex: '^\\s*(\\+|00)?[\\d\\s\\-.()]{8,}\\s*$', errorMessage: 'Give the number with its country code, e.g. +34 612 345 678' },
								},
							],
						},
					]
				: []),
		],
		displayOptions: forVersion(spec.displayOptions, V2),
	};
}

export interface Located {
	/** `list`, `id` or `phone`; a version 1 field (a plain value) counts as `id`. */
	mode: string;
	value: unknown;
}

function isLocator(raw: unknown): raw is { __rl: true; mode: string; value: unknown } {
	return typeof raw === 'object' && raw !== null && 'mode' in raw && 'value' in raw;
}

/** A parameter that is a plain field in version 1 and a resource locator in version 2, for one item. */
export function readLocator(ctx: IExecuteFunctions, name: string, itemIndex: number): Located {
	const raw = nodeParameter(ctx, name, itemIndex, '');
	const value = nodeParameter(ctx, name, itemIndex, '', { extractValue: true });
	return { mode: isLocator(raw) ? String(raw.mode) : 'id', value };
}

/** The same, in the editor (loadOptions, resource mappers): the value, whichever the version. */
export function currentLocatorValue(ctx: ILoadOptionsFunctions, name: string): unknown {
	const value = ctx.getNodeParameter(name, '', { extractValue: true });
	// Version 1's property has the same name: a locator value there is still read.
	return isLocator(value) ? value.value : value;
}

/** Whether a list entry matches the search typed in the picker (case-insensitive, anywhere in its name or value). */
export function matchesFilter(entry: INodeListSearchItems, filter?: string): boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	return !needle || entry.name.toLowerCase().includes(needle) || String(entry.value).toLowerCase().includes(needle);
}
