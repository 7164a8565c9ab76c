import { InputError } from './errors';
import { checkText } from './params';

/**
 * WhatsApp's own limits, which every provider here relays messages to (docs/limits.md names each
 * source: Meta's Cloud API reference).
 */
export const WHATSAPP = {
	/** `text.body`: "Maximum length: 4096 characters". */
	textMax: 4096,
	/** A media object's `caption`: "Maximum 1024 characters". */
	captionMax: 1024,
	/** How errors name who sets the limit. */
	source: 'WhatsApp',
} as const;

/**
 * A public http(s) address, the only kind a provider can download. Empty is refused unless
 * `optional` (then '' comes back). `javascript:`, `data:`, `file:` and every other scheme are refused.
 */
export function checkUrl(raw: unknown, field: string, options: { optional?: boolean; hint?: string } = {}): string {
	const text = checkText(raw, field).trim();
	if (!text && options.optional) return '';
	let ok = false;
	try {
		const url = new URL(text);
		ok = (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0 && !/\s/.test(text);
	} catch {
		ok = false;
	}
	if (!ok) {
		throw new InputError(
			field,
			text ? `"${text}" is not a public http(s) link` : 'is empty',
			options.hint ?? `Give a full address starting with https://, e.g. https://example.com/file.pdf${options.optional ? ', or leave it empty' : ''}.`,
		);
	}
	return text;
}

/**
 * How many values a WhatsApp template text takes: the highest positional placeholder {{n}}. Meta
 * numbers them from 1 without gaps, so this is also how many distinct ones there are; a template
 * that repeats {{1}} still takes one value for it.
 */
export function placeholderCount(text: unknown): number {
	let highest = 0;
	for (const match of String(text ?? '').matchAll(/\{\{\s*(\d+)\s*\}\}/g)) highest = Math.max(highest, Number(match[1]));
	return highest;
}
