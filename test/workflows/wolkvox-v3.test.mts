// Version 3 of the Wolkvox node (issue 21): Send Template shows a field per variable of the chosen
// template ({{1}}, {{2}}… of its body, from list_templates), sends them as template_vars in order,
// and keeps the list (Give Variables As: List) for expressions. Version 2 workflows keep their list.
// Workflows run through n8n-core against the sandbox over HTTP.
import { describe, expect, it } from 'vitest';
import { loadOptionsContext, nodeTypes, PACKAGE } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { apiRequests, runWolkvox, TOKEN } from './wolkvox-helpers';

const sandbox = useSandbox();
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const base = { resource: 'message', operation: 'sendTemplate', connectorId: '1001', phone: '+57 300 123 4567' };
const mapped = (value: Record<string, string>) => ({ mappingMode: 'defineBelow', value });
const v3 = { typeVersion: 3 };
const credentials = () => ({ wolkvoxApi: sandbox.credentials('wolkvoxApi') });
const mapper = () => nodeTypes.getByNameAndVersion(`${PACKAGE}.wolkvox`, 3).methods!.resourceMapping!.getTemplateFields;
const fieldsFor = (parameters: Record<string, unknown>) => mapper().call(loadOptionsContext('wolkvox', credentials(), { ...base, ...parameters }, 3));

/** A new template of connector 1001, approved (the sandbox plays Meta's review). */
async function approvedTemplate(name: string, components: unknown[]) {
	const response = await fetch(`${sandbox.url}/wolkvox/api/v2/whatsapp.php?api=create_utility_template`, {
		method: 'POST',
		headers: { 'wolkvox-token': TOKEN, 'content-type': 'application/json' },
		body: JSON.stringify({ connector_id: '1001', name, language: 'es', components }),
	});
	expect(response.status).toBe(201);
	await sandbox.control('POST', 'wolkvox/template-status', { connector_id: '1001', name, status: 'APPROVED' });
}

const headerTemplate = () =>
	approvedTemplate('order_header', [
		{ type: 'HEADER', format: 'TEXT', text: 'Pedido {{1}}' },
		{ type: 'BODY', text: 'Hola {{1}}, tu pedido está en camino.' },
	]);

describe('Wolkvox version 3: a field per template variable', () => {
	it('the mapper gives a field per body placeholder, named after it, with Meta\'s example when there is one', async () => {
		const { fields } = await fieldsFor({ templateName: rl('list', 'appointment_reminder') });
		expect(fields.map((f) => [f.id, f.displayName, f.required])).toEqual([
			['body_1', '{{1}}', true],
			['body_2', '{{2}}', true],
			['body_3', '{{3}}', true],
		]);
		await approvedTemplate('with_example', [{ type: 'BODY', text: 'Hola {{1}}, pedido {{2}}', example: { body_text: [['Ana', 'A-77']] } }]);
		expect((await fieldsFor({ templateName: rl('id', 'with_example') })).fields.map((f) => f.displayName)).toEqual(['{{1}} e.g. Ana', '{{2}} e.g. A-77']);
		// A template without variables, no connector, no template, an expression: a notice and no fields.
		expect(await fieldsFor({ templateName: rl('list', 'welcome_message') })).toEqual({ fields: [], emptyFieldsNotice: 'Template "welcome_message" has no variables' });
		expect((await fieldsFor({ connectorId: '', templateName: rl('list', 'order_confirmation') })).emptyFieldsNotice).toBe('Enter the Connector ID first');
		expect((await fieldsFor({ templateName: rl('list', '') })).emptyFieldsNotice).toBe('Choose a template first');
		expect((await fieldsFor({ templateName: rl('id', '={{ $json.template }}') })).emptyFieldsNotice).toMatch(/expression: set Give Variables As to List/);
		// Each load reads the templates once (one call of the daily budget): the ones above that got that far.
		expect(await apiRequests(sandbox, 'list_templates')).toHaveLength(3);
	});

	it('a template whose header has variables: no order is guessed, the mapper says to use the list', async () => {
		await headerTemplate();
		const result = await fieldsFor({ templateName: rl('list', 'order_header') });
		expect(result.fields).toEqual([]);
		expect(result.emptyFieldsNotice).toMatch(/header of "order_header" has variables.*not documented: set Give Variables As to List/);
		// And a run that gives it fields is refused before the send.
		const { error } = await runWolkvox(sandbox, [{}], { ...base, templateName: rl('list', 'order_header'), variableFields: mapped({ body_1: 'Ana' }) }, v3);
		expect(error?.message).toMatch(/^Item 1: Variables cannot be given as fields for template "order_header": its header has variables/);
		expect(await sandbox.messages('wolkvox')).toEqual([]);
	});

	it('sends the mapped fields as template_vars in the order of their placeholders', async () => {
		const { out, error } = await runWolkvox(
			sandbox,
			[{ json: { name: 'Ana', order: 'A-77' } }, { json: { name: 'Luis', order: 'B-12' } }],
			// Saved in any order: {{2}} before {{1}}.
			{ ...base, templateName: rl('list', 'order_confirmation'), variableFields: mapped({ body_2: '={{ $json.order }}', body_1: '={{ $json.name }}' }) },
			v3,
		);
		expect(error).toBeUndefined();
		expect(out.map((item) => item.json.variables)).toEqual([['Ana', 'A-77'], ['Luis', 'B-12']]);
		const sent = await sandbox.messages('wolkvox');
		expect(sent.map((m) => m.content.template_vars)).toEqual(['Ana;A-77', 'Luis;B-12']);
		// One read of the templates for the run, whatever the number of items.
		expect(await apiRequests(sandbox, 'list_templates')).toHaveLength(1);
	});

	it('a missing or empty field is refused, naming the placeholder, and nothing is sent', async () => {
		const { error } = await runWolkvox(sandbox, [{}], { ...base, templateName: rl('list', 'order_confirmation'), variableFields: mapped({ body_1: 'Ana', body_2: ' ' }) }, v3);
		expect(error?.message).toBe('Item 1: Variables → {{2}} is empty');
		expect(error?.description).toMatch(/needs a value for \{\{2\}\}/);
		const semicolon = await runWolkvox(sandbox, [{}], { ...base, templateName: rl('list', 'order_confirmation'), variableFields: mapped({ body_1: 'Ana;Luis', body_2: 'A-77' }) }, v3);
		expect(semicolon.error?.message).toMatch(/^Item 1: Variables → \{\{1\}\} contains ";"/);
		expect(await sandbox.messages('wolkvox')).toEqual([]);
	});

	it('keeps the list for expressions: Give Variables As List sends the values in order, counted against the template', async () => {
		const list = { variablesAs: 'list', templateVariables: { variable: [{ value: 'Ana' }, { value: 'A-77' }] } };
		const { error } = await runWolkvox(sandbox, [{ json: { template: 'order_confirmation' } }], { ...base, templateName: rl('id', '={{ $json.template }}'), ...list }, v3);
		expect(error).toBeUndefined();
		expect((await sandbox.messages('wolkvox'))[0].content.template_vars).toBe('Ana;A-77');
		const short = await runWolkvox(sandbox, [{}], { ...base, templateName: rl('list', 'appointment_reminder'), ...list }, v3);
		expect(short.error?.message).toMatch(/^Item 1: Variables has 2 value\(s\); template "appointment_reminder" has 3/);
	});

	it('version 2 keeps its list exactly: a v2 node sends its list, and fields saved beside it are not read', async () => {
		const { error } = await runWolkvox(
			sandbox,
			[{}],
			{ ...base, templateName: rl('list', 'order_confirmation'), templateVariables: { variable: [{ value: 'Ana' }, { value: 'A-77' }] }, variableFields: mapped({ body_1: 'X', body_2: 'Y' }) },
			{ typeVersion: 2 },
		);
		expect(error).toBeUndefined();
		expect((await sandbox.messages('wolkvox'))[0].content.template_vars).toBe('Ana;A-77');
	});

	it('new nodes are version 3, whose editor shows the fields by default and the list only when chosen', () => {
		const type = nodeTypes.getByNameAndVersion(`${PACKAGE}.wolkvox`, 3);
		expect(type.description.defaultVersion).toBe(3);
		const props = type.description.properties.filter((p) => p.displayOptions?.show?.operation?.includes('sendTemplate'));
		const shownFor = (name: string) => props.filter((p) => p.name === name).map((p) => p.displayOptions?.show);
		expect(shownFor('variablesAs')).toEqual([expect.objectContaining({ '@version': [3] })]);
		expect(props.find((p) => p.name === 'variablesAs')?.default).toBe('fields');
		expect(shownFor('variableFields')).toEqual([expect.objectContaining({ '@version': [3], variablesAs: ['fields'] })]);
		expect(shownFor('templateVariables')).toEqual([
			expect.objectContaining({ '@version': [1, 2] }),
			expect.objectContaining({ '@version': [3], variablesAs: ['list'] }),
		]);
		expect(props.find((p) => p.name === 'variableFields')?.typeOptions?.loadOptionsDependsOn).toEqual(['connectorId', 'templateName.value']);
	});
});
