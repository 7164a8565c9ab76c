// Wolkvox when n8n is not alone on a token or a customer: another process (a second n8n worker in
// queue mode, another system) uses the same token or writes to the same customer, and knows
// nothing of this process's limiter or spacing. Here "another process" makes its calls straight to
// the sandbox over HTTP with the same token, as a second worker would.
import { afterEach, describe, expect, it } from 'vitest';
import { mobileSpacing } from '../../nodes/Wolkvox/actions/message/sendMobile';
import { chain, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';
import { apiRequests, phoneItems, TOKEN, wolkvoxNode } from './wolkvox-helpers';

const sandbox = useSandbox();
const sendText = { resource: 'message', operation: 'send', connectorId: '1001', phone: '={{$json.phone}}', text: '=Aviso {{$json.n}}' };
const sendMobile = { resource: 'message', operation: 'sendMobile', connectorId: '2001', phone: '={{$json.phone}}', text: '={{$json.text}}' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const saved = { ...mobileSpacing };

afterEach(() => {
	Object.assign(mobileSpacing, saved);
});

/** A call with the demo token straight to the sandbox, as another n8n worker would make it. */
async function otherProcess(api: string, method: 'GET' | 'POST', params: Record<string, string>) {
	const query = new URLSearchParams({ api, ...(method === 'GET' ? params : {}) });
	const response = await fetch(`${sandbox.url}/wolkvox/api/v2/whatsapp.php?${query}`, {
		method,
		headers: { 'wolkvox-token': TOKEN, 'content-type': 'application/json' },
		body: method === 'POST' ? JSON.stringify(params) : undefined,
	});
	return { status: response.status, body: await response.json() };
}

const run = (items: Array<{ json: Record<string, unknown> }>, parameters: Record<string, unknown>) =>
	runWorkflow(chain(itemsNode(items), wolkvoxNode(parameters, { continueOnFail: true })), { wolkvoxApi: sandbox.credentials('wolkvoxApi') });

/** Times (ms) at which the sandbox accepted each message to a number, in order. */
async function acceptedAt(to: string) {
	return (await sandbox.messages('wolkvox')).filter((m) => m.to === to).map((m) => Date.parse(m.at));
}
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

describe('another process holds one of the token\'s two places', () => {
	it('the node falls back to one call at a time instead of being refused call after call, and sends every item once', async () => {
		await sandbox.config({ provider: 'wolkvox', latencyMs: 30 });
		// The other process keeps one call in flight all the time (a read, so its calls are easy to tell apart).
		let stop = false;
		const other = (async () => {
			while (!stop) {
				const { status } = await otherProcess('list_templates', 'GET', { connector_id: '1001' });
				if (status === 403) await sleep(10);
			}
		})();
		const items = phoneItems(40);
		const result = await run(items, sendText).finally(async () => {
			stop = true;
			await other;
		});
		const out = result.output('Wolkvox');
		expect(out.filter((item) => item.json.error)).toEqual([]);
		expect(out.map((item) => item.json.sent)).toEqual(Array(40).fill(true));
		const sent = (await sandbox.messages('wolkvox')).map((m) => m.to);
		expect(sent.length).toBe(40);
		expect(new Set(sent).size).toBe(40);
		// Refused on the first overlap, then only on a rare probe for its second place (quiet times of
		// 1, 2, 4… s). The fixed limiter of before was refused about as rarely but waited out each
		// refusal holding its place (4–7 s here against 3–4 s): that difference is the benchmark's.
		const refused = (await apiRequests(sandbox, 'send_message_official')).filter((r) => r.status === 403);
		expect(refused.length).toBeLessThanOrEqual(6);
	});
});

describe('Send Mobile Message: one message per customer every 20 seconds', () => {
	it('counts the 20 seconds from the answer, so a send that waited for a place is not followed too soon', async () => {
		// Sandbox and node both at 600 ms; every call takes 300 ms.
		Object.assign(mobileSpacing, { ms: 600, marginMs: 100 });
		await sandbox.config({ provider: 'wolkvox', latencyMs: 300, wolkvoxMobilIntervalMs: 600 });
		const customer = '573004450001';
		// An execution holds both places of the token, so the first mobile message waits for one.
		const busy = run(phoneItems(2), sendText);
		const started = Date.now();
		while ((await sandbox.control('GET', 'wolkvox/stats')).tokens[TOKEN].inFlight < 2 && Date.now() - started < 5000) await sleep(5);
		const mobile = await run(
			[{ json: { phone: customer, text: 'uno' } }, { json: { phone: customer, text: 'dos' } }],
			sendMobile,
		);
		await busy;
		expect(mobile.output('Wolkvox').map((item) => item.json.error ?? item.json.sent)).toEqual([true, true]);
		expect((await apiRequests(sandbox, 'send_message_mobil')).map((r) => r.status)).toEqual([201, 201]);
		expect(gaps(await acceptedAt(customer))[0]).toBeGreaterThanOrEqual(600);
	});

	it('another process wrote to the customer: each refusal is shown in Wolkvox\'s words and not sent again', async () => {
		// Wolkvox's answer inside the 20 s is [open], so the node cannot tell this refusal from any other.
		Object.assign(mobileSpacing, { ms: 500, marginMs: 50 });
		await sandbox.config({ provider: 'wolkvox', wolkvoxMobilIntervalMs: 5000 });
		const customer = '573004450002';
		expect((await otherProcess('send_message_mobil', 'POST', { connector_id: '2001', telephone: customer, message: 'otro proceso', url_attach: '' })).status).toBe(201);
		// Three executions at once to the same customer, right after the other process's message.
		const runs = await Promise.all(['a', 'b', 'c'].map((text) => run([{ json: { phone: customer, text } }], sendMobile)));
		for (const result of runs) {
			const [item] = result.output('Wolkvox');
			expect(item.json).toMatchObject({ httpCode: 403, delivery: 'not-sent', error: expect.stringMatching(/^Item 1: Wolkvox refused the message: \S/) });
			expect(item.json.description).toMatch(/not sent again/);
		}
		expect((await apiRequests(sandbox, 'send_message_mobil')).map((r) => r.status)).toEqual([201, 403, 403, 403]);
		expect((await sandbox.messages('wolkvox')).map((m) => m.text)).toEqual(['otro proceso']);
	});
});
