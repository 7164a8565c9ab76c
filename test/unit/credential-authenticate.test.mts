// The credentials authenticate with a function, not `={{$credentials…}}` values that n8n would
// evaluate in its expression sandbox on every request; what they add to a request is checked here.
import { describe, expect, it } from 'vitest';
import type { ICredentialType, IHttpRequestOptions } from 'n8n-workflow';
import { MensatekApi } from '../../credentials/MensatekApi.credentials';
import { OvoWppApi } from '../../credentials/OvoWppApi.credentials';
import { WapiFlowApi } from '../../credentials/WapiFlowApi.credentials';
import { WolkvoxApi } from '../../credentials/WolkvoxApi.credentials';

async function apply(credential: ICredentialType, data: Record<string, string>, request: IHttpRequestOptions) {
	if (typeof credential.authenticate !== 'function') throw new Error(`${credential.name} does not authenticate with a function`);
	return credential.authenticate(data, request);
}

describe('Credential authenticate', () => {
	const request = (): IHttpRequestOptions => ({ url: 'http://x/y', headers: { accept: 'application/json' } });

	it.each([new OvoWppApi(), new WapiFlowApi()])('$name adds the client-id and client-secret headers, keeping the others', async (credential) => {
		const original = request();
		const out = await apply(credential, { clientId: 'ci_1', clientSecret: 'cs_2', baseUrl: 'http://x' }, original);
		expect(out.headers).toEqual({ accept: 'application/json', 'client-id': 'ci_1', 'client-secret': 'cs_2' });
		expect(out.url).toBe('http://x/y');
		expect(original.headers).toEqual({ accept: 'application/json' });
	});

	it('Wolkvox adds the wolkvox-token header', async () => {
		const out = await apply(new WolkvoxApi(), { server: '0032', token: 'wv_t' }, request());
		expect(out.headers).toEqual({ accept: 'application/json', 'wolkvox-token': 'wv_t' });
	});

	it('Mensatek uses HTTP Basic with the API User and API Token', async () => {
		const out = await apply(new MensatekApi(), { apiUser: 'u', apiToken: 't', baseUrl: 'http://x' }, request());
		expect(out.auth).toEqual({ username: 'u', password: 't' });
		expect(out.headers).toEqual({ accept: 'application/json' });
	});
});
