/**
 * Keeps secrets out of everything the nodes show: credential values in every form a provider may echo
 * them back in (raw, URL/form/double encoded, base64, HTML and JSON escapes, 8-character runs), access
 * tokens in URLs and Laravel's SQL text (OvoWpp leaks both: providers.md §1 quirk 9).
 */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
	[/(access_token=)[^&\s"'\\)]+/gi, '$1[redacted]'],
	[/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, '$1[redacted]'],
	// Laravel appends the whole query to SQL errors: "(Connection: mysql, SQL: insert into …)".
	[/\s*\((?:Connection: [^,)]*, )?SQL: [\s\S]*?\)(?=\s*$|\s*["\]}])/g, ' [SQL redacted]'],
	[/\s*\((?:Connection: [^,)]*, )?SQL: [\s\S]*$/g, ' [SQL redacted]'],
];

/** A credential value, or an HTTP Basic pair (whose `user:password` base64 is a form of the password). */
export type Secret = string | undefined | null | { user: unknown; password: unknown };

const REDACTED = '[redacted]';
/** The shortest piece of a secret that is removed on its own: shorter ones match ordinary text. */
export const MIN_FRAGMENT = 8;

// HTML's named references a secret's characters may come back as.
const NAMED: Record<string, string> = {
	amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", sol: '/', plus: '+', equals: '=', percnt: '%', excl: '!', num: '#',
	dollar: '$', lpar: '(', rpar: ')', ast: '*', comma: ',', period: '.', colon: ':', semi: ';', quest: '?', commat: '@',
	lsqb: '[', lbrack: '[', bsol: '\\', rsqb: ']', rbrack: ']', hat: '^', lowbar: '_', grave: '`', lcub: '{', lbrace: '{',
	verbar: '|', vert: '|', rcub: '}', rbrace: '}', tilde: '~',
};
const JSON_SHORT: Record<string, string> = { '/': '/', '"': '"', '\\': '\\', "'": "'" };

/** Form encoding writes a space as +, and a + read from a form is a space: they are one character here. */
const canonical = (text: string) => text.replace(/\+/g, ' ');

/**
 * Whether a run of a secret's characters is recognisable on its own. Runs of lower-case letters,
 * spaces, _ and - alone are words ("password", "_token_") that ordinary text holds too: they are
 * removed only as part of a longer match. Real keys and tokens mix in digits or capitals.
 */
export const distinctive = (run: string) => /[^a-z _-]/.test(run);

/**
 * The text with every encoded character decoded (percent-encoding in any hex case, also doubled;
 * HTML references, named, decimal and hex; JSON escapes), canonical, and where each of its UTF-16
 * units stood in the original (null when nothing was encoded: then positions are the same).
 */
function decoded(text: string): { text: string; spans: Array<[number, number]> | null } {
	if (!/[%&\\]/.test(text)) return { text: canonical(text), spans: null };
	let out = '';
	const spans: Array<[number, number]> = [];
	const push = (chars: string, start: number, end: number) => {
		out += chars;
		for (let i = 0; i < chars.length; i++) spans.push([start, end]);
	};
	let at = 0;
	while (at < text.length) {
		const first = text[at];
		let match: RegExpExecArray | null = null;
		if (first === '%' && (match = /^(?:%(?:25)?[0-9a-f]{2})+/i.exec(text.slice(at, at + 120)))) {
			// A run of percent-encoded bytes: decoded as UTF-8, character by character.
			let position = at;
			let start = at;
			let bytes: number[] = [];
			for (const piece of match[0].match(/%(?:25)?[0-9a-f]{2}/gi)!) {
				if (bytes.length === 0) start = position;
				bytes.push(parseInt(piece.slice(-2), 16));
				position += piece.length;
				const char = Buffer.from(bytes).toString('utf8');
				if (!char.includes('\uFFFD') || bytes.length >= 4) {
					push(char, start, position);
					bytes = [];
				}
			}
			at = position;
			continue;
		}
		if (first === '&' && (match = /^&(?:#([0-9]{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));?/i.exec(text.slice(at, at + 12)))) {
			const code = match[1] ? Number(match[1]) : match[2] ? parseInt(match[2], 16) : undefined;
			const char = code !== undefined ? (code <= 0x10ffff ? String.fromCodePoint(code) : undefined) : NAMED[match[3].toLowerCase()];
			if (char !== undefined && (code !== undefined || match[0].endsWith(';'))) {
				push(char, at, at + match[0].length);
				at += match[0].length;
				continue;
			}
		}
		if (first === '\\' && (match = /^\\(?:u([0-9a-f]{4})|(.))/i.exec(text.slice(at, at + 6)))) {
			const char = match[1] ? String.fromCharCode(parseInt(match[1], 16)) : JSON_SHORT[match[2]];
			if (char !== undefined) {
				push(char, at, at + match[0].length);
				at += match[0].length;
				continue;
			}
		}
		push(first, at, at + 1);
		at += 1;
	}
	return { text: canonical(out), spans };
}

/** What finds one secret: its runs of characters (canonical) and its base64 forms. */
interface Finder {
	/** The secret, canonical; `grams` are its runs of MIN_FRAGMENT characters (or the whole, if shorter). */
	text?: string;
	grams: string[];
	/** Runs that are only removed next to a recognisable one (words like "password"). */
	plain?: string[];
	literals: string[];
}

function base64Forms(bytes: Buffer): string[] {
	const forms = new Set<string>();
	const add = (b64: string) => {
		if (b64.length < MIN_FRAGMENT) return;
		forms.add(b64.replace(/=+$/, ''));
		forms.add(b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
	};
	add(bytes.toString('base64'));
	// Inside a longer base64 text the secret starts at one of three byte offsets of a 3-byte group:
	// the characters that only its own bytes make are the same whatever surrounds it.
	for (let offset = 0; offset < 3; offset++) {
		const whole = Math.floor((bytes.length - offset) / 3) * 3;
		if (whole > 0) add(bytes.subarray(offset, offset + whole).toString('base64'));
	}
	return [...forms];
}

function compile(secret: string): Finder {
	const text = canonical(secret);
	const size = Math.min(text.length, MIN_FRAGMENT);
	const grams = new Set<string>();
	const plain = new Set<string>();
	for (let start = 0; start + size <= text.length; start++) {
		// A run counts on its own when it is recognisable, or when the whole secret is this short.
		const gram = text.substr(start, size);
		if (size === text.length || distinctive(secret.substr(start, size))) grams.add(gram);
		else plain.add(gram);
	}
	const literals = text.length >= MIN_FRAGMENT ? base64Forms(Buffer.from(secret, 'utf8')) : [];
	return { text, grams: [...grams], plain: [...plain].filter((gram) => !grams.has(gram)), literals };
}

function basicForms(user: string, password: string): Finder {
	return { grams: [], literals: base64Forms(Buffer.from(`${user}:${password}`, 'utf8')) };
}

// The credentials' values seen by this process (most recent last), so that text built far from the
// transport (an error's message, a hint) is cleaned too. Bounded; holds only what n8n decrypted.
const known = new Map<string, Finder>();
const MAX_KNOWN = 64;
// Every gram of every known secret, by length, for one lookup per position of a text.
interface GramOwner {
	finder: Finder;
	distinctive: boolean;
}
let gramIndex: Map<number, Map<string, GramOwner[]>> | undefined;
// Every base64 form of every known secret, by its first MIN_FRAGMENT characters.
let literalIndex: Map<string, string[]> | undefined;

function remember(secrets: Secret[]): void {
	for (const secret of secrets) {
		if (!secret) continue;
		const entries: Array<[string, () => Finder]> = [];
		if (typeof secret === 'string') {
			if (secret.length >= 4) entries.push([`s:${secret}`, () => compile(secret)]);
		} else {
			const user = String(secret.user ?? '');
			const password = String(secret.password ?? '');
			if (password.length >= 4) {
				entries.push([`s:${password}`, () => compile(password)]);
				entries.push([`b:${user}:${password}`, () => basicForms(user, password)]);
			}
		}
		for (const [key, make] of entries) {
			const existing = known.get(key);
			if (existing) {
				known.delete(key);
				known.set(key, existing);
				continue;
			}
			known.set(key, make());
			if (known.size > MAX_KNOWN) known.delete(known.keys().next().value as string);
			gramIndex = undefined;
			literalIndex = undefined;
			quick = undefined;
		}
	}
}

function grams(): Map<number, Map<string, GramOwner[]>> {
	if (gramIndex) return gramIndex;
	const index = new Map<number, Map<string, GramOwner[]>>();
	const add = (gram: string, owner: GramOwner) => {
		let bySize = index.get(gram.length);
		if (!bySize) index.set(gram.length, (bySize = new Map()));
		bySize.set(gram, [...(bySize.get(gram) ?? []), owner]);
	};
	for (const finder of known.values()) {
		for (const gram of finder.grams) add(gram, { finder, distinctive: true });
		for (const gram of finder.plain ?? []) add(gram, { finder, distinctive: false });
	}
	gramIndex = index;
	return index;
}

const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';

/** Where known secrets stand in a text: [start, end) ranges of the original text, merged. */
function secretRanges(text: string): Array<[number, number]> {
	// [start, end, whether recognisable on its own]
	const ranges: Array<[number, number, boolean]> = [];
	const index = grams();
	if (index.size) {
		const { text: plain, spans } = decoded(text);
		const from = (i: number) => (spans ? spans[i][0] : i);
		const to = (i: number) => (spans ? spans[i][1] : i + 1);
		for (const [size, bySize] of index) {
			for (let i = 0; i + size <= plain.length; i++) {
				const gram = plain.substr(i, size);
				const owners = bySize.get(gram);
				if (!owners) continue;
				if (/^[0-9]+$/.test(gram)) {
					// Digits alone are the secret's only when the whole run of digits is part of it, not a phone number.
					let left = i;
					let right = i + size;
					while (isDigit(plain[left - 1])) left--;
					while (isDigit(plain[right])) right++;
					const run = plain.slice(left, right);
					if (!owners.some((owner) => owner.finder.text?.includes(run))) continue;
				}
				ranges.push([from(i), to(i + size - 1), owners.some((owner) => owner.distinctive)]);
			}
		}
	}
	if (!literalIndex) {
		literalIndex = new Map();
		for (const finder of known.values()) {
			for (const literal of finder.literals) {
				const key = literal.slice(0, MIN_FRAGMENT);
				literalIndex.set(key, [...(literalIndex.get(key) ?? []), literal]);
			}
		}
	}
	if (literalIndex.size) {
		for (let at = 0; at + MIN_FRAGMENT <= text.length; at++) {
			for (const literal of literalIndex.get(text.substr(at, MIN_FRAGMENT)) ?? []) {
				if (text.startsWith(literal, at)) ranges.push([at, at + literal.length, true]);
			}
		}
	}
	ranges.sort((a, b) => a[0] - b[0]);
	const merged: Array<[number, number, boolean]> = [];
	for (const range of ranges) {
		const last = merged[merged.length - 1];
		if (last && range[0] < last[1]) {
			last[1] = Math.max(last[1], range[1]);
			last[2] ||= range[2];
		} else merged.push([...range]);
	}
	return merged.filter((range) => range[2]).map(([start, end]) => [start, end]);
}

/**
 * Removes what must never reach an output item, an error message, a hint or a log: the credential's
 * values in every form they come back in (raw, URL- and form-encoded, base64 and base64url, HTTP
 * Basic's user:password, HTML references, JSON escapes, and any run of 8 or more of their characters),
 * tokens in URLs and the raw SQL that OvoWpp puts in its errors. The values given here are
 * remembered, so that later calls without them (error messages built elsewhere) still remove them.
 * Cut a text to length only after this: a cut secret is a secret too, but harder to recognise.
 */
export function redact(text: string, secrets: Secret[] = []): string {
	let clean = String(text);
	remember(secrets);
	if (clean.length >= 4 && known.size) {
		const ranges = secretRanges(clean);
		if (ranges.length) {
			let out = '';
			let at = 0;
			for (const [start, end] of ranges) {
				out += clean.slice(at, start) + REDACTED;
				at = end;
			}
			clean = out + clean.slice(at);
		}
	}
	// The patterns only where their anchors are: most texts hold none.
	if (/access_token|bearer|SQL: /i.test(clean)) for (const [pattern, replacement] of SECRET_PATTERNS) clean = clean.replace(pattern, replacement);
	return clean;
}

/** Redacts, then cuts to `max` characters (never the other way round). */
export function redactAndCut(text: string, secrets: Secret[], max: number): string {
	const clean = redact(text, secrets);
	return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** Redacts every string inside a JSON value (for provider bodies placed in outputs or errors). */
export function redactDeep<T>(value: T, secrets: Secret[] = []): T {
	remember(secrets);
	if (value && typeof value === 'object' && !mayHoldSecret(value)) return value;
	return redactKnown(value);
}

/**
 * A quick test of a whole body before each of its strings is scanned (a page of 250 contacts has
 * 3,750): true unless no string can hold a known secret in any form. A string holds one only if it
 * has an encoding the scan decodes (%, &, \), an anchor of the patterns, a run of a secret's
 * characters, or a base64 form of one. On all the strings joined by a character no secret has:
 * first plain searches for three-character anchors, then, only if one is found, one regular
 * expression of the runs and one of the forms. The copy handed back is the body itself when clean.
 */
function mayHoldSecret(value: unknown): boolean {
	const finders = quickFinders();
	if (!finders) return true;
	const strings: string[] = [];
	collectStrings(value, strings);
	const joined = strings.join('\u0000');
	if (/[%&\\]/.test(joined) || /access_token|bearer|SQL: /i.test(joined)) return true;
	const plain = canonical(joined);
	const anchored = finders.runAnchors.some((a) => plain.includes(a)) || finders.formAnchors.some((a) => joined.includes(a));
	if (!anchored) return false;
	return finders.runs.test(plain) || (finders.forms !== undefined && finders.forms.test(joined));
}

interface QuickFinders {
	runs: RegExp;
	forms?: RegExp;
	/**
	 * Three characters of each secret every 6 (0, 6, 12…): any run of 8 of its characters holds one
	 * of them whole, so a text without any of them holds no run. The same for the start of each
	 * base64 form. Plain substring searches, far faster than the expressions.
	 */
	runAnchors: string[];
	formAnchors: string[];
}
let quick: QuickFinders | null | undefined;

/** The runs and base64 forms of every known secret as two regular expressions; null when none can be built. */
function quickFinders(): QuickFinders | null {
	if (quick !== undefined) return quick;
	const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const runs = new Set<string>();
	const forms = new Set<string>();
	const runAnchors = new Set<string>();
	const formAnchors = new Set<string>();
	let usable = true;
	for (const finder of known.values()) {
		if (finder.text !== undefined && finder.text.includes('\u0000')) usable = false;
		for (const gram of [...finder.grams, ...(finder.plain ?? [])]) runs.add(gram);
		if (finder.text !== undefined) for (let at = 0; at + 3 <= finder.text.length; at += 6) runAnchors.add(finder.text.slice(at, at + 3));
		for (const literal of finder.literals) {
			forms.add(literal.slice(0, MIN_FRAGMENT));
			formAnchors.add(literal.slice(0, 3));
		}
	}
	quick =
		usable && runs.size
			? {
					runs: new RegExp([...runs].map(escape).join('|')),
					forms: forms.size ? new RegExp([...forms].map(escape).join('|')) : undefined,
					runAnchors: [...runAnchors],
					formAnchors: [...formAnchors],
				}
			: null;
	return quick;
}

function collectStrings(value: unknown, out: string[]): void {
	if (typeof value === 'string') out.push(value);
	else if (Array.isArray(value)) for (const entry of value) collectStrings(entry, out);
	else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) for (const entry of Object.values(value)) collectStrings(entry, out);
}

function redactKnown<T>(value: T): T {
	if (typeof value === 'string') return redact(value) as T;
	if (Array.isArray(value)) return value.map((entry) => redactKnown(entry)) as T;
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) copy[key] = redactKnown(entry);
		return copy as T;
	}
	return value;
}
