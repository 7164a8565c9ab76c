import type { INodeProperties } from 'n8n-workflow';
import { showFor } from '../../shared/description';
import { templateDropdownField } from '../../shared/templateFields';
import { forVersion, V1 } from '../../shared/locator';

const v1 = (resource: string, operations: string[]) => forVersion(showFor(resource, operations), V1);

/**
 * Version 1's own fields, frozen: plain ID fields and a template dropdown where later versions have
 * pickers of the same name (the operations read both through readLocator). Saved version-1
 * workflows keep running with them; new nodes never show them.
 */
export const VERSION_1_FIELDS: INodeProperties[] = [
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the contact, as returned by Create or Get Many',
		displayOptions: v1('contact', ['get']),
	},
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the contact to delete',
		displayOptions: v1('contact', ['delete']),
	},
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the contact to change',
		displayOptions: v1('contact', ['update']),
	},
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the conversation, as returned by Get Many or by a send',
		displayOptions: v1('conversation', ['get', 'updateStatus']),
	},
	templateDropdownField({
		name: 'templateId',
		method: 'getApprovedTemplates',
		description:
			'An approved template. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: v1('message', ['sendTemplate']),
	}),
];

/** Each version-1 field just before the later versions' field of the same name, where version 1 showed it. */
export function withVersion1(properties: INodeProperties[]): INodeProperties[] {
	const out = [...properties];
	for (const field of VERSION_1_FIELDS) {
		const resource = field.displayOptions?.show?.resource;
		const at = out.findIndex((p) => p.name === field.name && JSON.stringify(p.displayOptions?.show?.resource) === JSON.stringify(resource));
		out.splice(at === -1 ? out.length : at, 0, field);
	}
	return out;
}
