import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { showFor } from '../../shared/description';
import { ProviderError } from '../../shared/errors';
import { locatorField, readLocator } from '../../shared/locator';
import { checkId } from '../../shared/params';
import { pick } from '../../shared/simplify';
import { FACTS } from '../facts';
import { ovoPages } from '../transport';
import { findContactByPhone, searchMatcher } from './contacts';

// Conversations as several operations (and the picker) need them: statuses, locate, search, simplify.

// The service's numeric conversation statuses, shown by name (facts.ts: providers.md §1 Codes).
export const STATUS_NAMES: Record<string, string> = Object.fromEntries(
	Object.entries(FACTS.conversationStatusNames.value).map(([code, name]) => [code, name]),
);

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);
const option = (code: number): INodePropertyOptions => ({ name: STATUS_NAMES[code].replace(/^./, (c) => c.toUpperCase()), value: String(code) });

// The statuses Update Status may set: Done, Important, None, Pending.
export const CONVERSATION_STATUSES: INodePropertyOptions[] = FACTS.conversationStatusSettable.value.map(option).sort(byName);

// The list filter also knows Unread (4), which cannot be set as a status.
export const CONVERSATION_STATUS_FILTER: INodePropertyOptions[] = [
	{ name: 'Any', value: 'any' },
	...CONVERSATION_STATUSES,
	...Object.keys(STATUS_NAMES)
		.map(Number)
		.filter((code) => !(FACTS.conversationStatusSettable.value as readonly number[]).includes(code))
		.map(option),
];

/** The Conversation picker of Get and Update Status: From List, By ID, By Phone (the contact's number). */
export function conversationLocator(operations: string[]): INodeProperties {
	return locatorField({
		displayName: 'Conversation',
		name: 'conversationId',
		description: "The conversation: pick it from the list (search by the contact's name or number), or give its ID or the contact's phone number",
		searchListMethod: 'searchConversations',
		byId: { regex: '^\\s*\\d+\\s*$', error: 'A conversation ID is a number, e.g. 7', placeholder: 'e.g. 7' },
		byPhone: true,
		displayOptions: showFor('conversation', operations),
	});
}

/** What Simplify keeps of a conversation: its own key fields, and the contact's name and number. */
export const SIMPLE_CONVERSATION_TEXT =
	'id, status, statusName, contact_id, contactName, contactPhone (+ country code and number), last_message_at, needs_human_reply';

export function simplifyConversation(conversation: IDataObject): IDataObject {
	const contact = (conversation.contact ?? {}) as IDataObject;
	return {
		...pick(conversation, ['id', 'status']),
		statusName: STATUS_NAMES[String(conversation.status)] ?? 'unknown',
		...pick(conversation, ['contact_id']),
		contactName: contact.full_name ?? `${String(contact.firstname ?? '')} ${String(contact.lastname ?? '')}`.trim(),
		contactPhone: `+${String(contact.mobile_code ?? '')}${String(contact.mobile ?? '')}`,
		...pick(conversation, ['last_message_at', 'needs_human_reply']),
	};
}

/**
 * The conversation with the contact whose number is given: the contact is found first (its number
 * is stored in two parts), then the conversation list is searched by its mobile, which the service does.
 */
async function findConversationByPhone(ctx: IExecuteFunctions, raw: unknown): Promise<number> {
	const contact = await findContactByPhone(ctx, raw);
	const mine = (c: IDataObject) => Number(c.contact_id) === Number(contact.id);
	const [conversation] = await ovoPages(ctx, 'inbox/conversation-list', 'conversation', { search: String(contact.mobile) }, (found) => found.length > 0, undefined, mine);
	if (!conversation) {
		throw new ProviderError(`There is no conversation with +${String(contact.mobile_code)}${String(contact.mobile)}`, {
			remark: 'not_found',
			description: 'The contact exists but has no conversation yet: a message sent to it starts one.',
		});
	}
	return Number(conversation.id);
}

/** A conversation id is digits (Number() would read "0x2" or "1e0" as 2 or 1, and round ids above 2^53). */
export function readConversationId(value: unknown): number {
	return checkId(value, 'Conversation ID', 'Use the numeric id of a conversation, e.g. from Get Many.');
}

/** The conversation an item names: its ID (version 1, By ID, From List) or the one with a phone number. */
export async function locateConversation(ctx: IExecuteFunctions, itemIndex: number): Promise<number> {
	const { mode, value } = readLocator(ctx, 'conversationId', itemIndex);
	return mode === 'phone' ? findConversationByPhone(ctx, value) : readConversationId(value);
}

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
