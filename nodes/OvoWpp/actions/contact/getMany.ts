import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAllFields, showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { simplifyField, wantsSimple } from '../../../shared/simplify';
import { readText, wantedRows } from '../../../shared/params';
import { ovoPages, PAGE_SIZES } from '../../transport';
import { searchMatcher, SIMPLE_CONTACT, simplifyContact } from '../../helpers/contacts';

export const option = { name: 'Get Many', value: 'getMany', action: 'Get many contacts' };

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
