// The conversation fields every trigger puts beside its raw ones (nodes/shared/conversation.ts):
// provider, phone (E.164), direction, event, type, text, messageId, status, at, sessionKey. The
// Mensatek Trigger receives real HTTP (test/helpers/webhook.mts) from the sandbox's phone and from
// hand-made reports; the OvoWpp/WapiFlow Triggers are polled through n8n-core against the sandbox.
// The Wolkvox Trigger's are in wolkvox-trigger.test.mts.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkflowJson } from '../helpers/harness';
import { pollNode } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import type { Receiver } from '../helpers/webhook';
import { webhookReceiver } from '../helpers/webhook';

const sandbox = useSandbox();
const open: Receiver[] = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map((r) => r.close()));
});

const COMMON = ['provider', 'phone', 'direction', 'event', 'type', 'text', 'messageId', 'status', 'at', 'sessionKey'];

async function mensatekTrigger(directions = ['INPUT', 'OUTPUT']): Promise<Receiver> {
	const handle = await webhookReceiver({
		type: 'mensatekTrigger',
		parameters: { directions, options: { skipRepeated: false } } as INodeParameters,
		credentials: { mensatekWebhookApi: { user: 'u', password: 'p' } },
	});
	open.push(handle);
	return handle;
}

const report = (extra: IDataObject = {}) => ({
	Servicio: 'WHATSAPP',
	Direccion: 'INPUT',
	Estado: 8,
	Telefono: '34600000001',
	NombreDestinatario: 'Pedro Pérez',
	Fecha: '2025-01-15 11:14:24',
	idMensaje: 10573758,
	Referencia: '',
	Tipo: 'text',
	Mensaje: '{"type":"text","text":"Hola"}',
	...extra,
});
const postJson = (url: string, body: unknown) => fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('Mensatek Trigger: conversation fields', () => {
	it('an incoming text: the fields an agent needs, beside the raw report kept exactly', async () => {
		const trigger = await mensatekTrigger();
		expect((await postJson(trigger.url, report())).status).toBe(200);
		const [item] = trigger.started.flat();
		expect(item).toEqual({
			...report(),
			Mensaje: { type: 'text', text: 'Hola' },
			MensajeRaw: '{"type":"text","text":"Hola"}',
			provider: 'mensatek',
			phone: '+34600000001',
			direction: 'in',
			event: 'message',
			type: 'text',
			text: 'Hola',
			messageId: '10573758',
			status: 'received',
			// Fecha read as Spain time (CET in January: UTC+1)
			at: '2025-01-15T10:14:24.000Z',
			sessionKey: 'mensatek:+34600000001',
		});
	});

	it('Mensaje parsed: text as an object, button and list replies, location, media descriptors', async () => {
		const trigger = await mensatekTrigger();
		const cases: Array<[IDataObject, IDataObject]> = [
			[{ type: 'text', text: { body: 'Hola de nuevo' } }, { type: 'text', text: 'Hola de nuevo' }],
			[
				{ type: 'button', button: { text: 'Sí, confirmo', payload: 'CONFIRM' } },
				{ type: 'button', text: 'Sí, confirmo', reply: { kind: 'button', id: 'CONFIRM', title: 'Sí, confirmo' } },
			],
			[
				{ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } } },
				{ type: 'interactive', text: 'Yes', reply: { kind: 'button_reply', id: 'yes', title: 'Yes' } },
			],
			[
				{ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'row-2', title: 'Tuesday', description: 'Afternoon' } } },
				{ type: 'interactive', text: 'Tuesday', reply: { kind: 'list_reply', id: 'row-2', title: 'Tuesday' } },
			],
			[
				{ type: 'location', location: { latitude: 40.4168, longitude: '-3.7038', name: 'Sol', address: 'Puerta del Sol, Madrid' } },
				{ type: 'location', text: null, location: { latitude: 40.4168, longitude: -3.7038, name: 'Sol', address: 'Puerta del Sol, Madrid' } },
			],
			[
				{ type: 'image', image: { id: 'media-1', mime_type: 'image/jpeg', caption: 'Mi factura' } },
				{ type: 'image', text: 'Mi factura', media: { kind: 'image', id: 'media-1', mimeType: 'image/jpeg', caption: 'Mi factura', filename: null, url: null } },
			],
			[
				{ type: 'document', document: { filename: 'a.pdf', mime_type: 'application/pdf', link: 'https://example.com/a.pdf' } },
				{ type: 'document', text: null, media: { kind: 'document', id: null, mimeType: 'application/pdf', caption: null, filename: 'a.pdf', url: 'https://example.com/a.pdf' } },
			],
		];
		for (const [i, [mensaje]] of cases.entries()) {
			expect((await postJson(trigger.url, report({ idMensaje: 1000 + i, Mensaje: JSON.stringify(mensaje), Tipo: String(mensaje.type) }))).status).toBe(200);
		}
		const items = trigger.started.flat();
		expect(items).toHaveLength(cases.length);
		for (const [i, [mensaje, expected]] of cases.entries()) {
			expect(items[i]).toMatchObject({ ...expected, Mensaje: mensaje, direction: 'in', event: 'message', status: 'received' });
		}
	});

	it('a status report keeps Estado as its own code: Mensatek does not publish what the numbers mean', async () => {
		const trigger = await mensatekTrigger([]); // no direction filter: the odd report below comes through too
		await postJson(trigger.url, report({ Direccion: 'OUTPUT', Estado: 3, Mensaje: undefined, Tipo: 'TEXTO', Fecha: '2025-07-01 09:00:00', Telefono: '0034 600 000 002' }));
		await postJson(trigger.url, report({ Direccion: 'sideways', Estado: 5 }));
		const [status, odd] = trigger.started.flat();
		expect(status).toMatchObject({
			Estado: 3,
			provider: 'mensatek',
			phone: '+34600000002',
			direction: 'out',
			event: 'status',
			type: 'TEXTO',
			text: null,
			messageId: '10573758',
			status: '3',
			at: '2025-07-01T07:00:00.000Z', // CEST: UTC+2
			sessionKey: 'mensatek:+34600000002',
		});
		// A direction that is neither INPUT nor OUTPUT: no guess.
		expect(odd).toMatchObject({ direction: null, event: 'unknown', status: '5', text: null });
	});

	it('the customer writes on the sandbox phone: the trigger item carries the text and the session key', async () => {
		const trigger = await mensatekTrigger();
		await sandbox.control('POST', 'mensatek/report-url', { url: trigger.url, format: 'json' });
		await sandbox.control('POST', 'phone/answer', { provider: 'mensatek', phone: '+34 611 222 333', text: '¿Tenéis talla M?', name: 'Lucía' });
		const [item] = trigger.started.flat();
		expect(item).toMatchObject({ text: '¿Tenéis talla M?', phone: '+34611222333', sessionKey: 'mensatek:+34611222333', direction: 'in', event: 'message', type: 'text' });
		expect(item.messageId).toBe(String(item.idMensaje));
		expect(Object.keys(item)).toEqual(expect.arrayContaining(COMMON));
	});
});

describe('OvoWpp and WapiFlow Triggers: conversation fields', () => {
	const workflow = (brand: 'ovoWpp' | 'wapiFlow'): WorkflowJson => ({
		nodes: [
			{
				name: 'T',
				type: `n8n-nodes-whatsapp-gateways.${brand}Trigger`,
				typeVersion: 1,
				parameters: { events: ['newConversation', 'conversationUpdated', 'statusChanged'] },
				credentials: { [`${brand}Api`]: { id: '1', name: 'sandbox' } },
			},
		],
		connections: {},
	});

	for (const brand of ['ovoWpp', 'wapiFlow'] as const) {
		it(`${brand}: phone, at and session key filled; what the service does not give is null; event and status keep their meaning`, async () => {
			const credentials = { [`${brand}Api`]: sandbox.credentials('ovoWppApi') };
			const first = await pollNode(workflow(brand), credentials);
			expect(first.items).toBeNull();
			await sandbox.control('POST', 'ovowpp/incoming', { mobile_code: '34', mobile: '600111222', message: 'Hola', firstname: 'Ana', lastname: 'Ruiz' });
			const second = await pollNode({ nodes: [], connections: {} }, credentials, { workflow: first.workflow });
			const [item] = second.items!.map((i) => i.json);
			const provider = brand.toLowerCase();
			expect(item).toMatchObject({
				event: 'newConversation', // the trigger's own event name, as before
				status: expect.any(Number), // the conversation's status code, as before (its word: statusName)
				provider,
				phone: '+34600111222',
				sessionKey: `${provider}:+34600111222`,
				direction: null,
				type: null,
				text: null,
				messageId: null,
			});
			expect(item.at).toBe(new Date(String(item.last_message_at)).toISOString());
			expect(Object.keys(item)).toEqual(expect.arrayContaining(COMMON));
		});
	}
});
