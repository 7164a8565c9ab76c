// examples/*.json as a newcomer opens them after `npm run dev`: the credentials they name are the
// demo credentials dev imports, under those names, and each resource mapper's saved schema is what
// the node's method returns now, field for field on what n8n's editor compares (otherwise it shows
// "Variables are outdated" on opening the node).
import fs from 'node:fs';
import path from 'node:path';
import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INode, ResourceMapperField } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { Mensatek } from '../../nodes/Mensatek/Mensatek.node';
// @ts-ignore plain ESM script without types
import { demoCredentials } from '../../scripts/n8n-env.mjs';
// @ts-ignore plain ESM module without types
import { DEMO_CREDENTIAL_NAMES } from '../../sandbox/demo-credentials.mjs';
import { additionalData, nodeTypes } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const DIR = path.join(__dirname, '..', '..', 'examples');
const workflows = fs
	.readdirSync(DIR)
	.filter((f) => f.endsWith('.json'))
	.flatMap((file) => {
		const json = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
		return (Array.isArray(json) ? json : [json]).map((workflow) => ({ file, workflow }));
	});
const nodes = workflows.flatMap(({ file, workflow }) => workflow.nodes.map((node: INode) => ({ file, node })));

// the keys n8n's editor compares to call a saved schema outdated (isResourceMapperFieldListStale)
const COMPARED = ['id', 'displayName', 'required', 'defaultMatch', 'display', 'canBeUsedToMatch', 'type'] as const;
const compared = (fields: ResourceMapperField[]) => fields.map((f) => Object.fromEntries(COMPARED.map((k) => [k, f[k]])));

describe('examples/', () => {
	it('name only demo credentials, by the names npm run dev imports them under', async () => {
		const imported = await demoCredentials('http://127.0.0.1:1');
		expect(Object.fromEntries(imported.map((c: IDataObject) => [c.type, c.name]))).toEqual(DEMO_CREDENTIAL_NAMES);
		const referred = nodes.flatMap(({ file, node }) => Object.entries(node.credentials ?? {}).map(([type, ref]) => [file, type, ref.name]));
		expect(referred.length).toBeGreaterThan(0);
		for (const [file, type, name] of referred) expect(name, `${file}: credential ${type}`).toBe(DEMO_CREDENTIAL_NAMES[type as string]);
	});

	it('save the Mensatek template variables with the schema the node’s resource mapper returns', async () => {
		const mappers = nodes.filter(({ node }) => node.type === 'n8n-nodes-whatsapp-gateways.mensatek' && (node.parameters.templateVariables as IDataObject)?.schema);
		expect(mappers.length).toBeGreaterThan(0);
		const { methods } = new Mensatek();
		for (const { file, node } of mappers) {
			const full = { ...node, credentials: { mensatekApi: { id: '1', name: 'Mensatek sandbox' } } } as INode;
			const workflow = new Workflow({ nodes: [full], connections: {}, active: false, nodeTypes });
			const data = additionalData({ mensatekApi: sandbox.credentials('mensatekApi') }, { id: workflow.id, nodes: [full] } as never);
			const context = new LoadOptionsContext(workflow, full, data, 'parameters.templateVariables');
			const { fields } = await methods.resourceMapping.getTemplateVariables.call(context);
			const saved = (node.parameters.templateVariables as IDataObject).schema as ResourceMapperField[];
			expect(compared(saved), `${file}: ${node.name}`).toEqual(compared(fields));
		}
	});
});
