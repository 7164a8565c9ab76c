// inbox/conversation-list, inbox/change-conversation-status/{id}, inbox/conversation-details/{id}.

import { loadFacts } from '../../facts.mjs';
import { incoming } from './control.mjs';
import { fail, success } from './http.mjs';
import { byLastMessage, paginate, tieOrder } from './paging.mjs';
import { contactOf, conversationJson } from './store.mjs';
import { filled, like, stamp, str, toInt } from './values.mjs';

// The facts the node branches on (nodes/OvoWpp/facts.ts): the sandbox answers from the same ones.
const FACTS = await loadFacts('OvoWpp');

export function listConversations(ovo, ctx) {
	const { input } = ctx;
	const pageNumber = Number(str(input.page)) || 1;
	for (const body of ovo.queued.filter((q) => q.beforeListPage === pageNumber)) incoming(ovo, { ...body, beforeListPage: undefined });
	ovo.queued = ovo.queued.filter((q) => q.beforeListPage !== pageNumber);
	let conversations = [...ovo.db.conversations].sort(byLastMessage);
	if (filled(input.status)) {
		const status = toInt(input.status); // the product casts, so 'abc' filters on 0
		conversations = conversations.filter((c) => c.status === status);
	}
	const search = str(input.search);
	if (search) {
		conversations = conversations.filter((c) => {
			const contact = contactOf(ovo, c);
			// One column at a time (quirk 17): a full name or a number with its country code finds nothing.
			return contact && like(FACTS.conversationSearchColumns.value.map((column) => contact[column]), search);
		});
	}
	const statusSql = filled(input.status) ? ` and \`status\` = ${toInt(input.status)}` : '';
	const page = paginate(ovo, ctx, conversations, (c) => conversationJson(ovo, c, ctx.origin), `select * from \`conversations\` where \`user_id\` = 1${statusSql} order by \`last_message_at\` desc`, tieOrder);
	if (page.error) return page.error;
	return success('inbox', ['Conversation data fetched successfully'], { conversation: page.paginator });
}

export function changeConversationStatus(ovo, ctx, id) {
	const value = ctx.input.status;
	const errors = [];
	if (!filled(value)) errors.push('The status field is required.');
	else {
		const integer = /^-?\d+$/.test(str(value));
		if (!integer) errors.push('The status must be an integer.');
		const allowed = ovo.quirks() ? ['1', '2', '3', '0'] : ['0', '1', '2', '3', '4'];
		if (!allowed.includes(str(value))) errors.push('The selected status is invalid.');
	}
	if (errors.length) return fail('validation_error', errors);
	const conversation = ovo.db.conversations.find((c) => String(c.id) === id);
	if (!conversation) return fail('not_found', ['Conversation not found']);
	conversation.status = Number(str(value));
	conversation.updated_at = stamp(ovo.tick());
	return success('status_updated', ['Status updated successfully']);
}

export function conversationDetails(ovo, ctx, id) {
	const conversation = ovo.db.conversations.find((c) => String(c.id) === id);
	if (!conversation) return fail('not_found', ['Conversation not found']);
	const json = conversationJson(ovo, conversation, ctx.origin);
	if (json.contact) json.contact = { ...json.contact, tags: [], lists: [] };
	return success('conversation_details', ['Conversation details fetched successfully.'], { conversation: json });
}
