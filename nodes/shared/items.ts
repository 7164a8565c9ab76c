import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeOperationError } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { InputError, ProviderError, toNodeError } from './errors';
import type { Outcome, Slots } from './limiter';
import { Limiter } from './limiter';

/** What an operation returns for one item: one object, several (a list), or ready n8n items. */
export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData[];

export interface RunItemsOptions {
	/** How many items may be handled at once (calls in flight). Default 1: strictly one by one. */
	concurrency?: number;
	/** A limiter shared beyond this node (e.g. per provider token), or an adaptive one; used instead of `concurrency`. */
	limiter?: Slots;
	/** What a handled item tells the limiter: its error (undefined: success) → ok or refused. Default: ok. */
	outcome?: (error: unknown) => Outcome;
}

/**
 * The item loop every operation uses. Items go out with bounded concurrency and come back in input
 * order, each output paired with its input. A failed item becomes `{ error }` with Continue On Fail.
 *
 * Without Continue On Fail the node stops on the first failed item (in input order), and n8n then
 * shows no output at all. So the stop error tells what became of every item (see `stopError`).
 * Once a failure is known no further item is started: an item after it would be sent although the
 * run is going to stop, and re-running the workflow would then send it twice. Items already in
 * flight cannot be called back: they finish, and the error reports how each of them ended.
 *
 * A fatal error (e.g. a daily budget spent) means no further item can be sent. Without Continue On
 * Fail the node stops as with any error. With Continue On Fail the items already handled keep
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
	const run = new ItemLedger(ctx);
	const { results } = run;
	// The first fatal error: once it is known, no item is sent any more.
	let fatalError: ProviderError | undefined;

	const outcome = options.outcome ?? (() => 'ok');
	const one = async (itemIndex: number): Promise<Outcome> => {
		if (run.failed) return 'skip'; // the node is going to stop: start nothing more (the error lists this item as not sent)
		if (fatalError) {
			// Only reached with Continue On Fail: without it the fatal error has already failed the run.
			run.fail(itemIndex, fatalError, true);
			return 'skip';
		}
		try {
			const result = await handle(itemIndex);
			results[itemIndex] = toItems(result, itemIndex);
			return outcome(undefined);
		} catch (error) {
			const fatal = error instanceof ProviderError && error.details.fatal;
			if (fatal) fatalError ??= error;
			run.fail(itemIndex, error, fatal);
			return outcome(error);
		}
	};

	await Promise.all(items.map((_, itemIndex) => limiter.run(() => one(itemIndex), (said) => said)));
	if (run.failed) throw stopError(ctx, results, run.errors);
	if (fatalError && run.notSent.length) fatalHint(ctx, fatalError, run.notSent, items.length);
	return [results.flat()];
}

/**
 * What a run (runItems, runBatches) has made of its items: each item's output, and a failed item's
 * error. With Continue On Fail a failed item gets an error item; without it the run is marked
 * failed (the node is going to stop) and the error kept for `stopError`.
 */
export class ItemLedger {
	readonly results: INodeExecutionData[][];
	/** Without Continue On Fail: every failed item's error (the node stops on the first in input order). */
	readonly errors: unknown[];
	/** With Continue On Fail: the items that failed with a fatal error, so were not sent. */
	readonly notSent: number[] = [];
	failed = false;
	private readonly continueOnFail: boolean;

	constructor(private readonly ctx: IExecuteFunctions) {
		const total = ctx.getInputData().length;
		this.continueOnFail = ctx.continueOnFail();
		this.results = new Array(total);
		this.errors = new Array(total);
	}

	fail(itemIndex: number, error: unknown, fatal = false): void {
		if (this.continueOnFail) {
			this.results[itemIndex] = [errorItem(this.ctx, error, itemIndex)];
			if (fatal) this.notSent.push(itemIndex);
		} else {
			this.failed = true;
			this.errors[itemIndex] = error;
		}
	}
}

/** The warning of a run that went on after a fatal error: which items got it without a call. */
export function fatalHint(ctx: IExecuteFunctions, fatalError: ProviderError, notSent: number[], total: number): void {
	ctx.addExecutionHints({
		message: `${fatalError.message}: ${itemList(notSent)} of ${total} not sent.`,
		type: 'warning',
		location: 'outputPane',
	});
}

/** What the stop error can say of an item. */
type Fate = 'sent' | 'unknown' | 'partial' | 'not-sent';

/** The fate of a failed item: its error says whether anything may have gone out. */
function fateOfError(error: unknown): Fate {
	if (error instanceof InputError) return 'not-sent';
	if (error instanceof ProviderError) {
		if (error.details.delivery === 'unknown' || error.details.delivery === 'partial') return error.details.delivery;
		// "not-sent", or the provider answered with a refusal (or a read failed): nothing went out.
		return 'not-sent';
	}
	// Anything else (a bug, an error of n8n's helpers) may have come after a call went out.
	return 'unknown';
}

// The fields of an output item that identify what the provider did with it (OvoWpp, Mensatek, Wolkvox).
const RECEIPT_KEYS: Array<[string, (json: IDataObject) => unknown]> = [
	['conversationId', (json) => json.conversationId],
	['messageId', (json) => (json.message && typeof json.message === 'object' ? (json.message as IDataObject).id : undefined)],
	['idMensaje', (json) => json.idMensaje],
	['answer', (json) => json.msg],
];

function receipt(result: INodeExecutionData[]): IDataObject {
	const json = result[0]?.json ?? {};
	const ids: IDataObject = {};
	for (const [key, read] of RECEIPT_KEYS) {
		const value = read(json);
		if (value !== undefined && value !== null && value !== '') ids[key] = value as string | number;
	}
	return ids;
}

/**
 * The error a node stops with, telling the whole truth: n8n shows no output for a node that stops,
 * so without it the user would not know which messages went out, and re-running the workflow would
 * send them twice. Message, description and context list (1-based) the items that reached the
 * provider (with the provider's ids where known), those whose fate is unknown, and those not sent,
 * and say what to re-run. `results[i]` is set for an item that succeeded, `errors[i]` for one that
 * failed; an item with neither was never started.
 */
export function stopError(
	ctx: IExecuteFunctions,
	results: Array<INodeExecutionData[] | undefined>,
	errors: unknown[],
): NodeApiError | NodeOperationError {
	const total = ctx.getInputData().length;
	const first = errors.findIndex((error) => error !== undefined);
	const nodeError = toNodeError(ctx.getNode(), errors[first], first);
	const fates: Record<Fate, number[]> = { sent: [], unknown: [], partial: [], 'not-sent': [] };
	const notStarted: number[] = [];
	for (let itemIndex = 0; itemIndex < total; itemIndex++) {
		if (results[itemIndex]) fates.sent.push(itemIndex);
		else if (errors[itemIndex] !== undefined) fates[fateOfError(errors[itemIndex])].push(itemIndex);
		else notStarted.push(itemIndex);
	}
	const notSent = [...fates['not-sent'], ...notStarted].sort((a, b) => a - b);
	const unknown = [...fates.unknown, ...fates.partial].sort((a, b) => a - b);
	const receipts = fates.sent.map((itemIndex) => ({ item: itemIndex + 1, ...receipt(results[itemIndex] ?? []) }));

	const numbers = (list: number[]) => list.map((itemIndex) => itemIndex + 1);
	// n8n keeps and shows the context with the error; it is the same list as data.
	if (!nodeError.context) nodeError.context = {};
	Object.assign(nodeError.context, {
		itemsSent: numbers(fates.sent),
		sentIds: receipts,
		itemsUnknown: numbers(fates.unknown),
		itemsPartial: numbers(fates.partial),
		itemsNotSent: numbers(notSent),
		rerun: notSent.length ? `Re-run only ${itemList(notSent)}` : 'Nothing to re-run',
	});
	// With one item, its own error already says all there is.
	if (total === 1) return nodeError;

	const summary = [
		fates.sent.length ? `${itemList(fates.sent)} sent` : 'nothing sent',
		unknown.length ? `${itemList(unknown)} fate unknown` : '',
		notSent.length ? `${itemList(notSent)} not sent` : '',
	].filter(Boolean);
	nodeError.message = `${nodeError.message} [stopped: ${summary.join('; ')}]`;

	const told: string[] = [`The node stopped on item ${first + 1} of ${total}; n8n shows no output for a node that stops, so here is what became of every item.`];
	if (fates.sent.length) {
		// The ids of a few items fit in the text; all of them (and Wolkvox's answer) are in the context.
		const idText = ({ item, ...ids }: IDataObject) => {
			const shown = Object.entries(ids).filter(([key]) => key !== 'answer');
			return shown.length ? `item ${String(item)}: ${shown.map(([key, value]) => `${key} ${String(value)}`).join(', ')}` : '';
		};
		const texts = receipts.map(idText).filter(Boolean);
		const ids = texts.length && receipts.length <= 10 ? ` (${texts.join('; ')})` : '';
		told.push(`Sent (the provider accepted them): ${itemList(fates.sent)}${ids}. Do not send them again.`);
	} else told.push('No item reached the provider with success.');
	if (fates.unknown.length) {
		told.push(`Fate unknown: ${itemList(fates.unknown)}: the call went out but its answer was lost, so it may or may not have been sent. Check in the provider before sending them again.`);
	}
	if (fates.partial.length) {
		told.push(`Partly sent: ${itemList(fates.partial)}: the provider sent only some recipients of their call and did not say which. Check in the provider before sending them again.`);
	}
	if (notSent.length) {
		const started = fates['not-sent'].length ? ` (${itemList(fates['not-sent'])} refused or invalid; fix ${fates['not-sent'].length === 1 ? 'it' : 'them'} first)` : '';
		const idle = notStarted.length ? ` ${capital(itemList(notStarted))} ${notStarted.length === 1 ? 'was' : 'were'} not started, because no item is started once one has failed.` : '';
		told.push(`Not sent: ${itemList(notSent)}${started}.${idle} Re-run only ${itemList(notSent)}.`);
	}
	told.push('With Settings → On Error → Continue, every item gets its own output instead of a stop.');
	nodeError.description = [nodeError.description, told.join(' ')].filter(Boolean).join('\n\n');

	return nodeError;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "items 1–100" for a run of consecutive items, otherwise "items 1, 3–5, 9 (5 items)". */
export function itemList(indexes: number[]): string {
	const numbers = [...new Set(indexes)].sort((a, b) => a - b).map((i) => i + 1);
	if (numbers.length === 0) return 'no items';
	if (numbers.length === 1) return `item ${numbers[0]}`;
	const runs: string[] = [];
	for (let start = 0; start < numbers.length; ) {
		let end = start;
		while (end + 1 < numbers.length && numbers[end + 1] === numbers[end] + 1) end++;
		runs.push(end === start ? `${numbers[start]}` : `${numbers[start]}–${numbers[end]}`);
		start = end + 1;
	}
	return runs.length === 1 ? `items ${runs[0]}` : `items ${runs.join(', ')} (${numbers.length} items)`;
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
		Object.assign(json, error.details.fields);
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
