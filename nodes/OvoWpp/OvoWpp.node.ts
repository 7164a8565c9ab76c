import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { executeOvoWpp, ovoWppProperties } from './description';
import { getApprovedTemplates } from './methods/loadOptions';

export class OvoWpp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OvoWpp',
		name: 'ovoWpp',
		icon: { light: 'file:ovowpp.svg', dark: 'file:ovowpp.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send WhatsApp messages and templates, and manage contacts and conversations in OvoWpp',
		defaults: { name: 'OvoWpp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ovoWppApi', required: true }],
		properties: ovoWppProperties,
	};

	methods = { loadOptions: { getApprovedTemplates } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOvoWpp.call(this);
	}
}
