import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { SEND_AND_WAIT_TOOLTIP, SEND_AND_WAIT_WEBHOOKS, sendAndWaitWebhook } from '../shared/sendAndWait';
import { executeOvoWpp, ovoWppProperties } from './description';
import { listSearch } from './methods/listSearch';
import { getApprovedTemplates } from './methods/loadOptions';

export class OvoWpp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OvoWpp',
		name: 'ovoWpp',
		icon: { light: 'file:ovowpp.svg', dark: 'file:ovowpp.dark.svg' },
		group: ['output'],
		// Version 2: resource locators (From List / By ID / By Phone Number) and Simplify; version 1 keeps its fields.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send WhatsApp messages and templates, and manage contacts and conversations in OvoWpp',
		defaults: { name: 'OvoWpp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ovoWppApi', required: true }],
		// Send and Wait: the link in the message resumes the waiting execution through this webhook.
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip: SEND_AND_WAIT_TOOLTIP,
		properties: ovoWppProperties,
	};

	methods = { loadOptions: { getApprovedTemplates }, listSearch };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return sendAndWaitWebhook.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOvoWpp.call(this);
	}
}
