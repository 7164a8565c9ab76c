import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { concurrencyOption, showFor, timeoutOption, optionsFor } from '../../../shared/description';
import { InputError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/items';
import { normalizeSplitPhone } from '../../../shared/phone';
import { ovoCall, TIMEOUT_MS } from '../../transport';
import { checkText, readCollection } from '../../../shared/params';
import { contactLocator, findContact, locateContact } from '../../helpers/contacts';
import { ADDRESS_KEYS, ADDRESS_LABELS, addressFields, checkName, contactFields } from '../../helpers/fields';
import { profileImageField, profileImageFiles, wholeProfileImage } from '../../helpers/profileImage';

export const option = { name: 'Update', value: 'update', action: 'Update a contact' };

export const description: INodeProperties[] = [
	contactLocator(['update'], 'The contact to change: pick it from the list, or give its ID or its phone number'),
	{
		displayName:
			'OvoWpp recomputes the address country from the dial code on every save, whatever else changes (changing only the city of a +1 contact turned "United States" into "Canada"). No client can prevent it.',
		name: 'countryNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('contact', ['update']),
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only the fields given here change, except the country: the service replaces the whole contact on update, so the node reads the current contact first and sends every field, and the service recomputes the address country from the dial code on every save',
		options: [
			...addressFields,
			{ displayName: 'Country Code', name: 'countryCode', type: 'string', default: '', placeholder: 'e.g. 34' },
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			{ displayName: 'Phone Number', name: 'mobile', type: 'string', default: '' },
			profileImageField,
		],
		displayOptions: showFor('contact', ['update']),
	},
	optionsFor('contact', ['update'], [concurrencyOption, timeoutOption(TIMEOUT_MS)]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const changes = readCollection(this, 'updateFields', itemIndex, 'Update Fields');
	if (Object.keys(changes).length === 0) {
		throw new InputError('Update Fields', 'is empty', 'Add at least one field to change.');
	}
	// Check what the user typed before reading anything from the provider.
	const typed: Record<string, string> = {};
	if (changes.firstName !== undefined) typed.firstname = checkName(changes.firstName, 'Update Fields → First Name', true);
	if (changes.lastName !== undefined) typed.lastname = checkName(changes.lastName, 'Update Fields → Last Name', true);
	for (const key of ADDRESS_KEYS) if (changes[key] !== undefined) typed[key] = checkText(changes[key], `Update Fields → ${ADDRESS_LABELS[key]}`);
	const files = await wholeProfileImage(
		await profileImageFiles(this, itemIndex, changes.profileImage, 'Update Fields'),
		'Update Fields → Profile Image (Binary Field)',
	);

	// Not partial on the live service: unsent fields would be emptied, so start from the current contact.
	const { id, contact } = await locateContact(this, itemIndex);
	const fields = { ...contactFields(contact ?? (await findContact(this, id))), ...typed };
	if (changes.countryCode !== undefined || changes.mobile !== undefined) {
		const phone = normalizeSplitPhone(changes.countryCode ?? fields.mobile_code, changes.mobile ?? fields.mobile, {
			countryCode: 'Update Fields → Country Code',
			mobile: 'Update Fields → Phone Number',
		});
		fields.mobile_code = phone.countryCode;
		fields.mobile = phone.mobile;
	}
	const envelope = await ovoCall(this, { method: 'POST', path: `contact/update/${id}`, fields, files, kind: 'send' });
	return (envelope.data?.contact as IDataObject) ?? { id };
}
