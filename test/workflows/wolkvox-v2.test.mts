// Version 2 of the Wolkvox node (the template as a resource locator) and version 1 workflows saved before it.
import { describe, expect, it } from 'vitest';
import { listSearch } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { apiRequests, runWolkvox } from './wolkvox-helpers';

const sandbox = useSandbox();
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const send = (templateName: unknown) => ({
	resource: 'message',
	operation: 'sendTemplate',
	connectorId: '1001',
	phone: '+57 300 123 4567',
	templateName,
	templateVariables: { variable: [{ value: 'Ana' }, { value: 'A-77' }] },
});
const credentials = () => ({ wolkvoxApi: sandbox.credentials('wolkvoxApi') });

describe('Wolkvox versions', () => {
	it('runs a version 1 workflow: the template name as a plain field', async () => {
		const { out, error } = await runWolkvox(sandbox, [{}], send('order_confirmation'));
		expect(error).toBeUndefined();
		expect(out[0].json).toMatchObject({ sent: true, templateName: 'order_confirmation' });
		expect((await sandbox.messages('wolkvox'))[0].content).toMatchObject({ template_name: 'order_confirmation', template_vars: 'Ana;A-77' });
	});

	it('version 2 sends the template chosen from the list or given by name', async () => {
		const fromList = await runWolkvox(sandbox, [{}], send(rl('list', 'order_confirmation')), { typeVersion: 2 });
		expect(fromList.error).toBeUndefined();
		const byName = await runWolkvox(sandbox, [{}], send(rl('id', 'order_confirmation')), { typeVersion: 2 });
		expect(byName.error).toBeUndefined();
		const sent = await sandbox.messages('wolkvox');
		expect(sent.map((m) => [m.to, m.content.template_name])).toEqual([
			['573001234567', 'order_confirmation'],
			['573001234567', 'order_confirmation'],
		]);
	});

	it('version 2 refuses a template name with spaces before any call', async () => {
		await expect(runWolkvox(sandbox, [{}], send(rl('id', 'order confirmation')), { typeVersion: 2 })).rejects.toThrow(/workflow has issues/);
		expect(await sandbox.requests('wolkvox')).toHaveLength(0);
	});

	it('From List searches the approved templates of the connector on screen', async () => {
		const all = await listSearch('wolkvox', 'searchTemplates', credentials(), { parameters: { connectorId: '1001' } });
		expect(all.results.map((r) => r.value)).toEqual(['appointment_reminder', 'order_confirmation', 'welcome_message']);
		expect(all.paginationToken).toBeUndefined();
		const some = await listSearch('wolkvox', 'searchTemplates', credentials(), { parameters: { connectorId: '1001' }, filter: 'ORDER' });
		expect(some.results).toEqual([{ name: 'order_confirmation (es)', value: 'order_confirmation' }]);
		const other = await listSearch('wolkvox', 'searchTemplates', credentials(), { parameters: { connectorId: '1002' } });
		expect(other.results.map((r) => r.value)).toEqual(['shipping_update']);
		expect((await apiRequests(sandbox, 'list_templates')).map((r) => r.path.match(/connector_id=(\d+)/)?.[1])).toEqual(['1001', '1001', '1002']);
		await expect(listSearch('wolkvox', 'searchTemplates', credentials(), { parameters: {} })).rejects.toThrow(/Enter the Connector ID first/);
	});
});
