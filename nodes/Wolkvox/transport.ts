import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { timeoutOf } from '../shared/params';
import { InputError, ProviderError } from '../shared/errors';
import { redact, redactAndCut, redactDeep } from '../shared/redaction';
import type { CallContext, CallKind, HttpAnswer } from '../shared/http';
import { asObject, callProvider, credentialsOf, jsonBody } from '../shared/http';
import type { AdaptiveLimiter, AdaptiveSettings } from '../shared/limiter';
import { sharedAdaptiveLimiter } from '../shared/limiter';
import { FACTS } from './facts';

export const WOLKVOX_CREDENTIAL = 'wolkvoxApi';

/** Wolkvox stops a call after 60 s [doc]; a little more so its own answer arrives. The Timeout option may change it. */
export const TIMEOUT_MS = FACTS.callSeconds.value * 1000 + 10_000;

/** Wolkvox answers a third simultaneous request of a token with a 403 [doc]. */
export const MAX_IN_FLIGHT = FACTS.maxInFlightPerToken.value;

/** The envelope of every answer: `{ code, error, msg }`, sometimes with `data` [doc]. */
export interface WolkvoxEnvelope extends IDataObject {
	code: number;
	error: string | null;
	msg: string;
}

export interface WolkvoxRequest {
	/** `whatsapp` (default) or `information` (token_info): the PHP file under /api/v2. */
	file?: 'whatsapp' | 'information';
	/** The `api` query parameter, e.g. `send_message_official`. */
	api: string;
	method: 'GET' | 'POST';
	/** POST: the JSON body. GET: query parameters (n8n sends no body with a GET). */
	params?: Record<string, string>;
	kind: CallKind;
}

export interface WolkvoxAccount {
	baseUrl: string;
	token: string;
	/** Identifies the token without containing it: safe in limiter keys, maps and logs. */
	key: string;
}

/** The API address of a credential: the override when given, else https://wv{server}.wolkvox.com. */
export function wolkvoxBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const override = String(credentials.baseUrl ?? '').trim();
	if (override) {
		if (!/^https?:\/\/[^\s/]+/i.test(override)) {
			throw new InputError(
				'Base URL Override (credential)',
				`"${override}" is not an http(s) address`,
				'Leave it empty to use https://wv{Server Code}.wolkvox.com, or give a full address such as http://localhost:8787/wolkvox.',
			);
		}
		return override.replace(/\/+$/, '');
	}
	const server = String(credentials.server ?? '').trim();
	if (!server) {
		throw new InputError(
			'Server Code (credential)',
			'is empty',
			'Open the Wolkvox credential and type your server code: for https://wv0032.wolkvox.com, type 0032.',
		);
	}
	if (!/^[A-Za-z0-9-]+$/.test(server)) {
		throw new InputError(
			'Server Code (credential)',
			`"${server}" is not a server code`,
			'Type only what stands between "wv" and ".wolkvox.com": for https://wv0032.wolkvox.com, type 0032.',
		);
	}
	return `https://wv${server}.wolkvox.com`;
}

export async function wolkvoxAccount(ctx: CallContext): Promise<WolkvoxAccount> {
	const credentials = await credentialsOf(ctx, WOLKVOX_CREDENTIAL);
	const token = String(credentials.token ?? '').trim();
	if (!token) {
		throw new InputError(
			'Token (credential)',
			'is empty',
			'Paste an API token of your Wolkvox operation (your Wolkvox administrator can give you one).',
		);
	}
	const baseUrl = wolkvoxBaseUrl(credentials);
	return { baseUrl, token, key: createHash('sha256').update(token).digest('hex').slice(0, 16) };
}

/**
 * How each process adapts to the token's two places when other processes (n8n workers, other
 * systems) use the same token: the provider's concurrency 403 takes a permit away (down to one)
 * and pauses this process's new calls (¼ s, doubling up to 1½ s, shrinking again over accepted
 * calls); a permit comes back after two quiet seconds, later each time it is refused at once.
 * Chosen with bench/queue.mjs (3 workers on one token). An object so tests can shorten the waits.
 */
export const adaptiveSettings: AdaptiveSettings = {
	max: MAX_IN_FLIGHT,
	min: 1,
	pauseMs: 250,
	maxPauseMs: 1500,
	callsPerStepDown: 8,
	recoverMs: 2000,
	maxRecoverMs: 16_000,
};

/**
 * One limiter per token for the whole n8n process: every Wolkvox node, in every execution, that
 * uses the token shares its places. The key holds a hash of the token, never the token.
 */
export function tokenLimiter(account: WolkvoxAccount): AdaptiveLimiter {
	return sharedAdaptiveLimiter(`wolkvox:${account.key}`, adaptiveSettings);
}

/**
 * Retries of a failed read (network errors, 5xx) with backoff; and how long a call the provider
 * keeps refusing for concurrency is tried again before it is given up: Wolkvox ends a call after
 * 60 s, so a place another caller holds is free again well within two minutes. An object so tests
 * can shorten it.
 */
export const retryPolicy = { retries: 6, backoffMs: 300, refusedForMs: 120_000 };

/** Whether Wolkvox's `msg` holds one of its documented texts (case aside). */
const says = (msg: string, text: string) => msg.toUpperCase().includes(text.toUpperCase());

function envelopeOf(body: unknown): Partial<WolkvoxEnvelope> {
	return asObject(jsonBody(body)) as Partial<WolkvoxEnvelope>;
}

/** The provider refused the call because the token already had two in flight: nothing was done. */
export function isConcurrencyRefusal(answer: HttpAnswer): boolean {
	return answer.statusCode === 403 && says(String(envelopeOf(answer.body).msg ?? ''), FACTS.concurrencyText.value);
}

/**
 * The only place that calls Wolkvox. At most two calls per token are in flight across the process,
 * fewer while the provider refuses calls for concurrency (other processes or systems on the token);
 * a refused call waits and is sent again, which is safe because the provider did nothing with it.
 * Returns the envelope of a successful answer; anything else becomes a ProviderError with the
 * provider's words.
 */
export async function wolkvoxCall(ctx: CallContext, request: WolkvoxRequest): Promise<WolkvoxEnvelope> {
	const account = await wolkvoxAccount(ctx);
	const secrets = [account.token];
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${account.baseUrl}/api/v2/${request.file ?? 'whatsapp'}.php`,
		qs: request.method === 'GET' ? { api: request.api, ...request.params } : { api: request.api },
		headers: { accept: 'application/json' },
		json: true,
		timeout: timeoutOf(ctx, TIMEOUT_MS),
	};
	if (request.method === 'POST') {
		options.body = request.params ?? {};
		options.headers = { ...options.headers, 'content-type': 'application/json' };
	}

	const { retries, backoffMs, refusedForMs } = retryPolicy;
	const answer = await tokenLimiter(account).run(
		() => callProvider(ctx, WOLKVOX_CREDENTIAL, options, { kind: request.kind, retries, backoffMs, secrets }),
		isConcurrencyRefusal,
		refusedForMs,
	);
	const envelope = envelopeOf(answer.body);
	const ok = answer.statusCode >= 200 && answer.statusCode < 300;
	// A JSON object is required: an HTML page from a wrong address must not look like a success.
	const json = Object.keys(envelope).length > 0;
	if (ok && json && (envelope.code === undefined || (envelope.code >= 200 && envelope.code < 300))) {
		return redactDeep(envelope, secrets) as WolkvoxEnvelope;
	}
	throw wolkvoxError(answer, envelope, request, secrets);
}

/** The provider's words, cleaned, with what the user can do about them. */
function wolkvoxError(
	answer: HttpAnswer,
	envelope: Partial<WolkvoxEnvelope>,
	request: WolkvoxRequest,
	secrets: string[],
): ProviderError {
	const status = answer.statusCode;
	if (typeof envelope.msg !== 'string' || envelope.code === undefined) {
		// No envelope: not Wolkvox's own answer, so the address is the first suspect.
		const raw = jsonBody(answer.body);
		const text = typeof raw === 'string' ? raw : JSON.stringify(raw ?? '');
		return new ProviderError(`Wolkvox answered HTTP ${status} without its usual JSON envelope`, {
			httpCode: status,
			description: `Check the Server Code of the credential (or its Base URL Override, given without /api/v2). The answer began: ${redactAndCut(text, secrets, 300)}`,
			// A 2xx or 5xx page that is not Wolkvox's may come from a proxy after the call went through.
			delivery: status >= 500 || (status >= 200 && status < 300) ? (request.kind === 'send' ? 'unknown' : undefined) : 'not-sent',
		});
	}
	const msg = redact(envelope.msg, secrets);
	const code = Number(envelope.code) || status;
	const details = {
		httpCode: code,
		remark: envelope.error ? redact(String(envelope.error), secrets) : undefined,
		response: redactDeep(envelope as JsonObject, secrets),
	};
	const refused = { ...details, delivery: 'not-sent' as const };

	if (says(msg, FACTS.budgetSpentText.value)) {
		return new ProviderError('The daily budget of Wolkvox calls for this account is spent (TOKEN LIMIT EXCEEDED)', {
			...refused,
			fatal: true,
			description: `Wolkvox allows the account (all its tokens together) its number of licences × ${FACTS.dailyCallsPerLicence.value} calls a day, and refuses every call once they are used. This item and the ones after it were not sent; items sent before keep their results. Send the rest after the budget resets. Account → Get Token Usage shows today's use.`,
		});
	}
	if (says(msg, FACTS.concurrencyText.value)) {
		return new ProviderError(`Wolkvox kept refusing the call: ${msg}`, {
			...refused,
			description: `The node sends at most ${MAX_IN_FLIGHT} calls at a time per token, fewer while Wolkvox refuses them, and tried this one again for two minutes, but Wolkvox still had ${MAX_IN_FLIGHT} calls of this token in flight: another system is using the same token. Nothing was sent for this item. Give n8n a token that no other system uses at the same time, or run it when the other system is idle.`,
		});
	}
	if (says(msg, FACTS.noTokenText.value)) {
		return new ProviderError(`Wolkvox: ${msg}`, {
			...refused,
			description: 'Wolkvox received no token. Paste the token in the credential; if it is there, check a proxy on the way that may drop the wolkvox-token header.',
		});
	}
	if (says(msg, FACTS.badTokenText.value)) {
		return new ProviderError(`Wolkvox does not accept the token: ${msg}`, {
			...refused,
			description: 'Check the Token of the credential, and that the Server Code is the server of the same operation. Nothing was sent.',
		});
	}
	if (says(msg, FACTS.unknownApiText.value)) {
		return new ProviderError(`Wolkvox does not know the API "${request.api}": ${msg}`, {
			...refused,
			description:
				'The server at this address has no such API. Check the Server Code (or Base URL Override) of the credential: it must be your operation\'s Wolkvox server.',
		});
	}
	if (says(msg, FACTS.requiredText.value)) {
		return new ProviderError(`Wolkvox: ${msg}`, {
			...refused,
			description: `Wolkvox found a required field of ${request.api} empty. Fill every required field of the operation; empty expressions are a common cause.`,
		});
	}
	if (request.api === 'send_message_mobil' && code >= 400 && code < 500) {
		// Wolkvox's answer to a second message to a customer within 20 s is not documented, so a refusal
		// the node does not recognise is shown as it is and not sent again: its words are all that is known.
		return new ProviderError(`Wolkvox refused the message: ${msg}`, {
			...refused,
			description: `Wolkvox refused this message with the words above, which the node does not recognise, so it was not sent again. Wolkvox takes one message per customer every ${FACTS.mobileSpacingSeconds.value} seconds on a mobile connector: the node spaces its own messages to a number, but not those of another n8n worker or system. Send the item again once the cause is clear.`,
		});
	}
	// A 404 in Wolkvox's own envelope is Wolkvox speaking (its report APIs say "no data" that way):
	// its words go first, and the address is not blamed. Whether whatsapp.php does so is not known.
	return new ProviderError(code === FACTS.maintenanceStatus.value ? `Wolkvox refused the call: ${msg}` : `Wolkvox: ${msg}`, {
		...details,
		delivery: code >= 500 ? undefined : 'not-sent',
		description:
			code === FACTS.maintenanceStatus.value
				? `Wolkvox's own words are above; the node does not recognise them. Wolkvox answers ${FACTS.maintenanceStatus.value} to several refusals, among them every call during its maintenance windows.`
				: undefined,
	});
}
