import type { IDataObject } from 'n8n-workflow';

/**
 * The conversation fields every trigger of the package puts beside its provider's raw fields, so
 * that an AI Agent's memory, an IF node and a reply node are mapped the same way whatever the
 * provider (docs: README "Conversation fields"). A field the provider does not give is null, never
 * guessed.
 */
export interface ConversationFields extends IDataObject {
	/** The provider's name: 'mensatek', 'wolkvox', 'ovowpp', 'wapiflow'. */
	provider: string;
	/** The customer's number in E.164 (`+` and digits), or null when the notification names none. */
	phone: string | null;
	/** 'in' from the customer, 'out' to the customer; null when the provider does not say. */
	direction: 'in' | 'out' | null;
	/** What happened: 'message', 'status', 'error', or the trigger's own word ('unknown' for a shape it does not know). */
	event: string;
	/** The message's type as the provider names it (text, image, button…), or null. */
	type: string | null;
	/** What the customer wrote or chose, where the provider gives it. */
	text: string | null;
	/** The id the provider's reports use for the message. */
	messageId: string | null;
	/** A word (received, sent, delivered, read, failed…); where the provider's codes have no known meaning, the raw code as text. */
	status: string | null;
	/** When it happened, ISO 8601 (UTC), or null. */
	at: string | null;
	/** `<provider>:<phone>`: one key per customer and provider, for an agent's memory; null without a phone. */
	sessionKey: string | null;
}

/**
 * A number as E.164: `+34 600 00 00 01`, `0034600000001` and `34600000001` are all `+34600000001`.
 * Null for anything that is not 6 to 15 digits once spaces, dots, dashes and brackets are gone.
 */
export function e164(raw: unknown): string | null {
	if (typeof raw !== 'string' && typeof raw !== 'number') return null;
	const text = String(raw).replace(/[\s().-]/g, '');
	const digits = text.startsWith('+') ? text.slice(1) : text.startsWith('00') ? text.slice(2) : text;
	return /^\d{6,15}$/.test(digits) ? `+${digits}` : null;
}

/** Text, or null for anything that is not a non-empty string or a number. */
export function textOrNull(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Unix time in seconds (number or digits) → ISO; null otherwise. */
export function isoFromUnixSeconds(value: unknown): string | null {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^\d{1,12}$/.test(text)) return null;
	return new Date(Number(text) * 1000).toISOString();
}

/** Any date text Date.parse reads → ISO; null otherwise. */
export function isoFromText(value: unknown): string | null {
	if (typeof value !== 'string' || !value.trim()) return null;
	const time = Date.parse(value);
	return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The offset of `timeZone` from UTC at `utcMs`, in ms (Intl only: no dependency). */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
			.formatToParts(new Date(utcMs))
			.map((p) => [p.type, Number(p.value)]),
	);
	return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(utcMs / 1000) * 1000;
}

/** `YYYY-MM-DD HH:MM[:SS]`, a wall-clock time in `timeZone`, → ISO; null when it is not that shape. */
export function isoFromZonedWallTime(value: unknown, timeZone: string): string | null {
	const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim()) : null;
	if (!match) return null;
	const [, y, mo, d, h, mi, s] = match.map(Number);
	const wall = Date.UTC(y, mo - 1, d, h, mi, s || 0);
	if (Number.isNaN(wall)) return null;
	// Two passes settle the offset across a daylight-saving change.
	let utc = wall - zoneOffsetMs(wall, timeZone);
	utc = wall - zoneOffsetMs(utc, timeZone);
	return new Date(utc).toISOString();
}

/** The fields, with the ones not given as null and the session key made from provider and phone. */
export function conversationFields(given: Partial<ConversationFields> & { provider: string; event: string }): ConversationFields {
	const phone = given.phone ?? null;
	return {
		provider: given.provider,
		phone,
		direction: given.direction ?? null,
		event: given.event,
		type: given.type ?? null,
		text: given.text ?? null,
		messageId: given.messageId ?? null,
		status: given.status ?? null,
		at: given.at ?? null,
		sessionKey: phone ? `${given.provider}:${phone}` : null,
	};
}

const isObject = (value: unknown): value is IDataObject => !!value && typeof value === 'object' && !Array.isArray(value);

/** What a WhatsApp message's content holds, read leniently: any part may be missing or of another type. */
export interface MessageContent {
	type: string | null;
	text: string | null;
	/** A button or list reply: the id the business gave the option and the title the customer saw. */
	reply?: { id: string | null; title: string | null; kind: string | null };
	location?: { latitude: number | null; longitude: number | null; name: string | null; address: string | null };
	media?: { kind: string; id: string | null; mimeType: string | null; caption: string | null; filename: string | null; url: string | null };
}

const MEDIA_KINDS = ['image', 'video', 'audio', 'document', 'sticker', 'voice'];

const numberOrNull = (value: unknown) => {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
	return Number.isFinite(n) ? n : null;
};

/**
 * The content of a message in WhatsApp's own shape (`{type, text:{body}|"…", button, interactive,
 * location, image…}`), as Meta's Cloud API webhooks give it and as Mensatek's `Mensaje` example
 * looks (`{"type":"text","text":"…"}`, providers.md §3). Unknown shapes give type (if any) and no text.
 */
export function messageContent(message: unknown): MessageContent {
	if (!isObject(message)) return { type: null, text: null };
	const type = textOrNull(message.type);
	const result: MessageContent = { type, text: null };
	const body = message.text;
	result.text = textOrNull(body) ?? (isObject(body) ? textOrNull(body.body) : null);

	if (isObject(message.button)) {
		// a template's quick-reply button
		result.reply = { kind: 'button', id: textOrNull(message.button.payload), title: textOrNull(message.button.text) };
	}
	const interactive = message.interactive;
	if (isObject(interactive)) {
		for (const kind of ['button_reply', 'list_reply']) {
			const chosen = interactive[kind];
			if (isObject(chosen)) result.reply = { kind, id: textOrNull(chosen.id), title: textOrNull(chosen.title) };
		}
	}
	if (result.reply && result.text === null) result.text = result.reply.title;

	if (isObject(message.location)) {
		const l = message.location;
		result.location = { latitude: numberOrNull(l.latitude), longitude: numberOrNull(l.longitude), name: textOrNull(l.name), address: textOrNull(l.address) };
	}
	const kind = MEDIA_KINDS.find((k) => isObject(message[k]));
	if (kind) {
		const m = message[kind] as IDataObject;
		result.media = {
			kind,
			id: textOrNull(m.id),
			mimeType: textOrNull(m.mime_type),
			caption: textOrNull(m.caption),
			filename: textOrNull(m.filename),
			url: textOrNull(m.link) ?? textOrNull(m.url),
		};
		if (result.text === null) result.text = result.media.caption;
	}
	return result;
}

/** The optional parts of a message's content (reply, location, media) that are present, as fields. */
export function contentExtras(content: MessageContent): IDataObject {
	const extras: IDataObject = {};
	if (content.reply) extras.reply = content.reply;
	if (content.location) extras.location = content.location;
	if (content.media) extras.media = content.media;
	return extras;
}
