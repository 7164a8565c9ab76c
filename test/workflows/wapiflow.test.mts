import { describe, expect, it } from 'vitest';
import { chain, runWorkflow, testCredential } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';

const sandbox = useSandbox();

describe('WapiFlow: the OvoWpp product under its own name and credential', () => {
	it('sends through the WapiFlow node with a WapiFlow credential', async () => {
		const result = await runWorkflow(
			chain(itemsNode([{}]), {
				name: 'WapiFlow',
				type: 'n8n-nodes-whatsapp-gateways.wapiFlow',
				typeVersion: 1,
				parameters: { resource: 'message', operation: 'send', countryCode: '1', mobile: '202-555-0123', messageType: 'text', text: 'Hi John' },
				credentials: { wapiFlowApi: { id: '2', name: 'WapiFlow sandbox' } },
			}),
			{ wapiFlowApi: sandbox.credentials('wapiFlowApi') },
		);
		expect(result.error('WapiFlow')).toBeUndefined();
		expect(result.output('WapiFlow')[0].json).toMatchObject({ sent: true, to: '+12025550123' });
		expect((await sandbox.messages('ovowpp')).map((m) => [m.to, m.text])).toEqual([['12025550123', 'Hi John']]);
	});
});

describe('OvoWpp credential test', () => {
	it('passes with good credentials', async () => {
		expect(await testCredential('ovoWppApi', sandbox.credentials('ovoWppApi'))).toMatchObject({ status: 'OK' });
		expect(await testCredential('wapiFlowApi', sandbox.credentials('wapiFlowApi'))).toMatchObject({ status: 'OK' });
	});

	it('fails with the provider\'s 401 message for a wrong secret or an IP not whitelisted', async () => {
		const wrong = await testCredential('ovoWppApi', { ...sandbox.credentials('ovoWppApi'), clientSecret: 'cs_nope' });
		expect(wrong).toMatchObject({ status: 'Error' });
		expect(wrong.message).toMatch(/401.*Invalid credentials/);
		await sandbox.config({ provider: 'ovowpp', ovowppWhitelist: ['203.0.113.9'] });
		const ip = await testCredential('ovoWppApi', sandbox.credentials('ovoWppApi'));
		expect(ip.message).toMatch(/401.*whitelist/i);
	});

	it('fails on a 200 answer whose status is error (plan without API access)', async () => {
		await sandbox.config({ provider: 'ovowpp', ovowppPlan: 'no_api' });
		const result = await testCredential('ovoWppApi', sandbox.credentials('ovoWppApi'));
		expect(result).toMatchObject({ status: 'Error' });
		expect(result.message).toMatch(/plan without API access/);
	});
});
