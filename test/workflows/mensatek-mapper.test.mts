// Issue 21: a new Mensatek Send showed a red "This template has no variables besides the phone. Retry"
// before any template was chosen. n8n's editor (ResourceMapper's mapping-mode select, 1.123.81 and
// 2.41.3 alike) shows, in "Map Each Column Below" mode with no fields, the mapper's `noFieldsError`
// (or n8n's own "no fields found") in red with a Retry link, unless `hideNoDataError` is set; the
// method's `emptyFieldsNotice` is then shown as a plain info notice instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INode, INodeProperties, ResourceMapperFields } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { loadOptionsContext, nodeTypes, PACKAGE } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const credentials = () => ({ mensatekApi: sandbox.credentials('mensatekApi') });
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const base = { resource: 'message', operation: 'send', messageType: 'PLANTILLA' };

const mapperProperty = (version: number) =>
	nodeTypes.getByNameAndVersion(`${PACKAGE}.mensatek`, version).description.properties.find((p) => p.name === 'templateVariables') as INodeProperties;
const mapperMethod = (version: number) => nodeTypes.getByNameAndVersion(`${PACKAGE}.mensatek`, version).methods!.resourceMapping!.getTemplateVariables;

/** The red line of n8n's mapping-mode select (the rule of its `errorMessage`, mode defineBelow, loaded without error). */
function editorRedText(property: INodeProperties, answer: ResourceMapperFields): string {
	const options = property.typeOptions?.resourceMapper;
	if (answer.fields.length === 0 && !options?.hideNoDataError) return `${options?.noFieldsError || 'Could not find variables'} Retry`;
	return '';
}

describe('Mensatek Send: the template variables before a template is chosen', () => {
	for (const [version, templateId] of [
		[2, rl('list', '')],
		[2, rl('id', ' ')],
		[1, ''],
	] as const) {
		it(`version ${version}, template ${JSON.stringify(templateId)}: nothing red, a calm notice that says what to do`, async () => {
			const context = loadOptionsContext('mensatek', credentials(), { ...base, templateId }, version);
			const answer = await mapperMethod(version).call(context);
			expect(answer.fields).toEqual([]);
			expect(editorRedText(mapperProperty(version), answer)).toBe('');
			expect(answer.emptyFieldsNotice).toMatch(/^Choose a template above/);
			// nothing asked of Mensatek before there is a template to ask about
			expect(await sandbox.requests('mensatek')).toHaveLength(0);
		});
	}

	it('the field itself appears only once a template is chosen (n8n\'s own rule for what a panel shows)', () => {
		const shown = (version: number, templateId: unknown) => {
			const type = nodeTypes.getByNameAndVersion(`${PACKAGE}.mensatek`, version).description;
			const node = { name: 'Mensatek', type: `${PACKAGE}.mensatek`, typeVersion: version, parameters: {} } as unknown as INode;
			// the parameters of a new Send as the editor fills them, with the template as given
			const parameters = NodeHelpers.getNodeParameters(type.properties, { ...base, templateId } as never, true, false, node, type)!;
			return NodeHelpers.displayParameter(parameters, mapperProperty(version), node, type);
		};
		expect(shown(2, rl('list', ''))).toBe(false);
		expect(shown(1, '')).toBe(false);
		expect(shown(2, rl('list', '610000000000002'))).toBe(true);
		expect(shown(2, rl('id', '={{ $json.template }}'))).toBe(true);
		expect(shown(1, '610000000000002')).toBe(true);
	});

	it('a chosen template still gives a field per variable (the phone left out)', async () => {
		const context = loadOptionsContext('mensatek', credentials(), { ...base, templateId: rl('list', '610000000000002') }, 2);
		const answer = await mapperMethod(2).call(context);
		expect(answer.fields.map((f) => f.id)).toEqual(['Nombre', 'Pedido']);
		expect(editorRedText(mapperProperty(2), answer)).toBe('');
	});

	it('the installed n8n editors (1.123.81, 2.41.3) read hideNoDataError in that rule', () => {
		const root = path.join(os.homedir(), '.cache', 'n8n-nodes-whatsapp-gateways');
		const bundles = ['n8n-1.123.81', 'n8n-2.41.3'].flatMap((n8n) => {
			const dir = path.join(root, n8n, 'node_modules', 'n8n-editor-ui', 'dist', 'assets');
			return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^ParameterInputList-.*\.js$/.test(f)).map((f) => path.join(dir, f)) : [];
		});
		if (bundles.length === 0) return; // n8n not installed here (npm run dev installs it)
		for (const bundle of bundles) expect(fs.readFileSync(bundle, 'utf8')).toMatch(/resourceMapper\?\.hideNoDataError/);
	});
});
