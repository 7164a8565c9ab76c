import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject, IHookFunctions, INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

// Parts of a webhook trigger that do not depend on the provider: the request n8n hands over, an HTTP
// Basic check, and the memory of recent notifications that lets a trigger skip repeats. Moved here
// from the Mensatek Trigger so the Wolkvox Trigger uses the same code.

/** The request as n8n hands it to a webhook node: its parsers have already run. */
export interface ReceivedRequest {
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
	rawBody?: Buffer;
	contentType?: string;
	/** Express's client address (it honours n8n's proxy settings), and the socket's. */
	ip?: string;
	socket?: { remoteAddress?: string };
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether the Authorization header carries exactly this user and password. Both are compared as
 * hashes of equal length in constant time, and both always, so timing tells nothing about either.
 */
export function basicAuthMatches(header: unknown, user: string, password: string): boolean {
	const [scheme, encoded] = String(header ?? '').trim().split(/\s+/);
	if (scheme?.toLowerCase() !== 'basic' || !encoded) return false;
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	const at = decoded.indexOf(':');
	if (at < 0) return false;
	const userOk = timingSafeEqual(digest(decoded.slice(0, at)), digest(user));
	const passwordOk = timingSafeEqual(digest(decoded.slice(at + 1)), digest(password));
	return userOk && passwordOk;
}

/**
 * Who sent a request, for RecentReports: Express's `ip` (the client behind n8n's trusted proxies),
 * else the socket's address. IPv6 clients are grouped by their /64, which one host usually holds whole.
 */
export function senderOf(request: ReceivedRequest): string {
	const address = String(request.ip ?? request.socket?.remoteAddress ?? '').replace(/^::ffff:/i, '');
	if (!address.includes(':')) return address;
	const [head] = address.split('::');
	const groups = head.split(':').filter(Boolean);
	return `${groups.slice(0, 4).join(':')}::/64`;
}

/**
 * The notifications (reports) one trigger has seen recently: at most `max` of them, each for at most the window
 * given to `add`. In this process's memory only (see docs/mensatek.md for why).
 *
 * Without Basic Auth anyone with the URL can post reports (with it, a request is refused before it
 * gets here). A flood of made-up reports would then push out the memory of Mensatek's, and its
 * next copy of one would run again. So when the memory is full, the entry that goes is the oldest
 * of the sender that holds the most: a flood from one sender (or a few) forgets its own reports,
 * while the sender Mensatek posts from keeps its share. Senders are client addresses, which is no
 * proof of who sent, and behind a proxy n8n does not trust they are all the proxy's: Basic Auth is
 * the protection; this only keeps one noisy sender from costing the others their memory.
 */
export class RecentReports {
	/** key → when it was seen and from which sender, in arrival order. */
	private readonly seen = new Map<string, { at: number; sender: string }>();
	/** sender → its keys, in arrival order. */
	private readonly bySender = new Map<string, Set<string>>();

	constructor(private readonly max: number) {}

	/** Remembers `key` (from `sender`) at `now`; false when it was already seen within the last `windowMs`. */
	add(key: string, now: number, windowMs: number, sender = ''): boolean {
		for (const [old, { at }] of this.seen) {
			if (at > now - windowMs) break; // the map is in arrival order: the rest are newer
			this.forget(old);
		}
		if (this.seen.has(key)) return false;
		this.seen.set(key, { at: now, sender });
		const own = this.bySender.get(sender) ?? new Set<string>();
		this.bySender.set(sender, own.add(key));
		while (this.seen.size > this.max) {
			// The sender holding the most gives up its oldest; the one adding now on a tie.
			let fullest = own;
			for (const keys of this.bySender.values()) if (keys.size > fullest.size) fullest = keys;
			this.forget(fullest.values().next().value as string);
		}
		return true;
	}

	/** Forgets `key`, so that the report is taken again when it comes back. */
	forget(key: string): void {
		const entry = this.seen.get(key);
		if (!entry) return;
		this.seen.delete(key);
		const keys = this.bySender.get(entry.sender);
		keys?.delete(key);
		if (keys && keys.size === 0) this.bySender.delete(entry.sender);
	}

	/** Reports taken whose run has not answered yet (Respond: After the Workflow Has Run). */
	private readonly running = new Set<string>();

	start(key: string): void {
		this.running.add(key);
	}

	end(key: string): void {
		this.running.delete(key);
	}

	isRunning(key: string): boolean {
		return this.running.has(key);
	}

	get size(): number {
		return this.seen.size;
	}
}

/** Why a Basic Auth credential cannot protect the trigger, or undefined when it can. */
export function incompleteAuth(user: string, password: string): string | undefined {
	if (!user && !password) return 'has no user and no password';
	if (!user) return 'has no user';
	if (!password) return 'has no password';
	if (user.includes(':')) return 'has a ":" in its user, which HTTP Basic authentication cannot carry';
	return undefined;
}

/** Whether `given` equals `expected`, compared as hashes of equal length in constant time. */
export function secretMatches(given: unknown, expected: string): boolean {
	const text = Array.isArray(given) ? String(given[0] ?? '') : String(given ?? '');
	return timingSafeEqual(digest(text), digest(expected)) && expected !== '';
}

/**
 * Answers a webhook request here, with our own status and a JSON error: n8n then starts no
 * workflow.
 */
export function refuse(ctx: IWebhookFunctions, status: number, message: string, headers: IDataObject = {}): IWebhookResponseData {
	const response = ctx.getResponseObject();
	response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers } as Record<string, string>);
	response.end(JSON.stringify({ error: message }));
	return { noWebhookResponse: true };
}

/**
 * The recent notifications of each trigger (workflow and node) of one node type, in this process's
 * memory. Not the workflow's static data: n8n saves that only when an execution ends, and each
 * webhook request reads it from the database, so two copies arriving together would both pass.
 */
export class TriggerMemory {
	private readonly recent = new Map<string, RecentReports>();

	constructor(private readonly max: number) {}

	private static key(ctx: IHookFunctions | IWebhookFunctions): string {
		return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
	}

	/** This trigger's memory, made on first use. */
	of(ctx: IWebhookFunctions): RecentReports {
		const key = TriggerMemory.key(ctx);
		const seen = this.recent.get(key) ?? new RecentReports(this.max);
		this.recent.set(key, seen);
		return seen;
	}

	/** Drops this trigger's memory (when its webhook is removed). */
	forget(ctx: IHookFunctions): void {
		this.recent.delete(TriggerMemory.key(ctx));
	}
}

/** Forget … After (Minutes), in milliseconds: at least one minute, 60 when unset. */
export function repeatWindowMs(options: IDataObject): number {
	return Math.max(1, Number(options.repeatWindow ?? 60) || 60) * 60000;
}

/**
 * webhookMethods of a trigger whose URL the user pastes into the provider's panel: there is no API to
 * register it, so nothing to create or delete, and the webhook "exists" as soon as n8n listens on it.
 * checkExists runs when the workflow is activated (and when the editor listens for a test event): the
 * place for `check` to refuse settings that cannot protect the trigger.
 */
export function pastedUrlWebhookMethods(memory: TriggerMemory, check: (ctx: IHookFunctions) => Promise<void>) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await check(this);
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				memory.forget(this);
				return true;
			},
		},
	};
}

/** The Options of a trigger that skips repeats: how long one is remembered, and whether to skip them. */
export function repeatOptions(
	plural: string,
	windowDescription: string,
	skipDescription: string,
): { repeatWindow: INodeProperties; skipRepeated: INodeProperties } {
	return {
		repeatWindow: {
			displayName: `Forget ${plural} After (Minutes)`,
			name: 'repeatWindow',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description: windowDescription,
		},
		skipRepeated: {
			displayName: `Skip Repeated ${plural}`,
			name: 'skipRepeated',
			type: 'boolean',
			default: true,
			description: skipDescription,
		},
	};
}

/**
 * A trigger's Authentication menu (default None) and the notice shown with None: who can start the
 * workflow then. Each provider gives its choices and words.
 */
export function authenticationFields(
	options: Array<{ name: string; value: string }>,
	description: string,
	noneNotice: { name: string; text: string },
): INodeProperties[] {
	return [
		{ displayName: 'Authentication', name: 'authentication', type: 'options', options, default: 'none', description },
		{
			displayName: noneNotice.text,
			name: noneNotice.name,
			type: 'notice',
			default: '',
			displayOptions: { show: { authentication: ['none'] } },
		},
	];
}
