import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { sendAndWaitWebhook } from '../shared/sendAndWait';
import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';
import { getApprovedTemplates, getTemplates, searchApprovedTemplates, searchTemplates } from './methods/loadOptions';
import { getTemplateVariables } from './methods/resourceMapping';

export class Mensatek implements INodeType {
	description: INodeTypeDescription = versionDescription;

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
