// Runs real workflow JSON through n8n-core's WorkflowExecute with this package's nodes and
// credentials, the way n8n does: credentials are applied by their own `authenticate` declaration
// (expressions resolved by n8n-workflow), and every HTTP call goes over real sockets.
import './env';
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { BinaryDataService, ExecutionLifecycleHooks, InstanceSettings, LoadOptionsContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import { generateUrlSignature, prepareUrlForSigning } from 'n8n-core';
import { PollContext } from 'n8n-core';
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
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { record, recordingLogger } from './record';
import { PACKAGE_CREDENTIALS, PACKAGE_NODES } from './registry';
import { testNodes } from './test-nodes';

export const PACKAGE = 'n8n-nodes-whatsapp-gateways';

// Every log line of n8n and the nodes, at every level, goes to the record of the secrets check.
(Container.get(Logger) as unknown as { setInternalLogger: (logger: unknown) => void }).setInternalLogger(recordingLogger);

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
		const values = { ...defaults, ...data };
		// The secrets check looks for every password value a test hands to a node, wrong ones included.
		for (const property of credentialType(type).properties) {
			if (property.typeOptions?.password && values[property.name]) record('secret', type, String(values[property.name]));
		}
		return values;
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
	recordRun(run, nodes);
	return {
		run,
		workflow,
		output: (name) => runData[name]?.[0]?.data?.main?.[0] ?? [],
		error: (name) => runData[name]?.[0]?.error as WorkflowResult['error'] extends (n: string) => infer E ? E : never,
	};
}

/** Records what the package's nodes produced (the test's own item nodes are left out). */
function recordRun(run: IRun, nodes: INode[]) {
	for (const node of nodes) {
		if (!node.type.startsWith(`${PACKAGE}.`)) continue;
		for (const task of run.data.resultData.runData[node.name] ?? []) {
			record('output', node.name, { data: task.data, hints: task.hints, metadata: task.metadata });
			if (task.error) record('error', node.name, task.error);
		}
	}
	if (run.data.resultData.error) record('error', 'workflow', run.data.resultData.error);
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
	const context = loadOptionsContext(nodeName, credentials, parameters);
	const nodeType = nodeTypes.getByNameAndVersion(`${PACKAGE}.${nodeName}`, 1);
	const fn = nodeType.methods?.loadOptions?.[method];
	if (!fn) throw new Error(`${nodeName} has no loadOptions method ${method}`);
	try {
		const options = await fn.call(context);
		record('output', `${nodeName}.${method}`, options);
		return options;
	} catch (error) {
		record('error', `${nodeName}.${method}`, error);
		throw error;
	}
}

/** Calls a node's listSearch method (a resource locator's "From List") the way the editor does. */
export async function listSearch(
	nodeName: string,
	method: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	options: { parameters?: INode['parameters']; filter?: string; paginationToken?: string; typeVersion?: number } = {},
) {
	const typeVersion = options.typeVersion ?? 2;
	const context = loadOptionsContext(nodeName, credentials, options.parameters, typeVersion);
	const fn = nodeTypes.getByNameAndVersion(`${PACKAGE}.${nodeName}`, typeVersion).methods?.listSearch?.[method];
	if (!fn) throw new Error(`${nodeName} has no listSearch method ${method}`);
	try {
		const result = await fn.call(context, options.filter, options.paginationToken);
		record('output', `${nodeName}.${method}`, result);
		return result;
	} catch (error) {
		record('error', `${nodeName}.${method}`, error);
		throw error;
	}
}

/** A real n8n-core context of a node of the package (credentials applied, real HTTP), as the editor has. */
export function loadOptionsContext(
	nodeName: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	parameters: INode['parameters'] = {},
	typeVersion = 1,
): LoadOptionsContext {
	const type = `${PACKAGE}.${nodeName}`;
	const node = {
		id: randomUUID(),
		name: 'Node',
		type,
		typeVersion,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(Object.keys(credentials).map((name) => [name, { id: '1', name }])),
	} as INode;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	// The editor sends the parameters on screen with each request: getCurrentNodeParameter reads them.
	const data = { ...additionalData(credentials, { nodes: [node] } as IWorkflowBase), currentNodeParameters: parameters };
	return new LoadOptionsContext(workflow, node, data, 'parameters');
}

export interface PollResult {
	/** The items of the poll's first output, or null when it emitted nothing. */
	items: INodeExecutionData[] | null;
	/** The workflow's static data after the poll, as n8n would save it (plain JSON). */
	staticData: IDataObject;
	/** Whether the poll changed the static data (n8n saves the workflow only then). */
	changed: boolean;
	/** Pass it back to poll again with the same in-memory static data, as an active workflow does. */
	workflow: Workflow;
}

/**
 * Calls the polling node of a workflow the way n8n's active workflows do: its poll() through
 * n8n-core's PollContext. `staticData` (saved JSON) builds a new workflow, as after a restart.
 */
export async function pollNode(
	json: WorkflowJson,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	options: { mode?: 'trigger' | 'manual'; staticData?: IDataObject; workflow?: Workflow } = {},
): Promise<PollResult> {
	await initBinaryData();
	const nodes = json.nodes.map((node, index) => ({ id: node.id ?? randomUUID(), position: node.position ?? [index * 200, 0], ...node })) as INode[];
	const workflow =
		options.workflow ??
		new Workflow({ id: 'poll-test', nodes, connections: json.connections, active: true, nodeTypes, staticData: structuredClone(options.staticData ?? json.staticData ?? {}) });
	(workflow.staticData as IDataObject).__dataChanged = false;
	const node = Object.values(workflow.nodes).find((n) => nodeTypes.getByNameAndVersion(n.type, n.typeVersion).poll);
	if (!node) throw new Error('The workflow has no polling node');
	const mode = options.mode ?? 'trigger';
	const data = additionalData(credentials, { id: workflow.id, nodes: Object.values(workflow.nodes) } as IWorkflowBase);
	const context = new PollContext(workflow, node, data, mode, mode === 'manual' ? 'manual' : 'activate');
	let output: INodeExecutionData[][] | null;
	try {
		output = await nodeTypes.getByNameAndVersion(node.type, node.typeVersion).poll!.call(context);
	} catch (error) {
		record('error', node.name, error);
		throw error;
	}
	record('output', node.name, { output, staticData: workflow.staticData });
	return {
		items: output?.[0] ?? null,
		staticData: JSON.parse(JSON.stringify(workflow.staticData)),
		changed: (workflow.staticData as IDataObject).__dataChanged === true,
		workflow,
	};
}

/**
 * Runs a credential's `test` request the way n8n's credentials tester does: expressions resolved
 * with $credentials, the credential's `authenticate` applied, a non-2xx answer is a failure, and
 * each `responseSuccessBody` rule fails the test when the body's key holds the rule's value.
 */
export async function testCredential(type: string, data: ICredentialDataDecryptedObject): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const credential = credentialType(type);
	const test = credential.test;
	if (!test) throw new Error(`${type} has no test request`);
	const helper = new CredentialsHelper({ [type]: data });
	const values = await helper.getDecrypted({} as IWorkflowExecuteAdditionalData, { id: '1', name: type }, type);
	const node = { id: '1', name: 'Test', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const request = test.request as IDataObject;
	const resolveAll = (value: unknown): unknown =>
		typeof value === 'string'
			? resolve(value, values, workflow, node)
			: value && typeof value === 'object'
				? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveAll(v)]))
				: value;
	const options = (await helper.authenticate(values, type, resolveAll({ method: 'GET', ...request }) as IHttpRequestOptions, workflow, node)) as IHttpRequestOptions & { baseURL?: string };
	const url = new URL(`${options.baseURL ?? ''}${options.url}`);
	for (const [key, value] of Object.entries((options.qs ?? {}) as IDataObject)) url.searchParams.set(key, String(value));
	const headers: Record<string, string> = { ...((options.headers ?? {}) as Record<string, string>) };
	if (options.auth) headers.authorization = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
	let body: string | undefined;
	if (options.body && typeof options.body === 'object') {
		body = JSON.stringify(options.body);
		headers['content-type'] = 'application/json';
	}
	const response = await fetch(url, { method: options.method ?? 'GET', headers, body });
	const text = await response.text();
	const result = credentialTestResult(response, text, test.rules ?? []);
	record('output', `${type} test`, result);
	return result;
}

function credentialTestResult(response: Response, text: string, rules: NonNullable<ICredentialType['test']>['rules']): { status: 'OK' | 'Error'; message: string } {
	if (response.status < 200 || response.status > 299) return { status: 'Error', message: `${response.status} ${response.statusText}: ${text.slice(0, 200)}` };
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {}
	for (const rule of rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const { key, value, message } = rule.properties as { key: string; value: unknown; message: string };
		const actual = key.split('.').reduce<unknown>((at, part) => (at as IDataObject | undefined)?.[part], parsed);
		if (actual === value) return { status: 'Error', message };
	}
	return { status: 'OK', message: 'Connection tested successfully' };
}

export interface WaitingRun {
	/** The run up to the node that waits (n8n saves the execution as "waiting" at this point). */
	first: WorkflowResult;
	/** When the wait ends without an answer, as the node set it. */
	waitTill: Date | undefined;
	/** The rest of the run, once an answer or the limit resumed it. */
	finished: Promise<WorkflowResult>;
	/** Resumes the execution as n8n's wait tracker does once `waitTill` has passed. */
	resumeAtLimit: () => Promise<WorkflowResult>;
	/** How many times the execution was resumed (n8n resumes a waiting execution once). */
	resumes: () => number;
	close: () => Promise<void>;
}

/**
 * Runs a workflow whose node puts the execution to wait (Send and Wait), the way n8n does: the
 * node gets an execution id and n8n's waiting-webhook base URL, which here is a local HTTP server
 * playing n8n's `/webhook-waiting/<execution>/<node>` route. A request to it has its signature
 * checked with n8n-core's own helpers, goes to the node's webhook() through n8n-core's
 * WebhookContext, and what the webhook returns resumes the execution with n8n-core's WorkflowExecute.
 * Like n8n, an execution that has resumed is not resumed again: later requests get a page saying so.
 */
export async function startWaitingWorkflow(
	json: WorkflowJson,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<WaitingRun> {
	await initBinaryData();
	const nodes = json.nodes.map((node, index) => ({ id: node.id ?? randomUUID(), position: node.position ?? [index * 200, 0], ...node })) as INode[];
	const workflowData = {
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
	const workflow = new Workflow({ id: workflowData.id, name: workflowData.name, nodes, connections: json.connections, active: false, nodeTypes, staticData: json.staticData ?? {}, settings: json.settings ?? {} });
	// Nine digits always: a test that measures the resume links (Send and Wait's length check) sees the same length on every run.
	const executionId = String(100_000_000 + Math.floor(Math.random() * 900_000_000));

	let state: 'waiting' | 'resuming' | 'done' = 'waiting';
	let resumed = 0;
	// set once the execution waits; the webhook handler (defined above it) reads it
	// eslint-disable-next-line prefer-const
	let runExecutionData: IRun['data'];
	let settle!: (result: WorkflowResult) => void;
	let fail!: (error: unknown) => void;
	const finished = new Promise<WorkflowResult>((resolve, reject) => {
		settle = resolve;
		fail = reject;
	});
	finished.catch(() => {});
	const base = () => ({ ...additionalData(credentials, workflowData), executionId, webhookWaitingBaseUrl: `${url}/webhook-waiting` }) as IWorkflowExecuteAdditionalData;
	const result = (run: IRun): WorkflowResult => {
		recordRun(run, nodes);
		const runData = run.data.resultData.runData;
		return {
			run,
			workflow,
			output: (name) => runData[name]?.at(-1)?.data?.main?.[0] ?? [],
			error: (name) => runData[name]?.at(-1)?.error as WorkflowResult['error'] extends (n: string) => infer E ? E : never,
		};
	};
	// What n8n does with a waiting execution it resumes: a new WorkflowExecute on the saved data.
	const resume = async (data: IRun['data']) => {
		state = 'resuming';
		resumed++;
		try {
			const run = await new WorkflowExecute(base(), 'manual', data).processRunExecutionData(workflow);
			state = 'done';
			const done = result(run);
			settle(done);
			return done;
		} catch (error) {
			state = 'done';
			fail(error);
			throw error;
		}
	};

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
				if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
				res.end(String((error as Error)?.stack ?? error));
			});
		});
	});
	const handle = async (req: http.IncomingMessage, res: http.ServerResponse, text: string) => {
		const address = new URL(req.url ?? '/', url);
		const match = /^\/webhook-waiting\/([^/]+)\/([^/]+)$/.exec(address.pathname);
		const node = match && match[1] === executionId ? nodes.find((n) => n.id === match[2]) : undefined;
		if (!node) {
			res.writeHead(404).end('not found');
			return;
		}
		// n8n checks the signature of a Send and Wait link before anything else (401 without it).
		const signature = address.searchParams.get('signature') ?? '';
		const unsigned = new URL(address);
		unsigned.searchParams.delete('signature');
		const expected = generateUrlSignature(prepareUrlForSigning(unsigned), Container.get(InstanceSettings).hmacSignatureSecret);
		if (signature !== expected) {
			res.writeHead(401, { 'content-type': 'text/html' }).end('Invalid token');
			return;
		}
		if (state === 'resuming') {
			res.writeHead(409).end(`The execution "${executionId}" is running already.`);
			return;
		}
		if (state === 'done') {
			res.writeHead(200, { 'content-type': 'text/html' }).end('No action required');
			return;
		}
		const type = String(req.headers['content-type'] ?? '');
		const body = type.includes('json') ? JSON.parse(text || '{}') : Object.fromEntries(new URLSearchParams(text));
		const request = { method: req.method, headers: req.headers, query: Object.fromEntries(address.searchParams), body, url: req.url, params: {} };
		const data = { ...base(), httpRequest: request, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData;
		const description = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const webhookDescription = (description.description.webhooks ?? []).find((w) => w.httpMethod === req.method && w.restartWebhook);
		if (!webhookDescription || !description.webhook) {
			res.writeHead(404).end('The node has no waiting webhook for this method');
			return;
		}
		const webhookData = { httpMethod: req.method, node: node.name, path: node.id, webhookDescription, workflowId: workflow.id, workflowExecuteAdditionalData: data } as unknown as import('n8n-workflow').IWebhookData;
		const context = new WebhookContext(workflow, node, data, 'webhook', webhookData, [], runExecutionData);
		const answer = await description.webhook.call(context);
		if (!answer.noWebhookResponse && !res.headersSent) res.writeHead(200, { 'content-type': 'text/html' }).end(String(answer.webhookResponse ?? ''));
		if (!answer.workflowData) return;
		// As n8n's waiting webhooks: the node's output is what its webhook returned.
		const saved = JSON.parse(JSON.stringify(runExecutionData)) as IRun['data'];
		saved.waitTill = undefined;
		const entry = saved.executionData!.nodeExecutionStack[0];
		entry.node.disabled = true;
		entry.data.main = answer.workflowData;
		void resume(saved).catch(() => {});
	};
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const execute = new WorkflowExecute(base(), 'manual');
	const fed = new Set(Object.values(json.connections).flatMap((c) => (c.main ?? []).flat().map((t) => t?.node)));
	const start = nodes.find((node) => !fed.has(node.name));
	const run = await execute.run(workflow, start);
	runExecutionData = run.data;
	if (!run.waitTill) state = 'done';
	return {
		first: result(run),
		waitTill: run.waitTill ? new Date(run.waitTill) : undefined,
		finished,
		resumeAtLimit: () => {
			if (state !== 'waiting') throw new Error('The execution is not waiting');
			return resume(JSON.parse(JSON.stringify(runExecutionData)) as IRun['data']);
		},
		resumes: () => resumed,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
