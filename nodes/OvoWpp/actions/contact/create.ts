import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { concurrencyOption, showFor, timeoutOption, optionsFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import type { CallContext } from '../../../shared/http';
import { ovoCall, TIMEOUT_MS } from '../../transport';
import { checkText, nodeParameter, readCollection } from '../../../shared/params';
import type { FilePart } from '../../../shared/multipart';
import { wholeProfileImage } from './image';
import { ADDRESS_KEYS, ADDRESS_LABELS, addressFields, checkName, phoneFields, profileImageField, profileImageFiles, readPhone } from '../fields';

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

/** Creates a contact; shared with Send, which creates the recipient when it is not a contact yet. */
export async function createContact(ctx: CallContext, fields: Record<string, string>, files?: () => Promise<FilePart[]>): Promise<IDataObject> {
	const envelope = await ovoCall(ctx, { method: 'POST', path: 'contact/store', fields, files, kind: 'send' });
	return (envelope.data?.contact as IDataObject) ?? {};
}

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
