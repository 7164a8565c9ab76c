import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { resourceProperties } from '../../shared/operations';
import { SEND_AND_WAIT_TOOLTIP, SEND_AND_WAIT_WEBHOOKS } from '../../shared/sendAndWait';
import { credentialName, type OvoWppBrand } from '../brands';
import { contact } from './contact';
import { conversation } from './conversation';
import { message } from './message';
import { template } from './template';
import { withVersion1 } from './v1';

/** The resources and their operations, in the Resource menu's order. */
export const resources = [contact, conversation, message, template];

/** How the node was proven (docs/ovowpp.md and the README say the same). */
export const PROVEN =
	"Checked against the product's own public source, run with a database (the sandbox answers as it did); not against a live account.";

/** The operations every brand of the OvoWpp product shows, version 1's frozen fields included. */
export const ovoWppProperties = [
	{ displayName: PROVEN, name: 'provenNotice', type: 'notice' as const, default: '' },
	...withVersion1(resourceProperties(resources, 'message')),
];

/** The node's description for one brand: its name, icon and credential around the same operations. */
export function versionDescription(brand: OvoWppBrand): INodeTypeDescription {
	return {
		displayName: brand.displayName,
		name: brand.typeName,
		icon: { light: `file:${brand.icon.light}`, dark: `file:${brand.icon.dark}` },
		group: ['output'],
		// 2: pickers (From List / By ID / By Phone) and Simplify. 3: Send Template gives a field per
		// template variable by default. Earlier versions keep their fields.
		version: [1, 2, 3],
		defaultVersion: 3,
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
}
