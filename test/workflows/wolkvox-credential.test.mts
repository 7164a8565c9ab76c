// The Wolkvox credential: its fields, and its test request resolved with n8n's own expression
// engine (as n8n does before sending it) and sent to the sandbox with the credential's header.
import { describe, expect, it } from 'vitest';
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { WolkvoxApi } from '../../credentials/WolkvoxApi.credentials';
import { wolkvoxBaseUrl } from '../../nodes/Wolkvox/transport';
import { nodeTypes } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { TOKEN, tokenStats } from './wolkvox-helpers';

const sandbox = useSandbox();
const credential = new WolkvoxApi();

/** An n8n expression of the credential, resolved with `$credentials` as n8n resolves it. */
function resolve(value: unknown, credentials: ICredentialDataDecryptedObject): string {
	const node = { id: '1', name: 'Wolkvox', type: 'n8n-nodes-whatsapp-gateways.wolkvox', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return String(workflow.expression.getSimpleParameterValue(node, value as string, 'internal', { $credentials: credentials }, undefined, ''));
}

/** The credential's test request as n8n would send it: its expressions resolved, then its `authenticate` applied. */
async function testRequest(credentials: ICredentialDataDecryptedObject) {
	const { request } = credential.test;
	const url = `${resolve(request.baseURL, credentials)}${request.url}?${new URLSearchParams(request.qs as Record<string, string>)}`;
	if (typeof credential.authenticate !== 'function') throw new Error('the credential authenticates with a function');
	const authenticated = await credential.authenticate(credentials, { url });
	return { url, method: request.method ?? 'GET', headers: authenticated.headers as Record<string, string> };
}

describe('Wolkvox API credential', () => {
	it('has the server code, a password token and an optional base URL, and says the test costs a call', () => {
		expect(credential.name).toBe('wolkvoxApi');
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(byName.server).toMatchObject({ required: true, type: 'string' });
		expect(byName.token).toMatchObject({ required: true, typeOptions: { password: true } });
		expect(byName.baseUrl).toMatchObject({ default: '' });
		expect(byName.baseUrl.required).toBeFalsy();
		expect(byName.testNotice.displayName).toMatch(/one call of the account's daily budget/);
	});

	it('tests against https://wv{server}.wolkvox.com, or the override, exactly like the node', async () => {
		const cases: ICredentialDataDecryptedObject[] = [
			{ server: '0032', token: 't', baseUrl: '' },
			{ server: ' 0032 ', token: 't' },
			{ server: '0032', token: 't', baseUrl: ' http://localhost:8787/wolkvox// ' },
		];
		expect(await Promise.all(cases.map(async (c) => (await testRequest(c)).url))).toEqual([
			'https://wv0032.wolkvox.com/api/v2/information.php?api=token_info',
			'https://wv0032.wolkvox.com/api/v2/information.php?api=token_info',
			'http://localhost:8787/wolkvox/api/v2/information.php?api=token_info',
		]);
		for (const c of cases) expect(resolve(credential.test.request.baseURL, c)).toBe(wolkvoxBaseUrl(c));
	});

	it('passes with the demo token, and costs one call of the day', async () => {
		const { url, method, headers } = await testRequest(sandbox.credentials('wolkvoxApi'));
		expect(headers).toEqual({ 'wolkvox-token': TOKEN });
		const response = await fetch(url, { method, headers });
		expect(response.status).toBe(200);
		expect(((await response.json()) as { data: unknown }).data).toMatchObject({ token_use_today: 1, token_limit: 1000 });
		expect((await tokenStats(sandbox)).usedToday).toBe(1);
	});

	it('fails with a wrong token, with a message that says what to check', async () => {
		const { url, method, headers } = await testRequest({ ...sandbox.credentials('wolkvoxApi'), token: 'wv_wrong' });
		const response = await fetch(url, { method, headers });
		expect(response.status).toBe(403);
		const rule = credential.test.rules?.find((r) => r.type === 'responseCode' && r.properties.value === 403);
		expect((rule?.properties as { message?: string } | undefined)?.message).toMatch(/token is wrong .* budget .* maintenance/);
	});
});
