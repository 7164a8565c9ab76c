import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { triggerProperties } from '../OvoWpp/trigger/description';
import { pollOvoWpp } from '../OvoWpp/trigger/poll';

/** WapiFlow is a brand of the OvoWpp product: OvoWpp's trigger under its own name and credential. */
export class WapiFlowTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WapiFlow Trigger',
		name: 'wapiFlowTrigger',
		icon: { light: 'file:wapiflow.svg', dark: 'file:wapiflow.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		// n8n's node picker shows this on the app's card (it merges X and X Trigger): it describes both
		description: 'WapiFlow (WhatsApp): send messages and templates, manage contacts and conversations, and start workflows on new messages or status changes',
		defaults: { name: 'WapiFlow Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wapiFlowApi', required: true }],
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return pollOvoWpp.call(this);
	}
}
