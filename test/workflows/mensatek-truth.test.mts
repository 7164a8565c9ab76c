// The Mensatek node against answers seen from the real v7 API by public client code (providers.md §3,
// issue 20 items 11–14, and Extra Data carrying a javascript: URL): the sandbox plays them through
// its config switches (mensatekIdField, mensatekNoCreditRes, mensatekBareRefusals, mensatekCreditAs)
// or a fault rule, over real HTTP, through n8n-core.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MensatekApi } from '../../credentials/MensatekApi.credentials';
import { Mensatek } from '../../nodes/Mensatek/Mensatek.node';
import { MensatekTrigger } from '../../nodes/Mensatek/MensatekTrigger.node';
import { useSandbox } from '../helpers/sandbox';
import { digits, mensatek, mensatekRunner, NAME, phone } from './mensatek-helpers';

const sandbox = useSandbox();
const root = path.join(import.meta.dirname, '..', '..');
const { run, calls } = mensatekRunner(sandbox);
const text = (options: Record<string, unknown> = {}, more: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	phone: '={{$json.phone}}',
	messageType: 'TEXTO',
	text: 'Hola',
	options,
	...more,
});
const template = (id: string, value: Record<string, string>, more: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	phone: '={{$json.phone}}',
	messageType: 'PLANTILLA',
	templateId: id,
	templateVariables: { mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] },
	options: {},
	...more,
});

describe('Mensatek (item 11): the id of a send as Msgid, more Res codes, a bare Res, the credit', () => {
	it('reads the id of a send from Msgid when there is no idMensaje, in the output and in the messages', async () => {
		await sandbox.config({ mensatekIdField: 'Msgid', mensatekNotSent: [digits(2)], mensatekSpamFailures: 0 });
		const ok = await run([{ json: { phone: phone(1) } }], mensatek(text()));
		expect(ok.error(NAME)).toBeUndefined();
		expect(ok.output(NAME)[0].json).toMatchObject({ sent: true, idMensaje: 10573758 });

		// Nothing sent in an accepted call: the error names the id Mensatek gave, not "idMensaje ?".
		const none = await run([{ json: { phone: phone(2) } }], mensatek(text(), { continueOnFail: true }));
		const [item] = none.output(NAME);
		expect(item.json).toMatchObject({ sent: false, idMensaje: 10573759, delivery: 'not-sent' });
		expect(String(item.json.description)).toContain('idMensaje 10573759');
		expect(String(item.json.description)).not.toContain('?');
	});

	it('Res -5 is "not enough credit", and nothing was sent', async () => {
		await sandbox.config({ mensatekNoCreditRes: -5 });
		await sandbox.control('POST', 'mensatek/credit', { credit: 0 });
		const result = await run([{ json: { phone: phone(1) } }], mensatek(text(), { continueOnFail: true }));
		const [item] = result.output(NAME);
		expect(item.json).toMatchObject({ remark: 'Res -5', delivery: 'not-sent' });
		expect(String(item.json.description)).toMatch(/not enough credit/);
		expect(await sandbox.messages('mensatek')).toHaveLength(0);
	});

	for (const [res, meaning] of [
		[-4, /attachment/i],
		[-15, /contract PDF/i],
		[-16, /contract PDF/i],
	] as const) {
		it(`Res ${res} is explained (${meaning.source}) with Mensatek's own words kept`, async () => {
			await sandbox.config({ provider: 'mensatek', faultRules: [{ path: 'EnviarWHATSAPP', fault: 'answer', body: JSON.stringify([{ Res: res }]) }] });
			const result = await run([{ json: { phone: phone(1) } }], mensatek(text(), { continueOnFail: true }));
			const [item] = result.output(NAME);
			expect(item.json).toMatchObject({ error: `Item 1: Mensatek refused the call (Res ${res})`, remark: `Res ${res}`, delivery: 'not-sent' });
			expect(String(item.json.description)).toMatch(meaning);
		});
	}

	it('a body that is just -1 is a refusal (authentication), not an answer of unknown delivery, and ends the calls', async () => {
		await sandbox.config({ mensatekBareRefusals: true, mensatekSpamFailures: 0 });
		const wrong = { ...sandbox.credentials('mensatekApi'), apiToken: 'wrong' };
		const items = Array.from({ length: 3 }, (_, i) => ({ json: { phone: phone(i) } }));
		const result = await run(items, mensatek(text({ batchSize: 1, callsInFlight: 1 }), { continueOnFail: true }), wrong);
		const out = result.output(NAME).map((o) => o.json);
		expect(out[0]).toMatchObject({ remark: 'Res -1', delivery: 'not-sent' });
		expect(String(out[0].description)).toMatch(/API User or API Token/);
		expect(String(out[0].error)).not.toMatch(/usual JSON answer/);
		// A refused login answers every call the same: the node stops calling.
		expect(await calls('EnviarWHATSAPP')).toHaveLength(1);
		expect(out.every((o) => o.delivery === 'not-sent')).toBe(true);
	});

	it('a bare -5 body is a refusal for lack of credit', async () => {
		await sandbox.config({ provider: 'mensatek', faultRules: [{ path: 'EnviarWHATSAPP', fault: 'answer', body: '-5' }] });
		const result = await run([{ json: { phone: phone(1) } }], mensatek(text(), { continueOnFail: true }));
		expect(result.output(NAME)[0].json).toMatchObject({ remark: 'Res -5', delivery: 'not-sent' });
	});

	it('credit: Saldo when there is no Cred, a number when it is one, the raw text otherwise', async () => {
		const credit = async () => (await run([{ json: {} }], mensatek({ resource: 'account', operation: 'getCredits' }))).output(NAME)[0].json;
		await sandbox.config({ mensatekCreditAs: 'saldo' });
		expect(await credit()).toEqual({ Cred: 10000 });
		await sandbox.config({ mensatekCreditAs: 'spanish' });
		expect(await credit()).toEqual({ Cred: '10.000,00' });
		await sandbox.config({ mensatekCreditAs: 'number', mensatekNumbersAsStrings: true });
		expect(await credit()).toEqual({ Cred: 10000 });
		// "14.970" is fourteen thousand nine hundred and seventy in Spanish: not read as 14.97.
		await sandbox.config({ provider: 'mensatek', faultRules: [{ path: 'GetCreditos', fault: 'answer', body: '[{"Res":1,"Cred":"14.970"}]' }] });
		expect(await credit()).toEqual({ Cred: '14.970' });
	});
});

describe('Mensatek (item 12): Res -1 is an authentication error, nothing says "blocked"', () => {
	const claimsBlocked = /Res[: ]+-1[^.\n]*block|block[^.\n]*Res[: ]+-1|answers the same while it blocks/i;
	it('the credential, the node and the docs never say that Res -1 means blocked', () => {
		const files = ['credentials/MensatekApi.credentials.ts', 'nodes/Mensatek/transport.ts', 'README.md', 'docs/mensatek.md'];
		const found = files.filter((file) => claimsBlocked.test(fs.readFileSync(path.join(root, file), 'utf8')));
		expect(found).toEqual([]);
		const rules = (new MensatekApi().test.rules ?? []) as Array<{ properties: { value: unknown; message: string } }>;
		const minusOne = rules.find((rule) => rule.properties.value === -1)!;
		expect(minusOne.properties.message).toMatch(/authentication|API User or API Token/);
		expect(minusOne.properties.message).not.toMatch(/block/i);
	});

	it('a refused login says so, with Mensatek’s words, and no claim of a block', async () => {
		await sandbox.config({ mensatekSpamFailures: 0 });
		const result = await run([{ json: { phone: phone(1) } }], mensatek(text(), { continueOnFail: true }), { ...sandbox.credentials('mensatekApi'), apiToken: 'wrong' });
		const [item] = result.output(NAME);
		expect(item.json.remark).toBe('Res -1');
		expect(String(item.json.description)).toMatch(/authentication error/);
		expect(String(item.json.description)).not.toMatch(claimsBlocked);
	});
});

describe('Mensatek (item 13): incoming messages are reported whatever Request Delivery Reports says', () => {
	it('the trigger and the docs say so, and no longer say that only those sends are reported', () => {
		const notices = new MensatekTrigger().description.properties.filter((p) => p.type === 'notice').map((p) => p.displayName).join('\n');
		const send = JSON.stringify(new Mensatek().description.properties);
		const docs = fs.readFileSync(path.join(root, 'docs/mensatek.md'), 'utf8');
		for (const words of [notices, send, docs]) expect(words).not.toMatch(/only reports (those|messages sent)/i);
		expect(notices).toMatch(/Incoming messages are reported whatever/);
		expect(docs).toMatch(/Incoming messages are reported whatever/);
	});
});

describe('Mensatek (item 14): per-recipient keys besides the template variables', () => {
	it('sends a per-recipient reference and personalisation with a template, and still needs its variables', async () => {
		const items = [{ json: { phone: phone(1), name: 'Ana', ref: 'cliente-7' } }];
		const ok = await run(items, mensatek(template('610000000000001', { Nombre: '={{$json.name}}', Referencia: '={{$json.ref}}' })));
		expect(ok.error(NAME)).toBeUndefined();
		const [message] = await sandbox.messages('mensatek');
		expect(message.content.recipient).toEqual({ Telefono: digits(1), Nombre: 'Ana', Referencia: 'cliente-7' });

		// The Recipient Variables of the other types work with a template too.
		const more = await run(
			items,
			mensatek(template('610000000000001', { Nombre: '={{$json.name}}' }, { recipientVariables: { variable: [{ name: 'Email', value: 'ana@example.com' }] } })),
		);
		expect(more.error(NAME)).toBeUndefined();
		expect((await sandbox.messages('mensatek'))[1].content.recipient).toEqual({ Telefono: digits(1), Nombre: 'Ana', Email: 'ana@example.com' });

		// A template variable still missing is refused before any call.
		const before = (await calls('EnviarWHATSAPP')).length;
		const missing = await run(items, mensatek(template('610000000000002', { Nombre: '={{$json.name}}', Referencia: 'x' })));
		expect(missing.error(NAME)?.message).toMatch(/^Item 1: Template Variables → Pedido is missing/);
		expect(await calls('EnviarWHATSAPP')).toHaveLength(before);
	});

	it('refuses a per-recipient key the node sets itself, or one that cannot be a name', async () => {
		for (const name of ['Telefono', 'idMensajeRespondido', 'a b']) {
			const result = await run([{ json: { phone: phone(1) } }], mensatek(template('610000000000001', { Nombre: 'Ana', [name]: 'x' })));
			expect(result.error(NAME)?.message, name).toMatch(/^Item 1: Template Variables → /);
		}
		expect(await calls('EnviarWHATSAPP')).toHaveLength(0);
	});
});

describe('Mensatek: URLs in Extra Message Data and Message Data get the same check as the node’s own URL fields', () => {
	const cases: Array<[string, Record<string, unknown>]> = [
		['a javascript: URL under URL', text({ extraData: '{"URL": "javascript:alert(1)"}' })],
		['a data: URL under a key with Url in its name', text({ extraData: '{"BotonUrl": "data:text/html,<script>alert(1)</script>"}' })],
		['a javascript: value under any key, even with a tab in its scheme', text({ extraData: '{"Boton": {"Destino": "java\\tscript:alert(1)"}}' })],
		['a javascript: URL in a button list of Message Data', { ...text(), messageType: 'BOTONESCTA', messageData: '{"Texto":"Mira","Botones":[{"Texto":"Abrir","URL":"javascript:alert(1)"}]}' }],
		['a javascript: URL as a per-recipient key of a template', template('610000000000001', { Nombre: 'Ana', Enlace: 'javascript:alert(1)' })],
	];
	for (const [what, parameters] of cases) {
		it(`refuses ${what}, and calls nothing`, async () => {
			const result = await run([{ json: { phone: phone(1) } }], mensatek(parameters));
			expect(result.error(NAME)?.message).toMatch(/^Item 1: .* is not a web address|^Item 1: .* is a .* link/);
			expect(result.error(NAME)?.description).toMatch(/http/);
			expect(await calls('EnviarWHATSAPP')).toHaveLength(0);
		});
	}

	it('passes http(s) URLs and ordinary texts with a colon', async () => {
		const result = await run(
			[{ json: { phone: phone(1) } }],
			mensatek(text({ extraData: '{"URL": "https://example.com/a.jpg", "Nota": "Hola: amigo", "Boton": {"Url": "http://example.com/x"}}' })),
		);
		expect(result.error(NAME)).toBeUndefined();
		expect((await sandbox.messages('mensatek'))[0].Datosmensaje).toEqual({ Texto: 'Hola', URL: 'https://example.com/a.jpg', Nota: 'Hola: amigo', Boton: { Url: 'http://example.com/x' } });
	});
});

describe('Mensatek: how it was proven', () => {
	it('the node, the trigger and docs/mensatek.md say in one line that it was checked against the docs and public client code only', () => {
		const line = /checked against Mensatek's published docs and public client code only, no live account/i;
		const notices = (props: Array<{ type: string; displayName: string }>) => props.filter((p) => p.type === 'notice').map((p) => p.displayName).join('\n');
		expect(notices(new Mensatek().description.properties)).toMatch(line);
		expect(notices(new MensatekTrigger().description.properties)).toMatch(line);
		expect(fs.readFileSync(path.join(root, 'docs/mensatek.md'), 'utf8')).toMatch(line);
	});
});
