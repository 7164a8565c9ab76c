// A stop tells the whole truth (issue 10, failure 1). With Continue On Fail off and the default
// calls in flight, one item fails while others are already out: n8n shows no output for a node
// that stops, so its error must list what reached the provider, what has an unknown fate, and what
// was not sent, and nothing may be started once the failure is known. Each case checks the error
// against what the sandbox really received.
//
// The failing request is chosen by a sandbox fault rule (by recipient), answered at once; the
// other requests wait until that rule has applied and then for LATENCY_MS, so the failure is the
// first answer the node gets, whatever the machine's load.
import { describe, expect, it } from 'vitest';
import { chain, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';
import { runOvo } from './ovowpp-helpers';
import { digitsOf, phoneItems, runWolkvox } from './wolkvox-helpers';

const sandbox = useSandbox();
const LATENCY_MS = 300;
const COUNT = 10;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

type StopError = (Error & { description?: string; context?: Record<string, any> }) | undefined;

/** The stop error's lists (1-based item numbers) and its text, checked together. */
function expectStop(error: StopError, expected: { at: number; sent: number[]; unknown: number[]; notSent: number[]; summary: string }) {
	expect(error).toBeDefined();
	expect(error!.message).toMatch(new RegExp(`^Item ${expected.at}: `));
	expect(error!.message.endsWith(` [stopped: ${expected.summary}]`)).toBe(true);
	expect(error!.context).toMatchObject({
		item: expected.at,
		itemsSent: expected.sent,
		itemsUnknown: expected.unknown,
		itemsNotSent: expected.notSent,
	});
	// No 0-based itemIndex: n8n's editor would append "[item N-1]" to the message (test/workflows/input-refusals.test.mts).
	expect(error!.context!.itemIndex).toBeUndefined();
	expect(error!.context!.sentIds.map((r: { item: number }) => r.item)).toEqual(expected.sent);
	expect(error!.description).toMatch(/n8n shows no output for a node that stops/);
}

describe('a stop tells the whole truth: OvoWpp, 10 items, 5 in flight', () => {
	const mobile = (n: number) => `6${String(n).padStart(8, '0')}`; // item n (1-based)
	const items = range(1, COUNT).map((n) => ({ json: { mobile: mobile(n), text: `stop-ovo-${n}` } }));
	const send = { resource: 'message', operation: 'send', countryCode: '34', mobile: '={{$json.mobile}}', messageType: 'text', text: '={{$json.text}}' };
	const delivered = async () => (await sandbox.messages('ovowpp')).map((m) => Number(/^stop-ovo-(\d+)$/.exec(m.text)?.[1])).sort((a, b) => a - b);
	const rule = (fault: Record<string, unknown>) =>
		// Quirks off: the service sends to a number that is not a contact yet, so each item is one call.
		sandbox.config({ provider: 'ovowpp', quirks: false, latencyMs: LATENCY_MS, faultRules: [{ path: 'send-message', field: 'mobile', equals: mobile(2), holdOthers: true, ...fault }] });

	it('item 2 refused: items 1, 3, 4, 5 reached the provider (with their ids), 2 and 6–10 did not, and 6–10 were never started', async () => {
		await rule({ fault: 'answer', status: 200, body: { remark: 'validation_error', status: 'error', message: ['The mobile format is invalid.'] } });
		const { out, error } = await runOvo(sandbox, items, send);
		expect(out).toEqual([]);
		expectStop(error, { at: 2, sent: [1, 3, 4, 5], unknown: [], notSent: [2, ...range(6, 10)], summary: 'items 1, 3–5 (4 items) sent; items 2, 6–10 (6 items) not sent' });
		expect(error!.message).toMatch(/^Item 2: The mobile format is invalid\./);
		expect(error!.description).toMatch(/Re-run only items 2, 6–10 \(6 items\)\./);
		expect(error!.description).toMatch(/Items 6–10 were not started/);

		// Exactly items 1, 3, 4, 5 were delivered, each with the ids the error gives.
		expect(await delivered()).toEqual([1, 3, 4, 5]);
		const messages = await sandbox.messages('ovowpp');
		for (const receipt of error!.context!.sentIds) {
			const message = messages.find((m) => m.text === `stop-ovo-${receipt.item}`);
			expect(receipt.conversationId).toBe(message.conversationId);
			expect(receipt.messageId).toEqual(expect.any(Number));
		}
		// Nothing was started after the failure: five sends, one per item in flight.
		expect((await sandbox.requests('ovowpp')).filter((r) => r.path.includes('send-message'))).toHaveLength(5);
	});

	it('item 2 dropped after the send: its fate is unknown (and it did arrive), 1, 3, 4, 5 sent, 6–10 not sent', async () => {
		await rule({ fault: 'drop-after' });
		const { error } = await runOvo(sandbox, items, send);
		expectStop(error, { at: 2, sent: [1, 3, 4, 5], unknown: [2], notSent: range(6, 10), summary: 'items 1, 3–5 (4 items) sent; item 2 fate unknown; items 6–10 not sent' });
		expect(error!.description).toMatch(/Fate unknown: item 2: .*Check in the provider before sending them again\./);
		expect(error!.description).toMatch(/Re-run only items 6–10\./);
		expect(await delivered()).toEqual([1, 2, 3, 4, 5]);
		expect((await sandbox.requests('ovowpp')).filter((r) => r.path.includes('send-message'))).toHaveLength(5);
	});
});

describe('a stop tells the whole truth: Wolkvox, 10 items, 2 in flight', () => {
	const items = phoneItems(COUNT); // item n has n - 1 in its number
	const send = { resource: 'message', operation: 'send', connectorId: '1001', phone: '={{$json.phone}}', text: '=Aviso {{$json.n}}' };
	const delivered = async () => (await sandbox.messages('wolkvox')).map((m) => Number(/^Aviso (\d+)$/.exec(m.text)?.[1]) + 1).sort((a, b) => a - b);
	const rule = (fault: Record<string, unknown>) =>
		sandbox.config({
			provider: 'wolkvox',
			latencyMs: LATENCY_MS,
			faultRules: [{ field: 'telephone', equals: digitsOf(String(items[1].json!.phone)), holdOthers: true, ...fault }],
		});

	it('item 2 refused: item 1 sent (with Wolkvox\'s answer), items 2–10 not sent, 3–10 never started', async () => {
		await rule({ fault: 'answer', status: 400, body: { code: 400, error: 'BAD REQUEST', msg: 'SOME PARAMETERS ARE REQUIRED' } });
		const { out, error } = await runWolkvox(sandbox, items, send);
		expect(out).toEqual([]);
		expectStop(error, { at: 2, sent: [1], unknown: [], notSent: range(2, 10), summary: 'item 1 sent; items 2–10 not sent' });
		expect(error!.context!.sentIds).toEqual([{ item: 1, answer: 'Message has been sent successfully' }]);
		expect(error!.description).toMatch(/Re-run only items 2–10\./);
		expect(await delivered()).toEqual([1]);
		expect((await sandbox.requests('wolkvox')).filter((r) => r.path.includes('send_message_official'))).toHaveLength(2);
	});

	it('item 2 dropped after the send: item 1 sent, item 2 fate unknown (it arrived), 3–10 not sent', async () => {
		await rule({ fault: 'drop-after' });
		const { error } = await runWolkvox(sandbox, items, send);
		expectStop(error, { at: 2, sent: [1], unknown: [2], notSent: range(3, 10), summary: 'item 1 sent; item 2 fate unknown; items 3–10 not sent' });
		expect(await delivered()).toEqual([1, 2]);
		expect((await sandbox.requests('wolkvox')).filter((r) => r.path.includes('send_message_official'))).toHaveLength(2);
	});
});

describe('a stop tells the whole truth: Mensatek, 30 items in 10 calls of 3, default calls in flight', () => {
	const phone = (n: number) => `34600${String(n).padStart(6, '0')}`; // item n (1-based)
	const items = range(1, 30).map((n) => ({ json: { phone: phone(n) } }));
	const node = {
		name: 'Mensatek',
		type: 'n8n-nodes-whatsapp-gateways.mensatek',
		typeVersion: 1,
		parameters: { resource: 'message', operation: 'send', phone: '={{$json.phone}}', messageType: 'TEXTO', text: 'Aviso', options: { batchSize: 3 } },
		credentials: { mensatekApi: { id: '1', name: 'Mensatek sandbox' } },
	};
	const run = async () => {
		const result = await runWorkflow(chain(itemsNode(items), node), { mensatekApi: sandbox.credentials('mensatekApi') });
		return { out: result.output('Mensatek'), error: result.error('Mensatek') as StopError };
	};
	const delivered = async () => (await sandbox.messages('mensatek')).map((m) => Number(m.to.slice(-6))).sort((a, b) => a - b);
	const sends = async () => (await sandbox.requests('mensatek')).filter((r) => r.path.endsWith('/EnviarWHATSAPP'));
	// Call 2 carries items 4–6: the rule finds it by item 4's phone.
	const rule = (fault: Record<string, unknown>) =>
		sandbox.config({ provider: 'mensatek', latencyMs: LATENCY_MS, faultRules: [{ path: 'EnviarWHATSAPP', contains: `"Telefono":"${phone(4)}"`, holdOthers: true, ...fault }] });

	it('call 2 of 10 refused: items 1–3 sent (with the idMensaje), 4–30 not sent, no call after it started', async () => {
		await rule({ fault: 'answer', status: 200, body: [{ Res: -3, Error: 'Falta parámetro obligatorio' }] });
		const { out, error } = await run();
		expect(out).toEqual([]);
		expectStop(error, { at: 4, sent: [1, 2, 3], unknown: [], notSent: range(4, 30), summary: 'items 1–3 sent; items 4–30 not sent' });
		expect(error!.message).toMatch(/^Item 4: Falta parámetro obligatorio \(call 2 of 10, items 4–6\) \[stopped/);
		const [message] = await sandbox.messages('mensatek');
		expect(error!.context!.sentIds).toEqual([1, 2, 3].map((item) => ({ item, idMensaje: message.idMensaje })));
		expect(error!.description).toMatch(new RegExp(`item 1: idMensaje ${message.idMensaje}`));
		expect(error!.description).toMatch(/Re-run only items 4–30\./);
		expect(await delivered()).toEqual([1, 2, 3]);
		expect(await sends()).toHaveLength(2);
	});

	it('call 2 of 10 dropped after Mensatek took it: items 1–3 sent, 4–6 fate unknown (they arrived), 7–30 not sent', async () => {
		await rule({ fault: 'drop-after' });
		const { error } = await run();
		expectStop(error, { at: 4, sent: [1, 2, 3], unknown: [4, 5, 6], notSent: range(7, 30), summary: 'items 1–3 sent; items 4–6 fate unknown; items 7–30 not sent' });
		expect(error!.message).toMatch(/^Item 4: The connection was lost after the message was handed to the provider \(call 2 of 10, items 4–6\)/);
		expect(error!.description).toMatch(/Re-run only items 7–30\./);
		expect(await delivered()).toEqual(range(1, 6));
		expect(await sends()).toHaveLength(2);
	});
});
