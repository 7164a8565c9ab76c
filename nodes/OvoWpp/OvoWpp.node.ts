import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { SEND_AND_WAIT_TOOLTIP, SEND_AND_WAIT_WEBHOOKS, sendAndWaitWebhook } from '../shared/sendAndWait';
import { credentialName, OVOWPP, type OvoWppBrand } from './brands';
import { executeOvoWpp, ovoWppProperties } from './description';
import { listSearch } from './methods/listSearch';
import { getApprovedTemplates } from './methods/loadOptions';

/**
 * The action node of one brand of the OvoWpp product (brands.ts): the same operations, with the
 * brand's name, icon and credential. Each brand's file makes its class from it.
 */
export function ovoWppNode(brand: OvoWppBrand) {
	return class implements INodeType {
		description: INodeTypeDescription = {
			displayName: brand.displayName,
			name: brand.typeName,
			icon: { light: `file:${brand.icon.light}`, dark: `file:${brand.icon.dark}` },
			group: ['output'],
			// Version 2: resource locators (From List / By ID / By Phone Number) and Simplify; version 1 keeps its fields.
			version: [1, 2],
			defaultVersion: 2,
			subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
			description: `Send WhatsApp messages and templates, and manage contacts and conversations in ${brand.displayName}`,
			defaults: { name: brand.displayName },
			usableAsTool: true,
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialName(brand), required: true }],
			// Send and Wait: the link in the message resumes the waiting execution through this webhook.
			webhooks: SEND_AND_WAIT_WEBHOOKS,
			waitingNodeTooltip: SEND_AND_WAIT_TOOLTIP,
			// an array per node: n8n adds its own fields to the array of each node it loads
			properties: [...ovoWppProperties],
		};

		methods = { loadOptions: { getApprovedTemplates }, listSearch };

		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			return sendAndWaitWebhook.call(this);
		}

		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return executeOvoWpp.call(this);
		}
	};
}

export class OvoWpp extends ovoWppNode(OVOWPP) {}
