// OvoWpp Send Template, version 3 (issue 21): a field per placeholder of the chosen template, header
// and body, named after it; the lists of version 2 stay (Give Variables As → List). And the service's known
// template bug said once, calmly (serviceNote), and a created contact simplified as Simplify promises.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOptionsContext, nodeTypes, PACKAGE } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { runOvo } from './ovowpp-helpers';

const sandbox = useSandbox();
const maria = { countryCode: '55', mobile: '11988887777' };
const rl = (value: string) => ({ __rl: true, mode: 'list', value });
const v3 = { typeVersion: 3 };
const sendTemplate = (extra: Record<string, unknown>) => ({ resource: 'message', operation: 'sendTemplate', ...maria, ...extra });
const mapped = (value: Record<string, unknown>) => ({ mappingMode: 'defineBelow', value });
const variables = (...values: string[]) => ({ variable: values.map((value) => ({ value })) });
const sends = async () => (await sandbox.requests('ovowpp')).filter((r) => r.path.includes('send-template-message'));

describe('OvoWpp Send Template version 3: one field per template variable', () => {
	it('the mapper offers Header {{1}}, Body {{1}}, Body {{2}} of the chosen template, header first', async () => {
		const mapper = nodeTypes.getByNameAndVersion(`${PACKAGE}.ovoWpp`, 3).methods!.resourceMapping!.getTemplateVariables;
		const context = (templateId: unknown) =>
			loadOptionsContext('ovoWpp', { ovoWppApi: sandbox.credentials('ovoWppApi') }, { resource: 'message', operation: 'sendTemplate', templateId }, 3);
		const { fields } = await mapper.call(context(rl('17')));
		expect(fields.map((f) => f.id)).toEqual(['header_1', 'body_1', 'body_2']);
		expect(fields[0].displayName).toBe('Header {{1}} in "Your delivery {{1}}"');
		expect(fields.every((f) => f.required)).toBe(true);
		// order_update: a text header without variables, two in the body; hello_world: none
		expect((await mapper.call(context(rl('3')))).fields.map((f) => f.id)).toEqual(['body_1', 'body_2']);
		const none = await mapper.call(context(rl('1')));
		expect(none.fields).toEqual([]);
		expect(none.emptyFieldsNotice).toBe('This template takes no variables');
		expect((await mapper.call(context(rl('')))).emptyFieldsNotice).toBe('Choose a template first');
	});

	it('sends the mapped values as header_variables[] and body_variables[], in placeholder order', async () => {
		const { out, error } = await runOvo(
			sandbox,
			[{ json: { from: '9:00', to: '11:00', order: 'A-17' } }],
			// given in another order than the template's: the node orders them by placeholder
			sendTemplate({ templateId: rl('17'), templateVariables: mapped({ body_2: '={{$json.to}}', header_1: '={{$json.order}}', body_1: '={{$json.from}}' }) }),
			v3,
		);
		expect(error).toBeUndefined();
		expect(out[0].json).toMatchObject({ sent: true, templateName: 'delivery_window' });
		expect(await sends()).toHaveLength(1);
		const [message] = await sandbox.messages('ovowpp');
		// what the provider received: its form fields header_variables[] and body_variables[]
		expect(message.content).toMatchObject({ header_variables: ['A-17'], body_variables: ['9:00', '11:00'] });
		expect(message).toMatchObject({ template: 'delivery_window', variables: { header: ['A-17'], body: ['9:00', '11:00'] } });
	});

	it('a placeholder left empty is refused, naming it, and nothing is sent', async () => {
		const { out } = await runOvo(
			sandbox,
			[{ json: {} }],
			sendTemplate({ templateId: rl('17'), templateVariables: mapped({ header_1: 'A-17', body_1: '9:00', body_2: '={{$json.missing}}' }) }),
			{ ...v3, continueOnFail: true },
		);
		expect(out[0].json.error).toMatch(/Item 1: Template Variables → Body \{\{2\}\} is empty/);
		expect(await sends()).toHaveLength(0);
	});

	it('Give Variables As → List keeps the lists of version 2 (values from expressions, in order)', async () => {
		const { out, error } = await runOvo(
			sandbox,
			[{}],
			sendTemplate({ templateId: rl('17'), variablesAs: 'list', bodyVariables: variables('9:00', '11:00'), headerVariables: variables('A-17') }),
			v3,
		);
		expect(error).toBeUndefined();
		expect(out[0].json).toMatchObject({ sent: true });
		expect((await sandbox.messages('ovowpp'))[0].content).toMatchObject({ header_variables: ['A-17'], body_variables: ['9:00', '11:00'] });
	});

	it('version 2 has no Variables choice and no mapper: its lists are read as before', async () => {
		const v2 = nodeTypes.getByNameAndVersion(`${PACKAGE}.ovoWpp`, 2).description;
		expect(v2.defaultVersion).toBe(3);
		const mode = v2.properties.find((p) => p.name === 'variablesAs');
		const mapper = v2.properties.find((p) => p.name === 'templateVariables');
		expect(mode?.displayOptions?.show?.['@version']).toEqual([3]);
		expect(mapper?.displayOptions?.show?.['@version']).toEqual([3]);
		// a version 2 node carrying a stray templateVariables still sends its lists
		const { error } = await runOvo(
			sandbox,
			[{}],
			sendTemplate({ templateId: rl('17'), bodyVariables: variables('9:00', '11:00'), headerVariables: variables('A-17'), templateVariables: mapped({ header_1: 'X' }) }),
			{ typeVersion: 2 },
		);
		expect(error).toBeUndefined();
		expect((await sandbox.messages('ovowpp'))[0].content).toMatchObject({ header_variables: ['A-17'], body_variables: ['9:00', '11:00'] });
	});
});

describe('examples/ovowpp-send-template.json at version 3', () => {
	it("saves the mapper's schema as the node's method returns it (n8n's editor would call it outdated otherwise)", async () => {
		const example = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../examples/ovowpp-send-template.json'), 'utf8'));
		const node = example.nodes.find((n: { type: string }) => n.type === `${PACKAGE}.ovoWpp`);
		expect(node.typeVersion).toBe(3);
		const mapper = nodeTypes.getByNameAndVersion(`${PACKAGE}.ovoWpp`, 3).methods!.resourceMapping!.getTemplateVariables;
		const context = loadOptionsContext('ovoWpp', { ovoWppApi: sandbox.credentials('ovoWppApi') }, node.parameters, 3);
		const { fields } = await mapper.call(context);
		expect(node.parameters.templateVariables.schema).toEqual(fields);
	});
});

describe('OvoWpp Send Template: what the items say', () => {
	it("the service's known bug is one short serviceNote; the send is reported sent and made once", async () => {
		const { out } = await runOvo(sandbox, [{}], sendTemplate({ templateId: rl('1') }), v3);
		expect(out[0].json).toMatchObject({ sent: true, conversationId: null });
		expect(out[0].json.serviceNote).toBe('OvoWpp does not return the conversation of a template send (a known issue of the service); the template was sent once.');
		expect(out[0].json.note).toBeUndefined();
		expect(await sends()).toHaveLength(1);
	});

	it('contactCreated is simplified from version 2 on, raw in version 1', async () => {
		const simple = await runOvo(sandbox, [{}], { ...sendTemplate({ templateId: rl('1') }), countryCode: '57', mobile: '3001234567' }, v3);
		expect(Object.keys(simple.out[0].json.contactCreated as object).sort()).toEqual(['firstname', 'full_name', 'id', 'lastname', 'mobile', 'mobile_code', 'address', 'updated_at'].sort());
		const raw = await runOvo(sandbox, [{}], { ...sendTemplate({ templateId: '1' }), countryCode: '57', mobile: '3009990000' });
		expect(raw.out[0].json.contactCreated).toMatchObject({ user_id: 1, image_src: expect.any(String) });
	});
});
