import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAllFields, showFor, wantedRows } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { readText } from '../../../shared/params';
import { ovoPages } from '../../transport';

export const description: INodeProperties[] = [
	...returnAllFields('contact', 'getMany'),
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		placeholder: 'maria or 34612',
		description:
			'Only contacts whose name or number contains this text (case-insensitive). The service\'s own search is broken, so the node pages through the contacts and filters them itself.',
		displayOptions: showFor('contact', ['getMany']),
	},
];

/** Whether a contact matches a search typed by a person: any part of the name or number. */
export function matchesSearch(contact: IDataObject, search: string): boolean {
	const needle = search.trim().toLowerCase();
	if (!needle) return true;
	const digits = needle.replace(/[\s\-+()]/g, '');
	const name = `${contact.firstname ?? ''} ${contact.lastname ?? ''} ${contact.full_name ?? ''}`.toLowerCase();
	const number = `${contact.mobile_code ?? ''}${contact.mobile ?? ''}`;
	return name.includes(needle) || (/^\d+$/.test(digits) && (number.includes(digits) || String(contact.mobile ?? '').includes(digits)));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const wanted = wantedRows(this, itemIndex);
	const search = readText(this, 'search', itemIndex, 'Search');
	const rows = await ovoPages(this, 'contact/list', 'contacts', {}, (all) => all.filter((c) => matchesSearch(c, search)).length >= wanted);
	return rows.filter((contact) => matchesSearch(contact, search)).slice(0, wanted);
}
