// Per-recipient truth for Mensatek's batched sends (issue 10, failure 2), and batch calls in flight
// (issue 16). Mensatek answers a call with counts, Enviados and NoEnviados, and free text in Error;
// it does not say which recipients it left out. An item is `sent: true` only when its recipient
// surely was sent. The sandbox counts the numbers given in `mensatekNotSent` as not sent.
import { describe, expect, it } from 'vitest';
import { chain, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';

const sandbox = useSandbox();
const NAME = 'Mensatek';
const phone = (n: number) => `34600${String(n).padStart(6, '0')}`; // item n (1-based)
const WORDS = 'el número no tiene WhatsApp'; // the sandbox's Error text for a number it did not send

function run(count: number, options: Record<string, unknown>, extra: Record<string, unknown> = {}) {
	const items = Array.from({ length: count }, (_, i) => ({ json: { phone: phone(i + 1), text: `Aviso ${i + 1}` } }));
	const node = {
		name: NAME,
		type: 'n8n-nodes-whatsapp-gateways.mensatek',
		typeVersion: 1,
		parameters: { resource: 'message', operation: 'send', phone: '={{$json.phone}}', messageType: 'TEXTO', text: 'Aviso', options },
		credentials: { mensatekApi: { id: '1', name: 'Mensatek sandbox' } },
		...extra,
	};
	return runWorkflow(chain(itemsNode(items), node), { mensatekApi: sandbox.credentials('mensatekApi') });
}
const delivered = async () => (await sandbox.messages('mensatek')).map((m) => m.to).sort();

describe('Mensatek: an item is sent only when its recipient was', () => {
	it('one recipient per call, refused by Mensatek inside an accepted call: a plain item error, not sent', async () => {
		await sandbox.config({ mensatekNotSent: [phone(2)] });
		const result = await run(3, { batchSize: 1 }, { continueOnFail: true });
		const out = result.output(NAME);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out.map((o) => o.json.sent)).toEqual([true, false, true]);
		expect(out[1].json).toMatchObject({
			error: `Item 2: destinatario 1: ${WORDS}`,
			delivery: 'not-sent',
			Telefono: phone(2),
			Enviados: 0,
			NoEnviados: 1,
			batch: { number: 2, of: 3, recipients: 1, position: 1 },
		});
		expect(out[1].json.warning).toBeUndefined();
		expect(await delivered()).toEqual([phone(1), phone(3)]);
	});

	it('without Continue On Fail the same refusal stops the node, and says item 1 went out', async () => {
		await sandbox.config({ mensatekNotSent: [phone(2)] });
		const result = await run(3, { batchSize: 1, callsInFlight: 1 });
		const error = result.error(NAME) as Error & { context: Record<string, unknown> };
		expect(error.message).toBe(`Item 2: destinatario 1: ${WORDS} [stopped: item 1 sent; items 2–3 not sent]`);
		expect(error.context).toMatchObject({ itemsSent: [1], itemsNotSent: [2, 3], itemsUnknown: [] });
		expect(await delivered()).toEqual([phone(1)]);
	});

	it('a call of 5 where Mensatek sent 4 and does not say which: every item of the call is partial, none "sent"', async () => {
		await sandbox.config({ mensatekNotSent: [phone(3)] });
		const result = await run(5, {}, { continueOnFail: true });
		const out = result.output(NAME);
		expect(out).toHaveLength(5);
		const [message] = await sandbox.messages('mensatek');
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({
				error: `Item ${i + 1}: Mensatek sent 4 of the 5 recipients of this call and did not say which 1 it did not send: destinatario 3: ${WORDS} (call 1 of 1)`,
				delivery: 'partial',
				sent: null,
				Telefono: phone(i + 1),
				idMensaje: message.idMensaje,
				Enviados: 4,
				NoEnviados: 1,
				batch: { number: 1, of: 1, recipients: 5, position: i + 1 },
			});
			expect(item.json.description).toMatch(new RegExp(`Check the send in the Mensatek panel \\(idMensaje ${message.idMensaje}\\)`));
		});
		expect(await delivered()).toEqual([1, 2, 4, 5].map(phone));
	});

	it('without Continue On Fail, a partial call stops the node and lists its items as of unknown fate', async () => {
		await sandbox.config({ mensatekNotSent: [phone(3)] });
		const result = await run(5, {});
		const error = result.error(NAME) as Error & { description: string; context: Record<string, unknown> };
		expect(error.message).toMatch(/^Item 1: Mensatek sent 4 of the 5 recipients .* \[stopped: nothing sent; items 1–5 fate unknown\]$/);
		expect(error.context).toMatchObject({ itemsSent: [], itemsPartial: [1, 2, 3, 4, 5], itemsNotSent: [] });
		expect(error.description).toMatch(/Partly sent: items 1–5: .*Check in the provider before sending them again\./);
	});

	it('a call none of whose recipients was sent: each item is not sent, with the provider\'s words', async () => {
		await sandbox.config({ mensatekNotSent: [phone(1), phone(2)] });
		const result = await run(2, {}, { continueOnFail: true });
		const out = result.output(NAME);
		expect(out.map((o) => o.json.delivery)).toEqual(['not-sent', 'not-sent']);
		expect(out.map((o) => o.json.sent)).toEqual([false, false]);
		expect(out[0].json.error).toBe(`Item 1: destinatario 1: ${WORDS}; destinatario 2: ${WORDS}`);
		expect(await delivered()).toEqual([]);
	});

	it('a call whose every recipient was sent: each item is sent: true, with the call\'s idMensaje', async () => {
		const result = await run(4, {});
		expect(result.error(NAME)).toBeUndefined();
		const out = result.output(NAME);
		const [message] = await sandbox.messages('mensatek');
		expect(out.map((o) => o.json)).toEqual(
			[1, 2, 3, 4].map((n) => expect.objectContaining({ sent: true, Telefono: phone(n), idMensaje: message.idMensaje, Enviados: 4, NoEnviados: 0 })),
		);
	});
});

describe('Mensatek: batch calls in flight', () => {
	// 9 calls of 20 recipients, each with its own text, so the sandbox tells which call carried what.
	const COUNT = 180;
	async function sendAll(options: Record<string, unknown>) {
		await sandbox.config({ provider: 'mensatek', latencyMs: 300, resetStats: true });
		const items = Array.from({ length: COUNT }, (_, i) => ({ json: { phone: phone(i + 1), group: Math.floor(i / 20) } }));
		const node = {
			name: NAME,
			type: 'n8n-nodes-whatsapp-gateways.mensatek',
			typeVersion: 1,
			parameters: { resource: 'message', operation: 'send', phone: '={{$json.phone}}', messageType: 'TEXTO', text: '=Aviso {{$json.group}}', options: { batchSize: 20, ...options } },
			credentials: { mensatekApi: { id: '1', name: 'Mensatek sandbox' } },
		};
		const result = await runWorkflow(chain(itemsNode(items), node), { mensatekApi: sandbox.credentials('mensatekApi') });
		expect(result.error(NAME)).toBeUndefined();
		const out = result.output(NAME);
		// In input order and paired; each item carries the idMensaje of the call that took its recipient.
		expect(out.map((o) => o.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		expect(out.map((o) => o.json.Telefono)).toEqual(items.map((_, i) => phone(i + 1)));
		const idOf = new Map((await sandbox.messages('mensatek')).map((m) => [m.to, m.idMensaje]));
		expect(idOf.size).toBe(COUNT);
		expect(out.map((o) => o.json.idMensaje)).toEqual(items.map((_, i) => idOf.get(phone(i + 1))));
		expect(out.every((o) => o.json.sent === true)).toBe(true);
		expect((await sandbox.requests('mensatek')).filter((r) => r.path.endsWith('/EnviarWHATSAPP'))).toHaveLength(9);
		return (await sandbox.control('GET', 'stats')).maxInFlight.mensatek as number;
	}

	it('Calls In Flight 3: several calls at once, never more than 3, outputs in order and paired', async () => {
		const most = await sendAll({ callsInFlight: 3 });
		expect(most).toBeLessThanOrEqual(3);
		expect(most).toBeGreaterThan(1);
	});

	// Since 3cc82cd the default adapts from 2 calls up to a ceiling of 4 (InFlightLimiter).
	it('the default: never more than its ceiling of 4 calls at once', async () => {
		const most = await sendAll({});
		expect(most).toBeLessThanOrEqual(4);
		expect(most).toBeGreaterThan(1);
	});
});

describe('Mensatek: Res -1 ends the run\'s calls (every further call would fail, and prolong a block)', () => {
	const wrongToken = () => ({ ...sandbox.credentials('mensatekApi'), apiToken: 'wrong-token-0000' });
	function runWrong(extra: Record<string, unknown>) {
		const items = [1, 2, 3].map((n) => ({ json: { phone: phone(n) } }));
		const node = {
			name: NAME,
			type: 'n8n-nodes-whatsapp-gateways.mensatek',
			typeVersion: 1,
			parameters: { resource: 'message', operation: 'send', phone: '={{$json.phone}}', messageType: 'TEXTO', text: 'Aviso', options: { batchSize: 1, callsInFlight: 1 } },
			credentials: { mensatekApi: { id: '1', name: 'Mensatek sandbox' } },
			...extra,
		};
		return runWorkflow(chain(itemsNode(items), node), { mensatekApi: wrongToken() });
	}
	const sends = async () => (await sandbox.requests('mensatek')).filter((r) => r.path.endsWith('/EnviarWHATSAPP'));

	it('with Continue On Fail: one call, its item gets the refusal, the others get it without a call, and a warning', async () => {
		const result = await runWrong({ continueOnFail: true });
		const out = result.output(NAME);
		expect(out.map((o) => o.json.error)).toEqual([1, 2, 3].map((n) => `Item ${n}: Error de autenticación: usuario o token API incorrectos`));
		expect(out.map((o) => o.json.delivery)).toEqual(['not-sent', 'not-sent', 'not-sent']);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.run.data.resultData.runData[NAME][0].hints).toEqual([
			expect.objectContaining({ type: 'warning', message: 'Error de autenticación: usuario o token API incorrectos: items 1–3 of 3 not sent.' }),
		]);
		expect(await sends()).toHaveLength(1);
	});

	it('without Continue On Fail: a stop after one call that says nothing was sent', async () => {
		const result = await runWrong({});
		expect(result.error(NAME)?.message).toBe('Item 1: Error de autenticación: usuario o token API incorrectos [stopped: nothing sent; items 1–3 not sent]');
		expect(await sends()).toHaveLength(1);
	});
});
