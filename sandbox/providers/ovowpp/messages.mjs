// inbox/send-message and inbox/send-template-message: checks, the recipient, Meta's answer, the record.

import { loadFacts } from '../../facts.mjs';
import { fileErrors, fileFor, sniff } from './files.mjs';
import { fail, success } from './http.mjs';
import { addressFrom, defaultAccount, newContact, newConversation, nextWamid, storeMessage, touch } from './store.mjs';
import { templateText } from './templates.mjs';
import { asList, digits, extension, fill, filled, sqlTime, stamp, str } from './values.mjs';

// The facts the node branches on (nodes/OvoWpp/facts.ts): the sandbox answers from the same ones.
const FACTS = await loadFacts('OvoWpp');

export const GRAPH = 'https://graph.facebook.com/v22.0';

// Media rules of send-message: [field, type-check ('image' | 'file'), allowed extensions, max KB].
export const MEDIA_RULES = [
	['image', 'image', ['jpg', 'jpeg', 'png'], 5120],
	['document', 'file', ['pdf', 'doc', 'docx'], 102400],
	['video', 'file', ['mp4'], 16384],
	['audio', 'file', null, 16384],
];

export const MESSAGE_TYPES = { text: 1, image: 2, video: 3, document: 4, audio: 5, cta_url: 6, location: 8, interactive_list: 9 };

/** mobile_code and mobile of a send. The product never checks mobile_code (quirk 11); `strict` does. */
export function phoneErrors(input, strict) {
	const errors = [];
	if (!filled(input.mobile_code)) errors.push('The mobile code field is required.');
	else if (strict && !/^\d+$/.test(str(input.mobile_code))) errors.push('The mobile code format is invalid.');
	if (!filled(input.mobile)) errors.push('The mobile field is required.');
	else if (!/^[0-9]*$/.test(str(input.mobile))) errors.push('The mobile format is invalid.');
	return errors;
}

export function sendMessage(ovo, ctx) {
	const { input } = ctx;
	const errors = [];
	const content = ['image', 'document', 'video', 'audio', 'cta_url_id', 'latitude', 'longitude', 'interactive_list_id'];
	if (!filled(input.message) && !content.some((field) => filled(input[field]) || fileFor(ctx, field))) {
		errors.push('The message should not be empty.');
	}
	for (const [field, check, mimes, maxKb] of MEDIA_RULES) errors.push(...fileErrors(ctx, field, check, mimes, maxKb));
	for (const field of ['cta_url_id', 'interactive_list_id']) {
		if (filled(input[field]) && !/^-?\d+$/.test(str(input[field]))) errors.push(`The ${field.replace(/_/g, ' ')} must be an integer.`);
	}
	if (!ovo.quirks()) {
		// The docs: latitude and longitude come together (the product lets one through alone).
		if (filled(input.longitude) && !filled(input.latitude)) errors.push('The latitude field is required when longitude is not empty.');
		if (filled(input.latitude) && !filled(input.longitude)) errors.push('The longitude field is required when latitude is not empty.');
	}
	errors.push(...phoneErrors(input, !ovo.quirks()));
	if (errors.length) return fail('validation_error', errors);

	// from_number must match a connected number exactly; without it the product takes the first account.
	let account;
	if (filled(input.from_number)) account = ovo.db.accounts.find((a) => a.phone_number === str(input.from_number));
	else account = ovo.quirks() ? ovo.db.accounts[0] : defaultAccount(ovo) ?? ovo.db.accounts[0];
	if (!account) return fail('not_found', ['The whatsapp account is not found']);

	const target = recipient(ovo, input);
	if (target.error) return target.error;
	const { contact, conversation } = target;

	const ctaId = filled(input.cta_url_id) && str(input.cta_url_id) !== '0' ? str(input.cta_url_id) : null;
	const listId = filled(input.interactive_list_id) && str(input.interactive_list_id) !== '0' ? str(input.interactive_list_id) : null;
	const cta = ctaId && ovo.db.ctaUrls.find((c) => String(c.id) === ctaId);
	if (ctaId && !cta) return fail('not_found', ['The cta url is not found']);
	const list = listId && ovo.db.interactiveLists.find((l) => String(l.id) === listId);
	if (listId && !list) return fail('not_found', ['The interactive list is not found']);
	if ((cta || list) && !ovo.settings.interactive) {
		return fail('not_found', ['Your current plan does not support interactive messages. Please upgrade your plan.']);
	}

	// The server sends one thing, picked in this order: CTA URL, list, first file, location, text.
	const firstFile = ['image', 'document', 'video', 'audio'].map((field) => fileFor(ctx, field)).find(Boolean);
	const chosenList = cta ? null : list;
	const file = cta || list ? null : firstFile;
	const hasLocation = filled(input.latitude) && filled(input.longitude);
	const kind = cta ? 'cta_url' : chosenList ? 'interactive_list' : file ? file.field : hasLocation ? 'location' : 'text';

	const graphError = metaFailure(ovo, account, file ? 'media' : 'messages', false);
	if (graphError) return graphError;

	const now = ovo.tick();
	const text = input.message === undefined || input.message === null ? null : str(input.message);
	const media = file ? mediaFields(ovo, file, text, now) : {};
	const message = storeMessage(ovo, {
		user_id: 1,
		whatsapp_account_id: account.id,
		whatsapp_message_id: nextWamid(ovo),
		conversation_id: conversation.id,
		cta_url_id: cta ? cta.id : 0,
		interactive_list_id: chosenList ? chosenList.id : 0,
		type: 1,
		message: text,
		media_id: media.media_id ?? null,
		message_type: MESSAGE_TYPES[kind],
		location: kind === 'location' ? { latitude: str(input.latitude), longitude: str(input.longitude), name: str(input.name ?? ''), address: str(input.address ?? '') } : null,
		media_caption: media.media_caption ?? null,
		media_filename: media.media_filename ?? null,
		media_url: media.media_url ?? null,
		media_path: media.media_path ?? null,
		mime_type: media.mime_type ?? null,
		media_type: media.media_type ?? null,
		agent_id: 0,
		status: 1,
		ordering: stamp(now),
		product_data: null,
		updated_at: stamp(now),
		created_at: stamp(now),
	});
	touch(conversation, now);

	const raw = {};
	for (const field of ['message', 'latitude', 'longitude', 'name', 'address', 'cta_url_id', 'interactive_list_id']) {
		if (filled(input[field])) raw[field] = input[field];
	}
	ovo.sandbox.record('ovowpp', {
		to: digits(contact.mobile_code + contact.mobile),
		type: kind,
		...(text !== null && kind !== 'location' ? { text } : {}),
		...(file ? { files: [file] } : {}),
		from: account.phone_number,
		conversationId: conversation.id,
		messageId: message.id,
		content: { ...raw, ...(cta ? { cta_url: cta } : {}), ...(chosenList ? { interactive_list: chosenList } : {}) },
	});
	return success('success', ['Message sent successfully'], { conversation_id: conversation.id, message });
}

export function sendTemplateMessage(ovo, ctx) {
	const { input } = ctx;
	const errors = [];
	if (!filled(input.template_id)) errors.push('The template id field is required.');
	errors.push(...phoneErrors(input, !ovo.quirks()));
	if (errors.length) return fail('validation_error', errors);

	const target = recipient(ovo, input);
	if (target.error) return target.error;
	const { contact, conversation } = target;

	const template = ovo.db.templates.find((t) => String(t.id) === str(input.template_id) && t.status === FACTS.templateApproved.value);
	if (!template) return fail('not_found', ['The template is not found']);

	// The product always sends templates from the default account, whatever from_number says.
	let account = defaultAccount(ovo);
	if (!ovo.quirks() && filled(input.from_number)) {
		account = ovo.db.accounts.find((a) => a.phone_number === str(input.from_number));
		if (!account) return fail('not_found', ['The whatsapp account is not found']);
	}
	if (!account) return fail('not_found', ['Please connect your whatsapp account first']);

	const body = asList(input.body_variables);
	const headerVars = asList(input.header_variables);
	// Meta refuses a send whose parameters do not fit the body or the text header; the product relays
	// error_data.details here. The wording of Meta's details is the sandbox's own.
	for (const [part, given, text] of [['body', body, templateText(template.body)], ['header', headerVars, templateText(template.header)]]) {
		const expected = new Set(text.match(/\{\{\s*\d+\s*\}\}/g) ?? []).size;
		// Header values for a header without placeholders were accepted in the recording (P2-008).
		if (given.length === expected || (part === 'header' && expected === 0)) continue;
		const details = `${part}: number of localizable_params (${given.length}) does not match the expected number of params (${expected})`;
		return fail('exception', [ovo.quirks() ? details : '(#132000) Number of parameters does not match the expected number of params']);
	}
	const graphError = metaFailure(ovo, account, 'messages', true);
	if (graphError) return graphError;

	const now = ovo.tick();
	const stored = storeMessage(ovo, {
		user_id: 1,
		template_id: template.id,
		whatsapp_account_id: account.id,
		whatsapp_message_id: nextWamid(ovo),
		conversation_id: conversation.id,
		type: 1,
		agent_id: 0,
		status: 1,
		ordering: stamp(now),
		updated_at: stamp(now),
		created_at: stamp(now),
	});
	touch(conversation, now);
	ovo.sandbox.record('ovowpp', {
		to: digits(contact.mobile_code + contact.mobile),
		type: 'template',
		template: template.name,
		text: fill(templateText(template.body), body),
		variables: { body, header: headerVars },
		from: account.phone_number,
		conversationId: conversation.id,
		messageId: stored.id,
		content: { template_id: template.id, name: template.name, language: template._language, body_variables: body, header_variables: headerVars },
	});
	// The message went out; the handler then trips over an undefined variable (quirk 1).
	if (ovo.quirks()) return fail('exception', [FACTS.templateSentDespiteError.value]);
	return success('template_sent', ['Message sent successfully'], { conversation_id: conversation.id });
}

/**
 * Finds the contact and its conversation for a send. Under quirks a number that is not yet a contact
 * fails on the conversation insert, and a blocked contact gets a conversation before being refused.
 */
export function recipient(ovo, input) {
	const code = str(input.mobile_code);
	const mobile = str(input.mobile);
	let contact = ovo.db.contacts.find((c) => c.mobile_code === code && c.mobile === mobile);
	if (!contact) {
		if (ovo.quirks()) {
			const at = sqlTime(Date.now());
			return {
				error: fail('exception', [
					`SQLSTATE[23000]: Integrity constraint violation: 1048 Column 'contact_id' cannot be null (Connection: mysql, SQL: insert into \`conversations\` (\`contact_id\`, \`user_id\`, \`updated_at\`, \`created_at\`) values (?, 1, ${at}, ${at}))`,
				]),
			};
		}
		contact = newContact(ovo, { mobile_code: code, mobile, address: addressFrom({}, code), created_at: stamp(ovo.tick()) });
	}
	let conversation = ovo.db.conversations.find((c) => c.contact_id === contact.id);
	if (contact.is_blocked) {
		if (!conversation && ovo.quirks()) newConversation(ovo, contact, null);
		return { error: fail('not_found', ['You cannot send or receive messages with this contact because they have been blocked.']) };
	}
	conversation ??= newConversation(ovo, contact, null);
	return { contact, conversation };
}

/** The error the product relays when Meta cannot be reached or refuses the message, else null. */
export function metaFailure(ovo, account, endpoint, isTemplate) {
	if (ovo.settings.graph === 'offline') {
		// The template call puts the access token in the URL, and the error shows it (quirk 9).
		const token = isTemplate && ovo.quirks() ? `?access_token=${account.access_token}` : '';
		return fail('exception', [
			`cURL error 6: Could not resolve host: graph.facebook.com (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${GRAPH}/${account.phone_number_id}/${endpoint}${token}`,
		]);
	}
	if (ovo.settings.graph === 'error') {
		// send-message relays Meta's error.message, send-template-message error.error_data.details (quirk 8).
		const details = 'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.';
		return fail('exception', [isTemplate && ovo.quirks() ? details : '(#131030) Recipient phone number not in allowed list']);
	}
	return null;
}

export function mediaFields(ovo, file, caption, now) {
	const id = `SANDBOXMEDIA${String(ovo.db.nextId.media++).padStart(4, '0')}`;
	const kind = sniff(file);
	const day = new Date(now).toISOString().slice(0, 10).replace(/-/g, '/');
	return {
		media_id: id,
		media_caption: file.field === 'audio' ? null : caption,
		media_filename: file.field === 'document' ? file.name : null,
		media_url: `https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=${id}`,
		media_path: `1/${day}/${id}.${kind.ext || extension(file.name) || 'bin'}`,
		mime_type: kind.mime === 'text/plain' ? file.type : kind.mime,
		media_type: file.field,
	};
}
