import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InputError, ProviderError } from '../../../shared/errors';
import { showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { checkText } from '../../../shared/params';
import type { CallContext } from '../../../shared/http';
import { ovoPages } from '../../transport';

export const description: INodeProperties[] = [
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the contact, as returned by Create or Get Many',
		displayOptions: showFor('contact', ['get']),
	},
];

export function readContactId(value: unknown): number {
	const id = Number(checkText(value, 'Contact ID').trim() || NaN);
	if (!Number.isInteger(id) || id <= 0) {
		throw new InputError('Contact ID', `"${String(value ?? '')}" is not a contact ID`, 'Use the numeric id of a contact, e.g. from Get Many.');
	}
	return id;
}

/**
 * The API has no "get one contact" route, so the contact is looked up in the list. The list is
 * sorted newest id first, so paging stops as soon as it has passed the wanted id.
 */
export async function findContact(ctx: CallContext, id: number): Promise<IDataObject> {
	const rows = await ovoPages(ctx, 'contact/list', 'contacts', {}, (all) => {
		const last = all[all.length - 1];
		return all.some((c) => Number(c.id) === id) || (last !== undefined && Number(last.id) < id);
	}, 100);
	const contact = rows.find((c) => Number(c.id) === id);
	if (!contact) {
		throw new ProviderError(`There is no contact with ID ${id}`, {
			remark: 'not_found',
			description: 'Check the ID; Get Many lists the contacts with their IDs.',
		});
	}
	return contact;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	return findContact(this, readContactId(this.getNodeParameter('contactId', itemIndex)));
}
