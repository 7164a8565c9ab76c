import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { executeOvoWpp, ovoWppProperties } from './description';
import { listSearch } from './methods/listSearch';
import { getApprovedTemplates } from './methods/loadOptions';

export class OvoWpp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OvoWpp',
		name: 'ovoWpp',
		icon: 'file:ovowpp.svg',
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
		properties: ovoWppProperties,
	};

	methods = { loadOptions: { getApprovedTemplates }, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOvoWpp.call(this);
	}
}
