// Shared checks of the fault suite: what the sandbox recorded (every request, with the fields it
// carried, and every message it accepted) against what the node put out for each item.
import type { INodeExecutionData } from 'n8n-workflow';
import { expect } from 'vitest';
import type { Sandbox } from '../helpers/sandbox';

/** A request as the sandbox logs it when started with `logBodies`. */
export interface LoggedRequest {
	provider: string;
	method: string;
	path: string;
	status: number;
	outcome: string;
	slow?: boolean;
	fields?: any;
}

/**
 * The faults every provider gets: 5 % 5xx, 5 % drops before and after processing, 2 % too slow.
 * "Too slow" is relative, not a race: the sandbox holds a slow request until the node has given up
 * on it (closed the connection), then 1 s more before processing it, so it is late for the node's
 * Timeout however slow the machine is (sandbox/server.mjs, slowUntilClosed). SLOW_MS, the most it
 * waits for the node to give up, is twice the Timeout: the node's timer (in the same process, started
 * first) always fires first.
 */
export const FAULTS = { latencyMs: 2, errorRate: 0.05, dropBeforeRate: 0.05, dropAfterRate: 0.05, slowRate: 0.02, slowUntilClosed: 1000 };
/**
 * The Timeout option of the fault runs: generous, so that an answer that is not held back arrives
 * in time even on a loaded machine (and if one does not, checkItems accepts the item's "unknown").
 */
export const TIMEOUT_MS = 3000;
export const SLOW_MS = 2 * TIMEOUT_MS;
/** Per-test timeout of the fault runs: generous, a slow machine must finish, not race a budget. */
export const FAULT_TEST_TIMEOUT = 900_000;

/** What the node said about an item: sent, not sent, fate unknown, or failed on the provider's answer. */
export type Fate = 'sent' | 'not-sent' | 'unknown' | 'failed';
export function fateOf(item: INodeExecutionData): Fate {
	const json = item.json;
	if (json.error === undefined) return 'sent';
	if (json.delivery === 'unknown') return 'unknown';
	if (json.delivery === 'not-sent') return 'not-sent';
	return 'failed';
}

/** The client never got this request's answer: the connection was closed, or the answer came too late. */
export const answerLost = (request: LoggedRequest) =>
	request.outcome === 'dropped-before' || request.outcome === 'dropped-after' || request.slow === true;

/** Waits until the sandbox has finished every request (slow ones go on after the client gave up). Also run after each test by useSandbox. */
export async function settled(sandbox: Sandbox): Promise<void> {
	for (;;) {
		const stats = await sandbox.control('GET', 'stats');
		if (Object.values(stats.inFlight as Record<string, number>).every((n) => n === 0)) return;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

export interface FaultRun {
	/** The node's output. */
	out: INodeExecutionData[];
	/** How many items went in. */
	count: number;
	/** The sandbox's requests that carried item i, in order. */
	requestsOf: (i: number) => LoggedRequest[];
	/** How many messages of item i the sandbox accepted. */
	acceptedOf: (i: number) => number;
	/** Accepted messages that belong to no input item. */
	stray: number;
}

/**
 * The promises of the fault suite, checked item by item; returns how the items ended.
 * - one output per input, paired, in order;
 * - no message accepted twice, and none that belongs to no item;
 * - "sent" was accepted once; "not sent" was not accepted; a failure on the provider's answer was not accepted;
 * - nothing was repeated after its answer was lost (only the last request of an item may have lost it);
 * - an item whose last request lost its answer is reported "unknown", and an "unknown" item lost its
 *   answer (or got a 5xx without the provider's answer, or timed out on the client's side).
 */
export function checkItems(run: FaultRun): Record<Fate, number> {
	const problems: string[] = [];
	const fates: Record<Fate, number> = { sent: 0, 'not-sent': 0, unknown: 0, failed: 0 };
	expect(run.out).toHaveLength(run.count);
	expect(run.stray).toBe(0);
	run.out.forEach((item, i) => {
		const at = `item ${i}`;
		if ((item.pairedItem as { item: number }).item !== i) problems.push(`${at}: paired with ${JSON.stringify(item.pairedItem)}`);
		const fate = fateOf(item);
		fates[fate]++;
		const requests = run.requestsOf(i);
		const accepted = run.acceptedOf(i);
		const last = requests[requests.length - 1];
		const timedOut = /ECONNABORTED|ETIMEDOUT|timeout/i.test(String(item.json.description));
		// The node gave up before its request was even logged (a very loaded machine): "unknown" is the truth it can tell.
		if (!last && !(fate === 'unknown' && timedOut)) problems.push(`${at}: no request reached the sandbox (${fate})`);
		if (accepted > 1) problems.push(`${at}: accepted ${accepted} times`);
		if (fate === 'sent' && accepted !== 1) problems.push(`${at}: reported sent, accepted ${accepted} times`);
		if ((fate === 'not-sent' || fate === 'failed') && accepted !== 0) problems.push(`${at}: reported ${fate}, yet accepted`);
		if (fate === 'failed' && last && answerLost(last)) problems.push(`${at}: failed on an answer it never got`);
		requests.slice(0, -1).forEach((request, n) => {
			if (answerLost(request)) problems.push(`${at}: request ${n + 1} of ${requests.length} lost its answer (${request.outcome}${request.slow ? ', slow' : ''}) and was repeated`);
		});
		if (last && answerLost(last) && fate !== 'unknown') problems.push(`${at}: its answer was lost (${last.outcome}${last.slow ? ', slow' : ''}) but it is reported ${fate}`);
		if (fate === 'unknown' && last && !answerLost(last)) {
			const answered5xx = Number(item.json.httpCode) >= 500;
			if (!answered5xx && !timedOut) problems.push(`${at}: reported unknown, but its last request was answered ${last.status}`);
		}
	});
	expect(problems).toEqual([]);
	return fates;
}

/** Counts of what the sandbox did to the requests: the faults that were really injected. */
export function faultCounts(requests: LoggedRequest[]) {
	return {
		requests: requests.length,
		'5xx': requests.filter((r) => r.status >= 500 && r.outcome === 'answered').length,
		droppedBefore: requests.filter((r) => r.outcome === 'dropped-before').length,
		droppedAfter: requests.filter((r) => r.outcome === 'dropped-after').length,
		slow: requests.filter((r) => r.slow).length,
		refused403: requests.filter((r) => r.status === 403).length,
	};
}

/** Group a request log by item, given which items a request carries. */
export function byItem(requests: LoggedRequest[], itemsOf: (request: LoggedRequest) => number[], count: number) {
	const lists: LoggedRequest[][] = Array.from({ length: count }, () => []);
	for (const request of requests) for (const i of itemsOf(request)) lists[i]?.push(request);
	return (i: number) => lists[i];
}
