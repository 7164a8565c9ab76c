import type { INodeProperties } from 'n8n-workflow';

/** displayOptions that show a field for some operations of one resource. */
export function showFor(resource: string, operations: string[]): INodeProperties['displayOptions'] {
	return { show: { resource: [resource], operation: operations } };
}

/** The usual Return All / Limit pair of a list operation. */
export function returnAllFields(resource: string, operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: showFor(resource, [operation]),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { resource: [resource], operation: [operation], returnAll: [false] } },
		},
	];
}

/** The option every writing operation has: how many calls may be in flight at once. */
export const concurrencyOption: INodeProperties = {
	displayName: 'Requests In Flight',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20 },
	default: 5,
	description:
		'How many items are sent to the provider at the same time. Higher is faster for long lists; lower is gentler on the provider.',
};

/**
 * The option of every operation that sends: how long to wait for the provider's answer. Each
 * transport gives its own default (the provider's own limit, or two minutes).
 */
export function timeoutOption(defaultMs: number): INodeProperties {
	return {
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: defaultMs,
		description:
			'How long to wait for the provider\'s answer, in milliseconds. A send (or other change) whose answer does not come in time may have been carried out: its item says so (delivery "unknown") and it is not repeated. A read is tried again.',
	};
}

/** An Options collection (a trigger's, or with displayOptions an operation's). */
export function optionsCollection(options: INodeProperties[], displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
		...(displayOptions ? { displayOptions } : {}),
	};
}

/** The Options collection of an operation. */
export function optionsFor(resource: string, operations: string[], options: INodeProperties[]): INodeProperties {
	return optionsCollection(options, showFor(resource, operations));
}
