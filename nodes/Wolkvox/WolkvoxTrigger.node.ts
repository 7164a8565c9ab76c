import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { ReceivedRequest } from '../shared/webhook';
import { RecentReports, basicAuthMatches, incompleteAuth, secretMatches, senderOf } from '../shared/webhook';
import { REMEMBERED, triggerProperties } from './trigger/description';
import { notificationsOf, readBody, wanted } from './trigger/notifications';

/**
 * Recent notifications per trigger (workflow and node), in this process's memory, for Skip Repeated
 * Notifications (the same memory as the Mensatek Trigger's, nodes/shared/webhook.ts).
 */
const recent = new Map<string, RecentReports>();
const triggerKey = (ctx: IHookFunctions | IWebhookFunctions) => `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;

/** Why the chosen check cannot work, or undefined. */
function authProblem(ctx: IHookFunctions | IWebhookFunctions): string | undefined {
	const method = ctx.getNodeParameter('authentication', 'none') as string;
	if (method === 'header') {
		const name = String(ctx.getNodeParameter('headerName', '')).trim();
		if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return 'Header Name must be a header name (letters, digits, dashes)';
		if (!String(ctx.getNodeParameter('headerValue', ''))) return 'Header Value is empty';
	}
	if (method === 'basicAuth') {
		const problem = incompleteAuth(String(ctx.getNodeParameter('user', '')), String(ctx.getNodeParameter('password', '')));
		if (problem) return `the Basic Auth settings ${problem}`;
	}
	return undefined;
}

export class WolkvoxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wolkvox Trigger',
		name: 'wolkvoxTrigger',
		icon: { light: 'file:wolkvox.svg', dark: 'file:wolkvox.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Events: " + ($parameter["events"] || []).join(", ")}}',
		// n8n's node picker shows this on the app's card (it merges X and X Trigger): it describes both
		description: 'Wolkvox (WhatsApp): send templates and messages, manage templates, and start workflows on the WhatsApp notifications Wolkvox forwards',
		defaults: { name: 'Wolkvox Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'wolkvox' }],
		properties: triggerProperties,
	};

	// Wolkvox has no API to register the URL: the user pastes it into wolkvox Manager. So there is
	// nothing to create or delete; activation is the place to refuse a check that cannot work.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const problem = authProblem(this);
				if (problem) {
					throw new NodeOperationError(this.getNode(), `Cannot check requests: ${problem}`, {
						description: 'Fill in the check your proxy adds, or choose Authentication: None (the URL is then the only secret).',
					});
				}
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				recent.delete(triggerKey(this));
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as unknown as ReceivedRequest;
		const refuse = (status: number, message: string, headers: IDataObject = {}): IWebhookResponseData => {
			// Answered here, with our own status: n8n then starts no workflow.
			const response = this.getResponseObject();
			response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers } as Record<string, string>);
			response.end(JSON.stringify({ error: message }));
			return { noWebhookResponse: true };
		};

		const method = this.getNodeParameter('authentication', 'none') as string;
		if (method !== 'none') {
			const ok =
				!authProblem(this) &&
				(method === 'header'
					? secretMatches(request.headers[String(this.getNodeParameter('headerName', '')).trim().toLowerCase()], String(this.getNodeParameter('headerValue', '')))
					: basicAuthMatches(request.headers.authorization, String(this.getNodeParameter('user', '')), String(this.getNodeParameter('password', ''))));
			if (!ok) return refuse(401, 'Authorization required', method === 'basicAuth' ? { 'www-authenticate': 'Basic realm="Wolkvox Trigger"' } : {});
		}

		const body = readBody(request);
		if (body === undefined) return refuse(400, 'The body is empty: there is no notification to pass on.');

		const all = notificationsOf(body);
		const events = this.getNodeParameter('events', ['errors', 'statuses', 'messages']) as string[];
		let chosen = all.filter((notification) => wanted(notification, events));
		const options = this.getNodeParameter('options', {}) as IDataObject;
		let repeated = 0;
		if (options.skipRepeated !== false && chosen.some((n) => n.key !== undefined)) {
			const windowMs = Math.max(1, Number(options.repeatWindow ?? 60) || 60) * 60000;
			const key = triggerKey(this);
			const seen = recent.get(key) ?? new RecentReports(REMEMBERED);
			recent.set(key, seen);
			const now = Date.now();
			const sender = senderOf(request);
			const before = chosen.length;
			chosen = chosen.filter((n) => n.key === undefined || seen.add(n.key, now, windowMs, sender));
			repeated = before - chosen.length;
		}
		// Filtered or repeated notifications are acknowledged with 200 and start nothing.
		if (chosen.length === 0) return { webhookResponse: { received: all.length, started: 0, ...(repeated ? { repeated } : {}) } };
		return { workflowData: [this.helpers.returnJsonArray(chosen.map((n) => n.json))] };
	}
}
