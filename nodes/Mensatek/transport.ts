import type { IDataObject, JsonObject } from 'n8n-workflow';
import { timeoutOf } from '../shared/description';
import type { Secret } from '../shared/errors';
import { ProviderError, redact, redactAndCut, redactDeep } from '../shared/errors';
import type { CallContext, CallKind } from '../shared/http';
import { callProvider, credentialsOf, jsonBody } from '../shared/http';

export const MENSATEK_CREDENTIAL = 'mensatekApi';

/** How long a call waits for its answer unless the operation's Timeout option says otherwise. */
export const TIMEOUT_MS = 120_000;

/** What every Mensatek function answers: `Res` > 0 accepted; −1 auth, −2 credit, −3 parameters. */
export interface MensatekAnswer extends IDataObject {
	Res: number;
	Error?: string;
	Cred?: number;
}

const REFUSALS: Record<number, string> = {
	[-1]:
		'Mensatek did not accept the API User or API Token (Res -1). Copy both from the Mensatek panel, Your Data → Configure Account. Mensatek may also block a connection for a while after repeated failing calls; what it answers while it does is not known.',
	[-2]: 'The Mensatek account has not enough credit for this call (Res -2). Top up the account in the Mensatek panel.',
	[-3]: 'Mensatek rejected a parameter of the call (Res -3); its message above says which.',
};

/**
 * The only place that calls the Mensatek API: `POST {baseUrl}/{Function}` with a JSON body and
 * `Resp=JSON` always (without it Mensatek answers in an older format). The answer is documented as a
 * one-element array, and clients in the wild also meet a bare object: both are accepted. Every
 * outcome arrives as HTTP 200 with `Res`, so `Res` ≤ 0 becomes an error with Mensatek's own words.
 */
export async function mensatekCall(ctx: CallContext, fn: string, params: IDataObject, kind: CallKind): Promise<MensatekAnswer> {
	const credentials = await credentialsOf(ctx, MENSATEK_CREDENTIAL);
	// The token, and the Basic pair it travels in (its base64 is a form of the token too).
	const secrets: Secret[] = [credentials.apiToken as string, { user: credentials.apiUser, password: credentials.apiToken }];
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');

	// Parameter names are case-insensitive at Mensatek: drop any other spelling of Resp.
	const body: IDataObject = Object.fromEntries(Object.entries(params).filter(([name]) => name.toLowerCase() !== 'resp'));
	body.Resp = 'JSON';

	const answer = await callProvider(
		ctx,
		MENSATEK_CREDENTIAL,
		{ method: 'POST', url: `${baseUrl}/${fn}`, body, json: true, headers: { accept: 'application/json' }, timeout: timeoutOf(ctx, TIMEOUT_MS) },
		{ kind, secrets },
	);
	const parsed = jsonBody(answer.body);
	const result = (Array.isArray(parsed) && parsed.length === 1 ? parsed[0] : parsed) as IDataObject | undefined;
	if (answer.statusCode !== 200 || !result || typeof result !== 'object' || Array.isArray(result) || result.Res === undefined) {
		const text = typeof parsed === 'string' ? parsed : JSON.stringify(parsed ?? '');
		throw new ProviderError(`Mensatek answered HTTP ${answer.statusCode} without its usual JSON answer`, {
			httpCode: answer.statusCode,
			description: `Check that the Base URL of the credential ends with /v7 and that "${fn}" is a Mensatek function. The answer began: ${redactAndCut(text, secrets, 300)}`,
			// Without a Res nothing says whether a send was processed.
			delivery: kind === 'send' ? 'unknown' : undefined,
		});
	}

	const res = Number(result.Res);
	// Redacted like an error: an answer's free text (Error of NoEnviados) reaches outputs and warnings.
	if (res > 0) return redactDeep({ ...result, Res: res, ...numbers(result) }, secrets) as MensatekAnswer;
	const words = result.Error ? redact(String(result.Error), secrets) : `Mensatek refused the call (Res ${result.Res})`;
	throw new ProviderError(words, {
		httpCode: answer.statusCode,
		remark: `Res ${res}`,
		description: REFUSALS[res],
		response: redactDeep(result as JsonObject, secrets),
		delivery: 'not-sent',
		// Res -1 (credentials refused, or the connection blocked after repeated failed calls) will
		// answer every further call the same way, and each failed call prolongs a block: stop calling.
		fatal: res === -1,
	});
}

// The docs' examples give numbers as strings ("Cred": "12000"); outputs carry numbers.
const NUMERIC = ['Cred', 'idMensaje', 'Enviados', 'NoEnviados', 'Total'];
function numbers(result: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const key of NUMERIC) {
		const value = result[key];
		if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) out[key] = Number(value);
	}
	return out;
}

/** `Plantillas` and `Variables` are objects, or JSON strings of objects in the docs' examples. */
export function objectField(value: unknown): IDataObject {
	const parsed = jsonBody(value);
	return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as IDataObject) : {};
}
