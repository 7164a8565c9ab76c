import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor } from '../../shared/description';
import { ProviderError } from '../../shared/errors';
import type { CallContext } from '../../shared/http';
import { locatorField, readLocator } from '../../shared/locator';
import type { FilePart } from '../../shared/multipart';
import { checkId } from '../../shared/params';
import { normalizePhone } from '../../shared/phone';
import { pick } from '../../shared/simplify';
import { ovoCall, ovoPages } from '../transport';

// Contacts as several operations (and the pickers) need them: find, locate, create, search, simplify.

/** The Contact picker of Get, Update and Delete: From List, By ID, By Phone. */
export function contactLocator(operations: string[], description: string): INodeProperties {
	return locatorField({
		displayName: 'Contact',
		name: 'contactId',
		description,
		searchListMethod: 'searchContacts',
		byId: { regex: '^\\s*\\d+\\s*$', error: 'A contact ID is a number, e.g. 12', placeholder: 'e.g. 12' },
		byPhone: true,
		displayOptions: showFor('contact', operations),
	});
}

/** What Simplify keeps of a contact (the list gives about 20 fields). */
export const SIMPLE_CONTACT = ['id', 'firstname', 'lastname', 'full_name', 'mobile_code', 'mobile', 'address', 'is_blocked', 'updated_at'];

export const simplifyContact = (contact: IDataObject): IDataObject => pick(contact, SIMPLE_CONTACT);

/** A contact id: digits only (Number() took "0x2", "+2", "2.0" or "1e0" as 2, and rounded ids above 2^53). */
export function readContactId(value: unknown): number {
	return checkId(value, 'Contact ID', 'Use the numeric id of a contact, e.g. from Get Many.');
}

/**
 * The API has no "get one contact" route, so the contact is looked up in the list. The list is
 * sorted newest id first, so paging stops as soon as it has passed the wanted id.
 */
export async function findContact(ctx: CallContext, id: number): Promise<IDataObject> {
	const rows = await ovoPages(ctx, 'contact/list', 'contacts', {}, (all) => {
		const last = all[all.length - 1];
		return all.some((c) => Number(c.id) === id) || (last !== undefined && Number(last.id) < id);
	});
	const contact = rows.find((c) => Number(c.id) === id);
	if (!contact) {
		throw new ProviderError(`There is no contact with ID ${id}`, {
			remark: 'not_found',
			description: 'Check the ID; Get Many lists the contacts with their IDs.',
		});
	}
	return contact;
}

/**
 * The contact whose number (country code and national number together) is the one given. The
 * service's search is broken, so the list is paged and filtered here.
 */
export async function findContactByPhone(ctx: CallContext, raw: unknown): Promise<IDataObject> {
	const digits = normalizePhone(raw, 'Contact (By Phone Number)');
	const match = (c: IDataObject) => `${String(c.mobile_code ?? '').replace(/^\+/, '')}${String(c.mobile ?? '')}` === digits;
	const [contact] = await ovoPages(ctx, 'contact/list', 'contacts', {}, (found) => found.length > 0, undefined, match);
	if (!contact) {
		throw new ProviderError(`There is no contact with the number +${digits}`, {
			remark: 'not_found',
			description: 'Check the number and its country code; Get Many lists the contacts with their numbers.',
		});
	}
	return contact;
}

/** The contact an item names: its ID (version 1, or By ID / From List), or the contact found by its number. */
export async function locateContact(ctx: IExecuteFunctions, itemIndex: number): Promise<{ id: number; contact?: IDataObject }> {
	const { mode, value } = readLocator(ctx, 'contactId', itemIndex);
	if (mode === 'phone') {
		const contact = await findContactByPhone(ctx, value);
		return { id: Number(contact.id), contact };
	}
	return { id: readContactId(value) };
}

/** Creates a contact (Create, and the sends when the recipient is not a contact yet). */
export async function createContact(ctx: CallContext, fields: Record<string, string>, files?: () => Promise<FilePart[]>): Promise<IDataObject> {
	const envelope = await ovoCall(ctx, { method: 'POST', path: 'contact/store', fields, files, kind: 'send' });
	return (envelope.data?.contact as IDataObject) ?? {};
}

/** A test of whether a contact matches a search typed by a person: any part of the name or number. */
export function searchMatcher(search: string): (contact: IDataObject) => boolean {
	const needle = search.trim().toLowerCase();
	if (!needle) return () => true;
	const digits = needle.replace(/[\s\-+()]/g, '');
	const numeric = /^\d+$/.test(digits);
	return (contact) => {
		const name = `${contact.firstname ?? ''} ${contact.lastname ?? ''} ${contact.full_name ?? ''}`.toLowerCase();
		if (name.includes(needle)) return true;
		return numeric && (`${contact.mobile_code ?? ''}${contact.mobile ?? ''}`.includes(digits) || String(contact.mobile ?? '').includes(digits));
	};
}
