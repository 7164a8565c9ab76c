// The Mensatek node against the sandbox over real HTTP, through n8n-core: batching, validation
// before any call, every operation, and the credential's own auth and test.
import { LoadOptionsContext } from 'n8n-core';
import type { INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Mensatek } from '../../nodes/Mensatek/Mensatek.node';
import { MensatekApi } from '../../credentials/MensatekApi.credentials';
import { additionalData, chain, CredentialsHelper, nodeTypes, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { digits, mensatek, mensatekRunner, NAME, phone } from './mensatek-helpers';
import { itemsNode } from '../helpers/test-nodes';

const sandbox = useSandbox();
const { run, calls } = mensatekRunner(sandbox);

const template = (id: string, value: Record<string, string>, options: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	phone: '={{$json.phone}}',
	messageType: 'PLANTILLA',
	templateId: id,
	templateVariables: { mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] },
	options,
});

describe('Mensatek: sending in batches', () => {
	it('sends 250 template items in 3 calls of at most 100, each item paired with its own result and variables', async () => {
		await sandbox.config({ mensatekSpamFailures: 0 });
		const items = Array.from({ length: 250 }, (_, i) => ({ json: { phone: phone(i), name: `Cliente ${i}`, order: `A-${i}` } }));
		const result = await run(items, mensatek(template('610000000000002', { Nombre: '={{$json.name}}', Pedido: '={{$json.order}}' })));
		expect(result.error(NAME)).toBeUndefined();

		const sends = await calls('EnviarWHATSAPP');
		expect(sends).toHaveLength(3);
		const out = result.output(NAME);
		expect(out).toHaveLength(250);
		expect(out.map((o) => o.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		expect(out.map((o) => o.json.Telefono)).toEqual(items.map((_, i) => digits(i)));
		// One idMensaje per call: items 1–100, 101–200, 201–250.
		const ids = out.map((o) => o.json.idMensaje);
		expect(new Set(ids.slice(0, 100)).size).toBe(1);
		expect(new Set(ids.slice(100, 200)).size).toBe(1);
		expect(new Set(ids.slice(200)).size).toBe(1);
		expect(new Set(ids).size).toBe(3);
		expect(out.map((o) => o.json.Enviados)).toEqual([...Array(200).fill(100), ...Array(50).fill(50)]);
		expect(out[249].json).toMatchObject({ NoEnviados: 0, Cred: 10000 - 250, Plantilla: 'confirmacion_pedido', batch: { number: 3, of: 3, recipients: 50, position: 50 } });

		const messages = await sandbox.messages('mensatek');
		expect(messages).toHaveLength(250);
		for (const message of messages) {
			const i = Number(message.to.slice(-6));
			expect(message.variables).toMatchObject({ Nombre: `Cliente ${i}`, Pedido: `A-${i}` });
			expect(message.text).toBe(`Hola Cliente ${i}, tu pedido A-${i} está confirmado.`);
		}
	});

	it('sends different messages in different calls and keeps the input order', async () => {
		const items = [
			{ json: { phone: phone(1), name: 'Ana', text: 'Hola {{Nombre}}' } },
			{ json: { phone: phone(2), name: 'Luis', text: 'Adiós {{Nombre}}' } },
			{ json: { phone: phone(3), name: 'Eva', text: 'Hola {{Nombre}}' } },
		];
		const result = await run(
			items,
			mensatek({
				resource: 'message',
				operation: 'send',
				phone: '={{$json.phone}}',
				messageType: 'TEXTO',
				text: '={{$json.text}}',
				recipientVariables: { variable: [{ name: 'Nombre', value: '={{$json.name}}' }] },
				options: { batchSize: 10 },
			}),
		);
		expect(result.error(NAME)).toBeUndefined();
		expect(await calls('EnviarWHATSAPP')).toHaveLength(2);
		const out = result.output(NAME);
		expect(out.map((o) => o.json.Telefono)).toEqual([digits(1), digits(2), digits(3)]);
		expect(out[0].json.idMensaje).toBe(out[2].json.idMensaje);
		expect(out[1].json.idMensaje).not.toBe(out[0].json.idMensaje);
		const texts = Object.fromEntries((await sandbox.messages('mensatek')).map((m) => [m.to, m.text]));
		expect(texts).toEqual({ [digits(1)]: 'Hola Ana', [digits(2)]: 'Adiós Luis', [digits(3)]: 'Hola Eva' });
	});

	it('with Continue On Fail marks exactly the items of a failed call and sends the other batches', async () => {
		await sandbox.config({ mensatekSpamFailures: 0 });
		await sandbox.control('POST', 'mensatek/credit', { credit: 150 });
		const items = Array.from({ length: 250 }, (_, i) => ({ json: { phone: phone(i), name: `C${i}` } }));
		// One call at a time, so that the call the credit cannot cover is the second one.
		const result = await run(items, mensatek(template('610000000000001', { Nombre: '={{$json.name}}' }, { callsInFlight: 1 }), { continueOnFail: true }));
		expect(result.error(NAME)).toBeUndefined();
		const out = result.output(NAME);
		expect(out).toHaveLength(250);
		expect(out.map((o) => o.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		const failed = out.flatMap((o, i) => (o.json.error ? [i] : []));
		expect(failed).toEqual(Array.from({ length: 100 }, (_, i) => 100 + i));
		expect(out[150].json.error).toMatch(/^Item 151: Créditos insuficientes: .* \(call 2 of 3, items 101–200\)$/);
		expect(out[150].json).toMatchObject({ remark: 'Res -2', delivery: 'not-sent', description: expect.stringMatching(/items 101–200/) });
		expect(out[249].json.Enviados).toBe(50);
		expect(await calls('EnviarWHATSAPP')).toHaveLength(3);
		expect(await sandbox.messages('mensatek')).toHaveLength(150);
	});

	it('without Continue On Fail stops at the failed call and sends nothing after it', async () => {
		await sandbox.control('POST', 'mensatek/credit', { credit: 150 });
		const items = Array.from({ length: 250 }, (_, i) => ({ json: { phone: phone(i), name: `C${i}` } }));
		const result = await run(items, mensatek(template('610000000000001', { Nombre: '={{$json.name}}' }, { callsInFlight: 1 })));
		const error = result.error(NAME);
		expect(error?.message).toMatch(/^Item 101: Créditos insuficientes.*\(call 2 of 3, items 101–200\) \[stopped: items 1–100 sent; items 101–250 not sent\]$/);
		expect(error?.description).toMatch(/items 101–200/);
		expect(await calls('EnviarWHATSAPP')).toHaveLength(2);
	});
});

describe('Mensatek: validation before any call', () => {
	const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, RegExp]> = [
		['a bad phone', { phone: '600 12', name: 'Ana' }, template('610000000000001', { Nombre: '={{$json.name}}' }), /^Item 2: Phone "600 12" is not a complete international number/],
		['a missing template variable', { phone: phone(2), name: '' }, template('610000000000002', { Nombre: '={{$json.name}}', Pedido: 'X' }), /^Item 2: Template Variables → Nombre is missing: template "confirmacion_pedido" needs it/],
		['a template variable never mapped', { phone: phone(2), name: 'Ana' }, template('610000000000002', { Nombre: '={{$json.name}}' }), /^Item 1: Template Variables → Pedido is missing/],
		['a template not approved', { phone: phone(2), name: 'Ana' }, template('610000000000004', { Nombre: 'x', FechaCita: 'y' }), /^Item 1: Template Name or ID "recordatorio_cita" is PENDING/],
		[
			'malformed JSON',
			{ phone: phone(2) },
			{ resource: 'message', operation: 'send', phone: '={{$json.phone}}', messageType: 'LISTA', messageData: '={{$itemIndex === 1 ? "{bad" : "{}"}}' },
			/^Item 2: Message Data \(JSON\) is not valid JSON/,
		],
		[
			'a reaction without the message it reacts to',
			{ phone: phone(2) },
			{ resource: 'message', operation: 'send', phone: '={{$json.phone}}', messageType: 'REACCION', messageData: '{"Emoji":"👍"}' },
			/^Item 1: Options → Reply To Message ID is required for a reaction/,
		],
		[
			'a schedule date Mensatek cannot read',
			{ phone: phone(2) },
			{ resource: 'message', operation: 'send', phone: '={{$json.phone}}', messageType: 'TEXTO', text: 'Hola', options: { scheduleAt: '01/06/2025 9:30' } },
			/^Item 1: Options → Schedule For "01\/06\/2025 9:30" is not a date and time/,
		],
	];
	for (const [what, second, parameters, message] of cases) {
		it(`refuses ${what} and sends nothing`, async () => {
			const items = [{ json: { phone: phone(1), name: 'Luis' } }, { json: second }];
			const result = await run(items, mensatek(parameters));
			expect(result.error(NAME)?.message).toMatch(message);
			expect(result.error(NAME)?.description).toBeTruthy();
			expect(await calls('EnviarWHATSAPP')).toHaveLength(0);
			expect(await sandbox.messages('mensatek')).toHaveLength(0);
		});
	}

	it('with Continue On Fail sends the valid items and marks only the invalid one', async () => {
		const items = [{ json: { phone: phone(1), name: 'Ana' } }, { json: { phone: 'abc', name: 'Luis' } }, { json: { phone: phone(3), name: 'Eva' } }];
		// One call at a time, so that the call the credit cannot cover is the second one.
		const result = await run(items, mensatek(template('610000000000001', { Nombre: '={{$json.name}}' }, { callsInFlight: 1 }), { continueOnFail: true }));
		const out = result.output(NAME);
		expect(out.map((o) => o.json.error ?? o.json.Telefono)).toEqual([digits(1), expect.stringMatching(/^Item 2: Phone "abc"/), digits(3)]);
		expect(out[1].json).toMatchObject({ field: 'Phone', description: expect.stringMatching(/Use only digits/) });
		expect(await calls('EnviarWHATSAPP')).toHaveLength(1);
		expect((await sandbox.messages('mensatek')).map((m) => m.to).sort()).toEqual([digits(1), digits(3)]);
	});
});

describe('Mensatek: message types and options', () => {
	it('sends text, image and document with their own fields, and the other types as given JSON', async () => {
		const send = (parameters: Record<string, unknown>) => run([{ json: {} }], mensatek({ resource: 'message', operation: 'send', phone: phone(7), ...parameters }));
		await send({ messageType: 'IMAGEN', url: 'https://example.com/a.jpg', caption: 'Mira' });
		await send({ messageType: 'DOCUMENTO', url: 'https://example.com/a.pdf' });
		await send({ messageType: 'LISTA', messageData: '{"Texto":"Elige","Opciones":["A","B"]}' });
		await send({ messageType: 'REACCION', messageData: '{"Emoji":"👍"}', options: { replyTo: '10573999' } });
		const messages = await sandbox.messages('mensatek');
		expect(messages.map((m) => [m.Tipomensaje, m.Datosmensaje])).toEqual([
			['IMAGEN', { URL: 'https://example.com/a.jpg', Texto: 'Mira' }],
			['DOCUMENTO', { URL: 'https://example.com/a.pdf' }],
			['LISTA', { Texto: 'Elige', Opciones: ['A', 'B'] }],
			['REACCION', { Emoji: '👍' }],
		]);
		expect(messages[3].content.recipient).toEqual({ Telefono: digits(7), idMensajeRespondido: '10573999' });
	});

	it('passes the schedule in Spain time, the reference and the report flag', async () => {
		const result = await run(
			[{ json: {} }],
			mensatek({
				resource: 'message',
				operation: 'send',
				phone: phone(8),
				messageType: 'TEXTO',
				text: 'Recordatorio',
				options: { scheduleAt: '2025-01-15T08:30:00Z', reference: 'campaña-1', report: true },
			}),
		);
		expect(result.output(NAME)[0].json.Referenciausuario).toBe('campaña-1');
		const [message] = await sandbox.messages('mensatek');
		// 08:30 UTC in January is 09:30 in Madrid (CET).
		expect(message.content).toMatchObject({ Fecha: '2025-01-15 09:30', Referenciausuario: 'campaña-1', Report: '1' });
	});
});

describe('Mensatek: templates, account and custom functions', () => {
	it('lists templates, filtered by review state, from one call however many items ask', async () => {
		const result = await run([{ json: {} }, { json: {} }], mensatek({ resource: 'template', operation: 'getMany', returnAll: true, status: 'APPROVED' }));
		const out = result.output(NAME);
		expect(out.map((o) => [o.json.id, o.json.Nombre, o.pairedItem])).toEqual([
			['610000000000001', 'bienvenida_cliente', { item: 0 }],
			['610000000000002', 'confirmacion_pedido', { item: 0 }],
			['610000000000003', 'oferta_imagen', { item: 0 }],
			['610000000000001', 'bienvenida_cliente', { item: 1 }],
			['610000000000002', 'confirmacion_pedido', { item: 1 }],
			['610000000000003', 'oferta_imagen', { item: 1 }],
		]);
		expect(await calls('GetPlantillasWhatsapp')).toHaveLength(1);
	});

	it('reads a bare-object answer with numbers as strings as well as the documented array', async () => {
		await sandbox.config({ mensatekBareObject: true, mensatekNumbersAsStrings: true });
		const templates = await run([{ json: {} }], mensatek({ resource: 'template', operation: 'getMany', returnAll: false, limit: 2, status: 'any' }));
		expect(templates.output(NAME).map((o) => o.json.Nombre)).toEqual(['bienvenida_cliente', 'confirmacion_pedido']);
		const credit = await run([{ json: {} }], mensatek({ resource: 'account', operation: 'getCredits' }));
		expect(credit.output(NAME)[0].json).toEqual({ Cred: 10000 });
	});

	it('gets the variables of a template by number, with their Campo names', async () => {
		const result = await run([{ json: {} }], mensatek({ resource: 'template', operation: 'getVariables', templateId: '610000000000003' }));
		const [item] = result.output(NAME);
		expect(item.json).toMatchObject({ IdPlantilla: '610000000000003', Nombre: 'oferta_imagen', Estado: 'APPROVED' });
		expect((item.json.Variables as any[]).map((v) => [v.Numero, v.Campo, v.Formato])).toEqual([
			[1, 'Telefono', 'TELEFONO'],
			[2, 'Variable_Cabecera_image', 'URL_IMAGEN'],
			[3, 'Nombre', 'TEXTO'],
		]);
	});

	it('gets the credit once per run', async () => {
		const result = await run([{ json: {} }, { json: {} }, { json: {} }], mensatek({ resource: 'account', operation: 'getCredits' }));
		expect(result.output(NAME).map((o) => o.json.Cred)).toEqual([10000, 10000, 10000]);
		expect(await calls('GetCreditos')).toHaveLength(1);
	});

	it('calls a function by name with JSON parameters, and shows Mensatek’s refusal of an unknown one', async () => {
		const ok = await run([{ json: {} }], mensatek({ resource: 'customFunction', operation: 'call', functionName: 'GetVariablesPlantillaWhatsapp', parameters: '{"idplantilla": "610000000000001", "resp": "TXT"}' }));
		expect(ok.output(NAME)[0].json).toMatchObject({ Res: 1, Nombre: 'bienvenida_cliente' });
		const unknown = await run([{ json: {} }], mensatek({ resource: 'customFunction', operation: 'call', functionName: 'EscribiendoWhatsapp', parameters: '{"Idmensaje": 1, "Telefono": "+34 600 000 001"}' }));
		expect(unknown.error(NAME)?.message).toBe('Item 1: Función desconocida: EscribiendoWhatsapp');
		const bad = await run([{ json: {} }], mensatek({ resource: 'customFunction', operation: 'call', functionName: 'Get/../x', parameters: '{}' }));
		expect(bad.error(NAME)?.message).toMatch(/^Item 1: Function Name "Get\/..\/x" is not a function name/);
		expect(await sandbox.requests('mensatek')).toHaveLength(2);
	});

	it('offers approved templates only for sending, and the variables of the chosen one by name', async () => {
		const node = {
			id: randomUUID(),
			name: NAME,
			type: 'n8n-nodes-whatsapp-gateways.mensatek',
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'message', operation: 'send', messageType: 'PLANTILLA', templateId: '610000000000003' },
			credentials: { mensatekApi: { id: '1', name: 'Mensatek sandbox' } },
		} as INode;
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const data = additionalData({ mensatekApi: sandbox.credentials('mensatekApi') }, { id: workflow.id, nodes: [node] } as any);
		const context = new LoadOptionsContext(workflow, node, data, 'parameters.templateVariables');
		const { methods } = new Mensatek();
		const options = await methods.loadOptions.getApprovedTemplates.call(context);
		expect(options.map((o) => o.value)).toEqual(['610000000000001', '610000000000002', '610000000000003']);
		const fields = await methods.resourceMapping.getTemplateVariables.call(context);
		expect(fields.fields.map((f) => [f.id, f.required])).toEqual([
			['Variable_Cabecera_image', true],
			['Nombre', true],
		]);
	});
});

describe('Mensatek credential', () => {
	// n8n's credentials tester, step by step: the test request with the credential's own
	// `authenticate`, the array answer split into items, and each rule checked on the first one.
	async function credentialTest(credentials: Record<string, string>) {
		const type = new MensatekApi();
		const node = { id: '1', name: 'test', type: 'n8n-nodes-whatsapp-gateways.mensatek', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const baseURL = workflow.expression.getSimpleParameterValue(node, type.test.request.baseURL!, 'internal', { $credentials: credentials }, undefined, '') as string;
		const request = await new CredentialsHelper({ mensatekApi: credentials }).authenticate(credentials, 'mensatekApi', { url: '' }, workflow, node);
		const response = await fetch(`${baseURL}${type.test.request.url}`, {
			method: type.test.request.method,
			headers: {
				'content-type': 'application/json',
				authorization: 'Basic ' + Buffer.from(`${request.auth!.username}:${request.auth!.password}`).toString('base64'),
			},
			body: JSON.stringify(type.test.request.body),
		});
		const body = await response.json();
		const first = Array.isArray(body) ? body[0] : body;
		const failed = (type.test.rules ?? []).find((rule: any) => first[rule.properties.key] === rule.properties.value) as any;
		return failed ? { status: 'Error', message: failed.properties.message } : { status: 'OK' };
	}

	it('passes with the right token and fails with a wrong one, saying what to check', async () => {
		const good = sandbox.credentials('mensatekApi');
		expect(await credentialTest(good)).toEqual({ status: 'OK' });
		expect(await credentialTest({ ...good, apiToken: 'wrong' })).toEqual({ status: 'Error', message: expect.stringMatching(/authentication error \(Res -1\): it did not accept the API User or API Token/) });
		await sandbox.config({ mensatekNumbersAsStrings: true, mensatekBareObject: true });
		expect(await credentialTest({ ...good, apiToken: 'wrong' })).toMatchObject({ status: 'Error' });
	});

	it('never puts the token in an error', async () => {
		await sandbox.config({ mensatekSpamFailures: 0 });
		const credentials = { ...sandbox.credentials('mensatekApi'), baseUrl: `${sandbox.url}/mensatek/nowhere` };
		const result = await runWorkflow(chain(itemsNode([{ json: {} }]), mensatek({ resource: 'account', operation: 'getCredits' })), { mensatekApi: credentials });
		const error = result.error(NAME);
		expect(error?.message).toMatch(/without its usual JSON answer/);
		expect(JSON.stringify({ message: error?.message, description: error?.description })).not.toContain(credentials.apiToken);
	});
});
