import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Bad input found before any call: names the field, says what is wrong and how to fix it.
 * The item loop turns it into a NodeOperationError that also names the item.
 */
export class InputError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
		readonly hint: string,
	) {
		super(`${field} ${problem}`);
		this.name = 'InputError';
	}
}

/** The provider answered and refused (its own words, already redacted, are the message). */
export class ProviderError extends Error {
	constructor(
		message: string,
		readonly details: {
			description?: string;
			httpCode?: string | number;
			remark?: string;
			response?: JsonObject;
			/**
			 * "not-sent" when the provider certainly did nothing, "unknown" when a send may have gone out,
			 * "partial" when the provider sent some recipients of a batched call without saying which.
			 */
			delivery?: 'not-sent' | 'unknown' | 'partial';
			/** More fields for the item's `{ error }` output (e.g. the provider's counts and ids). */
			fields?: IDataObject;
			/** Whether no further item may be sent (e.g. a daily budget spent), even with Continue On Fail. */
			fatal?: boolean;
		} = {},
	) {
		super(message);
		this.name = 'ProviderError';
	}
}

const SECRET_PATTERNS: Array<[RegExp, string]> = [
	[/(access_token=)[^&\s"'\\)]+/gi, '$1[redacted]'],
	[/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, '$1[redacted]'],
	// Laravel appends the whole query to SQL errors: "(Connection: mysql, SQL: insert into …)".
	[/\s*\((?:Connection: [^,)]*, )?SQL: [\s\S]*?\)(?=\s*$|\s*["\]}])/g, ' [SQL redacted]'],
	[/\s*\((?:Connection: [^,)]*, )?SQL: [\s\S]*$/g, ' [SQL redacted]'],
];

/**
 * Removes what must never reach an output item, an error message or a log: tokens in URLs, the
 * raw SQL that OvoWpp puts in its errors, and the credential's own values.
 */
export function redact(text: string, secrets: Array<string | undefined> = []): string {
	let clean = text;
	for (const [pattern, replacement] of SECRET_PATTERNS) clean = clean.replace(pattern, replacement);
	for (const secret of secrets) {
		if (secret && secret.length >= 4) clean = clean.split(secret).join('[redacted]');
	}
	return clean;
}

/** Redacts every string inside a JSON value (for provider bodies placed in outputs or errors). */
export function redactDeep<T>(value: T, secrets: Array<string | undefined> = []): T {
	if (typeof value === 'string') return redact(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets)) as T;
	if (value && typeof value === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) copy[key] = redactDeep(entry, secrets);
		return copy as T;
	}
	return value;
}

/** Turns any error raised while handling an item into the n8n error that names that item. */
export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context) error.context.itemIndex ??= itemIndex;
		return error;
	}
	if (error instanceof InputError) {
		return new NodeOperationError(node, `Item ${itemIndex + 1}: ${error.message}`, {
			itemIndex,
			description: error.hint,
		});
	}
	if (error instanceof ProviderError && error.details.httpCode === undefined) {
		// No answer came back (network): NodeApiError would swap our words for a generic text.
		return new NodeOperationError(node, `Item ${itemIndex + 1}: ${error.message}`, {
			itemIndex,
			description: error.details.description,
		});
	}
	if (error instanceof ProviderError) {
		const { description, httpCode, response } = error.details;
		return new NodeApiError(node, response ?? { message: error.message }, {
			message: `Item ${itemIndex + 1}: ${error.message}`,
			description,
			httpCode: httpCode === undefined ? undefined : String(httpCode),
			itemIndex,
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, `Item ${itemIndex + 1}: ${message}`, { itemIndex });
}
