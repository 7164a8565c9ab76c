import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { executeOvoWpp, ovoWppProperties } from '../OvoWpp/description';
import { listSearch } from '../OvoWpp/methods/listSearch';
import { getApprovedTemplates } from '../OvoWpp/methods/loadOptions';

/** WapiFlow is a brand of the OvoWpp product: OvoWpp's operations under its own name and credential. */
export class WapiFlow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WapiFlow',
		name: 'wapiFlow',
		icon: 'file:wapiflow.svg',
		group: ['output'],
		// Version 2: resource locators (From List / By ID / By Phone Number) and Simplify; version 1 keeps its fields.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send WhatsApp messages and templates, and manage contacts and conversations in WapiFlow',
		defaults: { name: 'WapiFlow' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wapiFlowApi', required: true }],
		properties: ovoWppProperties,
	};

	methods = { loadOptions: { getApprovedTemplates }, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOvoWpp.call(this);
	}
}
