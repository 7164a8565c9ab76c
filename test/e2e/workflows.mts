// The workflows the e2e suite imports into n8n: one operation per provider (Manual Trigger → node),
// and the Mensatek Trigger workflow. Parameters are the node's own parameter names, as a user's
// saved workflow holds them.
import { expect } from 'vitest';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

export const NODE_PREFIX = 'n8n-nodes-whatsapp-gateways.';
export const TRIGGER_WORKFLOW_ID = 'wgE2eMensatekTr1';
export const TRIGGER_WEBHOOK_ID = '6b0f8e8a-3c7e-4d1b-9a57-0e2e5a7e2e01';

export interface ProviderCase {
	title: string;
	/** node type name in the package (without the package prefix) */
	node: string;
	/** the node's name in the workflow */
	nodeName: string;
	/** the sandbox's provider key for /_sandbox/messages?provider= */
	provider: 'ovowpp' | 'wolkvox' | 'mensatek';
	workflow(credentials: Json[]): Json;
	/** assertions on what the sandbox received and the node's output items */
	expect(result: { messages: Json[]; items: Json[]; run: Json }): void;
}

function credentialRef(credentials: Json[], type: string) {
	const c = credentials.find((x) => x.type === type);
	if (!c) throw new Error(`no demo credential of type ${type}`);
	return { [type]: { id: c.id, name: c.name } };
}

/** Manual Trigger → one node of the package. */
export function manualWorkflow(id: string, name: string, node: Json): Json {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			{
				id: `${id}-start`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{ id: `${id}-node`, position: [260, 0], ...node },
		],
		connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
	};
}

const only = (messages: Json[]) => {
	expect(messages, JSON.stringify(messages).slice(0, 2000)).toHaveLength(1);
	return messages[0];
};

export const PROVIDER_CASES: ProviderCase[] = [
	{
		title: 'OvoWpp › Message › Send (text)',
		node: 'ovoWpp',
		nodeName: 'OvoWpp',
		provider: 'ovowpp',
		workflow: (credentials) =>
			manualWorkflow('wgE2eOvoWppSend1', 'e2e OvoWpp send', {
				name: 'OvoWpp',
				type: `${NODE_PREFIX}ovoWpp`,
				typeVersion: 1,
				parameters: {
					resource: 'message',
					operation: 'send',
					countryCode: '55',
					mobile: '11 98888-7777',
					messageType: 'text',
					text: 'Hola desde n8n (OvoWpp e2e)',
				},
				credentials: credentialRef(credentials, 'ovoWppApi'),
			}),
		expect({ messages, items }) {
			const m = only(messages);
			expect(m).toMatchObject({ to: '5511988887777', type: 'text', text: 'Hola desde n8n (OvoWpp e2e)' });
			expect(items).toHaveLength(1);
		},
	},
	{
		title: 'WapiFlow › Message › Send (text)',
		node: 'wapiFlow',
		nodeName: 'WapiFlow',
		provider: 'ovowpp',
		workflow: (credentials) =>
			manualWorkflow('wgE2eWapiFlowSe1', 'e2e WapiFlow send', {
				name: 'WapiFlow',
				type: `${NODE_PREFIX}wapiFlow`,
				typeVersion: 1,
				parameters: {
					resource: 'message',
					operation: 'send',
					countryCode: '1',
					mobile: '(202) 555-0123',
					messageType: 'text',
					text: 'Hello from n8n (WapiFlow e2e)',
				},
				credentials: credentialRef(credentials, 'wapiFlowApi'),
			}),
		expect({ messages, items }) {
			const m = only(messages);
			expect(m).toMatchObject({ to: '12025550123', type: 'text', text: 'Hello from n8n (WapiFlow e2e)' });
			expect(items).toHaveLength(1);
		},
	},
	{
		title: 'Wolkvox › Message › Send (text)',
		node: 'wolkvox',
		nodeName: 'Wolkvox',
		provider: 'wolkvox',
		workflow: (credentials) =>
			manualWorkflow('wgE2eWolkvoxSen1', 'e2e Wolkvox send', {
				name: 'Wolkvox',
				type: `${NODE_PREFIX}wolkvox`,
				typeVersion: 1,
				parameters: {
					resource: 'message',
					operation: 'send',
					connectorId: '1001',
					phone: '+57 300 123 4567',
					text: 'Hola desde n8n (Wolkvox e2e)',
				},
				credentials: credentialRef(credentials, 'wolkvoxApi'),
			}),
		expect({ messages, items }) {
			const m = only(messages);
			expect(m).toMatchObject({ to: '573001234567', type: 'text', text: 'Hola desde n8n (Wolkvox e2e)' });
			expect(items).toHaveLength(1);
		},
	},
	{
		title: 'Mensatek › Message › Send (Texto)',
		node: 'mensatek',
		nodeName: 'Mensatek',
		provider: 'mensatek',
		workflow: (credentials) =>
			manualWorkflow('wgE2eMensatekSe1', 'e2e Mensatek send', {
				name: 'Mensatek',
				type: `${NODE_PREFIX}mensatek`,
				typeVersion: 1,
				parameters: {
					resource: 'message',
					operation: 'send',
					phone: '+34 600 111 222',
					messageType: 'TEXTO',
					text: 'Hola desde n8n (Mensatek e2e)',
				},
				credentials: credentialRef(credentials, 'mensatekApi'),
			}),
		expect({ messages, items }) {
			const m = only(messages);
			expect(m).toMatchObject({ to: '34600111222', type: 'text', text: 'Hola desde n8n (Mensatek e2e)' });
			expect(items).toHaveLength(1);
		},
	},
	// Version 2 (resource locators, Simplify), in real n8n: the locator's value reaches the provider.
	{
		title: 'OvoWpp v2 › Message › Send Template (template From List)',
		node: 'ovoWpp',
		nodeName: 'OvoWpp',
		provider: 'ovowpp',
		workflow: (credentials) =>
			manualWorkflow('wgE2eOvoWppV2Tp1', 'e2e OvoWpp v2 send template', {
				name: 'OvoWpp',
				type: `${NODE_PREFIX}ovoWpp`,
				typeVersion: 2,
				parameters: {
					resource: 'message',
					operation: 'sendTemplate',
					countryCode: '55',
					mobile: '11988887777',
					templateId: { __rl: true, mode: 'list', value: '1', cachedResultName: 'hello_world (#1)' },
				},
				credentials: credentialRef(credentials, 'ovoWppApi'),
			}),
		expect({ messages, items }) {
			expect(only(messages)).toMatchObject({ to: '5511988887777', type: 'template', template: 'hello_world' });
			expect(items[0]).toMatchObject({ sent: true, templateId: 1, templateName: 'hello_world' });
		},
	},
	{
		title: 'OvoWpp v2 › Contact › Get (By Phone Number, simplified)',
		node: 'ovoWpp',
		nodeName: 'OvoWpp',
		provider: 'ovowpp',
		workflow: (credentials) =>
			manualWorkflow('wgE2eOvoWppV2Ct1', 'e2e OvoWpp v2 contact by phone', {
				name: 'OvoWpp',
				type: `${NODE_PREFIX}ovoWpp`,
				typeVersion: 2,
				parameters: { resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'phone', value: '+1 202 555 0123' } },
				credentials: credentialRef(credentials, 'ovoWppApi'),
			}),
		expect({ messages, items }) {
			expect(messages).toEqual([]);
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({ id: 2, firstname: 'John', mobile_code: '1', mobile: '2025550123' });
			expect(items[0]).not.toHaveProperty('image_src');
		},
	},
	{
		title: 'Wolkvox v2 › Message › Send Template (template By Name)',
		node: 'wolkvox',
		nodeName: 'Wolkvox',
		provider: 'wolkvox',
		workflow: (credentials) =>
			manualWorkflow('wgE2eWolkvoxV2T1', 'e2e Wolkvox v2 send template', {
				name: 'Wolkvox',
				type: `${NODE_PREFIX}wolkvox`,
				typeVersion: 2,
				parameters: {
					resource: 'message',
					operation: 'sendTemplate',
					connectorId: '1001',
					phone: '+57 300 123 4567',
					templateName: { __rl: true, mode: 'id', value: 'order_confirmation' },
					templateVariables: { variable: [{ value: 'Ana' }, { value: 'A-77' }] },
				},
				credentials: credentialRef(credentials, 'wolkvoxApi'),
			}),
		expect({ messages, items }) {
			const m = only(messages);
			expect(m).toMatchObject({ to: '573001234567', type: 'template' });
			expect(m.content).toMatchObject({ template_name: 'order_confirmation', template_vars: 'Ana;A-77' });
			expect(items).toHaveLength(1);
		},
	},
	{
		title: 'Mensatek v2 › Message › Send (template By ID)',
		node: 'mensatek',
		nodeName: 'Mensatek',
		provider: 'mensatek',
		workflow: (credentials) =>
			manualWorkflow('wgE2eMensatekV21', 'e2e Mensatek v2 send template', {
				name: 'Mensatek',
				type: `${NODE_PREFIX}mensatek`,
				typeVersion: 2,
				parameters: {
					resource: 'message',
					operation: 'send',
					phone: '+34 600 111 222',
					messageType: 'PLANTILLA',
					templateId: { __rl: true, mode: 'id', value: '610000000000001' },
					templateVariables: { mappingMode: 'defineBelow', value: { Nombre: 'Ana' }, matchingColumns: [], schema: [] },
				},
				credentials: credentialRef(credentials, 'mensatekApi'),
			}),
		expect({ messages, items }) {
			expect(only(messages)).toMatchObject({ to: '34600111222' });
			expect(items[0]).toMatchObject({ sent: true, Plantilla: 'bienvenida_cliente' });
		},
	},
];

/** Basic auth of the e2e trigger workflow, when the trigger has a user/password credential of its own. */
export const TRIGGER_BASIC_AUTH = { id: 'wgE2eMensatekBa1', name: 'Mensatek reports (e2e)', user: 'mensatek-reports', password: 'e2e-Report-Secret-1' };
const USER_PASSWORD_TYPES = ['mensatekWebhookApi', 'httpBasicAuth'];

/** An extra credential the trigger workflow needs, if its credential is not one of the demo ones. */
export function triggerExtraCredentials(credentialType: string | undefined): Json[] {
	if (!credentialType || !USER_PASSWORD_TYPES.includes(credentialType)) return [];
	const { id, name, user, password } = TRIGGER_BASIC_AUTH;
	return [{ id, name, type: credentialType, data: { user, password } }];
}

/** The user and password the trigger checks, for the credential type it declares. */
export function triggerAuth(credentials: Json[], credentialType: string | undefined): { user: string; password: string } | undefined {
	if (!credentialType) return undefined;
	if (USER_PASSWORD_TYPES.includes(credentialType)) return { user: TRIGGER_BASIC_AUTH.user, password: TRIGGER_BASIC_AUTH.password };
	if (credentialType === 'mensatekApi') {
		const c = credentials.find((x) => x.type === 'mensatekApi');
		return { user: c.data.apiUser, password: c.data.apiToken };
	}
	throw new Error(`the e2e test does not know how the trigger's credential ${credentialType} maps to Basic auth: teach test/e2e/workflows.mts`);
}

/** Mensatek Trigger → (nothing): an active workflow whose executions hold the trigger's items. */
export function triggerWorkflow(credentials: Json[], credentialType: string | undefined): Json {
	// The trigger's own credential (not a demo one of the same type), whose values triggerAuth knows.
	const extra = triggerExtraCredentials(credentialType);
	const all = extra.length ? extra : credentials;
	return {
		id: TRIGGER_WORKFLOW_ID,
		name: 'e2e Mensatek Trigger',
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		pinData: {},
		nodes: [
			{
				id: `${TRIGGER_WORKFLOW_ID}-trigger`,
				name: 'Mensatek Trigger',
				type: `${NODE_PREFIX}mensatekTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: TRIGGER_WEBHOOK_ID,
				// the trigger checks Basic auth only when asked to (Authentication: Basic Auth)
				parameters: credentialType ? { authentication: 'basicAuth' } : {},
				...(credentialType ? { credentials: credentialRef(all, credentialType) } : {}),
			},
		],
		connections: {},
	};
}

export const MCP_WORKFLOW_ID = 'wgE2eMcpServer01';
export const MCP_PATH = 'wg-e2e-tools';
export const MCP_WEBHOOK_ID = '0c9d1f5e-7a2b-4c3d-8e4f-5a6b7c8d9e01';
/** The tool nodes' names in the MCP workflow: n8n offers each as an MCP tool. */
export const MCP_TOOLS = { ovoWpp: 'OvoWpp Send', mensatek: 'Mensatek Send' };

/**
 * MCP Server Trigger (n8n's, streamable HTTP: node version 2) offering two of the package's tool
 * variants, every message field left to the caller with $fromAI, as an AI agent would fill it.
 */
export function mcpWorkflow(credentials: Json[]): Json {
	const fromAi = (key: string, description: string) => `={{ $fromAI('${key}', '${description}', 'string') }}`;
	const triggerName = 'MCP Server Trigger';
	const toTrigger = { ai_tool: [[{ node: triggerName, type: 'ai_tool', index: 0 }]] };
	return {
		id: MCP_WORKFLOW_ID,
		name: 'e2e MCP server with the package tools',
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		pinData: {},
		nodes: [
			{
				id: `${MCP_WORKFLOW_ID}-trigger`,
				name: triggerName,
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId: MCP_WEBHOOK_ID,
				parameters: { authentication: 'none', path: MCP_PATH },
			},
			{
				id: `${MCP_WORKFLOW_ID}-ovowpp`,
				name: MCP_TOOLS.ovoWpp,
				type: `${NODE_PREFIX}ovoWppTool`,
				typeVersion: 1,
				position: [-200, 200],
				parameters: {
					descriptionType: 'manual',
					toolDescription: 'Send a WhatsApp text message through OvoWpp',
					resource: 'message',
					operation: 'send',
					countryCode: fromAi('countryCode', 'Country calling code of the recipient, digits only'),
					mobile: fromAi('mobile', 'Mobile number of the recipient without the country code'),
					messageType: 'text',
					text: fromAi('text', 'The message text'),
				},
				credentials: credentialRef(credentials, 'ovoWppApi'),
			},
			{
				id: `${MCP_WORKFLOW_ID}-mensatek`,
				name: MCP_TOOLS.mensatek,
				type: `${NODE_PREFIX}mensatekTool`,
				typeVersion: 1,
				position: [200, 200],
				parameters: {
					descriptionType: 'manual',
					toolDescription: 'Send a WhatsApp text message through Mensatek',
					resource: 'message',
					operation: 'send',
					phone: fromAi('phone', 'Phone number of the recipient with the country code'),
					messageType: 'TEXTO',
					text: fromAi('text', 'The message text'),
				},
				credentials: credentialRef(credentials, 'mensatekApi'),
			},
		],
		connections: { [MCP_TOOLS.ovoWpp]: toTrigger, [MCP_TOOLS.mensatek]: toTrigger },
	};
}
