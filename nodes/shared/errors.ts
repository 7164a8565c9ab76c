import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { redact, redactDeep } from './redaction';

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


/**
 * Turns any error raised while handling an item into the n8n error that names that item, its texts
 * redacted. The item is named once, counted from 1 ("Item 2: …"): the error carries no
 * `context.itemIndex`, because n8n's editor then appends its own "[item 1]", counted from 0, to a
 * message that does not already hold it. n8n still pairs the item: an error item of Continue On Fail
 * carries `pairedItem`, and a stopping error says which item it was in its message and in
 * `context.item` (from 1).
 */
export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	const made = nodeErrorOf(node, error, itemIndex);
	// The item, counted from 1 like the message: n8n's editor adds no suffix for this key.
	made.context = { ...(made.context ?? {}), item: itemIndex + 1 };
	return made;
}

function nodeErrorOf(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	const label = `Item ${itemIndex + 1}: `;
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		// n8n's own errors (an expression, a parameter of the wrong type) count from 0: say it our way.
		const own = error.message.replace(new RegExp(`\\s*\\[item ${itemIndex}\\]$`), '');
		error.message = redact(/^Item \d+: /.test(own) ? own : label + own);
		if (error.description) error.description = redact(error.description);
		if (error.context) delete error.context.itemIndex;
		return error;
	}
	if (error instanceof InputError) {
		return new NodeOperationError(node, redact(label + error.message), { description: redact(error.hint) });
	}
	if (error instanceof ProviderError && error.details.httpCode === undefined) {
		// No answer came back (network): NodeApiError would swap our words for a generic text.
		const description = error.details.description;
		return new NodeOperationError(node, redact(label + error.message), { description: description && redact(description) });
	}
	if (error instanceof ProviderError) {
		const { description, httpCode, response } = error.details;
		return new NodeApiError(node, redactDeep(response ?? { message: error.message }), {
			message: redact(label + error.message),
			description: description && redact(description),
			httpCode: httpCode === undefined ? undefined : String(httpCode),
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, redact(label + message));
}
