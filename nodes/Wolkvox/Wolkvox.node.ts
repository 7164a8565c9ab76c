import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { SEND_AND_WAIT_TOOLTIP, SEND_AND_WAIT_WEBHOOKS, sendAndWaitWebhook } from '../shared/sendAndWait';
import { router } from './actions/router';
import { properties } from './actions/versionDescription';
import { getTemplates } from './methods/loadOptions';
import { searchTemplates } from './methods/listSearch';
import { getTemplateFields } from './methods/resourceMapping';

export class Wolkvox implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wolkvox',
		name: 'wolkvox',
		icon: { light: 'file:wolkvox.svg', dark: 'file:wolkvox.dark.svg' },
		group: ['output'],
		// 2: the template as a resource locator (From List / By Name). 3: Send Template gives a field
		// per variable of the template (the list stays, as a choice). Saved workflows keep theirs.
		version: [1, 2, 3],
		defaultVersion: 3,
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

	methods = {
		loadOptions: { getTemplates },
		listSearch: { searchTemplates },
		resourceMapping: { getTemplateFields },
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return sendAndWaitWebhook.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
