// Runs real workflow JSON through n8n-core's WorkflowExecute with this package's nodes and
// credentials, the way n8n does: credentials are applied by their own `authenticate` declaration
// (expressions resolved by n8n-workflow), and every HTTP call goes over real sockets.
import './env';
import { Container } from '@n8n/di';
import { BinaryDataService, ExecutionLifecycleHooks, InstanceSettings, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IConnections,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';
import { PACKAGE_CREDENTIALS, PACKAGE_NODES } from './registry';
import { testNodes } from './test-nodes';

export const PACKAGE = 'n8n-nodes-whatsapp-gateways';

let binaryReady: Promise<void> | undefined;
/** n8n's binary data service, in filesystem mode (see env.ts). */
export function initBinaryData(): Promise<void> {
	binaryReady ??= (async () => {
		Container.get(InstanceSettings);
		await Container.get(BinaryDataService).init();
	})();
	return binaryReady;
}

class NodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor() {
		for (const [name, NodeClass] of Object.entries(PACKAGE_NODES)) this.types.set(`${PACKAGE}.${name}`, new NodeClass());
		for (const [name, node] of Object.entries(testNodes)) this.types.set(name, node);
	}

	getByName(type: string) {
		const node = this.types.get(type);
		if (!node) throw new Error(`Unknown node type ${type}`);
		return node;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes() {
		return {};
	}
}

export const nodeTypes = new NodeTypes();

function credentialType(type: string): ICredentialType {
	const CredentialClass = PACKAGE_CREDENTIALS[type];
	if (!CredentialClass) throw new Error(`Unknown credential type ${type}`);
	return new CredentialClass();
}

/** Resolves `={{$credentials.x}}` the way n8n's credentials helper does. */
function resolve(value: unknown, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
}

export class CredentialsHelper extends ICredentialsHelper {
	constructor(private readonly store: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incoming: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = credentialType(typeName);
		const request = { ...incoming } as IHttpRequestOptions;
		if (typeof type.authenticate === 'function') return type.authenticate(credentials, request);
		if (!type.authenticate) return request;
		const { properties } = type.authenticate;
		for (const key of ['headers', 'qs', 'body'] as const) {
			const values = properties[key] as IDataObject | undefined;
			if (!values) continue;
			const resolved: IDataObject = {};
			for (const [name, value] of Object.entries(values)) resolved[name] = resolve(value, credentials, workflow, node) as string;
			(request as unknown as IDataObject)[key] = { ...((request as unknown as IDataObject)[key] as IDataObject), ...resolved };
		}
		if (properties.auth) {
			request.auth = {
				username: resolve(properties.auth.username, credentials, workflow, node) as string,
				password: resolve(properties.auth.password, credentials, workflow, node) as string,
			};
		}
		return request;
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const data = this.data(type);
		return { id: details.id, name: details.name, type, data: '', getData: () => data } as unknown as ICredentials;
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _details: INodeCredentialsDetails, type: string) {
		return { ...this.data(type) };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string) {
		return credentialType(type).properties;
	}

	private data(type: string): ICredentialDataDecryptedObject {
		const data = this.store[type];
		if (!data) throw new Error(`No credentials of type ${type} were given to the test`);
		// Defaults fill what the test leaves out, as n8n does for a saved credential.
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of credentialType(type).properties) defaults[property.name] = property.default as string;
		return { ...defaults, ...data };
	}
}

export function additionalData(credentials: Record<string, ICredentialDataDecryptedObject>, workflowData: IWorkflowBase) {
	const hooks = new ExecutionLifecycleHooks('manual', randomUUID(), workflowData);
	return {
		credentialsHelper: new CredentialsHelper(credentials),
		hooks,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used by these tests');
		},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		userId: 'test-user',
		setExecutionStatus: () => {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface WorkflowJson {
	name?: string;
	nodes: Array<Omit<INode, 'id' | 'position'> & Partial<Pick<INode, 'id' | 'position'>>>;
	connections: IConnections;
	settings?: IDataObject;
	staticData?: IDataObject;
}

export interface WorkflowResult {
	run: IRun;
	/** The items each node put out (first run, first output). */
	output: (nodeName: string) => INodeExecutionData[];
	/** The error a node stopped with, if any. */
	error: (nodeName: string) => (Error & { description?: string; context?: IDataObject }) | undefined;
	workflow: Workflow;
}

/** Runs a workflow JSON (as exported from the n8n editor) and returns what each node produced. */
export async function runWorkflow(
	json: WorkflowJson,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<WorkflowResult> {
	await initBinaryData();
	const nodes = json.nodes.map((node, index) => ({
		id: node.id ?? randomUUID(),
		position: node.position ?? [index * 200, 0],
		...node,
	})) as INode[];
	const workflowData: IWorkflowBase = {
		id: randomUUID(),
		name: json.name ?? 'test',
		active: false,
		nodes,
		connections: json.connections,
		settings: json.settings ?? {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes,
		connections: json.connections,
		active: false,
		nodeTypes,
		staticData: json.staticData ?? {},
		settings: json.settings ?? {},
	});
	const execute = new WorkflowExecute(additionalData(credentials, workflowData), 'manual');
	// The workflow starts at the node nothing feeds (the test's item source, or a trigger).
	const fed = new Set(Object.values(json.connections).flatMap((c) => (c.main ?? []).flat().map((t) => t?.node)));
	const start = nodes.find((node) => !fed.has(node.name));
	const run = await execute.run(workflow, start);
	const runData = run.data.resultData.runData;
	return {
		run,
		workflow,
		output: (name) => runData[name]?.[0]?.data?.main?.[0] ?? [],
		error: (name) => runData[name]?.[0]?.error as WorkflowResult['error'] extends (n: string) => infer E ? E : never,
	};
}

/** A chain of nodes: each node's first output feeds the next one. */
export function chain(...nodes: WorkflowJson['nodes']): WorkflowJson {
	const connections: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes, connections };
}

/** Calls a node's loadOptions method the way the editor does, through n8n-core's LoadOptionsContext. */
export async function loadOptions(
	nodeName: string,
	method: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	parameters: INode['parameters'] = {},
) {
	const type = `${PACKAGE}.${nodeName}`;
	const node = {
		id: randomUUID(),
		name: 'Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(Object.keys(credentials).map((name) => [name, { id: '1', name }])),
	} as INode;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new LoadOptionsContext(workflow, node, additionalData(credentials, { nodes: [node] } as IWorkflowBase), 'parameters');
	const nodeType = nodeTypes.getByNameAndVersion(type, 1);
	const fn = nodeType.methods?.loadOptions?.[method];
	if (!fn) throw new Error(`${nodeName} has no loadOptions method ${method}`);
	return fn.call(context);
}
