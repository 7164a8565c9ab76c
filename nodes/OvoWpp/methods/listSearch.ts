import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { matchesFilter } from '../../shared/locator';
import { searchMatcher } from '../helpers/contacts';
import { isApproved } from '../helpers/templates';
import type { Paginator } from '../transport';
import { conversationSearch } from '../helpers/conversations';
import { ovoCall, ovoWalk } from '../transport';

// The "From List" pickers of version 2. OvoWpp lists are Laravel paginators: the pagination token
// is the next page number, and each page's query is built here (its page links drop the filters).
const PAGE_SIZE = 100;
// Enough entries for one screen of the picker; it asks for the next token when scrolled down.
const ENOUGH = 20;
// Contacts per picker page without a search: one call fills many screens.
const CONTACT_PAGE = 1000;

async function searchPages(
	ctx: ILoadOptionsFunctions,
	path: string,
	key: string,
	qs: IDataObject,
	token: string | undefined,
	entry: (row: IDataObject) => INodeListSearchItems | undefined,
	pageSize = PAGE_SIZE,
): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	for (let page = Number(token) || 1; ; page++) {
		const envelope = await ovoCall(ctx, { method: 'GET', path, qs: { ...qs, page, paginate: pageSize }, kind: 'read' });
		const paginator = envelope.data?.[key] as unknown as Paginator | undefined;
		const rows = Array.isArray(paginator?.data) ? paginator.data : [];
		for (const row of rows) {
			const item = entry(row);
			if (item) results.push(item);
		}
		if (!paginator || rows.length === 0 || paginator.current_page >= paginator.last_page) return { results };
		if (results.length >= ENOUGH) return { results, paginationToken: String(page + 1) };
	}
}

const phoneOf = (contact: IDataObject | undefined) => (contact ? `+${String(contact.mobile_code ?? '')} ${String(contact.mobile ?? '')}` : '');
const nameOf = (contact: IDataObject | undefined) =>
	String(contact?.full_name ?? `${String(contact?.firstname ?? '')} ${String(contact?.lastname ?? '')}`).trim();

/** Approved templates (only those can be sent), by name or ID; the list API has no search. */
export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchPages(this, 'inbox/template-list', 'templates', {}, paginationToken, (template) => {
		if (!isApproved(template)) return undefined;
		const item = { name: `${String(template.name)} (#${String(template.id)})`, value: String(template.id) };
		return matchesFilter(item, filter) ? item : undefined;
	});
}

/**
 * Contacts by name or number. The service's own contact search is broken, so the list is filtered
 * here: with a search, in one walk of large pages (every match at once); without, a screenful per
 * page of CONTACT_PAGE (the list is ordered by id, so page numbers join up).
 */
export async function searchContacts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const entry = (contact: IDataObject) => ({ name: `${nameOf(contact)} (${phoneOf(contact)})`, value: String(contact.id) });
	if (filter?.trim()) {
		const { rows } = await ovoWalk(this, 'contact/list', 'contacts', {}, { keep: searchMatcher(filter) });
		return { results: rows.map(entry) };
	}
	return searchPages(this, 'contact/list', 'contacts', {}, paginationToken, entry, CONTACT_PAGE);
}

/**
 * Conversations, each once, in one walk (no pagination token): the list is ordered by
 * `last_message_at` only, so separate page requests repeat and skip conversations that share a value;
 * the walk asks for one large page. The search is the contact picker's (see conversationSearch).
 */
export async function searchConversations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { qs, keep } = conversationSearch(filter ?? '');
	const { rows } = await ovoWalk(this, 'inbox/conversation-list', 'conversation', qs, { keep });
	return {
		results: rows.map((conversation) => {
			const contact = conversation.contact as IDataObject | undefined;
			return { name: `${nameOf(contact) || 'Unknown contact'} (${phoneOf(contact)}) #${String(conversation.id)}`, value: String(conversation.id) };
		}),
	};
}

export const listSearch = { searchTemplates, searchContacts, searchConversations };
