import type { IDataObject } from 'n8n-workflow';
import { contentExtras, conversationFields, e164, isoFromZonedWallTime, messageContent, textOrNull } from '../shared/conversation';
import { jsonBody } from '../shared/http';
import type { ReceivedRequest } from '../shared/webhook';
import { FACTS } from './facts';

// Shared with the Wolkvox Trigger since nodes/shared/webhook.ts; still exported from here.
export type { ReceivedRequest } from '../shared/webhook';
export { RecentReports, basicAuthMatches, incompleteAuth, senderOf } from '../shared/webhook';

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

/** A JSON object or array given as text; undefined for anything else (the caller then refuses the body). */
function parseText(text: string): unknown {
	const parsed = jsonBody(text);
	return parsed === text ? undefined : parsed;
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

