import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAllFields, showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { simplifyField, wantsSimple } from '../../../shared/simplify';
import { readText, wantedRows } from '../../../shared/params';
import { ovoPages, PAGE_SIZES } from '../../transport';
import { SIMPLE_CONTACT, simplifyContact } from './get';

export const description: INodeProperties[] = [
	...returnAllFields('contact', 'getMany'),
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		placeholder: 'e.g. maria or 34612',
		description:
			'Only contacts whose name or number contains this text (case-insensitive). The service\'s own search is broken, so the node pages through the contacts and filters them itself.',
		displayOptions: showFor('contact', ['getMany']),
	},
	simplifyField(showFor('contact', ['getMany']), SIMPLE_CONTACT.join(', ')),
];

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

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const wanted = wantedRows(this, itemIndex);
	const search = readText(this, 'search', itemIndex, 'Search');
	// Each row is checked once, as its page arrives, and only the matches are kept.
	const keep = search.trim() ? searchMatcher(search) : undefined;
	// Large pages (the list is ordered by id, so pages join up); without a search, a small limit needs
	// only that many rows.
	const pageSize = keep ? undefined : Math.max(1, Math.min(PAGE_SIZES[0], wanted));
	const found = await ovoPages(this, 'contact/list', 'contacts', {}, (rows) => rows.length >= wanted, pageSize, keep);
	const rows = found.slice(0, wanted);
	return wantsSimple(this, itemIndex) ? rows.map(simplifyContact) : rows;
}
