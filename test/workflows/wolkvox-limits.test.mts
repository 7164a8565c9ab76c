// Wolkvox's limits, made a feature: two calls in flight per token across the whole process, the
// provider's concurrency 403 retried without sending twice, and the daily budget stopping the run.
import { describe, expect, it } from 'vitest';
import { retryPolicy } from '../../nodes/Wolkvox/transport';
import { chain, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';
import { apiRequests, digitsOf, phoneItems, runWolkvox, tokenStats, wolkvoxNode } from './wolkvox-helpers';

const sandbox = useSandbox();
const OTHER_TOKEN = 'wv_demo_token_second_9876543210';
const sendText = { resource: 'message', operation: 'send', connectorId: '1001', phone: '={{$json.phone}}', text: '=Aviso {{$json.n}}' };
const sandboxStats = () => sandbox.control('GET', 'stats');

/** Every number of the items, and how many times the sandbox recorded a message to it. */
async function deliveries() {
	const counts = new Map<string, number>();
	for (const message of await sandbox.messages('wolkvox')) counts.set(message.to, (counts.get(message.to) ?? 0) + 1);
	return counts;
}

describe('two requests in flight per token', () => {
	it('sends 50 items through a slow Wolkvox with no 403 and never more than two in flight', async () => {
		await sandbox.config({ provider: 'wolkvox', latencyMs: 25 });
		const items = phoneItems(50);
		const { out, error } = await runWolkvox(sandbox, items, sendText, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(out).toHaveLength(50);
		// Zero errors (403 or other) reached the output: every item is sent, in input order.
		expect(out.filter((item) => item.json.error)).toEqual([]);
		expect(out.map((item) => item.json.to)).toEqual(items.map((item) => digitsOf(String(item.json!.phone))));
		expect(out.map((item) => item.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));

		const stats = await tokenStats(sandbox);
		expect(stats.maxInFlight).toBe(2); // parallel, but never more than the provider allows
		expect(stats.rejectedConcurrency).toBe(0); // the provider never had to refuse
		expect((await sandboxStats()).maxInFlight.wolkvox).toBeLessThanOrEqual(2); // every request, refused ones included
		const counts = await deliveries();
		expect(counts.size).toBe(50);
		expect([...counts.values()].every((n) => n === 1)).toBe(true);
	});

	it('shares the two places between executions that use the same token', async () => {
		await sandbox.config({ provider: 'wolkvox', latencyMs: 25 });
		const credentials = { wolkvoxApi: sandbox.credentials('wolkvoxApi') };
		const workflow = (from: number, count: number) =>
			chain(itemsNode(phoneItems(from + count).slice(from)), wolkvoxNode({ ...sendText }, { continueOnFail: true }));
		// Two executions at once, as when a trigger fires while a campaign runs.
		const [a, b] = await Promise.all([runWorkflow(workflow(0, 20), credentials), runWorkflow(workflow(20, 20), credentials)]);
		for (const result of [a, b]) expect(result.output('Wolkvox').filter((item) => item.json.error)).toEqual([]);
		const stats = await tokenStats(sandbox);
		expect(stats.rejectedConcurrency).toBe(0);
		expect((await sandboxStats()).maxInFlight.wolkvox).toBeLessThanOrEqual(2);
		expect((await deliveries()).size).toBe(40);
	});

	it('keeps tokens apart: another token has its own two places', async () => {
		await sandbox.config({ provider: 'wolkvox', latencyMs: 30 });
		const workflow = (from: number) => chain(itemsNode(phoneItems(from + 20).slice(from)), wolkvoxNode({ ...sendText }, { continueOnFail: true }));
		const demo = sandbox.credentials('wolkvoxApi');
		const [a, b] = await Promise.all([
			runWorkflow(workflow(0), { wolkvoxApi: demo }),
			runWorkflow(workflow(20), { wolkvoxApi: { ...demo, token: OTHER_TOKEN } }),
		]);
		for (const result of [a, b]) expect(result.output('Wolkvox').filter((item) => item.json.error)).toEqual([]);
		expect((await tokenStats(sandbox)).maxInFlight).toBe(2);
		expect((await tokenStats(sandbox, OTHER_TOKEN)).maxInFlight).toBe(2);
		// Four at once in all: the limit is per token, not per provider.
		expect((await sandboxStats()).maxInFlight.wolkvox).toBe(4);
	});
});

describe('the provider\'s concurrency 403 (another system on the same token)', () => {
	it('waits and retries each refused call: every item is sent exactly once', async () => {
		await sandbox.control('POST', 'wolkvox/reject-concurrency', { count: 5 });
		const items = phoneItems(10);
		const { out, error } = await runWolkvox(sandbox, items, sendText, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(out.filter((item) => item.json.error)).toEqual([]);
		expect(out.map((item) => item.json.sent)).toEqual(Array(10).fill(true));

		const counts = await deliveries();
		expect([...counts.keys()].sort()).toEqual(items.map((item) => digitsOf(String(item.json!.phone))).sort());
		expect([...counts.values()].every((n) => n === 1)).toBe(true);
		const requests = await apiRequests(sandbox, 'send_message_official');
		expect(requests.filter((r) => r.status === 403)).toHaveLength(5);
		expect(requests.filter((r) => r.status === 201)).toHaveLength(10);
		expect((await tokenStats(sandbox)).forcedRejections).toBe(5);
	});

	it('gives up after its retries with an item error that says nothing was sent', async () => {
		await sandbox.control('POST', 'wolkvox/reject-concurrency', { count: 1000 });
		const saved = { ...retryPolicy };
		retryPolicy.refusedForMs = 300; // the same retries, without two minutes of waiting
		const { out } = await runWolkvox(sandbox, [{ json: { phone: '573001234567', n: 1 } }], sendText, { continueOnFail: true }).finally(() =>
			Object.assign(retryPolicy, saved),
		);
		expect(out[0].json).toMatchObject({
			error: 'Item 1: Wolkvox kept refusing the call: EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)',
			delivery: 'not-sent',
			httpCode: 403,
		});
		expect(out[0].json.description).toMatch(/another system is using the same token/);
		const requests = await apiRequests(sandbox, 'send_message_official');
		expect(requests.length).toBeGreaterThanOrEqual(2); // the call, and tries again until the time was up
		expect(requests.every((r) => r.status === 403)).toBe(true);
		expect(await sandbox.messages('wolkvox')).toEqual([]);
	});
});

describe('the daily budget', () => {
	// 997 of 1000 calls already used today: three more go through.
	const spendAllButThree = () => sandbox.control('POST', 'wolkvox/usage', { used: 997 });

	it('stops the run with an error that says the budget is spent and which items went out', async () => {
		await spendAllButThree();
		const { out, error } = await runWolkvox(sandbox, phoneItems(8), sendText);
		expect(out).toEqual([]);
		expect(error?.message).toBe('Item 4: The daily budget of Wolkvox calls for this account is spent (TOKEN LIMIT EXCEEDED) [stopped: items 1–3 sent; items 4–8 not sent]');
		expect(error?.description).toMatch(/the account \(all its tokens together\) its number of licences × 1000 calls a day/);
		expect(error?.description).toMatch(/Sent \(the provider accepted them\): items 1–3\./);
		expect((await sandbox.messages('wolkvox')).map((m) => m.text)).toEqual(['Aviso 0', 'Aviso 1', 'Aviso 2']);
		// Nothing more was tried once the budget was known to be spent.
		expect((await apiRequests(sandbox, 'send_message_official')).length).toBeLessThanOrEqual(5);
	});

	it('with Continue On Fail, the items sent keep their output and the rest get the error, unsent', async () => {
		await spendAllButThree();
		const { out, error, runData } = await runWolkvox(sandbox, phoneItems(8), sendText, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(out).toHaveLength(8);
		expect(out.slice(0, 3).map((item) => item.json.sent)).toEqual([true, true, true]);
		for (const [offset, item] of out.slice(3).entries()) {
			expect(item.json).toMatchObject({
				error: `Item ${offset + 4}: The daily budget of Wolkvox calls for this account is spent (TOKEN LIMIT EXCEEDED)`,
				delivery: 'not-sent',
			});
			expect(item.pairedItem).toEqual({ item: offset + 3 });
		}
		expect(runData.hints).toEqual([
			expect.objectContaining({ type: 'warning', message: expect.stringMatching(/TOKEN LIMIT EXCEEDED\): items 4–8 of 8 not sent\.$/) }),
		]);
		expect((await sandbox.messages('wolkvox')).length).toBe(3);
		// Items 6 to 8 were never sent to Wolkvox: at most two calls were in flight when the budget ran out.
		expect((await apiRequests(sandbox, 'send_message_official')).length).toBeLessThanOrEqual(5);
	});

	it('with "Continue (using error output)", the unsent items leave by the error output', async () => {
		await spendAllButThree();
		const { out, runData } = await runWolkvox(sandbox, phoneItems(5), sendText, { onError: 'continueErrorOutput' });
		expect(out.map((item) => item.json.to)).toEqual(['573100000000', '573100000001', '573100000002']);
		const errors = runData.data.main[1];
		expect(errors.map((item: { json: { error: string } }) => item.json.error)).toEqual([
			'Item 4: The daily budget of Wolkvox calls for this account is spent (TOKEN LIMIT EXCEEDED)',
			'Item 5: The daily budget of Wolkvox calls for this account is spent (TOKEN LIMIT EXCEEDED)',
		]);
		expect(errors.map((item: { pairedItem: unknown }) => item.pairedItem)).toEqual([{ item: 3 }, { item: 4 }]);
	});
});
