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
 *
 * A fatal error (e.g. a daily budget spent) means no further item can be sent. Without Continue On
 * Fail the node stops as with any error, and the error says which items went out before it (n8n
 * shows no output for a node that stops). With Continue On Fail the items already handled keep
 * their outputs, and every item not yet sent gets the fatal error without a call, plus a warning
 * on the node: the user can route those items (error output) to be sent later.
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
	// The first fatal error: once it is known, no item is sent any more.
	let fatalError: ProviderError | undefined;
	const notSent: number[] = [];

	const one = async (itemIndex: number) => {
		if (stopAt !== Infinity) return; // a failure already decided the node's fate: send nothing more
		if (fatalError) {
			results[itemIndex] = [errorItem(ctx, fatalError, itemIndex)];
			notSent.push(itemIndex);
			return;
		}
		try {
			const result = await handle(itemIndex);
			results[itemIndex] = toItems(result, itemIndex);
		} catch (error) {
			const fatal = error instanceof ProviderError && error.details.fatal;
			if (fatal) fatalError ??= error;
			if (continueOnFail) {
				results[itemIndex] = [errorItem(ctx, error, itemIndex)];
				if (fatal) notSent.push(itemIndex);
				return;
			}
			if (itemIndex < stopAt) {
				stopAt = itemIndex;
				stopError = error;
			}
		}
	};

	await Promise.all(items.map((_, itemIndex) => limiter.run(() => one(itemIndex))));
	if (stopAt !== Infinity) {
		const nodeError = toNodeError(ctx.getNode(), stopError, stopAt);
		if (stopError instanceof ProviderError && stopError.details.fatal) {
			nodeError.description = [nodeError.description, handledBefore(results, items.length)].filter(Boolean).join(' ');
		}
		throw nodeError;
	}
	if (fatalError && notSent.length) {
		ctx.addExecutionHints({
			message: `${fatalError.message}: ${itemList(notSent.sort((a, b) => a - b))} of ${items.length} not sent.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	return [results.flat()];
}

/** What the items before a fatal stop did: their calls went out although n8n shows no output. */
function handledBefore(results: INodeExecutionData[][], total: number): string {
	const done = results.flatMap((result, itemIndex) => (result ? [itemIndex] : []));
	if (done.length === 0) return 'No item of this run had been sent.';
	return `${itemList(done)} of ${total} had already been handled and keep their effect (n8n shows no output for a node that stops; with Settings → On Error → Continue, they keep their output items and the rest get this error).`;
}

/** "items 1–100" for a run of consecutive items, otherwise "items 1, 4, 9 (3 items)". */
export function itemList(indexes: number[]): string {
	const numbers = indexes.map((i) => i + 1);
	const consecutive = numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1);
	if (numbers.length === 1) return `item ${numbers[0]}`;
	if (consecutive) return `items ${numbers[0]}–${numbers[numbers.length - 1]}`;
	const shown = numbers.length > 10 ? `${numbers.slice(0, 10).join(', ')}, …` : numbers.join(', ');
	return `items ${shown} (${numbers.length} items)`;
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
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	// Under "Continue (using error output)" n8n routes an item to the error output by its `error`
	// (it then shows only the message); a json with more than `error` would stay on the main output.
	if (ctx.getNode().onError === 'continueErrorOutput') item.error = nodeError;
	return item;
}
