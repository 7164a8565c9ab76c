// The sandbox's Mensatek: Basic auth, case-insensitive JSON and form parameters, the one-element
// array answer, Res codes, credit, the spam block and real-time reports posted to a receiver.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../../sandbox/server.mjs';

const USER = 'demo@mensatek.test';
const TOKEN = 'mt_demo_token_0123456789';
const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

let sandbox: { url: string; close(): Promise<void> };

// A report receiver like a user's script: stores what arrives, answers `receiverStatus`.
type Received = { headers: http.IncomingHttpHeaders; fields: Record<string, unknown> };
const received: Received[] = [];
let receiverStatus = 200;
let receiver: http.Server;
let receiverUrl: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, seed: 1 });
	receiver = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks);
		const type = String(req.headers['content-type'] ?? '');
		let fields: Record<string, unknown>;
		if (type.includes('json')) fields = JSON.parse(raw.toString('utf8'));
		else fields = Object.fromEntries((await new Response(raw, { headers: { 'content-type': type } }).formData()).entries());
		received.push({ headers: req.headers, fields });
		res.writeHead(receiverStatus, { 'content-type': 'text/plain' });
		res.end('ok');
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/reports`;
});
afterAll(async () => {
	await sandbox.close();
	receiver.closeAllConnections();
	await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(async () => {
	received.length = 0;
	receiverStatus = 200;
	await control('POST', 'reset');
});

async function control(method: string, route: string, body?: unknown) {
	const response = await fetch(`${sandbox.url}/_sandbox/${route}`, {
		method,
		headers: body ? { 'content-type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined,
	});
	return { status: response.status, body: await response.json() };
}

/** Calls a Mensatek function with a JSON body (or form when `form` is set); returns the parsed answer. */
async function call(fn: string, params: Record<string, unknown> = {}, { auth = basic(USER, TOKEN) as string | null, form = false } = {}) {
	const headers: Record<string, string> = {};
	if (auth) headers.authorization = auth;
	let body: string;
	if (form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
	} else {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(params);
	}
	const response = await fetch(`${sandbox.url}/mensatek/v7/${fn}`, { method: 'POST', headers, body });
	const text = await response.text();
	return { status: response.status, text, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

/** The single object of a Resp=JSON answer. */
async function one(fn: string, params: Record<string, unknown> = {}, options = {}) {
	const result = await call(fn, { Resp: 'JSON', ...params }, options);
	expect(result.status).toBe(200);
	expect(Array.isArray(result.body)).toBe(true);
	expect(result.body).toHaveLength(1);
	return result.body[0];
}

const messages = async () => (await control('GET', 'messages?provider=mensatek')).body.messages;
const orderSend = (destinatarios: unknown[], extra: Record<string, unknown> = {}) =>
	one('EnviarWHATSAPP', { Destinatarios: destinatarios, Tipomensaje: 'PLANTILLA', Datosmensaje: { Plantilla: 'confirmacion_pedido' }, ...extra });

async function waitFor<T>(check: () => T | Promise<T>, ms = 3000): Promise<T> {
	const until = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > until) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('Mensatek functions', () => {
	it('GetCreditos answers a one-element array with Res and Cred', async () => {
		expect(await one('GetCreditos')).toEqual({ Res: 1, Cred: 10000 });
	});

	it('takes parameter names in any case', async () => {
		expect(await call('GetCreditos', { rEsP: 'json' }).then((r) => r.body)).toEqual([{ Res: 1, Cred: 10000 }]);
		const answer = await one('EnviarWHATSAPP', {
			DESTINATARIOS: [{ Telefono: '34600000001', Nombre: 'Ana' }],
			tipomensaje: 'Plantilla',
			datosMensaje: { Plantilla: 'bienvenida_cliente' },
			REFERENCIAUSUARIO: 'ref-1',
		});
		expect(answer).toMatchObject({ Res: 1, Enviados: 1, NoEnviados: 0 });
		expect((await messages())[0]).toMatchObject({ Referencia: 'ref-1', Tipomensaje: 'PLANTILLA' });
	});

	it('takes form bodies whose arrays and objects are JSON strings', async () => {
		const result = await call(
			'EnviarWHATSAPP',
			{
				Destinatarios: JSON.stringify([{ Telefono: '34600000001', Nombre: 'Ana', Pedido: 'P-1' }]),
				Tipomensaje: 'PLANTILLA',
				Datosmensaje: JSON.stringify({ Plantilla: 'confirmacion_pedido' }),
				Report: '0',
				Resp: 'JSON',
			},
			{ form: true },
		);
		expect(result.body).toEqual([{ Res: 1, idMensaje: expect.any(Number), Cred: 9999, Enviados: 1, NoEnviados: 0 }]);
		expect((await messages())[0]).toMatchObject({ to: '34600000001', variables: { Nombre: 'Ana', Pedido: 'P-1' } });
	});

	it('a send to N recipients records N messages sharing idMensaje, each with its own variables', async () => {
		const answer = await orderSend(
			[
				{ Telefono: '34600000001', Nombre: 'Ana', Pedido: 'P-1' },
				{ Telefono: '34600000002', Nombre: 'Bea', Pedido: 'P-2' },
			],
			{ Referenciausuario: 'campaña-7', Fecha: '' },
		);
		expect(answer).toEqual({ Res: 1, idMensaje: expect.any(Number), Cred: 9998, Enviados: 2, NoEnviados: 0 });
		const list = await messages();
		expect(list).toHaveLength(2);
		for (const [i, m] of list.entries()) {
			expect(m).toMatchObject({
				provider: 'mensatek',
				type: 'template',
				template: 'confirmacion_pedido',
				idMensaje: answer.idMensaje,
				Referencia: 'campaña-7',
				Tipomensaje: 'PLANTILLA',
				Datosmensaje: { Plantilla: 'confirmacion_pedido' },
				Fecha: '',
			});
			expect(m.to).toBe(`3460000000${i + 1}`);
		}
		expect(list[1].variables).toEqual({ Nombre: 'Bea', Pedido: 'P-2' });
		expect(list[1].text).toBe('Hola Bea, tu pedido P-2 está confirmado.');
	});

	it('counts invalid phones and missing template variables in NoEnviados', async () => {
		const answer = await orderSend([
			{ Telefono: '34600000001', Nombre: 'Ana', Pedido: 'P-1' },
			{ Telefono: '+34 600', Nombre: 'Bea', Pedido: 'P-2' },
			{ Telefono: '34600000003', Nombre: 'Cris' },
		]);
		expect(answer).toMatchObject({ Res: 1, Enviados: 1, NoEnviados: 2, Cred: 9999 });
		expect(answer.Error).toMatch(/teléfono/);
		expect(answer.Error).toMatch(/Pedido/);
		expect(await messages()).toHaveLength(1);
	});

	it('checks template header variables by Campo or Nombre', async () => {
		const send = (recipient: Record<string, string>) =>
			one('EnviarWHATSAPP', { Destinatarios: [recipient], Tipomensaje: 'PLANTILLA', Datosmensaje: { Plantilla: 'oferta_imagen' } });
		expect(await send({ Telefono: '34600000001', Nombre: 'Ana' })).toMatchObject({ Res: -3, Enviados: 0, NoEnviados: 1 });
		expect(await send({ Telefono: '34600000001', Nombre: 'Ana', Variable_Cabecera_image: 'https://x.test/a.jpg' })).toMatchObject({ Res: 1 });
		expect(await send({ Telefono: '34600000001', Nombre: 'Ana', 'Header IMAGE': 'https://x.test/a.jpg' })).toMatchObject({ Res: 1 });
	});

	it('sends the free-form types with their Datosmensaje', async () => {
		const answer = await one('EnviarWHATSAPP', {
			Destinatarios: [{ Telefono: '34600000001', Nombre: 'Ana' }],
			Tipomensaje: 'TEXTO',
			Datosmensaje: { Texto: 'Hola {{Nombre}}' },
		});
		expect(answer.Res).toBe(1);
		expect((await messages())[0]).toMatchObject({ type: 'text', text: 'Hola Ana', Datosmensaje: { Texto: 'Hola {{Nombre}}' } });
	});

	it('answers Res -3 with an Error to parameter errors', async () => {
		const cases: Record<string, unknown>[] = [
			{},
			{ Destinatarios: 'not json', Tipomensaje: 'TEXTO' },
			{ Destinatarios: [], Tipomensaje: 'TEXTO' },
			{ Destinatarios: [{ Telefono: '34600000001' }] },
			{ Destinatarios: [{ Telefono: '34600000001' }], Tipomensaje: 'SMS' },
			{ Destinatarios: [{ Telefono: '34600000001' }], Tipomensaje: 'PLANTILLA', Datosmensaje: {} },
			{ Destinatarios: [{ Telefono: '34600000001', Nombre: 'A' }], Tipomensaje: 'PLANTILLA', Datosmensaje: { Plantilla: 'no_existe' } },
			{ Destinatarios: [{ Telefono: '34600000001', Nombre: 'A', FechaCita: 'x' }], Tipomensaje: 'PLANTILLA', Datosmensaje: { Plantilla: 'recordatorio_cita' } },
			{ Destinatarios: [{ Telefono: '34600000001' }], Tipomensaje: 'TEXTO', Fecha: 'mañana' },
		];
		await control('POST', 'config', { provider: 'mensatek', mensatekSpamFailures: 0 });
		for (const params of cases) {
			const answer = await one('EnviarWHATSAPP', params);
			expect(answer.Res, JSON.stringify(params)).toBe(-3);
			expect(answer.Error).toEqual(expect.any(String));
		}
		expect((await one('Inventada')).Res).toBe(-3);
		expect((await one('GetVariablesPlantillaWhatsapp')).Res).toBe(-3);
		expect(await messages()).toEqual([]);
		expect((await one('GetCreditos')).Cred).toBe(10000);
	});

	it('answers Res -1 with HTTP 200 to wrong or missing credentials', async () => {
		for (const auth of [basic(USER, 'wrong'), basic('otro@x.test', TOKEN), null]) {
			const result = await call('GetCreditos', { Resp: 'JSON' }, { auth });
			expect(result.status).toBe(200);
			expect(result.body[0]).toMatchObject({ Res: -1, Error: expect.any(String) });
		}
		// The user name is an e-mail address: its case does not matter.
		expect((await one('GetCreditos', {}, { auth: basic(USER.toUpperCase(), TOKEN) })).Res).toBe(1);
	});

	it('spends credit per recipient and answers Res -2 when it runs out', async () => {
		await control('POST', 'config', { provider: 'mensatek', mensatekCostPerMessage: 2.5 });
		await control('POST', 'mensatek/credit', { credit: 6 });
		const recipient = (n: number) => ({ Telefono: `3460000000${n}`, Nombre: 'A', Pedido: 'P' });
		expect(await orderSend([recipient(1), recipient(2)])).toMatchObject({ Res: 1, Cred: 1 });
		expect(await one('GetCreditos')).toEqual({ Res: 1, Cred: 1 });
		expect(await orderSend([recipient(3)])).toMatchObject({ Res: -2, Error: expect.any(String), Cred: 1 });
		expect(await messages()).toHaveLength(2);
	});

	it('lists templates keyed by id and their variables', async () => {
		const list = await one('GetPlantillasWhatsapp');
		expect(list).toMatchObject({ Res: 1, Total: 5, Cred: 10000 });
		expect(list.Plantillas['610000000000002']).toEqual({
			Nombre: 'confirmacion_pedido',
			Idioma: 'es',
			Categoria: 'UTILITY',
			Estado: 'APPROVED',
			Verificada: 1,
			FormatoParametros: 'POSITIONAL',
		});
		expect(list.Plantillas['610000000000004']).toMatchObject({ Estado: 'PENDING', Verificada: 0 });

		const vars = await one('GetVariablesPlantillaWhatsapp', { Idplantilla: '610000000000003' });
		expect(vars).toMatchObject({ Res: 1, IdPlantilla: '610000000000003', Nombre: 'oferta_imagen', Estado: 'APPROVED', Verificada: 1, Total: 3 });
		expect(vars.Variables['1']).toEqual({ Nombre: 'Destinatario', Campo: 'Telefono', Donde: '', Formato: 'TELEFONO', Ejemplo: '34600000000' });
		expect(vars.Variables['2']).toMatchObject({ Campo: 'Variable_Cabecera_image', Donde: 'HEADER', Formato: 'URL_IMAGEN' });
		expect(vars.Variables['3']).toMatchObject({ Campo: 'Nombre', Donde: 'BODY', Formato: 'TEXTO' });
	});

	it('can answer a bare object or strings when configured', async () => {
		await control('POST', 'config', { provider: 'mensatek', mensatekBareObject: true, mensatekNumbersAsStrings: true });
		expect((await call('GetCreditos', { Resp: 'JSON' })).body).toEqual({ Res: '1', Cred: '10000' });
		// Without Resp=JSON the sandbox answers key=value lines (its own stand-in for the legacy formats).
		expect((await call('GetCreditos')).text).toBe('Res=1\nCred=10000');
	});

	// As v7 clients in the wild meet the API (providers.md §3 Transport, [code, third-party]).
	it('can answer the send id as Msgid, no credit as Res -5, a refusal as a bare number, and the credit as Saldo or Spanish text', async () => {
		const recipient = { Telefono: '34600000001', Nombre: 'A', Pedido: 'P' };
		await control('POST', 'config', { provider: 'mensatek', mensatekIdField: 'Msgid' });
		const sent = await orderSend([recipient]);
		expect(sent).toMatchObject({ Res: 1, Msgid: 10573758, Enviados: 1 });
		expect(sent).not.toHaveProperty('idMensaje');

		await control('POST', 'config', { provider: 'mensatek', mensatekNoCreditRes: -5 });
		await control('POST', 'mensatek/credit', { credit: 0 });
		expect(await orderSend([recipient])).toMatchObject({ Res: -5, Error: expect.any(String) });
		await control('POST', 'config', { provider: 'mensatek', mensatekNoCreditRes: -7 }); // not a no-credit code: ignored
		expect((await control('GET', 'mensatek/state')).body.settings.noCreditRes).toBe(-5);

		await control('POST', 'config', { provider: 'mensatek', mensatekBareRefusals: true, mensatekSpamFailures: 0 });
		const refused = await call('GetCreditos', { Resp: 'JSON' }, { auth: basic(USER, 'wrong') });
		expect(refused).toMatchObject({ status: 200, text: '-1', body: undefined });
		await control('POST', 'mensatek/credit', { credit: 14970 });
		expect(await one('GetCreditos')).toEqual({ Res: 1, Cred: 14970 });
		await control('POST', 'config', { provider: 'mensatek', mensatekCreditAs: 'spanish' });
		expect(await one('GetCreditos')).toEqual({ Res: 1, Cred: '14.970,00' });
		await control('POST', 'config', { provider: 'mensatek', mensatekCreditAs: 'saldo' });
		expect(await one('GetCreditos')).toEqual({ Res: 1, Saldo: 14970 });
	});
});

describe('Mensatek spam block', () => {
	it('blocks a user after 5 failures within 60 s, until cleared', async () => {
		for (let i = 0; i < 5; i++) expect((await one('EnviarWHATSAPP', {})).Res).toBe(-3);
		const blocked = await one('GetCreditos');
		expect(blocked).toMatchObject({ Res: -1, Error: expect.stringMatching(/bloqueada/) });
		expect(Object.keys((await control('GET', 'mensatek/state')).body.blocked)).toEqual([USER]);
		expect((await control('POST', 'mensatek/unblock')).body).toEqual({ unblocked: true });
		expect(await one('GetCreditos')).toEqual({ Res: 1, Cred: 10000 });
	});

	it('counts authentication failures too, and the block expires', async () => {
		// A block of 60 s, and the clock moved past it: the verdict does not depend on how fast the calls go.
		await control('POST', 'config', { provider: 'mensatek', mensatekSpamFailures: 3, mensatekSpamBlockMs: 60_000 });
		for (let i = 0; i < 3; i++) expect((await one('GetCreditos', {}, { auth: basic(USER, 'bad') })).Res).toBe(-1);
		expect((await one('GetCreditos', {}, { auth: basic(USER, TOKEN) })).Error).toMatch(/bloqueada/);
		vi.useFakeTimers({ toFake: ['Date'] }); // only Date: the sandbox in this process reads the time from it
		try {
			vi.setSystemTime(Date.now() + 61_000);
			expect((await one('GetCreditos')).Res).toBe(1);
		} finally {
			vi.useRealTimers();
		}
	});

	it('does not count successes', async () => {
		for (let i = 0; i < 10; i++) expect((await one('GetCreditos')).Res).toBe(1);
		for (let i = 0; i < 4; i++) await one('Inventada');
		expect((await one('GetCreditos')).Res).toBe(1);
	});
});

describe('Mensatek reports', () => {
	it('posts OUTPUT reports and a reply as JSON with Basic auth, in order, when Report=1', async () => {
		await control('POST', 'mensatek/report-url', { url: receiverUrl, format: 'json', user: 'hook', password: 's3cret', replies: true });
		const answer = await orderSend(
			[
				{ Telefono: '34600000001', Nombre: 'Ana', Pedido: 'P-1' },
				{ Telefono: '34600000002', Nombre: 'Bea', Pedido: 'P-2' },
			],
			{ Report: 1, Referenciausuario: 'ref-9' },
		);
		expect(answer.Res).toBe(1);
		await waitFor(() => received.length === 8);
		expect(received.every((r) => r.headers.authorization === basic('hook', 's3cret'))).toBe(true);
		const ana = received.filter((r) => r.fields.Telefono === '34600000001').map((r) => r.fields);
		expect(ana.map((f) => `${f.Direccion}:${f.Estado}`)).toEqual(['OUTPUT:1', 'OUTPUT:2', 'OUTPUT:3', 'INPUT:8']);
		expect(ana[0]).toEqual({
			Servicio: 'WHATSAPP',
			Direccion: 'OUTPUT',
			Estado: 1,
			Telefono: '34600000001',
			NombreDestinatario: 'Ana',
			Fecha: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			idMensaje: answer.idMensaje,
			Referencia: 'ref-9',
			Tipo: 'PLANTILLA',
		});
		expect(ana[3]).toMatchObject({ Direccion: 'INPUT', Estado: 8, Tipo: 'text', Referencia: 'ref-9' });
		expect(JSON.parse(ana[3].Mensaje as string)).toEqual({ type: 'text', text: expect.any(String) });

		const log = (await control('GET', 'mensatek/reports')).body.reports;
		expect(log).toHaveLength(8);
		expect(log.every((entry: { status: number }) => entry.status === 200)).toBe(true);
	});

	it('posts form-data reports, and none when Report is 0', async () => {
		await control('POST', 'mensatek/report-url', { url: receiverUrl, format: 'form', user: 'hook', password: 'pw', delayMs: 5 });
		await orderSend([{ Telefono: '34600000001', Nombre: 'Ana', Pedido: 'P-1' }], { Report: 0 });
		const answer = await orderSend([{ Telefono: '34600000002', Nombre: 'Bea', Pedido: 'P-2' }], { Report: '1' });
		await waitFor(() => received.length === 3);
		expect(received[0].headers['content-type']).toMatch(/^multipart\/form-data/);
		expect(received[0].headers.authorization).toBe(basic('hook', 'pw'));
		expect(received.map((r) => r.fields.Estado)).toEqual(['1', '2', '3']);
		expect(received[0].fields).toMatchObject({ Servicio: 'WHATSAPP', Direccion: 'OUTPUT', Telefono: '34600000002', idMensaje: String(answer.idMensaje) });
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(received).toHaveLength(3);
	});

	it('posts one arbitrary report on demand and logs failed deliveries', async () => {
		expect((await control('POST', 'mensatek/report', { Servicio: 'WHATSAPP' })).status).toBe(409);
		await control('POST', 'mensatek/report-url', { url: receiverUrl });
		receiverStatus = 500;
		const report = { Servicio: 'WHATSAPP', Direccion: 'INPUT', Estado: 8, Telefono: '34600000009', Mensaje: '{"type":"text","text":"hola"}' };
		expect((await control('POST', 'mensatek/report', report)).body).toMatchObject({ status: 500 });
		expect(received[0].fields).toEqual(report);
		expect(received[0].headers.authorization).toBeUndefined();

		await control('POST', 'mensatek/report-url', { url: 'http://127.0.0.1:1/nowhere' });
		const failed = (await control('POST', 'mensatek/report', report)).body;
		expect(failed.status).toBe(0);
		expect(failed.error).toEqual(expect.any(String));
		const log = (await control('GET', 'mensatek/reports')).body.reports;
		expect(log.map((entry: { status: number }) => entry.status)).toEqual([500, 0]);
	});
});
