import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { SEND_AND_WAIT_TOOLTIP, SEND_AND_WAIT_WEBHOOKS, sendAndWaitWebhook } from '../shared/sendAndWait';
import { router } from './actions/router';
import { properties } from './actions/versionDescription';
import { getApprovedTemplates, getTemplates, searchApprovedTemplates, searchTemplates } from './methods/loadOptions';
import { getTemplateVariables } from './methods/resourceMapping';

export class Mensatek implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mensatek',
		name: 'mensatek',
		icon: { light: 'file:mensatek.svg', dark: 'file:mensatek.dark.svg' },
		group: ['output'],
		// Version 2: templates as resource locators (From List / By ID); version 1 keeps its dropdowns (actions/v1.ts).
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send WhatsApp messages and templates through Mensatek, in batches, and read templates and credit',
		defaults: { name: 'Mensatek' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'mensatekApi', required: true }],
		// Send and Wait: the link in the message resumes the waiting execution through this webhook.
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip: SEND_AND_WAIT_TOOLTIP,
		properties,
	};

	methods = {
		loadOptions: { getApprovedTemplates, getTemplates },
		listSearch: { searchApprovedTemplates, searchTemplates },
		resourceMapping: { getTemplateVariables },
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return sendAndWaitWebhook.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
