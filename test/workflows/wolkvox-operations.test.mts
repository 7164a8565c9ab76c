// Wolkvox › Template, Media and Account operations, and the template dropdown, against the sandbox.
import { describe, expect, it } from 'vitest';
import { loadOptions } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { apiRequests, runWolkvox, tokenStats } from './wolkvox-helpers';

const sandbox = useSandbox();

describe('Wolkvox › Template', () => {
	it('Get Many lists the connector\'s templates, filtered by status and limited', async () => {
		const all = await runWolkvox(sandbox, [{}], { resource: 'template', operation: 'getMany', connectorId: '1001', returnAll: true });
		expect(all.error).toBeUndefined();
		expect(all.out.map((item) => `${item.json.name}:${item.json.status}`)).toEqual([
			'order_confirmation:APPROVED',
			'appointment_reminder:APPROVED',
			'welcome_message:APPROVED',
			'spring_sale:PENDING',
			'debt_collection:REJECTED',
		]);
		expect(all.out[0].json).toMatchObject({ language: 'es', category: 'UTILITY', components: [{ type: 'BODY' }] });

		const approved = await runWolkvox(sandbox, [{}], { resource: 'template', operation: 'getMany', connectorId: '1001', returnAll: false, limit: 2, status: 'APPROVED' });
		expect(approved.out.map((item) => item.json.name)).toEqual(['order_confirmation', 'appointment_reminder']);

		const other = await runWolkvox(sandbox, [{}], { resource: 'template', operation: 'getMany', connectorId: '1002', returnAll: true, status: 'REJECTED' });
		expect(other.out.map((item) => item.json.name)).toEqual(['old_offer']);
		// list_templates is a GET: the connector goes in the query string (n8n sends no body with a GET).
		const [request] = await apiRequests(sandbox, 'list_templates');
		expect(request).toMatchObject({ method: 'GET', status: 200 });
		expect(request.path).toMatch(/connector_id=1001/);
	});

	it('Sync returns one item per synchronised template', async () => {
		const { out, error } = await runWolkvox(sandbox, [{}], { resource: 'template', operation: 'sync', connectorId: '1002' });
		expect(error).toBeUndefined();
		expect(out.map((item) => item.json)).toEqual([
			{ name_template: 'shipping_update', body_template: 'Tu envío {{1}} ya está en camino.', idiom: 'es_CO', category: 'UTILITY' },
		]);
		expect((await apiRequests(sandbox, 'sync_templates'))[0]).toMatchObject({ method: 'POST', status: 200 });
	});

	it('an unknown connector is an item error in the provider\'s words', async () => {
		const { error } = await runWolkvox(sandbox, [{}], { resource: 'template', operation: 'getMany', connectorId: '4242', returnAll: true });
		expect(error?.message).toBe('Item 1: Wolkvox: CONNECTOR NOT FOUND');
	});
});

describe('Wolkvox › Template dropdown', () => {
	const credentials = () => ({ wolkvoxApi: sandbox.credentials('wolkvoxApi') });

	it('lists the approved templates of the chosen connector', async () => {
		const first = await loadOptions('wolkvox', 'getTemplates', credentials(), { resource: 'message', operation: 'sendTemplate', connectorId: '1001' });
		expect(first).toEqual([
			{ name: 'appointment_reminder (es)', value: 'appointment_reminder', description: 'Hola {{1}}, te esperamos el {{2}} a las {{3}}.' },
			{ name: 'order_confirmation (es)', value: 'order_confirmation', description: 'Hola {{1}}, tu pedido {{2}} está confirmado.' },
			{ name: 'welcome_message (es)', value: 'welcome_message', description: expect.stringMatching(/^¡Bienvenido/) },
		]);
		const second = await loadOptions('wolkvox', 'getTemplates', credentials(), { resource: 'message', operation: 'sendTemplate', connectorId: '1002' });
		expect(second.map((option) => option.value)).toEqual(['shipping_update']);
	});

	it('asks for the connector first, without a call', async () => {
		await expect(loadOptions('wolkvox', 'getTemplates', credentials(), { connectorId: '' })).rejects.toThrow(/Enter the Connector ID first/);
		expect(await sandbox.requests('wolkvox')).toEqual([]);
	});

	it('declares that it depends on the connector, so the editor reloads it', async () => {
		const { Wolkvox } = await import('../../nodes/Wolkvox/Wolkvox.node');
		const field = new Wolkvox().description.properties.find((p) => p.name === 'templateName');
		expect(field?.typeOptions).toEqual({ loadOptionsMethod: 'getTemplates', loadOptionsDependsOn: ['connectorId'] });
	});
});

describe('Wolkvox › Media › Upload', () => {
	it('returns whatever Wolkvox answers (the handle\'s field is the sandbox\'s choice)', async () => {
		const { out, error } = await runWolkvox(sandbox, [{}], {
			resource: 'media',
			operation: 'upload',
			connectorId: '1001',
			fileUrl: 'https://files.wolkvox.example/catalogo.pdf',
		});
		expect(error).toBeUndefined();
		expect(out[0].json).toEqual({ code: 201, error: null, msg: 'Media has been uploaded successfully', data: { sample_handle: 'sandbox-handle-1' } });
	});

	it('checks the file URL before calling', async () => {
		const { error } = await runWolkvox(sandbox, [{}], { resource: 'media', operation: 'upload', connectorId: '1001', fileUrl: 'catalogo.pdf' });
		expect(error?.message).toBe('Item 1: File URL "catalogo.pdf" is not a public http(s) link');
		expect(await sandbox.requests('wolkvox')).toEqual([]);
	});
});

describe('Wolkvox › Account › Get Token Usage', () => {
	it('returns the day\'s use as Wolkvox reports it for the token, counting this call', async () => {
		await sandbox.control('POST', 'wolkvox/usage', { used: 40 });
		const { out, error } = await runWolkvox(sandbox, [{}], { resource: 'account', operation: 'getTokenUsage' });
		expect(error).toBeUndefined();
		expect(out[0].json).toEqual({
			description: 'Demo token (sandbox)',
			token_limit: 1000,
			token_use_today: 41,
			all_token_today: 41,
		});
		expect((await tokenStats(sandbox)).usedToday).toBe(41);
	});
});
