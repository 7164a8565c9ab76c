// Wolkvox failures as a user meets them: a bad token, a wrong server or base URL, an API the server
// does not know, missing parameters, maintenance; each a clear item error, with no secret in it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { wolkvoxCall } from '../../nodes/Wolkvox/transport';
import { loadOptionsContext } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { runWolkvox } from './wolkvox-helpers';

const sandbox = useSandbox();
const sendText = { resource: 'message', operation: 'send', connectorId: '1001', phone: '573001234567', text: 'Hola' };

describe('credentials', () => {
	it('a wrong token: the provider\'s words, what to check, and never the token', async () => {
		const token = 'wv_not_a_real_token_555';
		const { out, error } = await runWolkvox(sandbox, [{}, {}], sendText, { continueOnFail: true }, { token });
		expect(error).toBeUndefined();
		for (const item of out) {
			expect(item.json).toMatchObject({ error: expect.stringMatching(/^Item \d: Wolkvox does not accept the token: PLEASE VALIDATE TOKEN$/), httpCode: 403, delivery: 'not-sent' });
			expect(item.json.description).toMatch(/Check the Token of the credential/);
		}
		expect(JSON.stringify(out)).not.toContain(token);
		expect(await sandbox.messages('wolkvox')).toEqual([]);
	});

	it('a server code that is a whole address is refused before any call', async () => {
		const { error } = await runWolkvox(sandbox, [{}], sendText, {}, { baseUrl: '', server: 'wv0032.wolkvox.com' });
		expect(error?.message).toBe('Item 1: Server Code (credential) "wv0032.wolkvox.com" is not a server code');
		expect(error?.description).toMatch(/for https:\/\/wv0032\.wolkvox\.com, type 0032/);
		expect(await sandbox.requests('wolkvox')).toEqual([]);
	});

	it('a Base URL Override that goes too deep (with /api/v2) says what to check', async () => {
		// The sandbox answers an unknown path with a 404 page, no envelope (its choice: [open]).
		const { error } = await runWolkvox(sandbox, [{}], sendText, {}, { baseUrl: `${sandbox.url}/wolkvox/api/v2/` });
		expect(error?.message).toBe('Item 1: Wolkvox answered HTTP 404 without its usual JSON envelope');
		expect(error?.description).toMatch(/Server Code .* Base URL Override, given without \/api\/v2\)/);
	});

	it('a Base URL Override that is not Wolkvox at all: no envelope, say so', async () => {
		const { error } = await runWolkvox(sandbox, [{}], sendText, {}, { baseUrl: `${sandbox.url}/nowhere` });
		expect(error?.message).toBe('Item 1: Wolkvox answered HTTP 404 without its usual JSON envelope');
		expect(error?.description).toMatch(/Check the Server Code/);
	});

	it('an address that answers a web page with 200 is not taken for a sent message', async () => {
		const page = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome</body></html>'));
		await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
		const { port } = page.address() as AddressInfo;
		try {
			const { error } = await runWolkvox(sandbox, [{}], sendText, {}, { baseUrl: `http://127.0.0.1:${port}` });
			expect(error?.message).toBe('Item 1: Wolkvox answered HTTP 200 without its usual JSON envelope');
			expect(error?.description).toMatch(/The answer began: <html><body>Welcome/);
		} finally {
			await new Promise((resolve) => page.close(resolve));
		}
	});
});

describe('the provider\'s refusals', () => {
	// The node only calls APIs it knows, so an unknown API means a server without that API (an older
	// Wolkvox, or another service at the address); the transport is called here as an operation would.
	const context = () => loadOptionsContext('wolkvox', { wolkvoxApi: sandbox.credentials('wolkvoxApi') });

	it('an unknown API: Wolkvox\'s words become an error that names the API and the credential to check', async () => {
		const call = wolkvoxCall(context(), { api: 'send_smoke_signal', method: 'POST', params: { connector_id: '1001' }, kind: 'send' });
		await expect(call).rejects.toThrow('Wolkvox does not know the API "send_smoke_signal": THE API YOU WANT TO CONSULT DOES NOT EXIST');
		await expect(call).rejects.toMatchObject({ details: { httpCode: 400, delivery: 'not-sent', description: expect.stringMatching(/Server Code/) } });
	});

	it('missing parameters: SOME PARAMETERS ARE REQUIRED in the provider\'s words', async () => {
		const call = wolkvoxCall(context(), { api: 'send_message_official', method: 'POST', params: { connector_id: '1001', telephone: '573001234567' }, kind: 'send' });
		await expect(call).rejects.toThrow('Wolkvox: SOME PARAMETERS ARE REQUIRED');
		await expect(call).rejects.toMatchObject({ details: { httpCode: 400, remark: 'BAD REQUEST', delivery: 'not-sent' } });
	});

	it('maintenance: every call is a 403, shown in Wolkvox\'s words (its text is [open]), maintenance named only as a possibility', async () => {
		await sandbox.control('POST', 'wolkvox/maintenance', { on: true });
		const { error } = await runWolkvox(sandbox, [{}], sendText);
		expect(error?.message).toBe('Item 1: Wolkvox refused the call: SERVICE UNDER MAINTENANCE, PLEASE TRY AGAIN LATER');
		expect(error?.description).toMatch(/does not recognise them\. Wolkvox answers 403 to several refusals, among them every call during its maintenance windows/);
	});

	it('a refusal of one item (a template rejected since) is an item error that does not stop the others', async () => {
		await sandbox.control('POST', 'wolkvox/template-status', { connector_id: '1001', name: 'debt_collection', status: 'REJECTED' });
		const { out } = await runWolkvox(
			sandbox,
			[{ json: { t: 'order_confirmation' } }, { json: { t: 'debt_collection' } }, { json: { t: 'order_confirmation' } }],
			{
				resource: 'message',
				operation: 'sendTemplate',
				connectorId: '1001',
				phone: '573001234567',
				templateName: '={{$json.t}}',
				templateVariables: { variable: [{ value: 'Ana' }, { value: '={{$json.t === "order_confirmation" ? "A-1" : "x"}}' }] },
			},
			{ continueOnFail: true },
		);
		expect(out.map((item) => item.json.error ?? 'sent')).toEqual(['sent', 'Item 2: Wolkvox: TEMPLATE IS NOT APPROVED (REJECTED)', 'sent']);
		expect(out[1].json).toMatchObject({ httpCode: 400, remark: 'BAD REQUEST', delivery: 'not-sent' });
	});
});
