// The secrets check of the fast suite (vitest globalSetup). Before the tests it makes the folder
// where every test process records what it produced (test/helpers/record.ts); after the last test
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

/** The forms a secret can take in text: as is, URL-encoded, JSON-escaped, and inside HTTP Basic. */
export function secretForms(secret: string, users: string[] = []): string[] {
	const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
	for (const user of users) forms.add(Buffer.from(`${user}:${secret}`).toString('base64'));
	return [...forms];
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
	const forms = [...secrets].map((secret) => ({ secret, forms: secretForms(secret, users) }));
	const leaks: Leak[] = [];
	for (const entry of entries) {
		if (entry.kind === 'secret') continue;
		for (const { secret, forms: texts } of forms) {
			if (texts.some((text) => entry.text.includes(text))) leaks.push({ file: entry.file, kind: entry.kind, source: entry.source, test: entry.test, secret });
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
