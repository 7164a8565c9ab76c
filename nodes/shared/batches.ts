import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { ProviderError } from './errors';
import type { ItemResult } from './items';
import { errorItem, fatalHint, itemList, stopError, toItems } from './items';
import { Limiter } from './limiter';

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
	/** How many calls may be in flight at once. Default 1: one call after the other. */
	inFlight?: number;
}

/**
 * The item loop for providers that take many recipients in one call (Mensatek's `Destinatarios`).
 *
 * 1. `prepare` checks every item before anything is sent and gives it a key: items with the same
 *    key share one call. A bad item fails alone (Continue On Fail) or stops the node before any call.
 * 2. Items with the same key are cut into batches of `batchSize`, in input order, and sent with at
 *    most `inFlight` calls at once, started in batch order; `send` returns one result per entry, in
 *    the entries' order: an output, or an Error for an entry the provider did not (surely) send.
 * 3. Every item gets its own output, paired and in input order. A failed call fails exactly the
 *    items of its batch. With Continue On Fail they become `{ error }` items and the other calls go
 *    ahead. Without it, as in `runItems`: no call is started once a failure is known, the calls in
 *    flight finish, and the node stops with an error that tells what became of every item.
 *    A fatal error (nothing more can be sent) is handled as in `runItems` too: with Continue On
 *    Fail the items sent keep their outputs and the items not sent get the error, without a call.
 */
export async function runBatches<T>(
	ctx: IExecuteFunctions,
	prepare: (itemIndex: number) => Promise<{ key: string; value: T }>,
	send: (entries: Array<BatchEntry<T>>, batch: BatchInfo) => Promise<Array<ItemResult | Error>>,
	options: RunBatchesOptions,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const results: INodeExecutionData[][] = new Array(items.length);
	const errors: unknown[] = new Array(items.length);
	const size = Math.max(1, Math.floor(options.batchSize));
	let failed = false;
	let fatalError: ProviderError | undefined;
	const notSent: number[] = [];

	const fail = (itemIndex: number, error: unknown, fatal = false) => {
		if (continueOnFail) {
			results[itemIndex] = [errorItem(ctx, error, itemIndex)];
			if (fatal) notSent.push(itemIndex);
		} else {
			failed = true;
			errors[itemIndex] = error;
		}
	};

	const groups = new Map<string, Array<BatchEntry<T>>>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { key, value } = await prepare(itemIndex);
			let group = groups.get(key);
			if (!group) groups.set(key, (group = []));
			group.push({ itemIndex, value });
		} catch (error) {
			fail(itemIndex, error);
			if (failed) throw stopError(ctx, results, errors);
		}
	}

	const batches: Array<Array<BatchEntry<T>>> = [];
	for (const group of groups.values()) {
		for (let start = 0; start < group.length; start += size) batches.push(group.slice(start, start + size));
	}
	// A group's first batch goes out when its first item's turn comes, as if item by item.
	batches.sort((a, b) => a[0].itemIndex - b[0].itemIndex);

	const one = async (entries: Array<BatchEntry<T>>, batch: BatchInfo) => {
		if (failed) return; // the node is going to stop: no further call (the error lists these items as not sent)
		if (fatalError) {
			for (const entry of entries) fail(entry.itemIndex, fatalError, true);
			return;
		}
		let answers: Array<ItemResult | Error>;
		try {
			answers = await send(entries, batch);
		} catch (error) {
			const fatal = error instanceof ProviderError && error.details.fatal === true;
			if (fatal) fatalError ??= error;
			const explained = entries.length > 1 ? withBatch(error, entries, batch) : error;
			for (const entry of entries) fail(entry.itemIndex, explained, fatal);
			return;
		}
		entries.forEach((entry, position) => {
			const answer = answers[position];
			// A short answer list is a bug after the call went out: those items' fate is unknown.
			if (answer === undefined) fail(entry.itemIndex, new Error(`The batch gave ${answers.length} results for ${entries.length} items`));
			else if (answer instanceof Error) fail(entry.itemIndex, answer);
			else results[entry.itemIndex] = toItems(answer, entry.itemIndex);
		});
	};

	const limiter = new Limiter(Math.max(1, Math.floor(options.inFlight ?? 1)));
	await Promise.all(batches.map((entries, index) => limiter.run(() => one(entries, { number: index + 1, of: batches.length }))));
	if (failed) throw stopError(ctx, results, errors);
	if (fatalError && notSent.length) fatalHint(ctx, fatalError, notSent, items.length);
	return [results.flat()];
}

/** Adds to a provider error which items shared the failed call, so nobody looks for one bad item. */
function withBatch<T>(error: unknown, entries: Array<BatchEntry<T>>, batch: BatchInfo): unknown {
	if (!(error instanceof ProviderError)) return error;
	const items = itemList(entries.map((e) => e.itemIndex));
	const note =
		error.details.delivery === 'unknown'
			? `This call (${batch.number} of ${batch.of}) carried ${items}: they share its unknown fate.`
			: `This call (${batch.number} of ${batch.of}) carried ${items}; they all failed together.`;
	const description = error.details.description ? `${error.details.description} ${note}` : note;
	// In the message too: an error item under Continue On Fail keeps only the message.
	return new ProviderError(`${error.message} (call ${batch.number} of ${batch.of}, ${items})`, { ...error.details, description });
}
