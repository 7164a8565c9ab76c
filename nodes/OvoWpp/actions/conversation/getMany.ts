import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAllFields, showFor, wantedRows } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { wantsSimple } from '../../../shared/locator';
import { checkOption, checkText, readCollection } from '../../../shared/params';
import { ovoPages } from '../../transport';
import { simplifyConversation } from './get';
import { CONVERSATION_STATUS_FILTER } from './status';

export const description: INodeProperties[] = [
	...returnAllFields('conversation', 'getMany'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Name or number of the contact',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: CONVERSATION_STATUS_FILTER,
				default: 'any',
			},
		],
		displayOptions: showFor('conversation', ['getMany']),
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const wanted = wantedRows(this, itemIndex);
	const filters = readCollection(this, 'filters', itemIndex, 'Filters');
	const qs: Record<string, string> = {};
	const search = checkText(filters.search, 'Filters → Search').trim();
	if (search) qs.search = search;
	const status = filters.status === undefined ? 'any' : checkOption(filters.status, 'Filters → Status', CONVERSATION_STATUS_FILTER);
	if (status !== 'any') qs.status = status;
	const rows = await ovoPages(this, 'inbox/conversation-list', 'conversation', qs, (all) => all.length >= wanted);
	const found = rows.slice(0, wanted);
	return wantsSimple(this, itemIndex) ? found.map(simplifyConversation) : found;
}
