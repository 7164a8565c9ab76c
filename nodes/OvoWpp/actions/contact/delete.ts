import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { concurrencyOption, timeoutOption, optionsFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { ovoCall, TIMEOUT_MS } from '../../transport';
import { contactLocator, locateContact } from '../../helpers/contacts';

export const option = { name: 'Delete', value: 'delete', action: 'Delete a contact' };

export const description: INodeProperties[] = [
	contactLocator(['delete'], 'The contact to delete: pick it from the list, or give its ID or its phone number'),
	optionsFor('contact', ['delete'], [concurrencyOption, timeoutOption(TIMEOUT_MS)]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const { id } = await locateContact(this, itemIndex);
	await ovoCall(this, { method: 'DELETE', path: `contact/delete/${id}`, kind: 'send' });
	return { deleted: true, id };
}
