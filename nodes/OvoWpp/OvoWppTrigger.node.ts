import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { triggerProperties } from './trigger/description';
import { pollOvoWpp } from './trigger/poll';

export class OvoWppTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OvoWpp Trigger',
		name: 'ovoWppTrigger',
		icon: { light: 'file:ovowpp.svg', dark: 'file:ovowpp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		// n8n's node picker shows this on the app's card (it merges X and X Trigger): it describes both
		description: 'OvoWpp (WhatsApp): send messages and templates, manage contacts and conversations, and start workflows on new messages or status changes',
		defaults: { name: 'OvoWpp Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ovoWppApi', required: true }],
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return pollOvoWpp.call(this);
	}
}
