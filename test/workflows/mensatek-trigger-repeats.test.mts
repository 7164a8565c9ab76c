// The Mensatek Trigger's Skip Repeated Reports against adversarial input over real HTTP (issue 20):
// the same report spelt differently must be a repeat, and a flood of new reports from another
// sender must not push out the memory of the reports Mensatek posted.
import http from 'node:http';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';
import '../../nodes/Mensatek/MensatekTrigger.node';
import type { Receiver } from '../helpers/webhook';
import { webhookReceiver } from '../helpers/webhook';

const AUTH = { user: 'mensatek-panel', password: 'a long random password 0123456789' };
const open: Receiver[] = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map((r) => r.close()));
});

async function receiver(parameters: IDataObject = {}): Promise<Receiver> {
	const handle = await webhookReceiver({
		type: 'mensatekTrigger',
		parameters: { directions: ['INPUT', 'OUTPUT'], options: {}, ...parameters } as INodeParameters,
		credentials: { mensatekWebhookApi: AUTH },
	});
	open.push(handle);
	return handle;
}

const report = (extra: IDataObject = {}) => ({
	Servicio: 'WHATSAPP',
	Direccion: 'OUTPUT',
	Estado: 2,
	Telefono: '34600000001',
	Fecha: '2025-01-15 11:14:24',
	idMensaje: 10573758,
	Referencia: '',
	Tipo: 'TEXTO',
	...extra,
});
const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

/** POSTs JSON from a given local address (127.0.0.x are all this machine on Linux): another sender. */
function post(url: string, body: unknown, from = '127.0.0.1', headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const payload = JSON.stringify(body);
		const request = http.request(url, { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
		});
		request.on('error', reject);
		request.end(payload);
	});
}

describe('Mensatek Trigger: the same report spelt differently is a repeat', () => {
	it('phone as +34…, 0034…, with spaces; idMensaje as text or number; Estado as text', async () => {
		const trigger = await receiver();
		const spellings = [
			report(),
			report({ Telefono: '+34600000001' }),
			report({ Telefono: '0034600000001' }),
			report({ Telefono: '+34 600 000 001' }),
			report({ idMensaje: '10573758' }),
			report({ idMensaje: ' 010573758 ' }),
			report({ Estado: '2', Direccion: 'output' }),
		];
		for (const body of spellings) expect((await post(trigger.url, body)).status).toBe(200);
		expect(trigger.started).toHaveLength(1);
		// Still told apart: another phone, another id.
		await post(trigger.url, report({ Telefono: '+34 600 000 002' }));
		await post(trigger.url, report({ idMensaje: '10573759' }));
		expect(trigger.started).toHaveLength(3);
	});
});

describe('Mensatek Trigger: a flood of new reports does not evict the memory of old ones', () => {
	const flood = Array.from({ length: 10_001 }, (_, i) => report({ idMensaje: 30_000_000 + i }));

	it('without authentication: another sender’s 10,001 new reports leave Mensatek’s reports remembered', async () => {
		const trigger = await receiver();
		expect((await post(trigger.url, report(), '127.0.0.1')).status).toBe(200);
		expect((await post(trigger.url, flood, '127.0.0.2')).status).toBe(200);
		// Mensatek (127.0.0.1) posts its report again: still a repeat.
		expect(JSON.parse((await post(trigger.url, report(), '127.0.0.1')).body)).toEqual({ received: 1, started: 0, repeated: 1 });
		// The flooding sender pays with its own memory: its oldest report is forgotten.
		expect(JSON.parse((await post(trigger.url, flood[0], '127.0.0.2')).body)).toEqual({ message: 'Workflow was started' });
		expect(trigger.started.map((items) => items.length)).toEqual([1, 10_001, 1]);
	}, 300_000);

	it('with Basic Auth: requests without the credentials are refused and remember nothing', async () => {
		const trigger = await receiver({ authentication: 'basicAuth' });
		const auth = { authorization: basic(AUTH.user, AUTH.password) };
		expect((await post(trigger.url, report(), '127.0.0.1', auth)).status).toBe(200);
		expect((await post(trigger.url, flood, '127.0.0.2')).status).toBe(401);
		expect((await post(trigger.url, flood, '127.0.0.1', { authorization: basic(AUTH.user, 'wrong') })).status).toBe(401);
		expect(JSON.parse((await post(trigger.url, report(), '127.0.0.1', auth)).body)).toEqual({ received: 1, started: 0, repeated: 1 });
		expect(trigger.started).toHaveLength(1);
	}, 300_000);
});
