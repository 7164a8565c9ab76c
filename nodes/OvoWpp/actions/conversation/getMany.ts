import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAllFields, showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { simplifyField, wantsSimple } from '../../../shared/simplify';
import { checkOption, checkText, readCollection, wantedRows } from '../../../shared/params';
import { ovoWalk, PAGE_SIZES, walkMayHaveSkipped } from '../../transport';
import { CONVERSATION_STATUS_FILTER, conversationSearch, SIMPLE_CONVERSATION_TEXT, simplifyConversation } from '../../helpers/conversations';

export const option = { name: 'Get Many', value: 'getMany', action: 'Get many conversations' };

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
				description: "Any part of the contact's name or number (with or without the country code)",
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
	simplifyField(showFor('conversation', ['getMany']), SIMPLE_CONVERSATION_TEXT),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const wanted = wantedRows(this, itemIndex);
	const filters = readCollection(this, 'filters', itemIndex, 'Filters');
	const { qs, keep } = conversationSearch(checkText(filters.search, 'Filters → Search'));
	const status = filters.status === undefined ? 'any' : checkOption(filters.status, 'Filters → Status', CONVERSATION_STATUS_FILTER);
	if (status !== 'any') qs.status = status;
	// The list is ordered by `last_message_at` only (facts.ts conversationOrder): pages of one walk may
	// repeat and skip conversations that share a value. One page that holds them all cannot; the walk
	// reads each conversation once and says when rows may be missing.
	const walk = await ovoWalk(this, 'inbox/conversation-list', 'conversation', qs, {
		enough: (all) => all.length >= wanted,
		keep,
		pageSize: Number.isFinite(wanted) && !keep ? Math.min(wanted, PAGE_SIZES[0]) : undefined,
	});
	if (walkMayHaveSkipped(walk)) {
		this.addExecutionHints({
			message: `Item ${itemIndex + 1}: read ${walk.rows.length} of the ${walk.total} conversations the service counts. It could not answer them in one page, and its pages repeat and skip conversations that share a last message time; those repeated were left out, those skipped are missing.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	const found = walk.rows.slice(0, wanted);
	return wantsSimple(this, itemIndex) ? found.map(simplifyConversation) : found;
}
