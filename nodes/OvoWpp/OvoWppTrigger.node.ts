import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { credentialName, OVOWPP, type OvoWppBrand } from './brands';
import { triggerProperties } from './trigger/description';
import { pollOvoWpp } from './trigger/poll';

/**
 * The polling trigger of one brand of the OvoWpp product (brands.ts), with the brand's name, icon
 * and credential. Each brand's file makes its class from it.
 */
export function ovoWppTrigger(brand: OvoWppBrand) {
	return class implements INodeType {
		description: INodeTypeDescription = {
			displayName: `${brand.displayName} Trigger`,
			name: `${brand.typeName}Trigger`,
			icon: { light: `file:${brand.icon.light}`, dark: `file:${brand.icon.dark}` },
			group: ['trigger'],
			version: 1,
			subtitle: '={{$parameter["events"].join(", ")}}',
			// n8n's node picker shows this on the app's card (it merges X and X Trigger): it describes both
			description: `${brand.displayName} (WhatsApp): send messages and templates, manage contacts and conversations, and start workflows on new messages or status changes`,
			defaults: { name: `${brand.displayName} Trigger` },
			polling: true,
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialName(brand), required: true }],
			// an array per trigger: n8n puts Poll Times into the array of each polling node it loads,
			// so one array shared by two triggers showed it twice in both
			properties: [...triggerProperties],
		};

		async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
			return pollOvoWpp.call(this);
		}
	};
}

export class OvoWppTrigger extends ovoWppTrigger(OVOWPP) {}
