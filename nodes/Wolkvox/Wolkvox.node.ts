import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { SEND_AND_WAIT_TOOLTIP, SEND_AND_WAIT_WEBHOOKS, sendAndWaitWebhook } from '../shared/sendAndWait';
import { executeWolkvox, properties } from './actions';
import { getTemplates, searchTemplates } from './methods/loadOptions';

export class Wolkvox implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wolkvox',
		name: 'wolkvox',
		icon: { light: 'file:wolkvox.svg', dark: 'file:wolkvox.dark.svg' },
		group: ['output'],
		// Version 2: the template as a resource locator (From List / By Name); version 1 keeps its field.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send WhatsApp templates and messages through Wolkvox, and manage its templates',
		defaults: { name: 'Wolkvox' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wolkvoxApi', required: true }],
		// Send and Wait: the link in the message resumes the waiting execution through this webhook.
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip: SEND_AND_WAIT_TOOLTIP,
		properties,
	};

	methods = { loadOptions: { getTemplates }, listSearch: { searchTemplates } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return sendAndWaitWebhook.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeWolkvox.call(this);
	}
}
