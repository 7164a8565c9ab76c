import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';
import { runOvo } from './ovowpp-helpers';

const sandbox = useSandbox();
const listContacts = { resource: 'contact', operation: 'getMany', limit: 1 };
const sendText = { resource: 'message', operation: 'send', countryCode: '55', mobile: '11988887777', messageType: 'text', text: 'hi' };

describe('OvoWpp failures the user can act on', () => {
	it('wrong credentials: the provider\'s 401 message, a hint, and no secret in the error', async () => {
		const { error } = await runOvo(sandbox, [{}], listContacts, {}, { clientSecret: 'cs_WRONGWRONGWRONGWRONG' });
		expect(error?.message).toBe('Item 1: Invalid credentials');
		expect(error?.description).toMatch(/Client ID and Client Secret/);
		expect(JSON.stringify(error)).not.toContain('cs_WRONGWRONGWRONGWRONG');
	});

	it('IP not whitelisted: the provider\'s words and what to do in the panel', async () => {
		await sandbox.config({ provider: 'ovowpp', ovowppWhitelist: ['203.0.113.9'] });
		const { error } = await runOvo(sandbox, [{}], listContacts);
		expect(error?.message).toMatch(/whitelist/i);
		expect(error?.message).toMatch(/127\.0\.0\.1/);
		expect(error?.description).toMatch(/IP whitelist/);
	});

	it('plan without API access: a 200 answer with status error is an error', async () => {
		await sandbox.config({ provider: 'ovowpp', ovowppPlan: 'no_api' });
		const { error } = await runOvo(sandbox, [{}], listContacts);
		expect(error?.message).toBe('Item 1: Your current plan does not support API access. Please upgrade your plan.');
		expect(error?.description).toMatch(/plan with API access/);
	});

	it('a failed template send never shows the WhatsApp access token', async () => {
		await sandbox.config({ provider: 'ovowpp', ovowppGraph: 'offline' });
		const { out } = await runOvo(
			sandbox,
			[{}],
			{ resource: 'message', operation: 'sendTemplate', countryCode: '55', mobile: '11988887777', templateId: '1' },
			{ continueOnFail: true },
		);
		// The service's own words stay (what failed, where), only the token is cut out.
		expect(out[0].json.error).toMatch(/cURL error 6: Could not resolve host.*access_token=\[redacted\]/);
		expect(JSON.stringify(out)).not.toMatch(/EAATESTACCESSTOKEN/);
	});

	it('reads are retried through 503s until they succeed', async () => {
		await sandbox.config({ provider: 'ovowpp', errorRate: 0.6, seed: 7 });
		const { out, error } = await runOvo(sandbox, [{}], { resource: 'template', operation: 'getMany', returnAll: true, status: 'any' });
		expect(error).toBeUndefined();
		expect(out).toHaveLength(25);
		const statuses = (await sandbox.requests('ovowpp')).map((r) => r.status);
		expect(statuses).toContain(503);
		expect(statuses.filter((s) => s === 200).length).toBe(1);
	});

	it('a send answered 503 is reported, not repeated', async () => {
		await sandbox.config({ provider: 'ovowpp', errorRate: 1 });
		const { out } = await runOvo(sandbox, [{}], sendText, { continueOnFail: true });
		expect(out[0].json).toMatchObject({ httpCode: 503, delivery: 'unknown' });
		expect((await sandbox.requests('ovowpp')).length).toBe(1);
	});

	it('a send that cannot connect is retried, then reported as not sent', async () => {
		const { out } = await runOvo(sandbox, [{}], sendText, { continueOnFail: true }, { baseUrl: 'http://127.0.0.1:9/external-api' });
		expect(out[0].json).toMatchObject({ delivery: 'not-sent' });
		expect(out[0].json.error).toBe('Item 1: Could not reach the provider');
		expect(out[0].json.description).toMatch(/Nothing was sent.*ECONNREFUSED/);
	});

	it('a wrong Base URL says how to fix it', async () => {
		const { error } = await runOvo(sandbox, [{}], listContacts, {}, { baseUrl: `${sandbox.url}/ovowpp/extern-api` });
		expect(error?.message).toMatch(/without its usual JSON envelope/);
		expect(error?.description).toMatch(/\/external-api/);
	});
});
