import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { resourceProperties, withFrozenFields } from '../../shared/operations';
import { SEND_AND_WAIT_TOOLTIP, SEND_AND_WAIT_WEBHOOKS } from '../../shared/sendAndWait';
import { PROVEN } from '../proven';
import { account } from './account';
import { customFunction } from './customFunction';
import { message } from './message';
import { template } from './template';
import { VERSION_1_FIELDS } from './v1';

/** The node's resources, in the order of its Resource menu. */
export const RESOURCES = [account, customFunction, message, template];

const properties: INodeProperties[] = [
	{ displayName: PROVEN, name: 'provenNotice', type: 'notice', default: '' },
	...withFrozenFields(resourceProperties(RESOURCES, 'message'), VERSION_1_FIELDS),
];

export const versionDescription: INodeTypeDescription = {
	displayName: 'Mensatek',
	name: 'mensatek',
	icon: { light: 'file:mensatek.svg', dark: 'file:mensatek.dark.svg' },
	group: ['output'],
	// Version 2: templates as resource locators (From List / By ID); version 1 keeps its dropdowns (v1.ts).
	version: [1, 2],
	defaultVersion: 2,
	subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
	description: 'Send WhatsApp messages and templates through Mensatek, in batches, and read templates and credit',
	defaults: { name: 'Mensatek' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'mensatekApi', required: true }],
	// Send and Wait: the link in the message resumes the waiting execution through this webhook.
	webhooks: SEND_AND_WAIT_WEBHOOKS,
	waitingNodeTooltip: SEND_AND_WAIT_TOOLTIP,
	properties,
};
