// OvoWpp Send at default settings finds what the provider takes: against the sandbox's provider with
// a capacity of 8 it rises to 8 with at most 1 % refused, and it backs off on refusals (429, 503,
// WhatsApp's throttling relayed inside an answer). Asserted on what the sandbox counted, never on time.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';
import { runOvo } from './ovowpp-helpers';

const sandbox = useSandbox();
const phone = (i: number) => `6${String(10_000_000 + i)}`;
const send = { resource: 'message', operation: 'send', countryCode: '34', mobile: '={{ $json.mobile }}', messageType: 'text', text: '={{ $json.text }}' };

/** Customers who wrote in: the node sends to existing contacts with one call each. */
async function customers(n: number) {
	for (let i = 0; i < n; i++) {
		await sandbox.control('POST', 'ovowpp/incoming', { mobile_code: '34', mobile: phone(i), message: 'Hola', firstname: 'C', lastname: String(i) });
	}
	return Array.from({ length: n }, (_, i) => ({ json: { mobile: phone(i), text: `Hola ${i}` } }));
}

describe('OvoWpp Send: as many in flight as the provider takes', () => {
	it('sends 200 messages at default settings to a provider that serves 8 at once: each once, ≤ 1 % refused, up to 8 in flight', async () => {
		const items = await customers(200);
		// 50 ms a call: a busy test machine's own delays stay small beside the provider's time.
		await sandbox.config({ provider: 'ovowpp', capacity: 8, queue: 4, latencyMs: 50, resetStats: true });
		const { out, error } = await runOvo(sandbox, items, send, { continueOnFail: true });
		expect(error).toBeUndefined();
		const stats = await sandbox.control('GET', 'stats');
		const refused = stats.refusedCapacity.ovowpp;
		expect(refused).toBeLessThanOrEqual(2);
		expect(stats.maxServing.ovowpp).toBe(8);
		// Every message accepted exactly once; a refused one is an error item, never sent twice.
		const sent = (await sandbox.messages('ovowpp')).map((m) => m.to);
		expect(new Set(sent).size).toBe(sent.length);
		expect(sent).toHaveLength(200 - refused);
		expect(out.filter((item) => item.json.sent === true)).toHaveLength(200 - refused);
		expect((await sandbox.requests('ovowpp')).filter((r) => r.path.includes('send-message'))).toHaveLength(200);
	});

	const refusals: Array<[string, Record<string, unknown>]> = [
		['HTTP 429', { status: 429, body: 'Too Many Requests', type: 'text/plain' }],
		['HTTP 503', { status: 503, body: '<html><body>503 Service Unavailable</body></html>', type: 'text/html' }],
		['WhatsApp throughput limit relayed (130429)', { status: 200, body: { remark: 'exception', status: 'error', message: ['(#130429) Rate limit hit'] } }],
		['WhatsApp pair rate limit relayed (131056)', { status: 200, body: { remark: 'exception', status: 'error', message: ['(#131056) (Business Account, Consumer Account) pair rate limit hit'] } }],
	];
	it.each(refusals)('backs off to one call at a time while every send is refused: %s', async (_, cannedAnswer) => {
		const items = await customers(20);
		await sandbox.config({ provider: 'ovowpp', latencyMs: 20, cannedAnswer });
		const { out } = await runOvo(sandbox, items, send, { continueOnFail: true });
		expect(out.every((item) => item.json.error !== undefined)).toBe(true);
		const calls = (await sandbox.requests('ovowpp')).filter((r) => r.path.includes('send-message'));
		expect(calls).toHaveLength(20); // each tried once: the limiter never repeats a send
		// Calls 1–5 start at once; a refusal of one of them halves the limit (5 → 2), and a refusal of
		// call 6 or 7, started after that, halves it again (→ 1): from call 8 on each goes alone.
		// (The others' refusals were of calls started before a change and do not count twice.)
		expect(calls.slice(7).map((r: any) => r.inFlight)).toEqual(new Array(13).fill(1));
	});

	it('does not back off for an answer that is no throttling (another relayed WhatsApp error)', async () => {
		const items = await customers(40);
		await sandbox.config({ provider: 'ovowpp', latencyMs: 20, cannedAnswer: { status: 200, body: { remark: 'exception', status: 'error', message: ['(#131030) Recipient phone number not in allowed list'] } } });
		await runOvo(sandbox, items, send, { continueOnFail: true });
		const calls = (await sandbox.requests('ovowpp')).filter((r) => r.path.includes('send-message'));
		expect(Math.max(...calls.slice(7).map((r: any) => r.inFlight))).toBeGreaterThanOrEqual(5);
	});
});
