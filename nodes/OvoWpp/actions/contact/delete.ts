import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { concurrencyOption, showFor, timeoutOption, optionsFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { ovoCall, TIMEOUT_MS } from '../../transport';
import { forVersion, V1 } from '../../../shared/locator';
import { contactLocator, locateContact } from './get';

export const description: INodeProperties[] = [
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the contact to delete',
		displayOptions: forVersion(showFor('contact', ['delete']), V1),
	},
	contactLocator(['delete'], 'The contact to delete: pick it from the list, or give its ID or its phone number'),
	optionsFor('contact', ['delete'], [concurrencyOption, timeoutOption(TIMEOUT_MS)]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const { id } = await locateContact(this, itemIndex);
	await ovoCall(this, { method: 'DELETE', path: `contact/delete/${id}`, kind: 'send' });
	return { deleted: true, id };
}
