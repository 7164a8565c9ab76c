// Version 2 of the Mensatek node (templates as resource locators) and version 1 workflows saved before it.
import { describe, expect, it } from 'vitest';
import { chain, listSearch, loadOptionsContext, nodeTypes, PACKAGE, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';

const sandbox = useSandbox();
const NAME = 'Mensatek';
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const credentials = () => ({ mensatekApi: sandbox.credentials('mensatekApi') });
const node = (typeVersion: number, parameters: Record<string, unknown>) => ({
	name: NAME,
	type: `${PACKAGE}.mensatek`,
	typeVersion,
	parameters,
	credentials: { mensatekApi: { id: '1', name: 'Mensatek sandbox' } },
});
const sendTemplate = (templateId: unknown) => ({
	resource: 'message',
	operation: 'send',
	phone: '+34 600 000 001',
	messageType: 'PLANTILLA',
	templateId,
	templateVariables: { mappingMode: 'defineBelow', value: { Nombre: 'Ana', Pedido: 'A-1' }, matchingColumns: [], schema: [] },
});
const run = (typeVersion: number, parameters: Record<string, unknown>) =>
	runWorkflow(chain(itemsNode([{}]), node(typeVersion, parameters)), credentials());
const sent = async () =>
	(await sandbox.requests('mensatek')).filter((r) => r.path.endsWith('/EnviarWHATSAPP')).length;

describe('Mensatek versions', () => {
	it('runs a version 1 workflow: the template ID from the dropdown as a plain value', async () => {
		const result = await run(1, sendTemplate('610000000000002'));
		expect(result.error(NAME)).toBeUndefined();
		expect(result.output(NAME)[0].json).toMatchObject({ sent: true, Plantilla: 'confirmacion_pedido', Telefono: '34600000001' });
		expect(await sent()).toBe(1);
	});

	it('version 2 sends the template chosen from the list, or given by ID', async () => {
		for (const mode of ['list', 'id']) {
			const result = await run(2, sendTemplate(rl(mode, '610000000000002')));
			expect(result.error(NAME)).toBeUndefined();
			expect(result.output(NAME)[0].json).toMatchObject({ sent: true, Plantilla: 'confirmacion_pedido' });
		}
		const messages = await sandbox.messages('mensatek');
		expect(messages).toHaveLength(2);
		expect(JSON.stringify(messages)).toContain('confirmacion_pedido');
		expect(await sent()).toBe(2);
	});

	it('version 2 Get Variables reads the template from its locator', async () => {
		const result = await run(2, { resource: 'template', operation: 'getVariables', templateId: rl('id', '610000000000003') });
		expect(result.error(NAME)).toBeUndefined();
		expect(result.output(NAME)[0].json).toMatchObject({ Nombre: 'oferta_imagen', IdPlantilla: '610000000000003' });
	});

	it('version 2 refuses a template ID that is not a number before any call', async () => {
		await expect(run(2, sendTemplate(rl('id', 'bienvenida')))).rejects.toThrow(/workflow has issues/);
		expect(await sandbox.requests('mensatek')).toHaveLength(0);
	});

	it('From List: approved templates for Send, every template for Get Variables, filtered by the text typed', async () => {
		const approved = await listSearch('mensatek', 'searchApprovedTemplates', credentials());
		expect(approved.results.map((r) => r.value)).toEqual(['610000000000001', '610000000000002', '610000000000003']);
		expect(approved.paginationToken).toBeUndefined();
		const all = await listSearch('mensatek', 'searchTemplates', credentials(), { filter: 'PROMO' });
		expect(all.results).toEqual([{ name: 'promo_rechazada (es)', value: '610000000000005' }]);
	});

	it('the resource mapper finds the variables of the template in a version 2 locator (and in version 1)', async () => {
		const mapper = nodeTypes.getByNameAndVersion(`${PACKAGE}.mensatek`, 2).methods!.resourceMapping!.getTemplateVariables;
		const base = { resource: 'message', operation: 'send', messageType: 'PLANTILLA' };
		const v2 = loadOptionsContext('mensatek', credentials(), { ...base, templateId: rl('list', '610000000000003') }, 2);
		const v1 = loadOptionsContext('mensatek', credentials(), { ...base, templateId: '610000000000003' }, 1);
		for (const context of [v2, v1]) {
			const { fields } = await mapper.call(context);
			expect(fields.map((f) => f.id)).toEqual(['Variable_Cabecera_image', 'Nombre']);
		}
		const field = nodeTypes
			.getByNameAndVersion(`${PACKAGE}.mensatek`, 2)
			.description.properties.find((p) => p.name === 'templateVariables');
		expect(field?.typeOptions?.loadOptionsDependsOn).toContain('templateId.value');
	});
});
