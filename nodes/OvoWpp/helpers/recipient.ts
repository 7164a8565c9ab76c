import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ProviderError } from '../../shared/errors';
import { checkBoolean, checkText, readCollection } from '../../shared/params';
import type { OvoEnvelope } from '../transport';
import { wantsSimple } from '../../shared/simplify';
import { createContact, simplifyContact } from './contacts';
import { checkName } from './fields';

/** Options both send operations share: who sends, and what to do for a number that is no contact yet. */
export const recipientOptions: INodeProperties[] = [
	{
		displayName: 'Create Contact If Missing',
		name: 'createContact',
		type: 'boolean',
		default: true,
		description:
			'Whether to create the recipient as a contact and send once more when the service refuses because the number is not a contact yet (the service does not create it by itself, despite its docs). The refused call sent nothing, so nothing is sent twice.',
	},
	{
		displayName: 'New Contact First Name',
		name: 'newContactFirstName',
		type: 'string',
		default: '',
		description: 'First name for a contact created by this node. Empty: the phone number.',
	},
	{
		displayName: 'New Contact Last Name',
		name: 'newContactLastName',
		type: 'string',
		default: 'WhatsApp',
		description: 'Last name for a contact created by this node (the service requires one)',
	},
];

const FROM_NUMBER =
	'The connected WhatsApp number to send from, exactly as the panel shows it. Empty: the account\'s first number. A number that matches no connected account is refused ("The whatsapp account is not found") and nothing is sent.';

/** Which connected number sends (Send Template says what the service does with it there). */
export function fromNumberOption(description = FROM_NUMBER): INodeProperties {
	return { displayName: 'From Number', name: 'fromNumber', type: 'string', default: '', placeholder: 'e.g. +15550001111', description };
}

/** The live service's answer when the recipient is not a contact: an SQL error, and nothing sent. */
export function isUnknownContact(error: unknown): boolean {
	if (!(error instanceof ProviderError)) return false;
	return error.details.remark === 'unknown_contact' || /contact_id'? cannot be null/i.test(error.message);
}

/**
 * Sends, and when the service refuses because the number is not a contact, creates the contact
 * and sends once more. Returns the envelope and whether a contact was created.
 */
export async function sendCreatingContact(
	ctx: IExecuteFunctions,
	itemIndex: number,
	phone: { mobile_code: string; mobile: string },
	send: () => Promise<OvoEnvelope>,
): Promise<{ envelope: OvoEnvelope; contact?: IDataObject }> {
	// Errors travel up to the item loop, which turns them into the n8n error naming the item.
	const first = await send().then(
		(envelope) => ({ envelope }),
		(error: unknown) => ({ error }),
	);
	if ('envelope' in first) return first;
	const options = readCollection(ctx, 'options', itemIndex, 'Options');
	if (!checkBoolean(options.createContact, 'Options → Create Contact If Missing', true) || !isUnknownContact(first.error)) throw first.error;
	const firstname = checkName(checkText(options.newContactFirstName, 'Options → New Contact First Name') || `+${phone.mobile_code}${phone.mobile}`, 'Options → New Contact First Name', true);
	const lastname = checkName(options.newContactLastName ?? 'WhatsApp', 'Options → New Contact Last Name', true);
	const contact = await createContact(ctx, { firstname, lastname, ...phone });
	// The new contact as Contact Get gives it: simplified from version 2 on, as Simplify promises.
	return { envelope: await send(), contact: wantsSimple(ctx, itemIndex) ? simplifyContact(contact) : contact };
}
