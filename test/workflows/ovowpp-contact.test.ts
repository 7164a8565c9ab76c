import { describe, expect, it } from 'vitest';
import { chain, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';

const sandbox = useSandbox();
const ovo = (parameters: Record<string, unknown>) => ({
	name: 'OvoWpp',
	type: 'n8n-nodes-whatsapp-gateways.ovoWpp',
	typeVersion: 1,
	parameters,
	credentials: { ovoWppApi: { id: '1', name: 'OvoWpp sandbox' } },
});
const run = (...nodes: Parameters<typeof chain>) => runWorkflow(chain(...nodes), { ovoWppApi: sandbox.credentials('ovoWppApi') });

describe('OvoWpp contacts', () => {
	it('creates a contact from each item', async () => {
		const result = await run(
			itemsNode([{ json: { first: 'Ana', phone: '+34 612-345-678' } }, { json: { first: 'Luis', phone: '612 000 111' } }]),
			ovo({
				resource: 'contact',
				operation: 'create',
				firstName: '={{$json.first}}',
				lastName: 'Test',
				countryCode: '34',
				mobile: '={{$json.phone}}',
				additionalFields: { city: 'Madrid' },
			}),
		);
		expect(result.error('OvoWpp')).toBeUndefined();
		const out = result.output('OvoWpp');
		expect(out.map((i) => i.json.firstname)).toEqual(['Ana', 'Luis']);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const data = await sandbox.control('GET', 'ovowpp/data');
		const created = data.contacts.filter((c: any) => c.lastname === 'Test');
		expect(created.map((c: any) => `${c.mobile_code} ${c.mobile}`).sort()).toEqual(['34 612000111', '34 612345678']);
		expect(created.find((c: any) => c.firstname === 'Ana').address.city).toBe('Madrid');
	});
});
