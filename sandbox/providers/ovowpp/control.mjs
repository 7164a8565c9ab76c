// The control API under /_sandbox/ovowpp/: data dump, incoming messages, bulk contacts, message status.

import { MESSAGE_TYPES } from './messages.mjs';
import { byLastMessage } from './paging.mjs';
import { contactJson, conversationJson, defaultAccount, newContact, newConversation, storeMessage } from './store.mjs';
import { templateJson } from './templates.mjs';
import { digits, stamp } from './values.mjs';

export function control(ovo, method, subpath, body = {}) {
	if (method === 'GET' && subpath === 'data') return { body: dump(ovo) };
	if (method === 'POST' && subpath === 'incoming') return incoming(ovo, body);
	if (method === 'POST' && subpath === 'contacts') {
		const list = Array.isArray(body.contacts) ? body.contacts : [];
		for (const c of list) newContact(ovo, { firstname: c.firstname ?? null, lastname: c.lastname ?? null, mobile_code: digits(c.mobile_code), mobile: digits(c.mobile), created_at: stamp(ovo.tick()) });
		return { body: { created: list.length } };
	}
	if (method === 'POST' && subpath === 'message-status') return messageStatus(ovo, body);
	return null;
}

export function dump(ovo) {
	const origin = ovo.sandbox.url || 'http://127.0.0.1';
	return {
		user: { id: 1, username: 'apitest', status: ovo.settings.userStatus, plan: ovo.settings.plan, contact_limit: ovo.settings.contactLimit },
		settings: structuredClone(ovo.settings),
		accounts: structuredClone(ovo.db.accounts),
		contacts: ovo.db.contacts.map((c) => contactJson(c, origin)),
		conversations: [...ovo.db.conversations].sort(byLastMessage).map((c) => conversationJson(ovo, c, origin)),
		notes: structuredClone(ovo.db.notes),
		messages: structuredClone(ovo.db.messages),
		templates: ovo.db.templates.map(templateJson),
		ctaUrls: structuredClone(ovo.db.ctaUrls),
		interactiveLists: structuredClone(ovo.db.interactiveLists),
		deletedImages: [...ovo.db.deletedImages],
	};
}

/**
 * Meta reports a sent message's fate: { id (the stored message id), status: 1 sent | 2 delivered |
 * 3 read | 9 failed }. Only the message row changes: sandbox choice, the product's webhook
 * handler is not recorded, so the conversation (and the trigger's last_message_at) stays as it is.
 */
export function messageStatus(ovo, body) {
	const message = ovo.db.messages.find((m) => String(m.id) === String(body.id));
	if (!message) return { status: 404, body: { error: `No message ${body.id}` } };
	const status = Number(body.status);
	if (![1, 2, 3, 9].includes(status)) return { status: 400, body: { error: 'status must be 1, 2, 3 or 9' } };
	message.status = status;
	message.updated_at = stamp(ovo.tick());
	return { body: { message } };
}

/** A customer message arrives, as the product's Meta webhook would store it. */
export function incoming(ovo, body) {
	const code = digits(body.mobile_code);
	const mobile = digits(body.mobile);
	const text = body.message === undefined ? '' : String(body.message);
	if (!code || !mobile) return { status: 400, body: { error: 'mobile_code and mobile (digits) are required' } };
	const at = body.at === undefined ? undefined : Date.parse(String(body.at));
	if (Number.isNaN(at)) return { status: 400, body: { error: `at must be an ISO date, got ${body.at}` } };
	if (body.beforeListPage !== undefined) {
		ovo.queued.push({ ...body, beforeListPage: Number(body.beforeListPage) });
		return { body: { queued: true } };
	}
	const account = body.to_number ? ovo.db.accounts.find((a) => a.phone_number === String(body.to_number)) : defaultAccount(ovo) ?? ovo.db.accounts[0];
	if (!account) return { status: 400, body: { error: `No connected account ${body.to_number}` } };

	let contact = ovo.db.contacts.find((c) => c.mobile_code === code && c.mobile === mobile);
	// The webhook names a new contact after the WhatsApp profile and sets nothing else.
	contact ??= newContact(ovo, { firstname: body.firstname ?? null, lastname: body.lastname ?? null, mobile_code: code, mobile, created_at: stamp(ovo.tick()) });
	const conversation = ovo.db.conversations.find((c) => c.contact_id === contact.id) ?? newConversation(ovo, contact, account.id);
	const now = at ?? ovo.tick();
	const message = storeMessage(ovo, {
		user_id: 1,
		whatsapp_account_id: account.id,
		whatsapp_message_id: `wamid.INCOMING${String(ovo.db.nextId.wamid++).padStart(6, '0')}`,
		conversation_id: conversation.id,
		cta_url_id: 0,
		interactive_list_id: 0,
		type: 2,
		message: text,
		media_id: null,
		message_type: 1,
		location: null,
		media_caption: null,
		media_filename: null,
		media_url: null,
		media_path: null,
		mime_type: null,
		media_type: null,
		...incomingMedia(ovo, body.media),
		agent_id: 0,
		status: 2,
		ordering: stamp(now),
		product_data: null,
		updated_at: stamp(now),
		created_at: stamp(now),
	});
	conversation.last_message_at = stamp(now);
	conversation.updated_at = stamp(now);
	const origin = ovo.sandbox.url || 'http://127.0.0.1';
	return { body: { conversation: conversationJson(ovo, conversation, origin), contact: contactJson(contact, origin), message } };
}

/** `media` of an incoming message: { kind: image|video|document|audio, filename, mime, caption? }. */
export function incomingMedia(ovo, media) {
	if (!media || !MESSAGE_TYPES[media.kind] || media.kind === 'text') return {};
	const id = `SANDBOXMEDIA${String(ovo.db.nextId.media++).padStart(4, '0')}`;
	return {
		message_type: MESSAGE_TYPES[media.kind],
		media_id: id,
		media_caption: media.caption ?? null,
		media_filename: media.kind === 'document' ? String(media.filename ?? '') : null,
		media_url: `https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=${id}`,
		mime_type: media.mime ?? null,
		media_type: media.kind,
	};
}
