import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { InputError } from '../../shared/errors';
import { checkUrl } from '../../shared/validation';

// What Send builds a message from: its types, JSON fields (checked for links), the schedule time and
// the two channel options, the recipient's phone field. Send, Send and Wait and Custom Function
// (its Parameters JSON) use these.

/** The recipient's number, on Send and on Send and Wait. */
export const phoneField = (displayOptions: INodeProperties['displayOptions']): INodeProperties => ({
	displayName: 'Phone',
	name: 'phone',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. +34 600 000 001',
	description: "The recipient's WhatsApp number with its country code",
	displayOptions,
});

/** The ten values of `Tipomensaje` [doc], with the names the node shows. */
export const MESSAGE_TYPES = [
	{ name: 'Template', value: 'PLANTILLA', description: 'An approved template: the only type allowed outside the 24-hour window' },
	{ name: 'Text', value: 'TEXTO' },
	{ name: 'Image', value: 'IMAGEN' },
	{ name: 'Document', value: 'DOCUMENTO' },
	{ name: 'Location', value: 'UBICACION' },
	{ name: 'Location Request', value: 'SOLICITARUBICACION' },
	{ name: 'List', value: 'LISTA' },
	{ name: 'Reply Buttons', value: 'BOTONESRESPUESTA' },
	{ name: 'Reaction', value: 'REACCION' },
	{ name: 'Call-to-Action Buttons', value: 'BOTONESCTA' },
];

/** Types whose `Datosmensaje` shape Mensatek does not document: the user gives it as JSON. */
export const JSON_DATA_TYPES = ['UBICACION', 'SOLICITARUBICACION', 'LISTA', 'BOTONESRESPUESTA', 'REACCION', 'BOTONESCTA'];

/** A JSON object from a JSON parameter (text or already an object), or an error naming the field. */
export function parseJsonObject(raw: unknown, field: string): IDataObject {
	let value = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return {};
		const parsed = tryJson(raw);
		if ('problem' in parsed) {
			throw new InputError(field, `is not valid JSON (${parsed.problem})`, 'Write a JSON object, e.g. {"Name": "value"}, with double quotes around names and texts.');
		}
		value = parsed.value;
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new InputError(field, 'is not a JSON object', 'Write a JSON object between { and }, e.g. {"Name": "value"}.');
	}
	return { ...(value as IDataObject) };
}

function tryJson(text: string): { value: unknown } | { problem: string } {
	try {
		return { value: JSON.parse(text) };
	} catch (error) {
		return { problem: (error as Error).message };
	}
}

// Keys whose value is a web address Mensatek downloads or a button opens (URL, Url_imagen, Enlace…).
const URL_KEY = /url|href|link|enlace/i;
// Schemes a button or a browser would run or read locally. Browsers drop tabs, newlines and other
// controls inside a scheme ("java\tscript:"), so those are removed before looking.
const SCRIPT_SCHEME = /^(javascript|vbscript|data|file|blob):/i;
const isControl = (code: number) =>
	code <= 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xad || (code >= 0x200b && code <= 0x200f) || code === 0x2028 || code === 0x2029 || code === 0xfeff;
const withoutControls = (text: string) => [...text].filter((char) => !isControl(char.codePointAt(0) ?? 0)).join('');

/**
 * The same check as the node's own URL fields, for values given as JSON (Message Data, Extra Message
 * Data, per-recipient keys): a value under a URL-named key must be an http(s) address, and no value
 * anywhere may be a script or local link. Mensatek's docs do not say which of these fields it turns
 * into links, so every one is checked. Returns the value unchanged.
 */
export function checkLinks<T>(value: T, field: string, key = ''): T {
	if (Array.isArray(value)) value.forEach((entry, index) => checkLinks(entry, `${field}[${index}]`, key));
	else if (value && typeof value === 'object') for (const [name, entry] of Object.entries(value)) checkLinks(entry, `${field} → ${name}`, name);
	else if (typeof value === 'string' && value.trim() !== '') {
		const scheme = /^[^:]*:/.exec(withoutControls(value))?.[0];
		if (scheme && SCRIPT_SCHEME.test(scheme)) {
			throw new InputError(field, `is a ${scheme.slice(0, -1).toLowerCase()}: link`, 'Only http(s) web addresses are allowed here, e.g. https://example.com/page.');
		}
		if (URL_KEY.test(key)) checkUrl(value, field);
	}
	return value;
}

const madrid = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/Madrid',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23',
});

/**
 * `Fecha` is `YYYY-MM-DD HH:MM` in Spain time [doc]. A date written that way (or with a T, without a
 * zone) is taken as Spain time; a date with a zone (`…Z`, `…+02:00`, as n8n's $now gives) is
 * converted to Spain time. Anything else is refused before the call.
 */
export function toSpainTime(raw: unknown, field: string): string | undefined {
	const text = String(raw ?? '').trim();
	if (text === '') return undefined;
	const local = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(text);
	if (local) {
		const [, y, mo, d, h, mi] = local.map(Number);
		const check = new Date(Date.UTC(y, mo - 1, d, h, mi));
		if (check.getUTCMonth() === mo - 1 && check.getUTCDate() === d && h < 24 && mi < 60) return `${local[1]}-${local[2]}-${local[3]} ${local[4]}:${local[5]}`;
	} else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text) && !Number.isNaN(Date.parse(text))) {
		const parts = Object.fromEntries(madrid.formatToParts(new Date(text)).map((p) => [p.type, p.value]));
		return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
	}
	throw new InputError(
		field,
		`"${text}" is not a date and time`,
		'Write it as YYYY-MM-DD HH:MM in Spain time (e.g. 2025-06-01 09:30), or give a date with its time zone such as {{ $now.plus(1, "hour") }}.',
	);
}

/** Two documented EnviarWHATSAPP parameters whose meaning Mensatek does not explain: passed as given. */
export const channelOptions: INodeProperties[] = [
	{
		displayName: 'Fallback Channels (Siguientecanal)',
		name: 'nextChannels',
		type: 'string',
		default: '',
		placeholder: 'e.g. SMS',
		description:
			"Sent as Mensatek's Siguientecanal (an array of texts), one entry per comma-separated value. Mensatek documents the parameter but not the values it takes: check them with Mensatek.",
	},
	{
		displayName: 'Fix UTF-8 (Fixutf8)',
		name: 'fixUtf8',
		type: 'number',
		typeOptions: { numberPrecision: 0 },
		default: 0,
		description: "Sent as Mensatek's Fixutf8 (an integer) when set. Mensatek documents the parameter but not what its values do.",
	},
];

/** Siguientecanal and Fixutf8 for the call, only when the user set them. */
export function channelParams(options: IDataObject): IDataObject {
	const params: IDataObject = {};
	if (options.nextChannels !== undefined && String(options.nextChannels).trim() !== '') {
		params.Siguientecanal = String(options.nextChannels).split(',').map((value) => value.trim()).filter(Boolean);
	}
	if (options.fixUtf8 !== undefined) {
		const value = Number(options.fixUtf8);
		if (!Number.isInteger(value)) throw new InputError('Options → Fix UTF-8 (Fixutf8)', `"${options.fixUtf8}" is not a whole number`, 'Mensatek takes an integer here.');
		params.Fixutf8 = value;
	}
	return params;
}
