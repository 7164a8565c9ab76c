import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { concurrencyOption, showFor, timeoutOption, optionsFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { checkText, nodeParameter, readCollection } from '../../../shared/params';
import { TIMEOUT_MS } from '../../transport';
import { createContact } from '../../helpers/contacts';
import { ADDRESS_KEYS, ADDRESS_LABELS, addressFields, checkName, phoneFields, readPhone } from '../../helpers/fields';
import { profileImageField, profileImageFiles, wholeProfileImage } from '../../helpers/profileImage';

export const option = { name: 'Create', value: 'create', action: 'Create a contact' };

export const description: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		required: true,
		description: 'Up to 40 characters',
		displayOptions: showFor('contact', ['create']),
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		required: true,
		description: 'Up to 40 characters. The service requires it.',
		displayOptions: showFor('contact', ['create']),
	},
	...phoneFields('contact', ['create']),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...addressFields, profileImageField],
		displayOptions: showFor('contact', ['create']),
	},
	optionsFor('contact', ['create'], [concurrencyOption, timeoutOption(TIMEOUT_MS)]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const fields: Record<string, string> = {
		firstname: checkName(nodeParameter(this, 'firstName', itemIndex), 'First Name', true),
		lastname: checkName(nodeParameter(this, 'lastName', itemIndex), 'Last Name', true),
		...readPhone(this, itemIndex),
	};
	const extra = readCollection(this, 'additionalFields', itemIndex, 'Additional Fields');
	for (const key of ADDRESS_KEYS) {
		const value = checkText(extra[key], `Additional Fields → ${ADDRESS_LABELS[key]}`);
		if (value !== '') fields[key] = value;
	}
	const files = await profileImageFiles(this, itemIndex, extra.profileImage, 'Additional Fields');
	return createContact(this, fields, await wholeProfileImage(files, 'Additional Fields → Profile Image (Binary Field)'));
}
