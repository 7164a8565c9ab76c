import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { ProviderError } from './errors';
import type { Secret } from './redaction';
import { redact } from './redaction';

export type CallContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** A read may be repeated freely; a send must never reach the provider twice. */
export type CallKind = 'read' | 'send';

export interface HttpAnswer {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

export interface CallPolicy {
	kind: CallKind;
	/** Retries after the first attempt (default 3); a send is only ever retried when it certainly did nothing. */
	retries?: number;
	/** Base delay of the exponential backoff, in ms. */
	backoffMs?: number;
	/**
	 * Whether an answer is the provider's own refusal to process the call (Wolkvox's "too many
	 * simultaneous requests"): such a call certainly did nothing and is retried, sends included.
	 */
	isRefusal?: (answer: HttpAnswer) => boolean;
	/** Values to strip from any text that leaves this function (the credential's secrets). */
	secrets?: Secret[];
}

// One read of each credential per node run (or load-options call, or poll): n8n decrypts it on
// every read. Keyed by the context object, which n8n makes afresh for each run, so nothing outlives it.
interface CredentialRead {
	data: ICredentialDataDecryptedObject;
	/** What n8n's request helper takes instead of reading the credential again (absent for a credential without id). */
	decrypted?: ICredentialsDecrypted;
}
const credentialReads = new WeakMap<object, Map<string, Promise<CredentialRead>>>();

function readOnce(ctx: CallContext, type: string): Promise<CredentialRead> {
	let reads = credentialReads.get(ctx);
	if (!reads) credentialReads.set(ctx, (reads = new Map()));
	let read = reads.get(type);
	if (!read) {
		read = (async () => {
			const data = await ctx.getCredentials(type);
			const reference = ctx.getNode().credentials?.[type];
			return { data, decrypted: reference?.id ? { id: reference.id, name: reference.name, type, data } : undefined };
		})();
		// A failed read is not kept: the next call tries again and reports its own error.
		read.catch(() => reads.delete(type));
		reads.set(type, read);
	}
	return read;
}

/** The node's credential of this type, read once per execution context and shared by its calls. */
export async function credentialsOf(ctx: CallContext, type: string): Promise<ICredentialDataDecryptedObject> {
	return (await readOnce(ctx, type)).data;
}

// Errors raised before the request could have left: nothing reached the provider.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

/** Digs the network error code (ECONNRESET, ECONNABORTED…) out of n8n's and axios' wrappers. */
export function networkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && depth < 6; depth++) {
		// NodeApiError keeps the code in httpCode and the original texts in messages.
		const candidate = current as { code?: unknown; httpCode?: unknown; cause?: unknown; message?: unknown; messages?: unknown };
		for (const code of [candidate.code, candidate.httpCode]) {
			if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		}
		const texts = [candidate.message, ...(Array.isArray(candidate.messages) ? candidate.messages : [])];
		for (const text of texts) {
			if (typeof text !== 'string') continue;
			const match = /\b(ECONN[A-Z]+|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|ENETUNREACH)\b/.exec(text);
			if (match) return match[1];
			if (/socket hang up/i.test(text)) return 'ECONNRESET';
			if (/timeout of \d+ms exceeded|timed out/i.test(text)) return 'ETIMEDOUT';
		}
		current = candidate.cause;
	}
	return undefined;
}

/**
 * Makes one provider call through n8n (credentials, proxy and logging apply), with the project's
 * retry policy: reads are retried with backoff on network errors and 5xx; a send is retried only
 * when it certainly did not reach the provider (connection refused, or the provider's refusal);
 * a send whose answer was lost is reported with `delivery: "unknown"`, never repeated.
 */
export async function callProvider(
	ctx: CallContext,
	credentialType: string,
	request: IHttpRequestOptions | (() => Promise<IHttpRequestOptions>),
	policy: CallPolicy,
): Promise<HttpAnswer> {
	const retries = policy.retries ?? 3;
	const backoff = policy.backoffMs ?? 300;
	// Handing n8n the credential already read spares it a second read and decryption per call.
	const { decrypted: credentialsDecrypted } = await readOnce(ctx, credentialType);
	for (let attempt = 0; ; attempt++) {
		const wait = () => sleep(Math.min(backoff * 2 ** attempt, 10_000) * (0.75 + Math.random() * 0.5));
		let answer: HttpAnswer;
		try {
			// A fresh request each attempt: a multipart body is a stream that one attempt consumes.
			const options = typeof request === 'function' ? await request() : request;
			answer = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				credentialType,
				{ ...options, returnFullResponse: true, ignoreHttpStatusErrors: true },
				credentialsDecrypted ? { credentialsDecrypted } : undefined,
			)) as HttpAnswer;
		} catch (error) {
			const code = networkCode(error) ?? 'UNKNOWN';
			const notSent = NOT_SENT.has(code);
			if ((notSent || policy.kind === 'read') && attempt < retries) {
				await wait();
				continue;
			}
			throw networkFailure(code, notSent, policy, error);
		}
		if (policy.isRefusal?.(answer) && attempt < retries) {
			await wait();
			continue;
		}
		if (policy.kind === 'read' && answer.statusCode >= 500 && attempt < retries) {
			await wait();
			continue;
		}
		return answer;
	}
}

function networkFailure(code: string, notSent: boolean, policy: CallPolicy, error: unknown): ProviderError {
	const detail = redact(error instanceof Error ? error.message : String(error), policy.secrets);
	if (notSent) {
		// The network code stays out of the message: n8n would replace a message naming it with a generic one.
		return new ProviderError('Could not reach the provider', {
			description: `Nothing was sent. Check the Base URL of the credential and the network. (${code}: ${detail})`,
			delivery: 'not-sent',
		});
	}
	if (policy.kind === 'send') {
		return new ProviderError('The connection was lost after the message was handed to the provider', {
			description: `The provider may or may not have sent this message (${code}). It was not retried, so that it is never sent twice: check the conversation in the provider before sending it again.`,
			delivery: 'unknown',
		});
	}
	return new ProviderError('The provider did not answer', {
		description: `Tried ${(policy.retries ?? 3) + 1} times. (${code}: ${detail})`,
	});
}

/** Parses a body that may still be a JSON string (some providers answer text/html with JSON). */
export function jsonBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const text = body.trim();
	if (!text.startsWith('{') && !text.startsWith('[')) return body;
	try {
		return JSON.parse(text);
	} catch {
		return body;
	}
}

export function asObject(value: unknown): JsonObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}
