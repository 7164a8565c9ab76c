// The sandbox's deterministic faults (POST /_sandbox/config { faultRules }) and Mensatek's chosen
// not-sent recipients (mensatekNotSent), which the stop and per-recipient tests rely on.
import { describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../sandbox/demo-credentials.mjs';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const { apiUser, apiToken } = DEMO_CREDENTIALS.mensatekApi;
const auth = 'Basic ' + Buffer.from(`${apiUser}:${apiToken}`).toString('base64');

/** One EnviarWHATSAPP call for the given phones; resolves to the answer, or to the network error. */
async function send(...phones: string[]): Promise<any> {
	try {
		const response = await fetch(`${sandbox.url}/mensatek/v7/EnviarWHATSAPP`, {
			method: 'POST',
			headers: { authorization: auth, 'content-type': 'application/json' },
			body: JSON.stringify({ Resp: 'JSON', Tipomensaje: 'TEXTO', Datosmensaje: { Texto: 'Hola' }, Destinatarios: phones.map((Telefono) => ({ Telefono })) }),
		});
		return (await response.json())[0];
	} catch (error) {
		return { networkError: String((error as Error).cause ?? error) };
	}
}

describe('sandbox fault rules', () => {
	it('applies a rule to exactly the nth matching request, once, and counts its hits', async () => {
		await sandbox.config({ provider: 'mensatek', faultRules: [{ path: 'EnviarWHATSAPP', nth: 2, fault: 'answer', body: [{ Res: -3, Error: 'regla' }] }] });
		const answers = [];
		for (const phone of ['34600000001', '34600000002', '34600000003']) answers.push(await send(phone));
		expect(answers.map((a) => a.Res)).toEqual([1, -3, 1]);
		expect(answers[1].Error).toBe('regla');
		expect((await sandbox.messages('mensatek')).map((m) => m.to)).toEqual(['34600000001', '34600000003']);
		expect((await sandbox.control('GET', 'config')).faultRules.mensatek[0]).toMatchObject({ seen: 3, hits: 1 });
	});

	it('drop-after: the request is processed, then its connection is closed without an answer', async () => {
		await sandbox.config({ provider: 'mensatek', faultRules: [{ contains: '34600000002', fault: 'drop-after' }] });
		expect(await send('34600000002')).toHaveProperty('networkError');
		expect((await sandbox.messages('mensatek')).map((m) => m.to)).toEqual(['34600000002']);
		expect((await sandbox.requests('mensatek'))[0]).toMatchObject({ outcome: 'dropped-after' });
	});

	it('holdOthers: a request that came first is answered only after the rule has applied', async () => {
		await sandbox.config({ provider: 'mensatek', faultRules: [{ contains: '34600000002', fault: 'answer', body: [{ Res: -3, Error: 'regla' }], holdOthers: true }] });
		const order: string[] = [];
		const first = send('34600000001').then((a) => order.push(`first ${a.Res}`));
		// The first request is in the sandbox, held, before the second one is made.
		while ((await sandbox.control('GET', 'stats')).inFlight.mensatek === 0) await new Promise((resolve) => setTimeout(resolve, 10));
		await send('34600000002').then((a) => order.push(`second ${a.Res}`));
		await first;
		expect(order).toEqual(['second -3', 'first 1']);
	});

	it('a reset drops the rules and lets held requests go on', async () => {
		await sandbox.config({ provider: 'mensatek', faultRules: [{ contains: 'never', fault: 'drop-before', holdOthers: true }] });
		const held = send('34600000001');
		while ((await sandbox.control('GET', 'stats')).inFlight.mensatek === 0) await new Promise((resolve) => setTimeout(resolve, 10));
		await sandbox.control('POST', 'reset', {});
		expect((await held).Res).toBe(1);
		expect((await sandbox.control('GET', 'config')).faultRules.mensatek).toEqual([]);
	});
});

describe('Mensatek: chosen recipients not sent', () => {
	it('counts them in NoEnviados of an accepted call, with an Error text', async () => {
		await sandbox.config({ mensatekNotSent: ['34600000002'] });
		expect(await send('34600000001', '34600000002', '34600000003')).toMatchObject({
			Res: 1,
			Enviados: 2,
			NoEnviados: 1,
			Error: 'destinatario 2: el número no tiene WhatsApp',
		});
		// Alone in its call: still Res 1, with Enviados 0.
		expect(await send('34600000002')).toMatchObject({ Res: 1, Enviados: 0, NoEnviados: 1, idMensaje: expect.any(Number) });
		expect((await sandbox.messages('mensatek')).map((m) => m.to)).toEqual(['34600000001', '34600000003']);
	});
});
