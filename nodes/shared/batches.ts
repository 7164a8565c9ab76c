import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { ProviderError, toNodeError } from './errors';
import type { ItemResult } from './items';
import { errorItem, itemList, toItems } from './items';

/** One item of a batch: its index in the input and what `prepare` made of it. */
export interface BatchEntry<T> {
	itemIndex: number;
	value: T;
}

export interface BatchInfo {
	/** 1-based number of this call, and how many calls the run makes. */
	number: number;
	of: number;
}

export interface RunBatchesOptions {
	/** Most items in one call. */
	batchSize: number;
}

/**
 * The item loop for providers that take many recipients in one call (Mensatek's `Destinatarios`).
 *
 * 1. `prepare` checks every item before anything is sent and gives it a key: items with the same
 *    key share one call. A bad item fails alone (Continue On Fail) or stops the node before any call.
 * 2. Items with the same key are cut into batches of `batchSize`, in input order, and sent one call
 *    at a time; `send` returns one result per entry, in the entries' order.
 * 3. Every item gets its own output, paired and in input order. A failed call fails exactly the
 *    items of its batch: `{ error }` items with Continue On Fail, otherwise the node stops and no
 *    further call is made.
 */
export async function runBatches<T>(
	ctx: IExecuteFunctions,
	prepare: (itemIndex: number) => Promise<{ key: string; value: T }>,
	send: (entries: Array<BatchEntry<T>>, batch: BatchInfo) => Promise<ItemResult[]>,
	options: RunBatchesOptions,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const results: INodeExecutionData[][] = new Array(items.length);
	const size = Math.max(1, Math.floor(options.batchSize));
	const canContinue = (error: unknown) => continueOnFail && !(error instanceof ProviderError && error.details.fatal);

	const groups = new Map<string, Array<BatchEntry<T>>>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { key, value } = await prepare(itemIndex);
			let group = groups.get(key);
			if (!group) groups.set(key, (group = []));
			group.push({ itemIndex, value });
		} catch (error) {
			if (!canContinue(error)) throw toNodeError(ctx.getNode(), error, itemIndex);
			results[itemIndex] = [errorItem(ctx, error, itemIndex)];
		}
	}

	const batches: Array<Array<BatchEntry<T>>> = [];
	for (const group of groups.values()) {
		for (let start = 0; start < group.length; start += size) batches.push(group.slice(start, start + size));
	}
	// A group's first batch goes out when its first item's turn comes, as if item by item.
	batches.sort((a, b) => a[0].itemIndex - b[0].itemIndex);

	for (const [index, entries] of batches.entries()) {
		const batch = { number: index + 1, of: batches.length };
		try {
			const answers = await send(entries, batch);
			if (answers.length !== entries.length) {
				throw new Error(`The batch gave ${answers.length} results for ${entries.length} items`);
			}
			entries.forEach((entry, position) => (results[entry.itemIndex] = toItems(answers[position], entry.itemIndex)));
		} catch (error) {
			const explained = entries.length > 1 ? withBatch(error, entries, batch) : error;
			if (!canContinue(error)) throw toNodeError(ctx.getNode(), explained, entries[0].itemIndex);
			for (const entry of entries) results[entry.itemIndex] = [errorItem(ctx, explained, entry.itemIndex)];
		}
	}
	return [results.flat()];
}

/** Adds to a provider error which items shared the failed call, so nobody looks for one bad item. */
function withBatch<T>(error: unknown, entries: Array<BatchEntry<T>>, batch: BatchInfo): unknown {
	if (!(error instanceof ProviderError)) return error;
	const items = itemList(entries.map((e) => e.itemIndex));
	const note = `This call (${batch.number} of ${batch.of}) carried ${items}; they all failed together.`;
	const description = error.details.description ? `${error.details.description} ${note}` : note;
	// In the message too: an error item under Continue On Fail keeps only the message.
	return new ProviderError(`${error.message} (call ${batch.number} of ${batch.of}, ${items})`, { ...error.details, description });
}
