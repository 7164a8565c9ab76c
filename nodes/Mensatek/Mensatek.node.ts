import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { executeMensatek, mensatekProperties } from './description';
import { getApprovedTemplates, getTemplates, searchApprovedTemplates, searchTemplates } from './methods/loadOptions';
import { getTemplateVariables } from './methods/resourceMapping';

export class Mensatek implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mensatek',
		name: 'mensatek',
		icon: 'file:mensatek.svg',
		group: ['output'],
		// Version 2: templates as resource locators (From List / By ID); version 1 keeps its dropdowns.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send WhatsApp messages and templates through Mensatek, in batches, and read templates and credit',
		defaults: { name: 'Mensatek' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'mensatekApi', required: true }],
		properties: mensatekProperties,
	};

	methods = {
		loadOptions: { getApprovedTemplates, getTemplates },
		listSearch: { searchApprovedTemplates, searchTemplates },
		resourceMapping: { getTemplateVariables },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeMensatek.call(this);
	}
}
