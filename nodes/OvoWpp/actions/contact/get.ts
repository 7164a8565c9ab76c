import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { simplifyField, wantsSimple } from '../../../shared/simplify';
import { contactLocator, findContact, locateContact, SIMPLE_CONTACT, simplifyContact } from '../../helpers/contacts';

export const option = { name: 'Get', value: 'get', action: 'Get a contact' };

export const description: INodeProperties[] = [
	contactLocator(['get'], 'The contact: pick it from the list, or give its ID or its phone number'),
	simplifyField(showFor('contact', ['get']), SIMPLE_CONTACT.join(', ')),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const { id, contact } = await locateContact(this, itemIndex);
	const found = contact ?? (await findContact(this, id));
	return wantsSimple(this, itemIndex) ? simplifyContact(found) : found;
}
