import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { executeWolkvox, properties } from './actions';
import { getTemplates } from './methods/loadOptions';

export class Wolkvox implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wolkvox',
		name: 'wolkvox',
		icon: { light: 'file:wolkvox.svg', dark: 'file:wolkvox.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send WhatsApp templates and messages through Wolkvox, and manage its templates',
		defaults: { name: 'Wolkvox' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wolkvoxApi', required: true }],
		properties,
	};

	methods = { loadOptions: { getTemplates } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeWolkvox.call(this);
	}
}
