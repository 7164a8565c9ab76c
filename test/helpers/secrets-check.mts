// The secrets check of the fast suite (vitest globalSetup). Before the tests it makes the folder
// where every test process records what it produced (test/helpers/record.mts); after the last test
// it greps all of it for credential values and fails the run, naming the test, on any hit.
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CREDENTIALS } from '../../sandbox/demo-credentials.mjs';

/** The sandbox's fixed secrets: the demo credentials, and the WhatsApp access tokens OvoWpp leaks. */
export const KNOWN_SECRETS = [
	DEMO_CREDENTIALS.ovoWppApi.clientId,
	DEMO_CREDENTIALS.ovoWppApi.clientSecret,
	DEMO_CREDENTIALS.wolkvoxApi.token,
	DEMO_CREDENTIALS.mensatekApi.apiToken,
	'wv_demo_token_second_9876543210',
	'EAATESTACCESSTOKEN123',
	'EAATESTACCESSTOKEN456',
];

/** The shortest run of a secret's characters that counts as a leak on its own (as in nodes/shared/redaction.ts). */
export const MIN_FRAGMENT = 8;

const pct = (text: string, form = false) =>
	(form ? new URLSearchParams({ x: text }).toString().slice(2) : encodeURIComponent(text)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '/': '&sol;', '+': '&plus;', '=': '&equals;', '%': '&percnt;' };
const html = (text: string, how: 'dec' | 'hex' | 'named') =>
	[...text]
		.map((c) => {
			if (/[A-Za-z0-9_.-]/.test(c)) return c;
			if (how === 'named' && NAMED[c]) return NAMED[c];
			return how === 'hex' ? `&#x${c.codePointAt(0)!.toString(16)};` : `&#${c.codePointAt(0)};`;
		})
		.join('');
const jsonEscapes = (text: string) => [
	JSON.stringify(text).slice(1, -1),
	JSON.stringify(text).slice(1, -1).replace(/\//g, '\\/'),
	[...text].map((c) => (/[A-Za-z0-9]/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join(''),
];
/** base64 and base64url of the bytes, and the part of it that is the same wherever the bytes stand in a longer base64 text. */
function base64s(bytes: Buffer): string[] {
	const out: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const whole = offset === 0 ? bytes : bytes.subarray(offset, offset + Math.floor((bytes.length - offset) / 3) * 3);
		const b64 = whole.toString('base64').replace(/=+$/, '');
		if (b64.length >= MIN_FRAGMENT) out.push(b64, b64.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return out;
}

/**
 * The forms a secret takes in text: as is; URL- and form-encoded (any hex case); JSON-escaped (also
 * `\/` and `\uXXXX`, and once more inside a JSON record); HTML references (decimal, hex, named);
 * base64 and base64url of it and of `user:secret` (HTTP Basic). Matched case-insensitively where case
 * does not matter (`insensitive`); `fragments` are its recognisable runs of 8 characters, each a leak on its own.
 */
export function secretForms(secret: string, users: string[] = []): string[] {
	return secretMatchers(secret, users).exact;
}

export function secretMatchers(secret: string, users: string[] = []): { exact: string[]; insensitive: string[]; fragments: string[] } {
	const exact = new Set<string>([secret, ...jsonEscapes(secret), JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1)]);
	for (const how of ['dec', 'hex', 'named'] as const) exact.add(html(secret, how));
	for (const form of base64s(Buffer.from(secret))) exact.add(form);
	for (const user of users) for (const form of base64s(Buffer.from(`${user}:${secret}`))) exact.add(form);
	const insensitive = new Set([pct(secret), pct(secret, true), pct(pct(secret))].map((f) => f.toLowerCase()));
	const fragments = new Set<string>();
	// Runs of lower-case letters, spaces, _ and - alone are words ordinary text holds ("password", "_token_").
	for (let i = 0; i + MIN_FRAGMENT <= secret.length && secret.length > MIN_FRAGMENT; i++) {
		const run = secret.slice(i, i + MIN_FRAGMENT);
		if (/[^a-z _-]/.test(run)) fragments.add(run);
	}
	return { exact: [...exact], insensitive: [...insensitive], fragments: [...fragments] };
}

const NAMED_BACK = Object.fromEntries(Object.entries(NAMED).map(([c, name]) => [name, c]));
/** The text with HTML references, JSON escapes and percent-encoding undone (also when mixed). */
export function decodeAll(text: string): string {
	let out = text;
	for (let round = 0; round < 3; round++) {
		out = out
			.replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
			.replace(/&#([0-9]+);?/g, (_, d) => String.fromCodePoint(Number(d)))
			.replace(/&[a-z]+;/gi, (ref) => NAMED_BACK[ref.toLowerCase()] ?? ref)
			.replace(/\\+u([0-9a-f]{4})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)))
			.replace(/\\+([/"\\])/g, '$1')
			.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
				try {
					return decodeURIComponent(run);
				} catch {
					return run;
				}
			});
	}
	return out;
}

let lastDecoded = { text: '', decoded: '' };

/** Whether a text holds a secret in one of its forms; a run of digits counts only when it stands alone (not inside a phone number). */
export function holdsSecret(text: string, matchers: ReturnType<typeof secretMatchers>): boolean {
	if (matchers.exact.some((form) => text.includes(form))) return true;
	const lower = text.toLowerCase();
	if (matchers.insensitive.some((form) => lower.includes(form))) return true;
	// The same text is searched for every secret: decode it once.
	if (lastDecoded.text !== text) lastDecoded = { text, decoded: decodeAll(text) };
	const { decoded } = lastDecoded;
	if (decoded !== text && holdsFragment(decoded, matchers)) return true;
	return holdsFragment(text, matchers);
}

function holdsFragment(text: string, matchers: ReturnType<typeof secretMatchers>): boolean {
	if (matchers.exact.some((form) => text.includes(form))) return true;
	return matchers.fragments.some((fragment) => {
		if (!/^[0-9]+$/.test(fragment)) return text.includes(fragment);
		for (let at = text.indexOf(fragment); at !== -1; at = text.indexOf(fragment, at + 1)) {
			if (!/[0-9]/.test(text[at - 1] ?? '') && !/[0-9]/.test(text[at + fragment.length] ?? '')) return true;
		}
		return false;
	});
}

export interface Leak {
	file: string;
	kind: string;
	source: string;
	test?: string;
	secret: string;
}

/** Every record line of a folder that contains a secret (known, or recorded as handed to a node). */
export function findLeaks(dir: string): { leaks: Leak[]; lines: number; secrets: number } {
	const files = readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
	const entries = files.flatMap((file) =>
		readFileSync(join(dir, file), 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((line) => ({ file, ...(JSON.parse(line) as { kind: string; source: string; test?: string; text: string }) })),
	);
	const secrets = new Set(KNOWN_SECRETS);
	// Short values (a test's "x") would match anything; real secrets are longer.
	for (const entry of entries) if (entry.kind === 'secret' && JSON.parse(entry.text).length >= 8) secrets.add(JSON.parse(entry.text));
	const users = [DEMO_CREDENTIALS.mensatekApi.apiUser, 'mensatek-panel'];
	const forms = [...secrets].map((secret) => ({ secret, matchers: secretMatchers(secret, users) }));
	const leaks: Leak[] = [];
	for (const entry of entries) {
		if (entry.kind === 'secret') continue;
		for (const { secret, matchers } of forms) {
			if (holdsSecret(entry.text, matchers)) leaks.push({ file: entry.file, kind: entry.kind, source: entry.source, test: entry.test, secret });
		}
	}
	return { leaks, lines: entries.length, secrets: secrets.size };
}

export default function setup() {
	const dir = mkdtempSync(join(tmpdir(), 'wag-record-'));
	process.env.WAG_RECORD_DIR = dir;
	return () => {
		const { leaks, lines, secrets } = findLeaks(dir);
		const keep = process.env.WAG_KEEP_RECORD === '1';
		if (!keep) rmSync(dir, { recursive: true, force: true });
		if (leaks.length) {
			const shown = leaks.slice(0, 20).map((l) => `- ${l.kind} of ${l.source} in ${l.test ?? l.file}: contains ${l.secret.slice(0, 4)}…`);
			throw new Error(`Secrets check: ${leaks.length} recorded outputs, errors or log lines contain a credential value:\n${shown.join('\n')}`);
		}
		console.log(`Secrets check: ${lines} recorded outputs, errors and log lines hold none of ${secrets} secret values${keep ? ` (kept in ${dir})` : ''}.`);
	};
}

/** Console output of the tests (vitest's onConsoleLog, in the main process) joins the record. */
export function recordConsole(log: string, type: string): void {
	const dir = process.env.WAG_RECORD_DIR;
	if (dir) appendFileSync(join(dir, 'console.jsonl'), JSON.stringify({ kind: 'log', source: `console ${type}`, text: JSON.stringify(log) }) + '\n');
}
