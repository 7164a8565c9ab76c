// The Wolkvox Trigger receiving real HTTP (test/helpers/webhook.mts: n8n-core's WebhookContext behind
// a node:http server doing what n8n does first). Notifications come from the sandbox's Wolkvox, which
// posts Meta's Cloud API webhook format (its choice: the payload is [open], providers.md §2 Webhooks)
// after real sends through the Wolkvox node, and from hand-made bodies of every shape.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';
import { WolkvoxTrigger } from '../../nodes/Wolkvox/WolkvoxTrigger.node';
import { META_ERRORS } from '../../nodes/Wolkvox/trigger/metaErrors';
import { useSandbox } from '../helpers/sandbox';
import type { Receiver } from '../helpers/webhook';
import { webhookReceiver } from '../helpers/webhook';
import { runWolkvox } from './wolkvox-helpers';

const sandbox = useSandbox();
const open: Receiver[] = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map((r) => r.close()));
});

async function receiver(parameters: IDataObject = {}, activate = true): Promise<Receiver> {
	const handle = await webhookReceiver({
		type: 'wolkvoxTrigger',
		parameters: { events: ['errors', 'statuses', 'messages'], options: {}, ...parameters } as INodeParameters,
		credentials: {},
		activate,
	});
	open.push(handle);
	return handle;
}

const post = (url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(url, { method: 'POST', body, headers });
const postJson = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
	const answer = await post(url, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
	return { status: answer.status, body: await answer.json() };
};

/** Meta's webhook envelope around one `value`. */
const meta = (value: IDataObject, field = 'messages') => ({
	object: 'whatsapp_business_account',
	entry: [{ id: '102290129340398', changes: [{ value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' }, ...value }, field }] }],
});
const failedStatus = (id: string, code: number, recipient = '573100000001') => ({
	id,
	status: 'failed',
	timestamp: '1700000000',
	recipient_id: recipient,
	errors: [{ code, title: `Title ${code}`, message: `Message ${code}`, error_data: { details: `Details ${code}` }, href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/' }],
});
const status = (id: string, word: string, recipient = '573100000001') => ({ id, status: word, timestamp: '1700000100', recipient_id: recipient });

/** Waits until the sandbox has posted `count` notifications and heard each answer. */
async function posted(count: number): Promise<IDataObject[]> {
	for (;;) {
		const { notifications } = await sandbox.control('GET', 'wolkvox/notifications');
		if (notifications.length >= count && notifications.every((n: IDataObject) => n.status || n.error)) return notifications;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

const sendText = (phones: string[]) =>
	runWolkvox(sandbox, phones.map((phone) => ({ json: { phone } })), { resource: 'message', operation: 'send', connectorId: '1001', phone: '={{$json.phone}}', text: 'Hola' });

describe('Wolkvox Trigger: notifications from the sandbox after real sends', () => {
	it('"Error when sending message" on: a send that fails becomes one item with the error explained; one that succeeds posts nothing', async () => {
		const trigger = await receiver();
		await sandbox.control('POST', 'wolkvox/webhook-url', { url: trigger.url, errorsOnly: true });
		await sandbox.control('POST', 'wolkvox/fail-number', { telephone: '573100000001', code: 131047 });
		const run = await sendText(['+57 310 000 0001', '+57 310 000 0002']);
		expect(run.error).toBeUndefined();
		expect(run.out).toHaveLength(2); // both accepted by the API: the failure comes later

		const notifications = await posted(1);
		expect(notifications.map((n) => n.status)).toEqual([200]);
		const messages = await sandbox.messages('wolkvox');
		const items = trigger.started.flat();
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			provider: 'wolkvox',
			event: 'status',
			direction: 'out',
			phone: '+573100000001',
			sessionKey: 'wolkvox:+573100000001',
			status: 'failed',
			messageId: messages[0].wamid,
			text: null,
			error: { code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', meaning: META_ERRORS[131047].meaning, action: META_ERRORS[131047].action },
			field: 'messages',
			raw: { id: messages[0].wamid, status: 'failed', recipient_id: '573100000001' },
		});
		expect(items[0].at).toMatch(/^\d{4}-\d\d-\d\dT/);
	});

	it('switch off: sent, delivered and read for each send, and the customer\'s answer when chosen', async () => {
		const trigger = await receiver();
		await sandbox.control('POST', 'wolkvox/webhook-url', { url: trigger.url, errorsOnly: false, messages: true });
		await sendText(['+57 310 000 0003']);
		const [message] = await sandbox.messages('wolkvox');
		await sandbox.control('POST', 'phone/status', { id: message.id, status: 'delivered' });
		await sandbox.control('POST', 'phone/status', { id: message.id, status: 'read' });
		await sandbox.control('POST', 'phone/answer', { provider: 'wolkvox', phone: '573100000003', text: 'Gracias' });
		await posted(4);
		const items = trigger.started.flat();
		expect(items.map((i) => `${i.event}/${i.status}`)).toEqual(['status/sent', 'status/delivered', 'status/read', 'message/received']);
		expect(new Set(items.slice(0, 3).map((i) => i.messageId))).toEqual(new Set([message.wamid]));
		expect(items[3]).toMatchObject({ direction: 'in', text: 'Gracias', type: 'text', phone: '+573100000003', sessionKey: 'wolkvox:+573100000003' });
		// The phone shows what was posted in the message's history.
		const state = await sandbox.control('GET', 'phone/state');
		expect(JSON.stringify(state.providers.wolkvox)).toMatch(/Wolkvox webhook: delivered/);
		expect(state.wolkvoxWebhook).toMatchObject({ url: trigger.url, errorsOnly: false, messages: true });
	});

	it('Events: Delivery Errors keeps failures (and what it does not recognise) only', async () => {
		const trigger = await receiver({ events: ['errors'] });
		const body = meta({ statuses: [status('w1', 'delivered'), failedStatus('w2', 131026), status('w3', 'read')], messages: [{ from: '573100000009', id: 'in1', timestamp: '1700000000', type: 'text', text: { body: 'hola' } }] });
		expect(await postJson(trigger.url, body)).toEqual({ status: 200, body: { message: 'Workflow was started' } });
		expect(await postJson(trigger.url, meta({ statuses: [status('w4', 'delivered')] }))).toEqual({ status: 200, body: { received: 1, started: 0 } });
		expect(await postJson(trigger.url, { something: 'else' })).toMatchObject({ status: 200 });
		expect(trigger.started.flat().map((i) => `${i.event}/${i.messageId}`)).toEqual(['status/w2', 'unknown/null']);
	});
});

describe('Wolkvox Trigger: every shape of notification', () => {
	it('statuses with their errors: one item each, every listed Meta code explained, raw title and message kept', async () => {
		const trigger = await receiver();
		const codes = Object.keys(META_ERRORS).map(Number);
		expect(codes.sort()).toEqual([368, 130429, 131000, 131026, 131042, 131047, 131049, 131051, 131053, 131056].sort());
		const body = meta({ statuses: [...codes.map((code, i) => failedStatus(`wf${i}`, code)), failedStatus('wx', 999999)] });
		expect((await postJson(trigger.url, body)).status).toBe(200);
		const items = trigger.started.flat();
		expect(items).toHaveLength(codes.length + 1);
		for (const [i, code] of codes.entries()) {
			expect(items[i].error).toEqual({ code, title: `Title ${code}`, message: `Message ${code}`, details: `Details ${code}`, ...META_ERRORS[code] });
			expect((items[i].error as IDataObject).meaning).toMatch(/\S.{20,}/);
			expect((items[i].error as IDataObject).action).toMatch(/\S.{10,}/);
		}
		// A code nobody listed: no explanation invented, Meta's own words kept.
		expect(items[codes.length].error).toEqual({ code: 999999, title: 'Title 999999', message: 'Message 999999', details: 'Details 999999', meaning: null, action: null });
		expect(items.every((i) => i.at === '2023-11-14T22:13:20.000Z' && i.sessionKey === 'wolkvox:+573100000001')).toBe(true);
	});

	it('messages: text, button and list replies, location, media; the profile name from contacts', async () => {
		const trigger = await receiver();
		const from = '5215512345678';
		const body = meta({
			contacts: [{ profile: { name: 'Carla' }, wa_id: from }],
			messages: [
				{ from, id: 'm1', timestamp: '1700000000', type: 'text', text: { body: '¿Dónde está mi pedido?' } },
				{ from, id: 'm2', timestamp: '1700000001', type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'r2', title: 'Martes' } } },
				{ from, id: 'm3', timestamp: '1700000002', type: 'button', button: { text: 'Sí', payload: 'YES' } },
				{ from, id: 'm4', timestamp: '1700000003', type: 'location', location: { latitude: 19.43, longitude: -99.13 } },
				{ from, id: 'm5', timestamp: '1700000004', type: 'image', image: { id: 'img1', mime_type: 'image/jpeg', caption: 'Foto' } },
			],
		});
		await postJson(trigger.url, body);
		const items = trigger.started.flat();
		expect(items.map((i) => [i.messageId, i.type, i.text])).toEqual([
			['m1', 'text', '¿Dónde está mi pedido?'],
			['m2', 'interactive', 'Martes'],
			['m3', 'button', 'Sí'],
			['m4', 'location', null],
			['m5', 'image', 'Foto'],
		]);
		expect(items.every((i) => i.name === 'Carla' && i.direction === 'in' && i.event === 'message' && i.phone === '+5215512345678')).toBe(true);
		expect(items[3].location).toEqual({ latitude: 19.43, longitude: -99.13, name: null, address: null });
		expect(items[4].media).toMatchObject({ kind: 'image', id: 'img1', mimeType: 'image/jpeg' });
		expect(items[0].raw).toEqual(body.entry[0].changes[0].value.messages[0]);
	});

	it('top-level errors: one item each, explained, no phone', async () => {
		const trigger = await receiver();
		await postJson(trigger.url, meta({ errors: [{ code: 130429, title: 'Rate limit hit', message: 'Rate limit hit', error_data: { details: 'Too many' } }] }));
		const [item] = trigger.started.flat();
		expect(item).toMatchObject({ event: 'error', phone: null, sessionKey: null, error: { code: 130429, title: 'Rate limit hit', details: 'Too many', meaning: META_ERRORS[130429].meaning } });
	});

	it('anything else passes through whole as one item with event "unknown"; an empty body is refused', async () => {
		const trigger = await receiver();
		const bodies: unknown[] = [
			{ hello: 'world' },
			[1, 2, 3],
			{ entry: 'not a list' },
			meta({ event: 'template_status_update', name: 'x' }, 'message_template_status_update'),
		];
		for (const body of bodies) expect((await postJson(trigger.url, body)).status).toBe(200);
		expect((await post(trigger.url, 'plain words, not JSON', { 'content-type': 'text/plain' })).status).toBe(200);
		const form = await post(trigger.url, 'a=1&b=2', { 'content-type': 'application/x-www-form-urlencoded' });
		expect(form.status).toBe(200);
		const items = trigger.started.flat();
		expect(items.map((i) => i.event)).toEqual(Array(6).fill('unknown'));
		expect(items.map((i) => i.raw)).toEqual([...bodies.slice(0, 3), (bodies[3] as { entry: [{ changes: unknown[] }] }).entry[0].changes[0], 'plain words, not JSON', { a: '1', b: '2' }]);

		const empty = await post(trigger.url, '', { 'content-type': 'application/json' });
		expect(empty.status).toBe(400);
		expect(await empty.json()).toEqual({ error: 'The body is empty: there is no notification to pass on.' });
		// n8n itself refuses malformed JSON declared as JSON (422) before the node runs.
		expect((await post(trigger.url, '{"entry": [', { 'content-type': 'application/json' })).status).toBe(422);
		expect(trigger.started).toHaveLength(6);
		expect(trigger.thrown).toBe(0);
	});
});

describe('Wolkvox Trigger: repeats and authentication', () => {
	it('skips a notification already received (same message id and status); another status of it starts', async () => {
		const trigger = await receiver();
		const once = meta({ statuses: [status('w9', 'delivered')] });
		expect(await postJson(trigger.url, once)).toEqual({ status: 200, body: { message: 'Workflow was started' } });
		expect(await postJson(trigger.url, once)).toEqual({ status: 200, body: { received: 1, started: 0, repeated: 1 } });
		expect(await postJson(trigger.url, meta({ statuses: [status('w9', 'read'), status('w9', 'read')] }))).toMatchObject({ status: 200 });
		const message = meta({ messages: [{ from: '573100000001', id: 'in9', timestamp: '1', type: 'text', text: { body: 'x' } }] });
		await postJson(trigger.url, message);
		await postJson(trigger.url, message);
		expect(trigger.started.flat().map((i) => `${i.messageId}/${i.status}`)).toEqual(['w9/delivered', 'w9/read', 'in9/received']);

		const keepAll = await receiver({ options: { skipRepeated: false } });
		await postJson(keepAll.url, once);
		await postJson(keepAll.url, once);
		expect(keepAll.started.flat()).toHaveLength(2);
	});

	it('Header: only requests carrying the header value start it', async () => {
		const trigger = await receiver({ authentication: 'header', headerName: 'X-Proxy-Secret', headerValue: 'a long random value 42' });
		const body = meta({ statuses: [status('h1', 'sent')] });
		expect((await postJson(trigger.url, body)).status).toBe(401);
		expect((await postJson(trigger.url, body, { 'x-proxy-secret': 'wrong' })).status).toBe(401);
		expect((await postJson(trigger.url, body, { 'x-proxy-secret': 'a long random value 42' })).status).toBe(200);
		expect(trigger.started).toHaveLength(1);
	});

	it('Basic Auth: from the sandbox with the right user and password only; 401 otherwise', async () => {
		const trigger = await receiver({ authentication: 'basicAuth', user: 'proxy', password: 'a long random password' });
		for (const [basic, expected] of [
			[{ user: 'proxy', password: 'a long random password' }, 200],
			[{ user: 'proxy', password: 'nope' }, 401],
			[undefined, 401],
		] as const) {
			await sandbox.control('POST', 'reset', {});
			await sandbox.control('POST', 'wolkvox/webhook-url', { url: trigger.url, errorsOnly: true, basic });
			await sandbox.control('POST', 'wolkvox/fail-number', { telephone: '573100000005' });
			await sendText(['+57 310 000 0005']);
			const [notification] = await posted(1);
			expect({ basic, status: notification.status }).toEqual({ basic, status: expected });
		}
		expect(trigger.started).toHaveLength(1);
	});

	it('refuses to activate with a check that cannot work, and lets nobody in should a request come anyway', async () => {
		await expect(receiver({ authentication: 'header', headerName: 'X-Secret', headerValue: '' })).rejects.toThrow(/Header Value is empty/);
		await expect(receiver({ authentication: 'basicAuth', user: 'proxy', password: '' })).rejects.toThrow(/has no password/);
		const trigger = await receiver({ authentication: 'basicAuth', user: 'proxy', password: '' }, false);
		const basic = 'Basic ' + Buffer.from('proxy:').toString('base64');
		expect((await postJson(trigger.url, meta({ statuses: [status('a', 'sent')] }), { authorization: basic })).status).toBe(401);
		expect(trigger.started).toHaveLength(0);
	});

	it('says the URL is the secret, and shows the Manager steps and what is not documented', () => {
		const properties = new WolkvoxTrigger().description.properties;
		const notices = properties.filter((p) => p.type === 'notice').map((p) => p.displayName);
		expect(notices.join('\n')).toMatch(/anyone who knows this URL can start the workflow/);
		expect(notices.join('\n')).toMatch(/Settings → Omni Channel → WhatsApp → edit the account → ⋮ → Configure webhook/);
		expect(notices.join('\n')).toMatch(/Error when sending message/);
		expect(notices.join('\n')).toMatch(/Not documented by Wolkvox/);
	});
});
