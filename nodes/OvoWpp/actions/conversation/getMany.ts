import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAllFields, showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { wantsSimple } from '../../../shared/simplify';
import { checkOption, checkText, readCollection, wantedRows } from '../../../shared/params';
import { ovoWalk, PAGE_SIZES, walkMayHaveSkipped } from '../../transport';
import { searchMatcher } from '../contact/getMany';
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
];

/**
 * How a search typed by a person is asked of the service and checked here. The service matches the
 * text in one column at a time (first name, last name or mobile: facts.ts conversationSearch), so a
 * full name or a number with its country code finds nothing there. The service is asked for one word
 * of a name (which lies within one column), or for everything when the text is a number; the
 * contact picker's test (any part of the name, the number with or without its country code) decides.
 */
export function conversationSearch(search: string): { qs: Record<string, string>; keep?: (row: IDataObject) => boolean } {
	const text = search.trim();
	if (!text) return { qs: {} };
	const matches = searchMatcher(text);
	const keep = (conversation: IDataObject) => matches((conversation.contact ?? {}) as IDataObject);
	if (/^[\d\s\-+()]+$/.test(text)) return { qs: {}, keep };
	const word = text.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a));
	return { qs: { search: word }, keep: word === text ? undefined : keep };
}

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
