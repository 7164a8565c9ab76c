import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ProviderError } from '../../../shared/errors';
import { showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { pick, simplifyField, wantsSimple } from '../../../shared/simplify';
import { forVersion, locatorField, readLocator, V1 } from '../../../shared/locator';
import { checkId } from '../../../shared/params';
import { ovoCall, ovoPages } from '../../transport';
import { findContactByPhone } from '../contact/get';
import { STATUS_NAMES } from './status';

/** What Simplify keeps of a conversation: its own key fields, and the contact's name and number. */
export const SIMPLE_CONVERSATION_TEXT =
	'id, status, statusName, contact_id, contactName, contactPhone (+ country code and number), last_message_at, needs_human_reply';

export const description: INodeProperties[] = [
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the conversation, as returned by Get Many or by a send',
		displayOptions: forVersion(showFor('conversation', ['get', 'updateStatus']), V1),
	},
	locatorField({
		displayName: 'Conversation',
		name: 'conversationId',
		description: "The conversation: pick it from the list (search by the contact's name or number), or give its ID or the contact's phone number",
		searchListMethod: 'searchConversations',
		byId: { regex: '^\\s*\\d+\\s*$', error: 'A conversation ID is a number, e.g. 7', placeholder: 'e.g. 7' },
		byPhone: true,
		displayOptions: showFor('conversation', ['get', 'updateStatus']),
	}),
	simplifyField(showFor('conversation', ['get', 'getMany']), SIMPLE_CONVERSATION_TEXT),
];

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

/** The conversation an item names: its ID (version 1, By ID, From List) or the one with a phone number. */
export async function locateConversation(ctx: IExecuteFunctions, itemIndex: number): Promise<number> {
	const { mode, value } = readLocator(ctx, 'conversationId', itemIndex);
	return mode === 'phone' ? findConversationByPhone(ctx, value) : readConversationId(value);
}

/** A conversation id is digits (Number() would read "0x2" or "1e0" as 2 or 1, and round ids above 2^53). */
export function readConversationId(value: unknown): number {
	return checkId(value, 'Conversation ID', 'Use the numeric id of a conversation, e.g. from Get Many.');
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const id = await locateConversation(this, itemIndex);
	const envelope = await ovoCall(this, { method: 'GET', path: `inbox/conversation-details/${id}`, kind: 'read' });
	const conversation = (envelope.data?.conversation as IDataObject) ?? {};
	return wantsSimple(this, itemIndex) ? simplifyConversation(conversation) : conversation;
}
