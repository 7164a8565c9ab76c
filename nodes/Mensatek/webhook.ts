import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { FACTS } from './facts';
import { contentExtras, conversationFields, e164, isoFromZonedWallTime, messageContent, textOrNull } from '../shared/conversation';

/** The request as n8n hands it to a webhook node: its parsers have already run. */
export interface ReceivedRequest {
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
	rawBody?: Buffer;
	contentType?: string;
	/** Express's client address (it honours n8n's proxy settings), and the socket's. */
	ip?: string;
	socket?: { remoteAddress?: string };
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether the Authorization header carries exactly this user and password. Both are compared as
 * hashes of equal length in constant time, and both always, so timing tells nothing about either.
 */
export function basicAuthMatches(header: unknown, user: string, password: string): boolean {
	const [scheme, encoded] = String(header ?? '').trim().split(/\s+/);
	if (scheme?.toLowerCase() !== 'basic' || !encoded) return false;
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	const at = decoded.indexOf(':');
	if (at < 0) return false;
	const userOk = timingSafeEqual(digest(decoded.slice(0, at)), digest(user));
	const passwordOk = timingSafeEqual(digest(decoded.slice(at + 1)), digest(password));
	return userOk && passwordOk;
}

const REPORT_FIELDS = FACTS.reportFields.value.map((name) => name.toLowerCase());
const isObject = (value: unknown): value is IDataObject => !!value && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);

/**
 * The reports in a request, or why it cannot be read. n8n has parsed JSON and urlencoded bodies into
 * objects and multipart form-data into `{ data: fields, files }`; a body it left as text (text/plain,
 * or no content type at all) is read here as JSON.
 */
export function readReports(request: ReceivedRequest): IDataObject[] | string {
	const type = (request.contentType ?? String(request.headers['content-type'] ?? '').split(';')[0]).trim().toLowerCase();
	let body = request.body;
	if (type === 'multipart/form-data' && isObject(body) && isObject(body.data)) body = body.data;
	const empty = body === undefined || body === null || (isObject(body) && Object.keys(body).length === 0) || body === '';
	if (empty && request.rawBody?.length) body = request.rawBody.toString('utf8');
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') body = parseText(body);

	const reports = Array.isArray(body) ? body : [body];
	if (reports.length === 0 || !reports.every(isObject)) return 'The body is not a Mensatek report (JSON or form-data fields).';
	for (const report of reports) {
		if (!Object.keys(report).some((key) => REPORT_FIELDS.includes(key.toLowerCase()))) {
			return `The body has no Mensatek report fields (${REPORT_FIELDS.join(', ')}).`;
		}
	}
	return reports;
}

function parseText(text: string): unknown {
	const trimmed = text.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
	try {
		return JSON.parse(trimmed);
	} catch {
		return undefined;
	}
}

/** A field by name, ignoring case (Mensatek treats parameter names case-insensitively). */
export function field(report: IDataObject, name: string): unknown {
	const key = Object.keys(report).find((k) => k.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : report[key];
}

export interface ReportFilter {
	directions: string[];
	types: string[];
	statuses: number[];
}

/** Comma-separated list → trimmed, non-empty entries. */
export const listOf = (text: unknown) =>
	String(text ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);

export function keep(report: IDataObject, filter: ReportFilter): boolean {
	// A direction that is not text (a list from a repeated form field, a number…) matches none.
	const raw = field(report, 'Direccion');
	const direction = typeof raw === 'string' ? raw.toUpperCase() : '';
	if (filter.directions.length && !filter.directions.includes(direction)) return false;
	const type = String(field(report, 'Tipo') ?? '').toLowerCase();
	if (filter.types.length && !filter.types.some((t) => t.toLowerCase() === type)) return false;
	const status = Number(field(report, 'Estado'));
	if (filter.statuses.length && !filter.statuses.includes(status)) return false;
	return true;
}

/**
 * The report as an item: every field as received, with `Mensaje` parsed from its JSON string, and
 * the package's conversation fields beside them (nodes/shared/conversation.ts). No documented report
 * field has the name of a conversation field.
 */
export function toItemJson(report: IDataObject): IDataObject {
	const json: IDataObject = { ...report };
	const key = Object.keys(report).find((k) => k.toLowerCase() === 'mensaje');
	const text = key === undefined ? undefined : report[key];
	let content: unknown = text;
	if (key !== undefined && typeof text === 'string' && text.trim()) {
		try {
			content = JSON.parse(text);
			json[key] = content as IDataObject;
			json.MensajeRaw = text;
		} catch {
			// Not JSON: kept as the text it is.
		}
	}
	return { ...json, ...conversationOf(report, content) };
}

const { incoming: INPUT, status: OUTPUT } = FACTS.reportDirections.value;

/**
 * The conversation fields of a report. `status`: an INPUT report is a message received [doc];
 * what each Estado number means is [open], so for any other report the status is Estado's own code
 * as text, never a word made up for it. `at`: Fecha read as Spain time, the zone the same API's
 * send `Fecha` uses [doc]; providers.md does not give the zone of a report's Fecha.
 */
function conversationOf(report: IDataObject, mensaje: unknown): IDataObject {
	const rawDirection = field(report, 'Direccion');
	const direction = typeof rawDirection === 'string' ? rawDirection.trim().toUpperCase() : '';
	const incoming = direction === INPUT;
	// Mensaje comes with INPUT reports only [doc]; parsed, it is WhatsApp's message shape.
	const content = messageContent(mensaje);
	const estado = textOrNull(field(report, 'Estado'));
	const fields = conversationFields({
		provider: 'mensatek',
		phone: e164(field(report, 'Telefono')),
		direction: incoming ? 'in' : direction === OUTPUT ? 'out' : null,
		event: incoming ? 'message' : direction === OUTPUT ? 'status' : 'unknown',
		type: content.type ?? textOrNull(field(report, 'Tipo')),
		text: incoming ? (content.text ?? (typeof mensaje === 'string' ? textOrNull(mensaje) : null)) : null,
		messageId: textOrNull(field(report, 'idMensaje')),
		status: incoming ? 'received' : estado,
		at: isoFromZonedWallTime(field(report, 'Fecha'), 'Europe/Madrid'),
	});
	return { ...fields, ...(incoming ? contentExtras(content) : {}) };
}

/** Digits without leading zeros, when the value is a whole number written in any of its forms. */
const digitsOf = (value: unknown) => {
	const text = String(value ?? '').trim();
	return /^0*(\d+)$/.exec(text)?.[1] ?? text.toUpperCase();
};

/** A phone as its international digits: +34 600…, 0034600…, 34600… are one number. */
const phoneOf = (value: unknown) => {
	const text = String(value ?? '').replace(/[\s().-]/g, '');
	const digits = text.startsWith('+') ? text.slice(1) : text.startsWith('00') ? text.slice(2) : text;
	return /^\d+$/.test(digits) ? digits : text.toUpperCase();
};

/**
 * What makes two reports the same: message id, direction, status and phone, each normalised so that
 * one report spelt differently (an id or status as text or number, a phone with + or 00) is one
 * report. The phone is part of it because one send call to several recipients gives them one
 * `idMensaje`. Undefined for a report without a message id: it cannot be told apart from another,
 * so it is never skipped.
 */
export function reportKey(report: IDataObject): string | undefined {
	const id = field(report, 'idMensaje');
	if (id === undefined || id === null || String(id).trim() === '') return undefined;
	const direction = String(field(report, 'Direccion') ?? '').trim().toUpperCase();
	return JSON.stringify([digitsOf(id), direction, digitsOf(field(report, 'Estado')), phoneOf(field(report, 'Telefono'))]);
}

/**
 * Who sent a request, for RecentReports: Express's `ip` (the client behind n8n's trusted proxies),
 * else the socket's address. IPv6 clients are grouped by their /64, which one host usually holds whole.
 */
export function senderOf(request: ReceivedRequest): string {
	const address = String(request.ip ?? request.socket?.remoteAddress ?? '').replace(/^::ffff:/i, '');
	if (!address.includes(':')) return address;
	const [head] = address.split('::');
	const groups = head.split(':').filter(Boolean);
	return `${groups.slice(0, 4).join(':')}::/64`;
}

/**
 * The reports one trigger has seen recently: at most `max` of them, each for at most the window
 * given to `add`. In this process's memory only (see docs/mensatek.md for why).
 *
 * Without Basic Auth anyone with the URL can post reports (with it, a request is refused before it
 * gets here). A flood of made-up reports would then push out the memory of Mensatek's, and its
 * next copy of one would run again. So when the memory is full, the entry that goes is the oldest
 * of the sender that holds the most: a flood from one sender (or a few) forgets its own reports,
 * while the sender Mensatek posts from keeps its share. Senders are client addresses, which is no
 * proof of who sent, and behind a proxy n8n does not trust they are all the proxy's: Basic Auth is
 * the protection; this only keeps one noisy sender from costing the others their memory.
 */
export class RecentReports {
	/** key → when it was seen and from which sender, in arrival order. */
	private readonly seen = new Map<string, { at: number; sender: string }>();
	/** sender → its keys, in arrival order. */
	private readonly bySender = new Map<string, Set<string>>();

	constructor(private readonly max: number) {}

	/** Remembers `key` (from `sender`) at `now`; false when it was already seen within the last `windowMs`. */
	add(key: string, now: number, windowMs: number, sender = ''): boolean {
		for (const [old, { at }] of this.seen) {
			if (at > now - windowMs) break; // the map is in arrival order: the rest are newer
			this.forget(old);
		}
		if (this.seen.has(key)) return false;
		this.seen.set(key, { at: now, sender });
		const own = this.bySender.get(sender) ?? new Set<string>();
		this.bySender.set(sender, own.add(key));
		while (this.seen.size > this.max) {
			// The sender holding the most gives up its oldest; the one adding now on a tie.
			let fullest = own;
			for (const keys of this.bySender.values()) if (keys.size > fullest.size) fullest = keys;
			this.forget(fullest.values().next().value as string);
		}
		return true;
	}

	/** Forgets `key`, so that the report is taken again when it comes back. */
	forget(key: string): void {
		const entry = this.seen.get(key);
		if (!entry) return;
		this.seen.delete(key);
		const keys = this.bySender.get(entry.sender);
		keys?.delete(key);
		if (keys && keys.size === 0) this.bySender.delete(entry.sender);
	}

	/** Reports taken whose run has not answered yet (Respond: After the Workflow Has Run). */
	private readonly running = new Set<string>();

	start(key: string): void {
		this.running.add(key);
	}

	end(key: string): void {
		this.running.delete(key);
	}

	isRunning(key: string): boolean {
		return this.running.has(key);
	}

	get size(): number {
		return this.seen.size;
	}
}

/** Why a Basic Auth credential cannot protect the trigger, or undefined when it can. */
export function incompleteAuth(user: string, password: string): string | undefined {
	if (!user && !password) return 'has no user and no password';
	if (!user) return 'has no user';
	if (!password) return 'has no password';
	if (user.includes(':')) return 'has a ":" in its user, which HTTP Basic authentication cannot carry';
	return undefined;
}
