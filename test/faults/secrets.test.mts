// The secrets check itself (test/helpers/secrets-check.ts, run after the whole fast suite) must see
// what the suites produce and must be able to fail. Here: a run's outputs, errors and n8n's log lines
// reach the record of this test process, and the check finds a secret in a record in every form a
// leak takes (as is, URL-encoded, inside an HTTP Basic header), a planted one included.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordFile } from '../helpers/record';
import { useSandbox } from '../helpers/sandbox';
import { findLeaks, KNOWN_SECRETS } from '../helpers/secrets-check';
import { runOvo } from '../workflows/ovowpp-helpers';

const sandbox = useSandbox();
const line = (kind: string, text: unknown) => JSON.stringify({ kind, source: 'planted', test: 'secrets.test.ts', text: JSON.stringify(text) });

describe('secrets check', () => {
	it('records the outputs, errors and log lines of a run, in which no secret appears', async () => {
		// The template send of an offline account: OvoWpp's error carries the WhatsApp access token.
		await sandbox.config({ provider: 'ovowpp', ovowppGraph: 'offline' });
		const marker = `marker-${Date.now()}`;
		const { out } = await runOvo(
			sandbox,
			[{ json: { marker } }],
			{ resource: 'message', operation: 'sendTemplate', countryCode: '55', mobile: '11988887777', templateId: '1' },
			{ continueOnFail: true },
		);
		expect(out[0].json.error).toBeDefined();
		const file = recordFile();
		expect(file, 'vitest.config.mts runs test/helpers/secrets-check.mts as globalSetup').toBeDefined();
		const entries = readFileSync(file!, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((text) => JSON.parse(text) as { kind: string; text: string });
		// The error item as the node put it out, and n8n's own log lines of the run (debug level included).
		expect(entries.some((e) => e.kind === 'output' && e.text.includes(String(out[0].json.error)))).toBe(true);
		expect(entries.some((e) => e.kind === 'log' && e.text.includes('Start executing node'))).toBe(true);
		// The sandbox holds the token (its error for this send shows it, see ovowpp-failures); the record holds it nowhere.
		const raw = await fetch(`${sandbox.url}/_sandbox/ovowpp/data`).then((r) => r.text());
		expect(raw).toContain('EAATESTACCESSTOKEN');
		const dir = mkdtempSync(join(tmpdir(), 'wag-secrets-'));
		try {
			copyFileSync(file!, join(dir, 'this-process.jsonl'));
			const { leaks, lines } = findLeaks(dir);
			expect(lines).toBeGreaterThan(0);
			expect(leaks).toEqual([]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('finds a secret in any recorded output, error or log line, however it is written', () => {
		const dir = mkdtempSync(join(tmpdir(), 'wag-secrets-'));
		try {
			const token = KNOWN_SECRETS[3]; // Mensatek's API token
			const handed = 'a-password-a-test-gave-to-a-node';
			const odd = 'cs_Adv/S3cr+t=&%Key'; // a secret with every character that encodings change
			const planted: Array<[string, unknown, string]> = [
				['output', { json: { error: `failed with token ${token}` } }, token],
				['error', { description: `GET /x?token=${encodeURIComponent('wv_demo_token_0123456789')}` }, 'wv_demo_token_0123456789'],
				['log', { message: 'request', headers: { authorization: `Basic ${Buffer.from(`demo@mensatek.test:${token}`).toString('base64')}` } }, token],
				['webhook', `{"error":"${handed}"}`, handed],
				['output', `Invalid client-secret ${encodeURIComponent(odd).toLowerCase()}`, odd],
				['output', `form ${new URLSearchParams({ s: odd }).toString()}`, odd],
				['output', `b64url ${Buffer.from(odd).toString('base64url')}`, odd],
				['output', `inside base64 ${Buffer.from(`xy${odd}z`).toString('base64')}`, odd],
				['output', 'html cs_Adv&#47;S3cr&#x2b;t&equals;&amp;&#37;Key', odd],
				['output', 'json cs_Adv\\/S3cr\\u002bt=&%Key', odd],
				['error', `cut at 300: ${odd.slice(0, 9)}`, odd],
			];
			writeFileSync(
				join(dir, '1.jsonl'),
				[
					...planted.map(([kind, text], i) => JSON.stringify({ kind, source: `planted ${i}`, test: 'secrets.test.ts', text: JSON.stringify(text) })),
					line('secret', handed),
					line('secret', odd),
					line('output', { json: { sent: true, clientId: '[redacted]', to: '34612345678', text: 'reset your password' } }),
				].join('\n') + '\n',
			);
			const { leaks } = findLeaks(dir);
			// Every planted form is found, under the secret it holds; the clean line is not.
			planted.forEach(([kind, , secret], i) => {
				expect(leaks.some((l) => l.source === `planted ${i}` && l.kind === kind && l.secret === secret), `planted ${i}`).toBe(true);
			});
			expect(leaks.filter((l) => !l.source.startsWith('planted '))).toEqual([]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
