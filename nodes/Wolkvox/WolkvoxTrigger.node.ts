import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { ReceivedRequest } from '../shared/webhook';
import { basicAuthMatches, incompleteAuth, pastedUrlWebhookMethods, refuse, repeatWindowMs, secretMatches, senderOf, TriggerMemory } from '../shared/webhook';
import { REMEMBERED, triggerProperties } from './trigger/description';
import { notificationsOf, readBody, wanted } from './trigger/notifications';

/**
 * Recent notifications per trigger, for Skip Repeated Notifications (the same memory as the
 * Mensatek Trigger's, nodes/shared/webhook.ts).
 */
const recent = new TriggerMemory(REMEMBERED);

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

	// Wolkvox has no API to register the URL: the user pastes it into wolkvox Manager. Activation is
	// the place to refuse a check that cannot work.
	webhookMethods = pastedUrlWebhookMethods(recent, async (ctx) => {
		const problem = authProblem(ctx);
		if (problem) {
			throw new NodeOperationError(ctx.getNode(), `Cannot check requests: ${problem}`, {
				description: 'Fill in the check your proxy adds, or choose Authentication: None (the URL is then the only secret).',
			});
		}
	});

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as unknown as ReceivedRequest;
		const method = this.getNodeParameter('authentication', 'none') as string;
		if (method !== 'none') {
			const ok =
				!authProblem(this) &&
				(method === 'header'
					? secretMatches(request.headers[String(this.getNodeParameter('headerName', '')).trim().toLowerCase()], String(this.getNodeParameter('headerValue', '')))
					: basicAuthMatches(request.headers.authorization, String(this.getNodeParameter('user', '')), String(this.getNodeParameter('password', ''))));
			if (!ok) return refuse(this, 401, 'Authorization required', method === 'basicAuth' ? { 'www-authenticate': 'Basic realm="Wolkvox Trigger"' } : {});
		}

		const body = readBody(request);
		if (body === undefined) return refuse(this, 400, 'The body is empty: there is no notification to pass on.');

		const all = notificationsOf(body);
		const events = this.getNodeParameter('events', ['errors', 'statuses', 'messages']) as string[];
		let chosen = all.filter((notification) => wanted(notification, events));
		const options = this.getNodeParameter('options', {}) as IDataObject;
		let repeated = 0;
		if (options.skipRepeated !== false && chosen.some((n) => n.key !== undefined)) {
			const windowMs = repeatWindowMs(options);
			const seen = recent.of(this);
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
