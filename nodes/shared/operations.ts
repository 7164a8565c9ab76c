import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ItemResult } from './items';

/** One operation file: its fields, and what it does for one item (or, for batching, the whole input). */
export interface Operation {
	description: INodeProperties[];
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<ItemResult>;
	run?: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

/** resource → operation → its file. A node's menus and its execute both read this table. */
export type OperationTable = Record<string, Record<string, Operation>>;

export interface ResourceMenu {
	name: string;
	value: string;
	/** The resource's Operation menu (n8n wants `action` on each entry) and its default. */
	operations: Array<INodePropertyOptions & { action: string }>;
	defaultOperation: string;
}

/** A node's properties: the Resource menu, one Operation menu per resource, then every operation's fields. */
export function nodeProperties(resources: ResourceMenu[], defaultResource: string, table: OperationTable): INodeProperties[] {
	const resource: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value }) => ({ name, value })),
		default: defaultResource,
	};
	// each menu's default is the caller's (a plain identifier, which n8n's lint rules accept)
	const menus: INodeProperties[] = resources.map(({ value, operations, defaultOperation }) => ({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [value] } },
		options: operations,
		default: defaultOperation,
	}));
	const fields = Object.values(table).flatMap((byOperation) => Object.values(byOperation).flatMap((op) => op.description));
	return [resource, ...menus, ...fields];
}

/** The operation chosen in the node (the same for every item: the menus take no expressions). */
export function chosenOperation(ctx: IExecuteFunctions, table: OperationTable): Operation {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const op = table[resource]?.[operation];
	if (!op) throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not known`);
	return op;
}

/** The per-item function of an operation (batching operations have none). */
export function perItem(ctx: IExecuteFunctions, op: Operation): (itemIndex: number) => Promise<ItemResult> {
	const { execute } = op;
	if (!execute) throw new NodeOperationError(ctx.getNode(), 'This operation handles its items as a batch');
	return (itemIndex) => execute.call(ctx, itemIndex);
}

/**
 * The per-resource layout: each operation file exports its menu entry (`option`) beside its
 * `description` and `execute`/`run`, and `actions/<resource>/index.ts` lists the resource's
 * operations once: adding an operation is one file and one entry in that list.
 */
export interface MenuOperation extends Operation {
	/** Its entry in the resource's Operation menu (the value is the `operation` parameter's). */
	option: INodePropertyOptions & { action: string };
}

export interface Resource {
	name: string;
	value: string;
	defaultOperation: string;
	operations: MenuOperation[];
}

/** A resource and its operations, the menu sorted by name as n8n's editor lists them. */
export function resource(name: string, value: string, defaultOperation: string, operations: MenuOperation[]): Resource {
	const sorted = [...operations].sort((a, b) => a.option.name.localeCompare(b.option.name));
	if (!sorted.some((op) => op.option.value === defaultOperation)) throw new Error(`${name}: no operation "${defaultOperation}"`);
	return { name, value, defaultOperation, operations: sorted };
}

/** The operation table of some resources (what `chosenOperation` reads). */
export function operationTable(resources: Resource[]): OperationTable {
	return Object.fromEntries(resources.map((r) => [r.value, Object.fromEntries(r.operations.map((op) => [String(op.option.value), op]))]));
}

/** A node's properties from its resources: the Resource menu, each Operation menu, then every operation's fields. */
export function resourceProperties(resources: Resource[], defaultResource: string): INodeProperties[] {
	return nodeProperties(
		resources.map(({ name, value, defaultOperation, operations }) => ({ name, value, defaultOperation, operations: operations.map((op) => op.option) })),
		defaultResource,
		operationTable(resources),
	);
}

/**
 * A node's current properties with an earlier version's frozen fields (each shown for that
 * `@version` only): each goes just before the current field of the same name, resource and
 * operation, so the older version's panel keeps its order; one without a counterpart goes last.
 */
export function withFrozenFields(current: INodeProperties[], frozen: INodeProperties[]): INodeProperties[] {
	const place = (p: INodeProperties) => JSON.stringify([p.name, p.displayOptions?.show?.resource, p.displayOptions?.show?.operation]);
	const properties = [...current];
	for (const field of frozen) {
		const at = properties.findIndex((p) => p !== field && !frozen.includes(p) && place(p) === place(field));
		properties.splice(at < 0 ? properties.length : at, 0, field);
	}
	return properties;
}
