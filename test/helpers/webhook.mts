// A webhook trigger of the package receiving real HTTP. A node:http server stands where n8n's
// webhook endpoint stands. For each request it does what n8n 1.x does before a webhook node runs
// (parses the body of a typeVersion-1 node: JSON, urlencoded and text parsed, multipart into
// `{ data, files }`; malformed JSON refused with 422), builds n8n-core's own WebhookContext and
// calls the node's webhook(); then it answers as n8n does: the node's own response, the node's
// `webhookResponse`, or "Workflow was started" with the items a workflow would start with. The
// response mode is read from the node's webhook description as n8n reads it: 'onReceived' answers
// before the rest of the workflow (`run`) runs, 'lastNode' after it, 500 "Error in workflow" when it
// failed. Before listening, it activates the trigger as n8n does: the webhook's checkExists.
// Used by the Mensatek Trigger tests and by its fuzz test (test/faults/).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { randomUUID } from 'node:crypto';
import { HookContext, parseIncomingMessage, WebhookContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeParameters, INodeType, IWebhookData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { additionalData, initBinaryData, nodeTypes, PACKAGE } from './harness';
import { record } from './record';

export interface Receiver {
	url: string;
	/** The items of each workflow the trigger started, in arrival order. */
	started: IDataObject[][];
	/** How many times webhook() threw (n8n would answer 500). */
	thrown: number;
	close: () => Promise<void>;
}

export interface ReceiverOptions {
	/** The node's type name without the package, e.g. mensatekTrigger. */
	type: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/**
	 * The rest of the workflow, given the items the trigger started it with: it throwing stands for
	 * a workflow that failed or that n8n could not store. Runs after each start.
	 */
	run?: (items: IDataObject[]) => Promise<void>;
	/** Whether to activate first (run checkExists, as n8n does when the workflow is activated). Default true. */
	activate?: boolean;
}

export async function webhookReceiver({ type, parameters, credentials, run, activate = true }: ReceiverOptions): Promise<Receiver> {
	await initBinaryData();
	const fullType = `${PACKAGE}.${type}`;
	const node: INode = {
		id: randomUUID(),
		name: 'Trigger',
		type: fullType,
		typeVersion: 1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters,
		credentials: Object.fromEntries(Object.keys(credentials).map((name) => [name, { id: '1', name }])),
	};
	const workflow = new Workflow({ id: randomUUID(), nodes: [node], connections: {}, active: true, nodeTypes });
	const nodeType = nodeTypes.getByNameAndVersion(fullType, 1) as INodeType;
	const webhookDescription = nodeType.description.webhooks![0];
	const webhookData = { httpMethod: 'POST', node: node.name, path: webhookDescription.path, webhookDescription, workflowId: workflow.id } as IWebhookData;
	const started: IDataObject[][] = [];
	let thrown = 0;
	const pending = new Set<Promise<unknown>>();

	const checkExists = nodeType.webhookMethods?.default?.checkExists;
	if (activate && checkExists) {
		const hookData = additionalData(credentials, { id: workflow.id, nodes: [node] } as never);
		await checkExists.call(new HookContext(workflow, node, hookData, 'trigger', 'activate', webhookData));
	}
	const responseMode = workflow.expression.getSimpleParameterValue(node, webhookDescription.responseMode, 'webhook', {}, undefined, 'onReceived');

	const answer = (res: http.ServerResponse, status: number, body: string) => {
		res.writeHead(status, { 'content-type': 'application/json' }).end(body);
	};

	const server = http.createServer((req, res) => {
		const handling = handle(req, res);
		pending.add(handling);
		void handling.finally(() => pending.delete(handling));
	});

	async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
		// Every answer, the node's own ones included, joins the record of the secrets check.
		const end = res.end.bind(res) as (chunk?: unknown) => http.ServerResponse;
		res.end = ((chunk?: unknown) => {
			record('webhook', `${type} answer ${res.statusCode}`, chunk === undefined ? '' : String(chunk));
			return end(chunk);
		}) as typeof res.end;
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks);
		const request = req as typeof req & { body?: unknown; rawBody?: Buffer; contentType?: string };
		parseIncomingMessage(request);
		request.rawBody = raw;
		if (request.contentType === 'multipart/form-data') {
			const form = await new Response(raw, { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
			const data: IDataObject = {};
			for (const [key, value] of form.entries()) if (typeof value === 'string') data[key] = value;
			request.body = { data, files: {} };
		} else if (raw.length) {
			const text = raw.toString('utf8');
			if (request.contentType === 'application/json') {
				try {
					request.body = JSON.parse(text);
				} catch {
					return answer(res, 422, '{"message":"Failed to parse request body"}');
				}
			} else if (request.contentType === 'application/x-www-form-urlencoded') request.body = { ...parseQuery(text) };
			else if (request.contentType === 'text/plain') request.body = text;
		}

		const data = additionalData(credentials, { id: workflow.id, nodes: [node] } as never);
		Object.assign(data, { httpRequest: request, httpResponse: res });
		const context = new WebhookContext(workflow, node, data, 'webhook', webhookData, [], null);
		try {
			const result = await nodeType.webhook!.call(context);
			if (result.noWebhookResponse) return;
			if (result.workflowData) {
				const items = result.workflowData[0].map((item) => item.json);
				record('webhook', `${type} items`, items);
				started.push(items);
				if (responseMode === 'lastNode') {
					try {
						await run?.(items);
					} catch (error) {
						record('error', `${type} workflow`, error);
						return answer(res, 500, '{"message":"Error in workflow"}');
					}
					return answer(res, 200, JSON.stringify(items[0]));
				}
				answer(res, 200, '{"message":"Workflow was started"}');
				await run?.(items).catch((error: unknown) => record('error', `${type} workflow`, error));
			} else {
				answer(res, 200, JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }));
			}
		} catch (error) {
			thrown++;
			record('error', type, error);
			answer(res, 500, JSON.stringify({ message: String((error as Error).message) }));
		}
	}
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/${node.webhookId}/${webhookDescription.path}`;
	return {
		url,
		started,
		get thrown() {
			return thrown;
		},
		close: async () => {
			await Promise.allSettled([...pending]); // the test's own requests end before the next test
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}
