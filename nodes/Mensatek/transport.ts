import type { IDataObject, JsonObject } from 'n8n-workflow';
import { timeoutOf } from '../shared/params';
import { ProviderError } from '../shared/errors';
import type { Secret } from '../shared/redaction';
import { redact, redactAndCut, redactDeep } from '../shared/redaction';
import type { CallContext, CallKind } from '../shared/http';
import { callProvider, credentialsOf, jsonBody } from '../shared/http';
import { FACTS } from './facts';

export const MENSATEK_CREDENTIAL = 'mensatekApi';

/** How long a call waits for its answer unless the operation's Timeout option says otherwise. */
export const TIMEOUT_MS = 120_000;

/** What every Mensatek function answers: `Res` > 0 accepted, ≤ 0 refused (FACTS, providers.md §3). */
export interface MensatekAnswer extends IDataObject {
	Res: number;
	Error?: string;
	Cred?: number | string;
}

const CREDIT = 'Top up the account in the Mensatek panel.';
/** What each known refusal code means; the answer's own Error text comes first when there is one. */
const REFUSALS = new Map<number, string>([
	[
		FACTS.authError.value,
		'Mensatek answered with an authentication error (Res -1): it did not accept the API User or API Token. Copy both from the Mensatek panel, Your Data → Configure Account. Every failed call counts towards the temporary spam block Mensatek documents, so check them before calling again.',
	],
	...FACTS.noCredit.value.map((res): [number, string] => [res, `The Mensatek account has not enough credit for this call (Res ${res}). ${CREDIT}`]),
	[FACTS.parameterError.value, 'Mensatek rejected a parameter of the call (Res -3); its message above says which.'],
	[FACTS.attachmentRefused.value, 'Mensatek does not allow the attachment of this call (Res -4). Check the file or its URL, or send without it.'],
	...FACTS.contractPdfCodes.value.map((res): [number, string] => [
		res,
		`Mensatek refused the call with Res ${res}, a code its public clients know from its contract PDF functions; Mensatek documents no more about it. Its own words, if any, are above.`,
	]),
]);

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
	const result = resultOf(parsed);
	if (answer.statusCode !== 200 || !result) {
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
	if (res > FACTS.acceptedAbove.value) return redactDeep({ ...result, Res: res, ...numbers(result) }, secrets) as MensatekAnswer;
	const words = result.Error ? redact(String(result.Error), secrets) : `Mensatek refused the call (Res ${result.Res})`;
	throw new ProviderError(words, {
		httpCode: answer.statusCode,
		remark: `Res ${res}`,
		description: REFUSALS.get(res),
		response: redactDeep(result as JsonObject, secrets),
		delivery: 'not-sent',
		// An authentication error answers every further call the same way, and each failed call
		// counts towards Mensatek's spam block: stop calling.
		fatal: res === FACTS.authError.value,
	});
}

/**
 * The answer's object: the documented one-element array, a bare object, or a body that is just a
 * number, which v7 clients take as `Res` (e.g. `-1`). Undefined when there is no Res.
 */
function resultOf(parsed: unknown): IDataObject | undefined {
	if (FACTS.bareNumberIsRes.value) {
		const bare = typeof parsed === 'number' ? String(parsed) : typeof parsed === 'string' ? parsed.trim() : '';
		if (/^-?\d+$/.test(bare)) return { Res: Number(bare) };
	}
	const result = Array.isArray(parsed) && parsed.length === 1 ? parsed[0] : parsed;
	if (!result || typeof result !== 'object' || Array.isArray(result) || (result as IDataObject).Res === undefined) return undefined;
	return result as IDataObject;
}

/** The first of these fields the answer has (v7 clients read `idMensaje ?? Msgid`, `Enviados ?? Mensajes`). */
const firstOf = (result: IDataObject, names: readonly string[]) => names.map((name) => result[name]).find((value) => value !== undefined && value !== null);
const asNumber = (value: unknown) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);

/**
 * Outputs carry numbers where the docs' examples give strings ("Cred": "12000"), and the send's id
 * and count under the names the docs use, whichever name Mensatek answered with (the answer's own
 * fields stay too). Credit is a number only when it plainly is one: "14.970,00" and "14.970" are
 * Spanish-formatted (14970), so they are kept as the text they are rather than misread.
 */
function numbers(result: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const key of ['NoEnviados', 'Total']) if (result[key] !== undefined) out[key] = asNumber(result[key]) as number;
	const [idField] = FACTS.sendIdFields.value;
	const id = firstOf(result, FACTS.sendIdFields.value);
	if (id !== undefined) out[idField] = asNumber(id) as number;
	const [sentField] = FACTS.sentCountFields.value;
	const sent = firstOf(result, FACTS.sentCountFields.value);
	if (sent !== undefined) out[sentField] = asNumber(sent) as number;
	const [creditField] = FACTS.creditFields.value;
	const credit = firstOf(result, FACTS.creditFields.value);
	if (credit !== undefined) out[creditField] = typeof credit === 'string' && /^-?\d+(\.\d{1,2})?$/.test(credit.trim()) ? Number(credit) : credit;
	return out;
}

/** `Plantillas` and `Variables` are objects, or JSON strings of objects in the docs' examples. */
export function objectField(value: unknown): IDataObject {
	const parsed = jsonBody(value);
	return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as IDataObject) : {};
}
