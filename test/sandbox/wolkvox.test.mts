// The sandbox's Wolkvox: envelopes, auth, parameters, templates, the two-in-flight rule, the daily
// budget, forced rejections and maintenance, all over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/server.mjs';

const TOKEN = 'wv_demo_token_0123456789';
const OTHER_TOKEN = 'wv_demo_token_second_9876543210';

let sandbox: { url: string; close(): Promise<void> };
let base: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, seed: 1 });
	base = `${sandbox.url}/wolkvox/api/v2`;
});
afterAll(() => sandbox.close());
beforeEach(() => control('POST', 'reset'));

async function control(method: string, route: string, body?: unknown) {
	const response = await fetch(`${sandbox.url}/_sandbox/${route}`, {
		method,
		headers: body ? { 'content-type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined,
	});
	return { status: response.status, body: await response.json() };
}

async function call(api: string, body?: unknown, { method = body ? 'POST' : 'GET', token = TOKEN as string | null, query = '', file = 'whatsapp' } = {}) {
	const headers: Record<string, string> = {};
	if (token !== null) headers['wolkvox-token'] = token;
	if (body) headers['content-type'] = 'application/json';
	const response = await fetch(`${base}/${file}.php?api=${api}${query}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
	return { status: response.status, body: await response.json() };
}

const messages = async () => (await control('GET', 'messages?provider=wolkvox')).body.messages;
const send = (telephone = '573001112233', extra: Record<string, unknown> = {}) =>
	call('send_message_official', { connector_id: '1001', telephone, message: 'Hola', ...extra });

describe('Wolkvox sends', () => {
	it('send_message_official answers 201 and records the message', async () => {
		const result = await send('573001112233', { message: 'Hola desde n8n' });
		expect(result).toEqual({ status: 201, body: { code: 201, error: null, msg: 'Message has been sent successfully' } });
		const [message] = await messages();
		expect(message).toMatchObject({ provider: 'wolkvox', to: '573001112233', type: 'text', text: 'Hola desde n8n', connector: '1001' });
		expect(message.content).toEqual({ connector_id: '1001', telephone: '573001112233', message: 'Hola desde n8n' });
	});

	it('send_template_official splits template_vars on ; and records them', async () => {
		const result = await call('send_template_official', {
			connector_id: '1001',
			telephone: '573001112233',
			template_name: 'order_confirmation',
			template_vars: 'Ana;A-77',
			customer_id: '',
			url_attach: '',
		});
		expect(result.status).toBe(201);
		expect(result.body.msg).toBe('Message has been sent successfully');
		const [message] = await messages();
		expect(message).toMatchObject({ type: 'template', template: 'order_confirmation', variables: ['Ana', 'A-77'], text: 'Hola Ana, tu pedido A-77 está confirmado.' });
	});

	it('accepts a template without variables with template_vars ""', async () => {
		const result = await call('send_template_official', { connector_id: '1001', telephone: '573001112233', template_name: 'welcome_message', template_vars: '' });
		expect(result.status).toBe(201);
		expect((await messages())[0].variables).toEqual([]);
	});

	it('refuses pending, rejected, unknown and other-connector templates and a wrong variable count', async () => {
		const template = (connector_id: string, template_name: string, template_vars = 'x;y') =>
			call('send_template_official', { connector_id, telephone: '573001112233', template_name, template_vars });
		for (const result of [
			await template('1001', 'spring_sale'),
			await template('1001', 'debt_collection'),
			await template('1001', 'nope'),
			await template('1001', 'shipping_update', 'x'),
			await template('1001', 'order_confirmation', 'only-one'),
			await template('9999', 'order_confirmation'),
		]) {
			expect(result.status).toBe(400);
			expect(result.body).toMatchObject({ code: 400, error: 'BAD REQUEST' });
		}
		expect(await messages()).toEqual([]);
	});

	it('send_message_mobil allows one message per customer every 20 s', async () => {
		const mobil = (telephone: string) => call('send_message_mobil', { connector_id: '2001', telephone, message: 'Hola', url_attach: '' });
		expect((await mobil('573001112233')).status).toBe(201);
		const second = await mobil('573001112233');
		expect(second.status).toBe(403);
		expect(second.body).toMatchObject({ code: 403, error: 'FORBIDDEN' });
		expect((await mobil('573009998877')).status).toBe(201);
		expect((await messages()).map((m: { to: string }) => m.to)).toEqual(['573001112233', '573009998877']);

		await control('POST', 'config', { provider: 'wolkvox', wolkvoxMobilIntervalMs: 0 });
		expect((await mobil('573001112233')).status).toBe(201);
	});

	it('upload_media returns a sample handle (for creating templates) in the field the sandbox chose', async () => {
		const result = await call('upload_media', { connector_id: '1001', file_url: 'https://files.wolkvox.example/a.pdf' });
		expect(result.status).toBe(201);
		expect(result.body.code).toBe(201);
		// The field name is [open]: the sandbox's choice, from the facts module.
		expect(typeof result.body.data.sample_handle).toBe('string');
	});
});

describe('Wolkvox templates', () => {
	it('list_templates (GET) returns data.meta_templates with every status', async () => {
		const result = await call('list_templates', undefined, { query: '&connector_id=1001' });
		expect(result.status).toBe(200);
		const templates = result.body.data.meta_templates;
		expect(templates.map((t: { name: string; status: string }) => `${t.name}:${t.status}`)).toEqual([
			'order_confirmation:APPROVED',
			'appointment_reminder:APPROVED',
			'welcome_message:APPROVED',
			'spring_sale:PENDING',
			'debt_collection:REJECTED',
		]);
		expect(templates[0]).toEqual({
			name: 'order_confirmation',
			components: [{ type: 'BODY', text: 'Hola {{1}}, tu pedido {{2}} está confirmado.' }],
			status: 'APPROVED',
			language: 'es',
			category: 'UTILITY',
		});
		const other = await call('list_templates', undefined, { query: '&connector_id=1002' });
		expect(other.body.data.meta_templates.map((t: { name: string }) => t.name)).toEqual(['shipping_update', 'survey_invite', 'old_offer']);
	});

	it('sync_templates returns data[] with name_template, body_template, idiom, category', async () => {
		const result = await call('sync_templates', { connector_id: '1002' });
		expect(result.status).toBe(200);
		expect(result.body.data).toEqual([{ name_template: 'shipping_update', body_template: 'Tu envío {{1}} ya está en camino.', idiom: 'es_CO', category: 'UTILITY' }]);
	});

	it('create_template adds a PENDING template, edit_template changes it', async () => {
		const components = [{ type: 'BODY', text: 'Hola {{1}}' }];
		const bad = await call('create_template', { connector_id: '1001', name: 'Con Espacios', language: 'es', category: 'MARKETING', components });
		expect(bad.status).toBe(400);
		const created = await call('create_template', { connector_id: '1001', name: 'nuevo_saludo', language: 'es', category: 'MARKETING', components });
		expect(created.status).toBe(201);
		const edited = await call('edit_template', { connector_id: '1001', name: 'nuevo_saludo', components: [{ type: 'BODY', text: 'Hola de nuevo {{1}}' }] });
		expect(edited.status).toBe(201);
		const list = (await call('list_templates', undefined, { query: '&connector_id=1001' })).body.data.meta_templates;
		expect(list.at(-1)).toMatchObject({ name: 'nuevo_saludo', status: 'PENDING', components: [{ text: 'Hola de nuevo {{1}}' }] });
	});

	it('a wrong method gets 405 and is not processed', async () => {
		expect((await call('list_templates', { connector_id: '1001' })).status).toBe(405);
		expect((await call('send_message_official', undefined, { method: 'GET' })).status).toBe(405);
	});
});

describe('Wolkvox errors', () => {
	it('a missing token is 401, a wrong one 403', async () => {
		expect(await call('send_message_official', { connector_id: '1001', telephone: '573001112233', message: 'x' }, { token: null })).toEqual({
			status: 401,
			body: { code: 401, error: 'UNAUTHORIZED', msg: 'PLEASE ENTER THE WOLKVOX-TOKEN' },
		});
		expect(await call('token_info', undefined, { token: 'wrong', file: 'information' })).toEqual({
			status: 403,
			body: { code: 403, error: 'FORBIDDEN', msg: 'PLEASE VALIDATE TOKEN' },
		});
	});

	it('an unknown api is 400 THE API YOU WANT TO CONSULT DOES NOT EXIST, missing parameters 400 SOME PARAMETERS ARE REQUIRED', async () => {
		const unknown = { status: 400, body: { code: 400, error: 'BAD REQUEST', msg: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' } };
		expect(await call('send_smoke_signal', { connector_id: '1001' })).toEqual(unknown);
		expect(await call('smoke_info', undefined, { file: 'information' })).toEqual(unknown);
		expect(await call('send_message_official', { connector_id: '1001', telephone: '573001112233' })).toEqual({
			status: 400,
			body: { code: 400, error: 'BAD REQUEST', msg: 'SOME PARAMETERS ARE REQUIRED' },
		});
		expect((await call('list_templates')).body.msg).toBe('SOME PARAMETERS ARE REQUIRED');
	});

	it('refuses a telephone that is not digits only', async () => {
		for (const telephone of ['+573001112233', '300 111 2233', '123']) expect((await send(telephone)).status).toBe(400);
		expect(await messages()).toEqual([]);
	});

	it('maintenance makes every API answer 403', async () => {
		await control('POST', 'wolkvox/maintenance', { on: true });
		expect((await send()).status).toBe(403);
		expect((await call('token_info', undefined, { file: 'information' })).body).toMatchObject({ code: 403, error: 'FORBIDDEN' });
		await control('POST', 'wolkvox/maintenance', { on: false });
		expect((await send()).status).toBe(201);
	});
});

describe('Wolkvox limits', () => {
	it('token_info reports the usage of the day and counts itself', async () => {
		await send();
		const info = await call('token_info', undefined, { file: 'information' });
		expect(info.status).toBe(200);
		expect(info.body.data).toEqual({ description: 'Demo token (sandbox)', token_limit: 1000, token_use_today: 2, all_token_today: 2 });
		await call('token_info', undefined, { file: 'information', token: OTHER_TOKEN });
		const again = await call('token_info', undefined, { file: 'information' });
		expect(again.body.data).toMatchObject({ token_use_today: 3, all_token_today: 4 });
	});

	it('the daily budget is the account\'s: every call of every token counts, failed ones too', async () => {
		await control('POST', 'config', { provider: 'wolkvox', wolkvoxDailyLimit: 4 });
		expect((await send()).status).toBe(201);
		expect((await call('send_message_official', { connector_id: '1001' })).status).toBe(400);
		expect((await call('token_info', undefined, { file: 'information', token: OTHER_TOKEN })).body.data).toMatchObject({ token_use_today: 1, all_token_today: 3 });
		expect((await call('token_info', undefined, { file: 'information' })).body.data).toMatchObject({ token_use_today: 3, all_token_today: 4 });
		expect(await send()).toEqual({ status: 403, body: { code: 403, error: 'FORBIDDEN', msg: 'TOKEN LIMIT EXCEEDED' } });
		expect((await call('token_info', undefined, { file: 'information' })).body.msg).toBe('TOKEN LIMIT EXCEEDED');
		expect((await send('573001112233', {})).status).toBe(403);
		// The other token of the account is refused too: the budget is not per token.
		expect((await call('token_info', undefined, { file: 'information', token: OTHER_TOKEN })).body.msg).toBe('TOKEN LIMIT EXCEEDED');
		expect(await messages()).toHaveLength(1);

		// The control route can start a day part-spent.
		await control('POST', 'reset');
		await control('POST', 'wolkvox/usage', { used: 999 });
		expect((await send()).status).toBe(201);
		expect((await send()).body.msg).toBe('TOKEN LIMIT EXCEEDED');
	});

	it('allows two requests in flight per token: of 5 concurrent, exactly 3 get 403 at once', async () => {
		await control('POST', 'config', { provider: 'wolkvox', latencyMs: 100 });
		const started = Date.now();
		const results = await Promise.all(
			Array.from({ length: 5 }, async (_, i) => {
				const result = await send(`57300111220${i}`);
				return { ...result, ms: Date.now() - started };
			}),
		);
		const rejected = results.filter((r) => r.status === 403);
		const sent = results.filter((r) => r.status === 201);
		expect(sent).toHaveLength(2);
		expect(rejected).toHaveLength(3);
		for (const r of rejected) {
			expect(r.body).toEqual({ code: 403, error: 'FORBIDDEN', msg: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)' });
			// Refused on arrival, before the added latency: back before the accepted ones.
			expect(r.ms).toBeLessThan(Math.min(...sent.map((s) => s.ms)));
		}
		expect(await messages()).toHaveLength(2);
		const stats = (await control('GET', 'wolkvox/stats')).body.tokens[TOKEN];
		expect(stats).toMatchObject({ inFlight: 0, maxInFlight: 2, rejectedConcurrency: 3 });
		// Rejected calls do not spend the budget.
		expect(stats.usedToday).toBe(2);
	});

	it('the limit is per token: two in flight on each of two tokens all pass', async () => {
		await control('POST', 'config', { provider: 'wolkvox', latencyMs: 100 });
		const results = await Promise.all([
			send('573001112201'),
			send('573001112202'),
			call('send_message_official', { connector_id: '1001', telephone: '573001112203', message: 'x' }, { token: OTHER_TOKEN }),
			call('send_message_official', { connector_id: '1001', telephone: '573001112204', message: 'x' }, { token: OTHER_TOKEN }),
		]);
		expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
	});

	it('sequential calls never hit the limit', async () => {
		for (let i = 0; i < 5; i++) expect((await send()).status).toBe(201);
		expect((await control('GET', 'wolkvox/stats')).body.tokens[TOKEN]).toMatchObject({ maxInFlight: 1, rejectedConcurrency: 0 });
	});

	it('forced rejections answer the concurrency 403 and record nothing', async () => {
		expect((await control('POST', 'wolkvox/reject-concurrency', { count: 2 })).body).toEqual({ pendingForcedRejections: 2 });
		const first = await send();
		const second = await send();
		const third = await send();
		expect([first.status, second.status, third.status]).toEqual([403, 403, 201]);
		expect(first.body.msg).toBe('EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)');
		expect(await messages()).toHaveLength(1);
		const stats = (await control('GET', 'wolkvox/stats')).body;
		expect(stats.pendingForcedRejections).toBe(0);
		expect(stats.tokens[TOKEN]).toMatchObject({ rejectedConcurrency: 2, forcedRejections: 2, usedToday: 1 });
	});
});
