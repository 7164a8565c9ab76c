// Wolkvox as its published docs and public client code describe it (issue 20, items 8–10): the real
// text of an unknown api, Wolkvox's own words for a 404 that carries its envelope, refusals of Send
// Mobile that the node cannot recognise shown as they are and not sent again, the daily budget as
// the account's, and Upload Media as a handle for creating templates. Workflows run through n8n-core
// against the sandbox over HTTP.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WolkvoxApi } from '../../credentials/WolkvoxApi.credentials';
import { properties } from '../../nodes/Wolkvox/actions/versionDescription';
import { useSandbox } from '../helpers/sandbox';
import { apiRequests, runWolkvox, TOKEN } from './wolkvox-helpers';

const sandbox = useSandbox();
const sendText = { resource: 'message', operation: 'send', connectorId: '1001', phone: '573001234567', text: 'Hola' };
const sendMobile = { resource: 'message', operation: 'sendMobile', connectorId: '2001', phone: '573004450009', text: 'Hola' };
const envelope = (code: number, error: string, msg: string) => ({ code, error, msg });
/** The sandbox answers the next request with `body` (status = its code), as Wolkvox would. */
const answerOnce = (body: { code: number }) => sandbox.config({ provider: 'wolkvox', faultRules: [{ fault: 'answer', status: body.code, body }] });

describe('item 8: an unknown api, and a 404 with an envelope', () => {
	it('the sandbox answers an unknown api as Wolkvox does', async () => {
		const response = await fetch(`${sandbox.url}/wolkvox/api/v2/whatsapp.php?api=send_smoke_signal`, {
			method: 'POST',
			headers: { 'wolkvox-token': TOKEN, 'content-type': 'application/json' },
			body: '{}',
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ code: 400, error: 'BAD REQUEST', msg: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' });
	});

	it('a server without the API: the node says which API it does not know, in Wolkvox\'s words, and what to check', async () => {
		await answerOnce(envelope(400, 'BAD REQUEST', 'THE API YOU WANT TO CONSULT DOES NOT EXIST'));
		const { out } = await runWolkvox(sandbox, [{}], sendText, { continueOnFail: true });
		expect(out[0].json).toMatchObject({
			error: 'Item 1: Wolkvox does not know the API "send_message_official": THE API YOU WANT TO CONSULT DOES NOT EXIST',
			httpCode: 400,
			delivery: 'not-sent',
		});
		expect(out[0].json.description).toMatch(/Server Code/);
		expect(await sandbox.messages('wolkvox')).toEqual([]);
	});

	it('a 404 that carries Wolkvox\'s envelope shows Wolkvox\'s msg and does not blame the Server Code', async () => {
		await answerOnce(envelope(404, 'NOT FOUND', 'NO DATA FOUND FOR THIS REQUEST'));
		const { out } = await runWolkvox(sandbox, [{}], sendText, { continueOnFail: true });
		expect(out[0].json).toMatchObject({ error: 'Item 1: Wolkvox: NO DATA FOUND FOR THIS REQUEST', httpCode: 404, remark: 'NOT FOUND' });
		expect(out[0].json.description).not.toMatch(/Server Code|Base URL/);
	});

	it('a 404 without an envelope (a wrong address) is blamed on the Server Code', async () => {
		const { error } = await runWolkvox(sandbox, [{}], sendText, {}, { baseUrl: `${sandbox.url}/wolkvox/api/v2/` });
		expect(error?.message).toBe('Item 1: Wolkvox answered HTTP 404 without its usual JSON envelope');
		expect(error?.description).toMatch(/Check the Server Code .* Base URL Override/);
	});
});

describe('item 9: a refusal of Send Mobile the node does not recognise', () => {
	it('another process wrote to the customer within 20 s: Wolkvox\'s own words, sent once, not repeated', async () => {
		const customer = sendMobile.phone;
		const other = await fetch(`${sandbox.url}/wolkvox/api/v2/whatsapp.php?api=send_message_mobil`, {
			method: 'POST',
			headers: { 'wolkvox-token': TOKEN, 'content-type': 'application/json' },
			body: JSON.stringify({ connector_id: '2001', telephone: customer, message: 'otro proceso', url_attach: '' }),
		});
		expect(other.status).toBe(201);
		const { out } = await runWolkvox(sandbox, [{}], sendMobile, { continueOnFail: true });
		expect(out[0].json.error).toMatch(/^Item 1: Wolkvox refused the message: \S/);
		expect(out[0].json).toMatchObject({ httpCode: 403, delivery: 'not-sent' });
		expect(out[0].json.description).not.toMatch(/maintenance/i);
		expect((await apiRequests(sandbox, 'send_message_mobil')).map((r) => r.status)).toEqual([201, 403]);
		expect((await sandbox.messages('wolkvox')).map((m) => m.text)).toEqual(['otro proceso']);
	});

	it.each([
		[403, 'FORBIDDEN', 'A REFUSAL NOBODY HAS SEEN'],
		[400, 'BAD REQUEST', 'ANOTHER REFUSAL NOBODY HAS SEEN'],
	])('an unrecognised %i is shown with Wolkvox\'s words and not retried', async (code, error, msg) => {
		await answerOnce(envelope(code, error, msg));
		// A customer of its own: the node's spacing of the earlier test's customer does not hold it up.
		const { out } = await runWolkvox(sandbox, [{}], { ...sendMobile, phone: `573004450${code}` }, { continueOnFail: true });
		expect(out[0].json).toMatchObject({ error: `Item 1: Wolkvox refused the message: ${msg}`, httpCode: code, remark: error });
		expect(out[0].json.description).not.toMatch(/maintenance/i);
		expect(out[0].json.description).toMatch(/not sent again/);
		expect((await apiRequests(sandbox, 'send_message_mobil')).length).toBe(1);
	});

	// The text the node matched on before (the invented refusal, in Wolkvox's capitals), anywhere.
	it('no node file holds the invented spacing text', () => {
		const root = path.join(import.meta.dirname, '..', '..');
		const files = (dir: string): string[] =>
			fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
		const holders = [...files(path.join(root, 'nodes', 'Wolkvox')), path.join(root, 'credentials', 'WolkvoxApi.credentials.ts')]
			.filter((file) => !file.endsWith('facts.ts'))
			.filter((file) => /ONE MESSAGE PER CUSTOMER/.test(fs.readFileSync(file, 'utf8')));
		expect(holders).toEqual([]);
	});
});

describe('item 10: the daily budget is the account\'s; upload_media is for creating templates', () => {
	const texts = (list: Array<{ displayName: string; description?: string }>) => list.map((p) => `${p.displayName} ${p.description ?? ''}`).join('\n');

	it('the credential says the budget is the account\'s (licences × 1000), not the token\'s', () => {
		const credential = texts(new WolkvoxApi().properties);
		expect(credential).toMatch(/account/);
		expect(credential).toMatch(/licen[cs]es? × 1000|1000 per licen[cs]e/);
		expect(credential).not.toMatch(/per token|token's daily budget|Each token allows [^.;]* daily/i);
	});

	it('the budget refusal says the account\'s budget is spent, and does not advise another token', async () => {
		await sandbox.control('POST', 'wolkvox/usage', { used: 1000 });
		const { out } = await runWolkvox(sandbox, [{}], sendText, { continueOnFail: true });
		expect(out[0].json.error).toBe('Item 1: The daily budget of Wolkvox calls for this account is spent (TOKEN LIMIT EXCEEDED)');
		expect(out[0].json.description).not.toMatch(/per token|another token|own token/i);
	});

	it('the sandbox counts the budget for the account: two tokens share it', async () => {
		const OTHER_TOKEN = 'wv_demo_token_second_9876543210';
		await sandbox.control('POST', 'wolkvox/usage', { used: 1000 });
		const { error } = await runWolkvox(sandbox, [{}], sendText, {}, { token: OTHER_TOKEN });
		expect(error?.message).toMatch(/TOKEN LIMIT EXCEEDED/);
	});

	it('Get Token Usage returns Wolkvox\'s figures and adds no "remaining" of the token\'s own', async () => {
		await sandbox.control('POST', 'wolkvox/usage', { token: 'wv_demo_token_second_9876543210', used: 600 });
		await sandbox.control('POST', 'wolkvox/usage', { used: 100 });
		const { out } = await runWolkvox(sandbox, [{}], { resource: 'account', operation: 'getTokenUsage' });
		// The sandbox's reading of the fields (the account's limit, this token's calls, all calls).
		expect(out[0].json).toEqual({ description: 'Demo token (sandbox)', token_limit: 1000, token_use_today: 101, all_token_today: 701 });
	});

	it('no notice of the node speaks of a budget per token or advises a token of its own', () => {
		const all = texts(properties);
		expect(all).not.toMatch(/token's daily budget|budget of the token|per token.*budget|its own token/i);
	});

	it('Upload Media says its handle is for creating templates, not for sending', () => {
		const upload = texts(properties.filter((p) => p.displayOptions?.show?.resource?.includes('media') || p.name === 'operation'));
		expect(upload).toMatch(/creating templates|create templates/i);
		expect(upload).not.toMatch(/reusable media/i);
	});

	it('the node says how it was proven: Wolkvox\'s published docs and public client code only, no live account', () => {
		expect(texts(properties)).toMatch(/published (API )?doc\w* and public client code only, (not|no) .*live/i);
	});
});
