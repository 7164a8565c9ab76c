import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { sendAndWaitWebhook } from '../shared/sendAndWait';
import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';
import { OVOWPP, type OvoWppBrand } from './brands';
import { listSearch } from './methods/listSearch';
import { getApprovedTemplates } from './methods/loadOptions';
import { getTemplateVariables } from './methods/resourceMapping';

/**
 * The action node of one brand of the OvoWpp product (brands.ts): the same operations, with the
 * brand's name, icon and credential. Each brand's file makes its class from it.
 */
export function ovoWppNode(brand: OvoWppBrand) {
	return class implements INodeType {
		description: INodeTypeDescription = versionDescription(brand);

		methods = { loadOptions: { getApprovedTemplates }, listSearch, resourceMapping: { getTemplateVariables } };

		// Send and Wait: the customer's click resumes the waiting execution here.
		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			return sendAndWaitWebhook.call(this);
		}

		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return router.call(this);
		}
	};
}

export class OvoWpp extends ovoWppNode(OVOWPP) {}
