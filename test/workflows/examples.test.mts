// examples/*.json as a newcomer opens them after `npm run dev`: the credentials they name are the
// demo credentials dev imports, under those names, and each resource mapper's saved schema is what
// the node's method returns now, field for field on what n8n's editor compares (otherwise it shows
// "Variables are outdated" on opening the node). Their nodes are the newest version (what a node
// added from the panel is), and each sending node, fed its example's customers, sends to every one
// of them through the sandbox.
import fs from 'node:fs';
import path from 'node:path';
import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INode, IVersionedNodeType, ResourceMapperField } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { Mensatek } from '../../nodes/Mensatek/Mensatek.node';
// @ts-ignore plain ESM script without types
import { demoCredentials } from '../../scripts/n8n-env.mjs';
// @ts-ignore plain ESM module without types
import { DEMO_CREDENTIAL_NAMES } from '../../sandbox/demo-credentials.mjs';
import { additionalData, chain, nodeTypes, PACKAGE, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';

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

	it('use the newest version of each package node (a node added from the panel), not version 1', () => {
		const ours = nodes.filter(({ node }) => node.type.startsWith(`${PACKAGE}.`));
		expect(ours.length).toBeGreaterThan(0);
		for (const { file, node } of ours) {
			const type = nodeTypes.getByName(node.type) as Partial<IVersionedNodeType> & { description: { version: number | number[] } };
			const newest = type.currentVersion ?? Math.max(...[type.description.version].flat());
			expect(node.typeVersion, `${file}: ${node.name}`).toBe(newest);
		}
	});

	// each example's "Customers" Code node returns a literal list: its items feed the example's sending node as they are
	const customersOf = (workflow: { nodes: INode[] }) =>
		new Function(String(workflow.nodes.find((n) => n.name === 'Customers')!.parameters.jsCode))() as Array<{ json: IDataObject }>;
	const senders = workflows.flatMap(({ file, workflow }) =>
		workflow.nodes
			.filter((n: INode) => n.type.startsWith(`${PACKAGE}.`) && workflow.connections.Customers?.main?.[0]?.some((c: { node: string }) => c.node === n.name))
			.map((node: INode) => ({ file, workflow, node })),
	);

	it.each(senders.map((s) => [s.file, s]))('%s sends to every customer of its list through the sandbox', async (_file, { workflow, node }) => {
		const customers = customersOf(workflow);
		const credentials = Object.fromEntries(Object.keys(node.credentials ?? {}).map((type) => [type, sandbox.credentials(type as never)]));
		const result = await runWorkflow(chain(itemsNode(customers, 'Customers'), node), credentials);
		expect(result.error(node.name)).toBeUndefined();
		const out = result.output(node.name);
		expect(out).toHaveLength(customers.length);
		const provider = node.type.replace(`${PACKAGE}.`, '').toLowerCase();
		const digits = (phone: unknown) => String(phone).replace(/\D/g, '');
		const sent = (await sandbox.messages(provider)).map((m: IDataObject) => String(m.to));
		expect(sent.sort()).toEqual(customers.map((c) => digits(`${c.json.countryCode ?? ''}${c.json.phone}`)).sort());
	});

	// The AI agent example (examples/mensatek-ai-agent.json): its AI nodes need n8n's langchain package,
	// which n8n-core here does not load, so the agent stands in as an item with its `output`; the
	// whole loop (trigger, agent, memory, reply) runs in real n8n 2.41.3 in test/e2e/ai-agent.test.mts.
	it('the AI agent example replies with the agent’s output, as Texto, to the number that wrote', async () => {
		const { workflow } = workflows.find((w) => w.file === 'mensatek-ai-agent.json')!;
		const reply = workflow.nodes.find((n: INode) => n.type === `${PACKAGE}.mensatek`) as INode;
		expect(workflow.connections['AI Agent'].main[0].map((c: { node: string }) => c.node)).toEqual([reply.name]);
		// the trigger's conversation fields the example maps (phone, text, sessionKey)
		const customer = { provider: 'mensatek', phone: '+34600111001', text: 'Hola', sessionKey: 'mensatek:+34600111001' };
		const result = await runWorkflow(
			chain(itemsNode([{ json: customer }], 'Mensatek Trigger'), itemsNode([{ json: { output: 'Hola Ana, ¿en qué te ayudo?' } }], 'AI Agent'), reply),
			{ mensatekApi: sandbox.credentials('mensatekApi') },
		);
		expect(result.error(reply.name)).toBeUndefined();
		const sent = await sandbox.messages('mensatek');
		expect(sent.map((m: IDataObject) => [m.to, m.type, m.text])).toEqual([['34600111001', 'text', 'Hola Ana, ¿en qué te ayudo?']]);
	});

	it('the OvoWpp example creates a customer who is not a contact yet under the name of its item', async () => {
		const { workflow, node } = senders.find((s) => s.node.type === `${PACKAGE}.ovoWpp`)!;
		const customers = customersOf(workflow);
		const before = (await sandbox.control('GET', 'ovowpp/data')).contacts as IDataObject[];
		const fresh = customers.filter((c) => !before.some((k) => `${k.mobile_code}${k.mobile}` === `${c.json.countryCode}${String(c.json.phone).replace(/\D/g, '')}`));
		expect(fresh.length).toBeGreaterThan(0);
		const result = await runWorkflow(chain(itemsNode(customers, 'Customers'), node), { ovoWppApi: sandbox.credentials('ovoWppApi') });
		expect(result.error(node.name)).toBeUndefined();
		const after = (await sandbox.control('GET', 'ovowpp/data')).contacts as IDataObject[];
		const created = after.filter((k) => !before.some((b) => b.id === k.id)).map((k) => [k.mobile_code, k.mobile, k.firstname, k.lastname]);
		expect(created).toEqual(fresh.map((c) => [c.json.countryCode, String(c.json.phone).replace(/\D/g, ''), c.json.name, c.json.lastName]));
	});
});

