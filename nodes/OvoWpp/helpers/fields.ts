// The contact fields several operations share: the phone in two parts, names, the address.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InputError } from '../../shared/errors';
import { checkText, nodeParameter } from '../../shared/params';
import { normalizeSplitPhone } from '../../shared/phone';
import { showFor } from '../../shared/description';

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
