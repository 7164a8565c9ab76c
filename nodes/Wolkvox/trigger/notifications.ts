import type { IDataObject } from 'n8n-workflow';
import type { MessageContent } from '../../shared/conversation';
import { contentExtras, conversationFields, e164, isoFromUnixSeconds, messageContent, textOrNull } from '../../shared/conversation';
import type { ReceivedRequest } from '../../shared/webhook';
import { META_ERRORS } from './metaErrors';

/**
 * What Wolkvox's WhatsApp webhook posts, as items. Wolkvox publishes no sample (providers.md §2
 * Webhooks, [open]); it says it forwards Meta's notifications. So a body in Meta's Cloud API shape
 * (`entry[].changes[].value` with `statuses[]`, `messages[]`, `errors[]`) gives one item per status,
 * message and error, each with its raw object; anything else (another shape, a part of the shape
 * that holds something else, a text) is passed through whole as one item with event "unknown".
 * Nothing is dropped and nothing here throws, whatever the body holds.
 */
export type NotificationKind = 'status' | 'message' | 'error' | 'unknown';

export interface Notification {
	kind: NotificationKind;
	/** A failed status, or a message Meta reports with errors: what "delivery errors only" keeps. */
	failed: boolean;
	/** What makes two notifications the same (message id and status); undefined: never skipped. */
	key?: string;
	json: IDataObject;
}

const PROVIDER = 'wolkvox';
const isObject = (value: unknown): value is IDataObject => !!value && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);

/**
 * The body as JSON when it can be read as JSON, else as it came (a text, form fields). Undefined
 * only when nothing was sent (no bytes, or blanks): `{}`, `null` and `""` are passed on like any body.
 */
export function readBody(request: ReceivedRequest): unknown {
	const type = (request.contentType ?? String(request.headers['content-type'] ?? '').split(';')[0]).trim().toLowerCase();
	const rawText = request.rawBody?.toString('utf8');
	if (rawText !== undefined && rawText.trim() === '') return undefined;
	let body: unknown = request.body;
	if (type === 'multipart/form-data' && isObject(body) && isObject(body.data)) body = body.data;
	const looksEmpty = body === undefined || body === null || body === '' || (isObject(body) && Object.keys(body).length === 0);
	// What n8n parsed cannot tell "{}" from nothing: the bytes can.
	if (looksEmpty) return rawText === undefined ? undefined : jsonOrText(rawText);
	if (Buffer.isBuffer(body)) return jsonOrText(body.toString('utf8'));
	// A text n8n left unparsed (text/plain, no type); a string parsed from JSON is kept as it is.
	if (typeof body === 'string' && type !== 'application/json') return body.trim() ? jsonOrText(body) : undefined;
	return body;
}

function jsonOrText(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text; // not JSON: passed on as the text it is
	}
}

/** The notifications in a body, in the order they came. */
export function notificationsOf(body: unknown): Notification[] {
	// A list of notifications: each read on its own (one level: a list inside a list is passed through).
	const bodies = Array.isArray(body) && body.length > 0 && body.every(isObject) ? body : [body];
	return bodies.flatMap((one) => (isObject(one) && Array.isArray(one.entry) ? entriesOf(one.entry) : [unknown(one)]));
}

function entriesOf(entries: unknown[]): Notification[] {
	const out: Notification[] = [];
	for (const entry of entries) {
		if (!isObject(entry) || !Array.isArray(entry.changes)) {
			out.push(unknown(entry));
			continue;
		}
		for (const change of entry.changes) {
			const value = isObject(change) ? change.value : undefined;
			if (!isObject(change) || !isObject(value)) {
				out.push(unknown(change));
				continue;
			}
			const context = { entryId: textOrNull(entry.id), field: textOrNull(change.field), metadata: isObject(value.metadata) ? value.metadata : null };
			const parts = ['statuses', 'messages', 'errors'].filter((name) => Array.isArray(value[name]) && (value[name] as unknown[]).length > 0);
			// Another kind of change (a template review, account news…): passed through whole.
			if (parts.length === 0) {
				out.push(unknown(change));
				continue;
			}
			for (const status of list(value.statuses)) out.push(isObject(status) ? statusOf(status, context) : unknown(status));
			for (const message of list(value.messages)) out.push(isObject(message) ? messageOf(message, value, context) : unknown(message));
			for (const error of list(value.errors)) out.push(isObject(error) ? errorOf(error, context) : unknown(error));
		}
	}
	return out;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

type Context = { entryId: string | null; field: string | null; metadata: IDataObject | null };

/** A Meta error with its raw title, message and details, and what the code means and what to do. */
export function explainError(error: unknown): IDataObject {
	if (!isObject(error)) return { code: null, title: null, message: null, details: null, meaning: null, action: null };
	const code = typeof error.code === 'number' ? error.code : /^\d+$/.test(String(error.code ?? '').trim()) ? Number(error.code) : null;
	const known = code === null ? undefined : META_ERRORS[code];
	return {
		code,
		title: textOrNull(error.title),
		message: textOrNull(error.message),
		details: isObject(error.error_data) ? textOrNull(error.error_data.details) : null,
		meaning: known?.meaning ?? null,
		action: known?.action ?? null,
	};
}

const errorFields = (errors: unknown): IDataObject => {
	const explained = list(errors).map(explainError);
	return explained.length ? { error: explained[0], errors: explained } : {};
};

function statusOf(status: IDataObject, context: Context): Notification {
	const id = textOrNull(status.id);
	const word = textOrNull(status.status);
	const json: IDataObject = {
		...conversationFields({
			provider: PROVIDER,
			event: 'status',
			direction: 'out',
			phone: e164(status.recipient_id),
			messageId: id,
			status: word,
			at: isoFromUnixSeconds(status.timestamp),
		}),
		...errorFields(status.errors),
		...context,
		raw: status,
	};
	const failed = word?.toLowerCase() === 'failed' || list(status.errors).length > 0;
	return { kind: 'status', failed, json, key: id ? JSON.stringify(['status', id, word?.toLowerCase() ?? '', String(status.recipient_id ?? '')]) : undefined };
}

function messageOf(message: IDataObject, value: IDataObject, context: Context): Notification {
	const id = textOrNull(message.id);
	const content: MessageContent = messageContent(message);
	const from = textOrNull(message.from);
	const contact = list(value.contacts).find((c) => isObject(c) && textOrNull(c.wa_id) === from) as IDataObject | undefined;
	const profile = contact && isObject(contact.profile) ? contact.profile : undefined;
	const json: IDataObject = {
		...conversationFields({
			provider: PROVIDER,
			event: 'message',
			direction: 'in',
			phone: e164(from),
			type: content.type,
			text: content.text,
			messageId: id,
			status: 'received',
			at: isoFromUnixSeconds(message.timestamp),
		}),
		name: profile ? textOrNull(profile.name) : null,
		...contentExtras(content),
		...errorFields(message.errors),
		...context,
		raw: message,
	};
	return { kind: 'message', failed: list(message.errors).length > 0, json, key: id ? JSON.stringify(['message', id]) : undefined };
}

function errorOf(error: IDataObject, context: Context): Notification {
	const explained = explainError(error);
	const json: IDataObject = {
		...conversationFields({ provider: PROVIDER, event: 'error' }),
		error: explained,
		errors: [explained],
		...context,
		raw: error,
	};
	return { kind: 'error', failed: true, json };
}

function unknown(raw: unknown): Notification {
	const json: IDataObject = { ...conversationFields({ provider: PROVIDER, event: 'unknown' }), raw: raw === undefined ? null : (raw as IDataObject) };
	return { kind: 'unknown', failed: false, json };
}

export type WolkvoxEvent = 'errors' | 'statuses' | 'messages';

/** Whether the Events chosen keep a notification. What the trigger does not recognise always passes. */
export function wanted(notification: Notification, events: string[]): boolean {
	switch (notification.kind) {
		case 'unknown':
			return true;
		case 'status':
			return events.includes('statuses') || (events.includes('errors') && notification.failed);
		case 'error':
			return events.includes('errors') || events.includes('statuses');
		case 'message':
			return events.includes('messages') || (events.includes('errors') && notification.failed);
	}
}
