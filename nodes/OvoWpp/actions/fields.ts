import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InputError } from '../../shared/errors';
import { checkText, nodeParameter } from '../../shared/params';
import { normalizeSplitPhone } from '../../shared/phone';
import { showFor } from '../../shared/description';
import type { FilePart, MediaRule } from '../../shared/multipart';
import { binaryFilePart, closeFile } from '../../shared/multipart';

/** OvoWpp stores the country code and the national number apart (`mobile_code`, `mobile`). */
export function phoneFields(resource: string, operations: string[], required = true): INodeProperties[] {
	return [
		{
			displayName: 'Country Code',
			name: 'countryCode',
			type: 'string',
			default: '',
			placeholder: 'e.g. 34',
			description:
				'The country calling code, without + (e.g. 34 for Spain, 52 for Mexico, 57 for Colombia). May be empty when Phone Number starts with + or 00.',
			displayOptions: showFor(resource, operations),
		},
		{
			displayName: 'Phone Number',
			name: 'mobile',
			type: 'string',
			default: '',
			required,
			placeholder: 'e.g. 612345678',
			description:
				'The number without the country code, or the whole number starting with + or 00 (e.g. +34 612 345 678). Spaces, dashes and brackets are removed.',
			displayOptions: showFor(resource, operations),
		},
	];
}

export function readPhone(ctx: IExecuteFunctions, itemIndex: number): { mobile_code: string; mobile: string } {
	const { countryCode, mobile } = normalizeSplitPhone(
		nodeParameter(ctx, 'countryCode', itemIndex),
		nodeParameter(ctx, 'mobile', itemIndex),
		{ countryCode: 'Country Code', mobile: 'Phone Number' },
	);
	return { mobile_code: countryCode, mobile };
}

/** Names are limited to 40 characters by the service; say so before the call, not after. */
export function checkName(value: unknown, field: string, required: boolean): string {
	const text = checkText(value, field, { required, emptyHint: `Give a ${field.toLowerCase()} (up to 40 characters).` }).trim();
	if (text.length > 40) {
		throw new InputError(field, `has ${text.length} characters; OvoWpp allows 40`, 'Shorten it to 40 characters or fewer.');
	}
	return text;
}

export const addressFields: INodeProperties[] = [
	{ displayName: 'Address', name: 'address', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'Post Code', name: 'post_code', type: 'string', default: '' },
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
];

export const ADDRESS_KEYS = ['address', 'city', 'post_code', 'state'] as const;
export const ADDRESS_LABELS: Record<(typeof ADDRESS_KEYS)[number], string> = { address: 'Address', city: 'City', post_code: 'Post Code', state: 'State' };

/** The contact as it comes from the list, address flattened the way the API takes it. */
export function contactFields(contact: IDataObject): Record<string, string> {
	const address = (contact.address ?? {}) as IDataObject;
	const fields: Record<string, string> = {
		firstname: String(contact.firstname ?? ''),
		lastname: String(contact.lastname ?? ''),
		mobile_code: String(contact.mobile_code ?? ''),
		mobile: String(contact.mobile ?? ''),
	};
	for (const key of ADDRESS_KEYS) fields[key] = String(address[key] ?? '');
	return fields;
}

/** The contact's picture: a binary field of the item, uploaded as the `profile_image` file [code]. */
export const profileImageField: INodeProperties = {
	displayName: 'Profile Image (Binary Field)',
	name: 'profileImage',
	type: 'string',
	default: '',
	placeholder: 'e.g. data',
	description: 'The name of the input binary field holding a JPG or PNG picture for the contact',
};

// The service takes jpg, jpeg or png [code]; it states no size limit.
const PROFILE_IMAGE: MediaRule = { extensions: ['jpg', 'jpeg', 'png'], maxBytes: Number.MAX_SAFE_INTEGER };

/** The picture as a multipart file, checked once before any call; undefined when none is asked for. */
export async function profileImageFiles(ctx: IExecuteFunctions, itemIndex: number, property: unknown, collection: string): Promise<(() => Promise<FilePart[]>) | undefined> {
	const name = String(property ?? '').trim();
	if (!name) return undefined;
	// Said with this field's name before the shared file reader would speak of "Input Binary Field".
	const binary = ctx.getInputData()[itemIndex].binary?.[name];
	const field = `${collection} → Profile Image (Binary Field)`;
	if (!binary) throw new InputError(field, `"${name}" holds no file on this item`, 'Give the name of a binary field of the item that holds a JPG or PNG picture.');
	const extension = String(binary.fileName ?? '').split('.').pop()?.toLowerCase() || String(binary.fileExtension ?? '').toLowerCase();
	if (!PROFILE_IMAGE.extensions.includes(extension) && !/^image\/(jpeg|png)$/.test(binary.mimeType ?? '')) {
		throw new InputError(field, `"${binary.fileName ?? name}" is not a JPG or PNG picture`, 'OvoWpp takes jpg, jpeg or png pictures: convert the file first.');
	}
	const open = () => binaryFilePart(ctx, itemIndex, name, 'profile_image', PROFILE_IMAGE, 'a profile image');
	closeFile(await open());
	return async () => [await open()];
}
