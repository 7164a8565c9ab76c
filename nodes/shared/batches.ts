import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { ProviderError } from './errors';
import type { ItemResult } from './items';
import { fatalHint, ItemLedger, itemList, stopError, toItems } from './items';
import type { Outcome, Slots } from './limiter';
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
	/** A limiter instead of `inFlight` (an adaptive one: nodes/shared/limiter.ts, InFlightLimiter). */
	limiter?: Slots;
	/** What a call's failure (undefined: an answer) tells the limiter. Default: ok. */
	outcome?: (error: unknown) => Outcome;
}

/** A provider's side of the loop: the call of one batch, then what each of its items became. */
export interface BatchSender<T, A> {
	call: (entries: Array<BatchEntry<T>>) => Promise<A>;
	/** One result per entry, in the entries' order: an output, or an Error for an entry the provider did not (surely) send. */
	settle: (entries: Array<BatchEntry<T>>, answer: A, batch: BatchInfo) => Array<ItemResult | Error>;
}

interface Batch<T, A> {
	entries: Array<BatchEntry<T>>;
	/** Known once every item is prepared (numbers follow the batches' first items). */
	info?: BatchInfo;
	outcome?: { answer: A } | { error: unknown };
	settled?: boolean;
}

/** While calls are in flight, how long preparing may hold the event loop before their answers get a turn. */
const YIELD_EVERY_MS = 20;

/**
 * The item loop for providers that take many recipients in one call (Mensatek's `Destinatarios`).
 *
 * 1. `prepare` checks every item and gives it a key: items with the same key share one call.
 * 2. Items with the same key are cut into batches of `batchSize`, in input order, and sent with at
 *    most `inFlight` calls at once; `settle` turns each call's answer into one result per item.
 * 3. Every item gets its own output, paired and in input order. A failed call fails exactly the
 *    items of its batch.
 *
 * Without Continue On Fail every item is prepared before the first call, so a bad item stops the
 * node with nothing sent; a failed call stops it as in `runItems`: no call is started once a
 * failure is known, the calls in flight finish, and the error tells what became of every item.
 * With Continue On Fail a bad item fails alone whenever it is found, so a batch goes out as soon
 * as it is full while later items are still being prepared (n8n evaluates their expressions), and
 * the calls' waits overlap that work. Batch numbers and counts ("call 2 of 10") are given once
 * every item is prepared, the same in both cases.
 * A fatal error (nothing more can be sent) is handled as in `runItems`: with Continue On Fail the
 * items sent keep their outputs and the items not sent get the error, without a call.
 */
export async function runBatches<T, A>(
	ctx: IExecuteFunctions,
	prepare: (itemIndex: number) => Promise<{ key: string; value: T }>,
	sender: BatchSender<T, A>,
	options: RunBatchesOptions,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const run = new ItemLedger(ctx);
	const { results } = run;
	const size = Math.max(1, Math.floor(options.batchSize));
	const limiter = options.limiter ?? new Limiter(Math.max(1, Math.floor(options.inFlight ?? 1)));
	const outcome = options.outcome ?? (() => 'ok');
	let fatalError: ProviderError | undefined;

	const settle = (batch: Batch<T, A>) => {
		const { entries, info, outcome } = batch;
		if (!info || !outcome || batch.settled) return;
		batch.settled = true;
		if ('error' in outcome) {
			const { error } = outcome;
			const fatal = error instanceof ProviderError && error.details.fatal === true;
			const explained = entries.length > 1 ? withBatch(error, entries, info) : error;
			for (const entry of entries) run.fail(entry.itemIndex, explained, fatal);
			return;
		}
		let answers: Array<ItemResult | Error>;
		try {
			answers = sender.settle(entries, outcome.answer, info);
		} catch (error) {
			// The call went out; what it did is not known.
			for (const entry of entries) run.fail(entry.itemIndex, error);
			return;
		}
		entries.forEach((entry, position) => {
			const answer = answers[position];
			// A short answer list is a bug after the call went out: those items' fate is unknown.
			if (answer === undefined) run.fail(entry.itemIndex, new Error(`The batch gave ${answers.length} results for ${entries.length} items`));
			else if (answer instanceof Error) run.fail(entry.itemIndex, answer);
			else results[entry.itemIndex] = toItems(answer, entry.itemIndex);
		});
	};

	const one = async (batch: Batch<T, A>): Promise<Outcome> => {
		if (run.failed) return 'skip'; // the node is going to stop: no further call (the error lists these items as not sent)
		if (fatalError) {
			for (const entry of batch.entries) run.fail(entry.itemIndex, fatalError, true);
			return 'skip';
		}
		let said: Outcome;
		try {
			batch.outcome = { answer: await sender.call(batch.entries) };
			said = outcome(undefined);
		} catch (error) {
			// Known at once, so that no further call starts.
			if (error instanceof ProviderError && error.details.fatal === true) fatalError ??= error;
			batch.outcome = { error };
			said = outcome(error);
		}
		settle(batch);
		return said;
	};

	const calls: Array<Promise<void>> = [];
	const start = (batch: Batch<T, A>) => calls.push(limiter.run(() => one(batch), (said) => said).then(() => undefined));
	const stream = ctx.continueOnFail();
	const open = new Map<string, Batch<T, A>>();
	const batches: Array<Batch<T, A>> = [];
	let lastYield = Date.now();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { key, value } = await prepare(itemIndex);
			let batch = open.get(key);
			if (!batch) {
				open.set(key, (batch = { entries: [] }));
				batches.push(batch);
			}
			batch.entries.push({ itemIndex, value });
			if (batch.entries.length >= size) {
				open.delete(key);
				if (stream) start(batch);
			}
		} catch (error) {
			run.fail(itemIndex, error);
			if (run.failed) throw stopError(ctx, results, run.errors);
		}
		// Preparing never waits for anything (n8n evaluates expressions synchronously): let the
		// answers of the calls in flight in, so that their permits pass on to the next batches.
		if (stream && limiter.inFlight > 0 && Date.now() - lastYield >= YIELD_EVERY_MS) {
			await sleep(0);
			lastYield = Date.now();
		}
	}

	// A group's first batch counts from its first item's turn, as if item by item.
	batches.sort((a, b) => a.entries[0].itemIndex - b.entries[0].itemIndex);
	batches.forEach((batch, index) => (batch.info = { number: index + 1, of: batches.length }));
	for (const batch of batches) {
		if (!stream || batch.entries.length < size) start(batch);
		settle(batch); // a call that already came back while items were being prepared
	}
	await Promise.all(calls);
	if (run.failed) throw stopError(ctx, results, run.errors);
	if (fatalError && run.notSent.length) fatalHint(ctx, fatalError, run.notSent.sort((a, b) => a - b), items.length);
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
