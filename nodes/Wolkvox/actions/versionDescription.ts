import type { INodeProperties } from 'n8n-workflow';
import { resourceProperties } from '../../shared/operations';
import { account } from './account';
import { media } from './media';
import { message } from './message';
import { template } from './template';
import { v1Fields } from './v1';

/** The node's resources, in the order of its Resource menu. */
export const resources = [account, media, message, template];

// How the node was proven, on every operation: only send_message_official has its Wolkvox page
// kept in the project (seeds/wolkvox-send-message-official.txt); the rest follow providers.md §2.
const notices: INodeProperties[] = [
	{
		displayName:
			'Checked against Wolkvox\'s published API docs and public client code only, not against a live Wolkvox account',
		name: 'provenNotice',
		type: 'notice',
		default: '',
	},
];

/** Each version-1 field stands where it stood: right before the later field of its name and operation. */
function withV1(fields: INodeProperties[]): INodeProperties[] {
	const place = (field: INodeProperties) => JSON.stringify([field.name, field.displayOptions?.show?.resource, field.displayOptions?.show?.operation]);
	const first = new Map<string, INodeProperties>();
	for (const field of fields) if (!first.has(place(field))) first.set(place(field), field);
	const placed = v1Fields.filter((old) => first.has(place(old)));
	const rest = v1Fields.filter((old) => !first.has(place(old)));
	return [...fields.flatMap((field) => [...placed.filter((old) => first.get(place(old)) === field), field]), ...rest];
}

/** The menus, the notices right below them, then every operation's fields. */
const menus = resourceProperties(resources, 'message');
const firstField = menus.findIndex((property) => property.name !== 'resource' && property.name !== 'operation');
export const properties: INodeProperties[] = [...menus.slice(0, firstField), ...notices, ...withV1(menus.slice(firstField))];
