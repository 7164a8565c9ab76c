import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { InputError, ProviderError, toNodeError } from './errors';
import { Limiter } from './limiter';

/** What an operation returns for one item: one object, several (a list), or ready n8n items. */
export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData[];

export interface RunItemsOptions {
	/** How many items may be handled at once (calls in flight). Default 1: strictly one by one. */
	concurrency?: number;
	/** A limiter shared beyond this node (e.g. per provider token); used instead of `concurrency`. */
	limiter?: Limiter;
}

/**
 * The item loop every operation uses. Items go out with bounded concurrency and come back in input
 * order, each output paired with its input. A failed item becomes `{ error }` with Continue On Fail,
 * otherwise nothing new is started and the first failed item (in input order) stops the node.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	handle: (itemIndex: number) => Promise<ItemResult>,
	options: RunItemsOptions = {},
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const limiter = options.limiter ?? new Limiter(Math.max(1, Math.floor(options.concurrency ?? 1)));
	const continueOnFail = ctx.continueOnFail();
	const results: INodeExecutionData[][] = new Array(items.length);
	// The first failed item in input order, when Continue On Fail is off.
	let stopAt = Infinity;
	let stopError: unknown;

	const one = async (itemIndex: number) => {
		if (stopAt !== Infinity) return; // a failure already decided the node's fate: send nothing more
		try {
			const result = await handle(itemIndex);
			results[itemIndex] = toItems(result, itemIndex);
		} catch (error) {
			const fatal = error instanceof ProviderError && error.details.fatal;
			if (continueOnFail && !fatal) {
				results[itemIndex] = [errorItem(ctx, error, itemIndex)];
				return;
			}
			if (itemIndex < stopAt) {
				stopAt = itemIndex;
				stopError = error;
			}
		}
	};

	await Promise.all(items.map((_, itemIndex) => limiter.run(() => one(itemIndex))));
	if (stopAt !== Infinity) throw toNodeError(ctx.getNode(), stopError, stopAt);
	return [results.flat()];
}

/** An operation's result as n8n items, each paired with its input item. */
export function toItems(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const isItem = entry && typeof entry === 'object' && 'json' in entry && typeof entry.json === 'object';
		const item = isItem ? (entry as INodeExecutionData) : { json: entry as IDataObject };
		return { ...item, pairedItem: { item: itemIndex } };
	});
}

/** The `{ error }` item of Continue On Fail: the message, how to fix it, and what is known of delivery. */
export function errorItem(ctx: IExecuteFunctions, error: unknown, itemIndex: number): INodeExecutionData {
	const nodeError = toNodeError(ctx.getNode(), error, itemIndex);
	const json: IDataObject = { error: nodeError.message };
	if (nodeError.description) json.description = nodeError.description;
	if (error instanceof InputError) json.field = error.field;
	if (error instanceof ProviderError) {
		if (error.details.remark) json.remark = error.details.remark;
		if (error.details.httpCode !== undefined) json.httpCode = error.details.httpCode;
		if (error.details.delivery) json.delivery = error.details.delivery;
	}
	if (nodeError instanceof NodeApiError && nodeError.httpCode && json.httpCode === undefined) {
		json.httpCode = nodeError.httpCode;
	}
	return { json, pairedItem: { item: itemIndex } };
}
