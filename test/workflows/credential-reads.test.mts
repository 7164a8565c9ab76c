// n8n decrypts a credential on every read: the nodes read theirs once per node run (or load-options
// call) and hand it to n8n's request helper, so every call of the run shares that one read. Counted
// at n8n's credentials helper (getDecrypted), which n8n-core calls for each read.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chain, CredentialsHelper, loadOptions, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';
import { runOvo } from './ovowpp-helpers';
import { phoneItems, runWolkvox } from './wolkvox-helpers';

const sandbox = useSandbox();

function countReads() {
	const spy = vi.spyOn(CredentialsHelper.prototype, 'getDecrypted');
	return { reads: (type: string) => spy.mock.calls.filter((call) => call[2] === type).length };
}

afterEach(() => {
	vi.restoreAllMocks();
});

const maria = { countryCode: '55', mobile: '11988887777' };
const send = (text: string) => ({ resource: 'message', operation: 'send', ...maria, messageType: 'text', text });

describe('Credential reads', () => {
	it('OvoWpp: one read for a run of 5 sends, and every call authenticated with it', async () => {
		const counter = countReads();
		const items = Array.from({ length: 5 }, (_, i) => ({ json: { text: `Hola ${i}` } }));
		const { out, error } = await runOvo(sandbox, items, send('={{$json.text}}'));
		expect(error).toBeUndefined();
		expect(out.map((i) => i.json.sent)).toEqual([true, true, true, true, true]);
		expect((await sandbox.messages('ovowpp')).length).toBe(5);
		expect(counter.reads('ovoWppApi')).toBe(1);
	});

	it('OvoWpp: each run reads the credential again, so a changed credential applies to the next run', async () => {
		const counter = countReads();
		const first = await runOvo(sandbox, [{}], send('uno'));
		expect(first.error).toBeUndefined();
		const second = await runOvo(sandbox, [{}], send('dos'), { continueOnFail: true }, { clientSecret: 'cs_wrong' });
		expect(second.out[0].json.error).toMatch(/client|secret|credential|unauthori/i);
		expect(counter.reads('ovoWppApi')).toBe(2);
		expect((await sandbox.messages('ovowpp')).map((m) => m.text)).toEqual(['uno']);
	});

	it('Wolkvox: one read for a run of 4 sends', async () => {
		const counter = countReads();
		const { out, error } = await runWolkvox(sandbox, phoneItems(4), { resource: 'message', operation: 'send', connectorId: '1001', phone: '={{$json.phone}}', text: 'Hola', options: {} });
		expect(error).toBeUndefined();
		expect(out).toHaveLength(4);
		expect((await sandbox.messages('wolkvox')).length).toBe(4);
		expect(counter.reads('wolkvoxApi')).toBe(1);
	});

	it('Mensatek: one read for the template check and the send of a run', async () => {
		await sandbox.config({ mensatekSpamFailures: 0 });
		const counter = countReads();
		const items = Array.from({ length: 3 }, (_, i) => ({ json: { phone: `+34 600 00000${i}`, name: `Cliente ${i}`, order: `A-${i}` } }));
		const node = {
			name: 'Mensatek',
			type: 'n8n-nodes-whatsapp-gateways.mensatek',
			typeVersion: 1,
			parameters: {
				resource: 'message',
				operation: 'send',
				phone: '={{$json.phone}}',
				messageType: 'PLANTILLA',
				templateId: '610000000000002',
				templateVariables: { mappingMode: 'defineBelow', value: { Nombre: '={{$json.name}}', Pedido: '={{$json.order}}' }, matchingColumns: [], schema: [] },
				options: {},
			},
			credentials: { mensatekApi: { id: '1', name: 'Mensatek sandbox' } },
		};
		const result = await runWorkflow(chain(itemsNode(items), node), { mensatekApi: sandbox.credentials('mensatekApi') });
		expect(result.error('Mensatek')).toBeUndefined();
		expect(result.output('Mensatek')).toHaveLength(3);
		expect((await sandbox.requests('mensatek')).length).toBe(2);
		expect(counter.reads('mensatekApi')).toBe(1);
	});

	it('load options: one read per call', async () => {
		const counter = countReads();
		const options = await loadOptions('ovoWpp', 'getApprovedTemplates', { ovoWppApi: sandbox.credentials('ovoWppApi') });
		expect(options.length).toBeGreaterThan(0);
		await loadOptions('ovoWpp', 'getApprovedTemplates', { ovoWppApi: sandbox.credentials('ovoWppApi') });
		expect(counter.reads('ovoWppApi')).toBe(2);
	});
});
