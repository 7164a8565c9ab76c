import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { timeoutOf } from '../shared/params';
import { ProviderError } from '../shared/errors';
import { redact, redactAndCut, redactDeep } from '../shared/redaction';
import type { CallContext, CallKind } from '../shared/http';
import { asObject, callProvider, credentialsOf, jsonBody } from '../shared/http';
import type { FilePart } from '../shared/multipart';
import { multipartBody } from '../shared/multipart';
import { FACTS } from './facts';
import { perRun } from '../shared/perRun';

/** How long a call waits for its answer unless the operation's Timeout option says otherwise. */
export const TIMEOUT_MS = 120_000;

/** The brands of the OvoWpp product share this transport; the node's credential says which. */
export const OVOWPP_CREDENTIALS = ['ovoWppApi', 'wapiFlowApi'] as const;

export interface OvoEnvelope {
	remark: string;
	status: 'success' | 'error';
	message?: string[];
	data?: IDataObject;
}

export interface OvoRequest {
	method: IHttpRequestMethods;
	/** Path below /external-api, e.g. `contact/list`. */
	path: string;
	qs?: IDataObject;
	/** Form fields; arrays are sent PHP style (`name[]`). */
	fields?: Record<string, string | string[]>;
	/** Files make the body multipart; a function, because a retried call needs fresh streams. */
	files?: () => Promise<FilePart[]>;
	kind: CallKind;
	/** A list under `data.<key>`: only the rows `keep` takes are returned (and cleaned of secrets). */
	keepRows?: { key: string; keep: (row: IDataObject) => boolean };
	/** Retries of a failed read (default: the project's policy); a large page falls back instead. */
	retries?: number;
}

// Per execution context, like the credential itself: getNode() copies the whole node on every call.
const credentialTypes = perRun<string>();

function credentialType(ctx: CallContext): string {
	return credentialTypes.get(ctx, 'type', () => {
		const node = ctx.getNode();
		const set = node.credentials ?? {};
		return OVOWPP_CREDENTIALS.find((name) => set[name]) ?? (/wapiFlow/i.test(node.type) ? 'wapiFlowApi' : 'ovoWppApi');
	});
}

/**
 * The only place that calls the OvoWpp API. It answers HTTP 200 for almost every failure, so the
 * body's `status` decides; errors carry the provider's own messages, with tokens and SQL removed.
 * Returns the whole envelope so callers can recognise the service's known quirks.
 */
export async function ovoCall(ctx: CallContext, request: OvoRequest): Promise<OvoEnvelope> {
	const type = credentialType(ctx);
	const credentials = await credentialsOf(ctx, type);
	const secrets = [credentials.clientId as string, credentials.clientSecret as string];
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const timeout = timeoutOf(ctx, TIMEOUT_MS);

	const build = async (): Promise<IHttpRequestOptions> => {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}/${request.path}`,
			qs: request.qs,
			headers: { accept: 'application/json' },
			json: false,
			timeout,
		};
		const files = request.files ? await request.files() : [];
		if (files.length) {
			const multipart = multipartBody(request.fields ?? {}, files);
			options.body = multipart.body;
			options.headers = { ...options.headers, ...multipart.headers };
		} else if (request.fields) {
			options.body = formEncode(request.fields);
			options.headers = { ...options.headers, 'content-type': 'application/x-www-form-urlencoded' };
		}
		return options;
	};

	const answer = await callProvider(ctx, type, build, { kind: request.kind, secrets, retries: request.retries });
	const body = jsonBody(answer.body);
	const envelope = asObject(body) as unknown as OvoEnvelope;
	if (answer.statusCode === 200 && envelope.status === 'success') {
		// Cleaning costs per string: a search through 50,000 contacts cleans only the few it keeps.
		const list = request.keepRows && (envelope.data?.[request.keepRows.key] as IDataObject | undefined);
		if (request.keepRows && list && Array.isArray(list.data)) list.data = (list.data as IDataObject[]).filter(request.keepRows.keep);
		return redactDeep(envelope, secrets);
	}

	const messages = Array.isArray(envelope.message) ? envelope.message.map((m) => redact(String(m), secrets)) : [];
	if (typeof envelope.status !== 'string') {
		// Redacted before it is cut: a secret cut in two would no longer be recognised.
		const text = redactAndCut(typeof body === 'string' ? body : JSON.stringify(body), secrets, 300);
		throw new ProviderError(`OvoWpp answered HTTP ${answer.statusCode} without its usual JSON envelope`, {
			httpCode: answer.statusCode,
			description: `Check that the Base URL ends with /external-api. The answer began: ${text}`,
			// A 5xx page may come from a gateway after the service took the message: not known.
			delivery: answer.statusCode < 500 ? 'not-sent' : request.kind === 'send' ? 'unknown' : undefined,
		});
	}
	throw new ProviderError(messages.join(' ') || `OvoWpp answered "${envelope.remark}"`, {
		httpCode: answer.statusCode,
		remark: redact(String(envelope.remark), secrets),
		response: redactDeep(envelope as unknown as JsonObject, secrets),
		description: explain(answer.statusCode, envelope.remark, messages),
	});
}

/** What the user can do about the common failures. */
function explain(status: number, remark: string, messages: string[]): string | undefined {
	const text = messages.join(' ');
	if (status === 401 && /whitelist|ip/i.test(text)) {
		return 'Add the public IP address of your n8n server to the API IP whitelist in the panel (Developer / API).';
	}
	if (status === 401) return 'Check the Client ID and Client Secret in the credential; they are shown in the panel under Developer / API.';
	if (remark === 'not_available' || remark === 'subscription_required') {
		return 'The account has no active plan with API access. Check the subscription in the panel.';
	}
	if (remark === 'validation_error') return 'The provider rejected one of the fields; its message above says which.';
	return undefined;
}

function formEncode(fields: Record<string, string | string[]>): string {
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(fields)) {
		if (Array.isArray(value)) for (const entry of value) params.append(`${name}[]`, entry);
		else params.append(name, value);
	}
	return params.toString();
}

/** Laravel paginator under `data.<key>`. */
export interface Paginator {
	current_page: number;
	last_page: number;
	data: IDataObject[];
	total: number;
}

/**
 * Rows per page, largest first. The product takes any numeric `paginate` (facts.ts paginateAny), and
 * every call through n8n opens a connection, so a walk asks for the largest page first. What a very
 * large page costs a live host is not known, so a page that fails or is slow makes the walk go on
 * with the next size. Each size divides the one before, so the walk goes on from the row it reached
 * without asking again for rows it has.
 */
export const PAGE_SIZES = FACTS.paginateAny.value ? [5000, 1000, 250, 50] : [50];
/** A page slower than this makes the rest of the walk use the next smaller size. */
const SLOW_PAGE_MS = 20_000;

export interface Walk {
	/** The rows read (or, with `keep`, the rows it took), each id once, in list order. */
	rows: IDataObject[];
	/** The list's own count of its rows (`total` of the last page read). */
	total: number;
	/** Rows read in all, repeats included (with `keep`, before it chose). */
	read: number;
	/** Rows that came back a second time (the conversation list repeats rows across pages). */
	repeated: number;
	/** Whether the walk reached the end of the list (not stopped by `enough`). */
	ended: boolean;
	/** Calls made. */
	calls: number;
	/** The page size of the last page read. */
	size: number;
}

export interface WalkOptions {
	/** Stop once this says the rows gathered (after `keep`) are enough; `walk` tells the page size in use. */
	enough?: (rows: IDataObject[], walk: Walk) => boolean;
	/** The largest page to ask for (default the largest of PAGE_SIZES). */
	pageSize?: number;
	/** Only the rows this takes are kept (and cleaned of secrets): cheap scans of long lists. */
	keep?: (row: IDataObject) => boolean;
}

const greatestCommonDivisor = (a: number, b: number): number => (b === 0 ? a : greatestCommonDivisor(b, a % b));

/**
 * Walks a list page by page. The service's page links drop `paginate` and the filters, so every
 * page's query is built here. A row already read (by id) is never handed out again. A large page that
 * fails is asked again, once, at the next smaller size (with no retries of its own); the smallest
 * size keeps the usual retries.
 */
export async function ovoWalk(ctx: CallContext, path: string, key: string, qs: IDataObject, options: WalkOptions = {}): Promise<Walk> {
	const first = Math.max(1, Math.floor(options.pageSize ?? PAGE_SIZES[0]));
	let sizes = [first, ...PAGE_SIZES.filter((size) => size < first)];
	const ids = new Set<number>();
	const walk: Walk = { rows: [], total: 0, read: 0, repeated: 0, ended: false, calls: 0, size: first };
	let offset = 0; // list position reached: the next page starts here
	for (;;) {
		const size = sizes[0];
		const smallest = sizes.length === 1;
		let onPage = 0;
		// Every row passes here, kept or not, so repeats are counted over the whole list.
		const fresh = (row: IDataObject) => {
			onPage++;
			const id = Number(row.id);
			if (ids.has(id)) return false;
			ids.add(id);
			return true;
		};
		const keep = options.keep;
		const started = Date.now();
		walk.calls++;
		const call = ovoCall(ctx, {
			method: 'GET',
			path,
			qs: { ...qs, page: offset / size + 1, paginate: size },
			kind: 'read',
			keepRows: { key, keep: (row) => fresh(row) && (!keep || keep(row)) },
			retries: smallest ? undefined : 0,
		});
		// Credentials and plan are not a matter of page size: only those failures end the walk at once.
		const fallBack = (error: unknown) => !smallest && !(error instanceof ProviderError && error.details.httpCode === 401);
		const envelope = await call.catch((error: unknown) => {
			if (fallBack(error)) return undefined;
			return Promise.reject(error);
		});
		if (!envelope) {
			sizes = nextSizes(sizes, offset);
			continue;
		}
		if (!smallest && Date.now() - started > SLOW_PAGE_MS) sizes = nextSizes(sizes, offset + size);
		const paginator = envelope.data?.[key] as unknown as Paginator | undefined;
		const data = Array.isArray(paginator?.data) ? paginator.data : [];
		walk.rows.push(...data);
		walk.read += onPage;
		walk.repeated = walk.read - ids.size;
		walk.total = Number(paginator?.total) || 0;
		walk.size = size;
		offset += size;
		if (!paginator || onPage === 0 || paginator.current_page >= paginator.last_page) {
			walk.ended = true;
			return walk;
		}
		if (options.enough?.(walk.rows, walk)) return walk;
	}
}

/** The sizes left after the largest is given up, starting with one that divides the position reached. */
function nextSizes(sizes: number[], offset: number): number[] {
	const rest = sizes.slice(1);
	const index = rest.findIndex((size) => offset % size === 0);
	if (index >= 0) return rest.slice(index);
	return [greatestCommonDivisor(offset, rest[rest.length - 1])];
}

/** Whether a finished walk may have missed rows: fewer distinct rows than the list counts, or repeats. */
export function walkMayHaveSkipped(walk: Walk): boolean {
	return walk.repeated > 0 || (walk.ended && walk.read - walk.repeated < walk.total);
}

/**
 * Pages through a list and returns the rows (see `ovoWalk`). Stops once `enough` says so of the rows
 * gathered: every row, or with `keep` only the rows it takes.
 */
export async function ovoPages(
	ctx: CallContext,
	path: string,
	key: string,
	qs: IDataObject,
	enough: (rows: IDataObject[]) => boolean,
	pageSize?: number,
	keep?: (row: IDataObject) => boolean,
): Promise<IDataObject[]> {
	return (await ovoWalk(ctx, path, key, qs, { enough, pageSize, keep })).rows;
}
