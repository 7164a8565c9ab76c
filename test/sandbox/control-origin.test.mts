// The control API (/_sandbox/…) changes the sandbox's state: a page on another site must not be able
// to drive it through the user's browser (a cross-site form post needs no CORS preflight).
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.mjs';

const sandbox = useSandbox();

/** A raw request, so that Origin and Referer go out exactly as a browser would send them. */
function post(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
	const url = new URL(`${sandbox.url}${path}`);
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'POST', headers: { 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
			let text = '';
			res.on('data', (chunk) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

const latency = async () => ((await sandbox.control('GET', 'config')) as any).faults.ovowpp.latencyMs;
const json = { 'content-type': 'application/json' };

describe('sandbox control API: only its own pages and clients without a browser change it', () => {
	it('refuses a state change whose Origin is another site, and changes nothing', async () => {
		const answer = await post('/_sandbox/config', JSON.stringify({ provider: 'ovowpp', latencyMs: 777 }), { ...json, origin: 'https://evil.example' });
		expect(answer.status).toBe(403);
		expect(await latency()).toBe(0);
		await sandbox.config({ provider: 'ovowpp', latencyMs: 3 });
		expect((await post('/_sandbox/reset', '{}', { ...json, origin: 'null' })).status).toBe(403);
		expect(await latency()).toBe(3); // not reset
	});

	it('refuses a state change whose Referer is another site (no Origin)', async () => {
		const answer = await post('/_sandbox/config', JSON.stringify({ provider: 'ovowpp', latencyMs: 777 }), { ...json, referer: 'https://evil.example/page' });
		expect(answer.status).toBe(403);
		expect(await latency()).toBe(0);
	});

	it('refuses the bodies a browser sends cross-site without a preflight: form, multipart, text/plain', async () => {
		const form = await post('/_sandbox/config', 'provider=ovowpp&latencyMs=777', { 'content-type': 'application/x-www-form-urlencoded' });
		const text = await post('/_sandbox/config', JSON.stringify({ provider: 'ovowpp', latencyMs: 777 }), { 'content-type': 'text/plain;charset=UTF-8' });
		const boundary = 'xYz';
		const multipart = await post(
			'/_sandbox/config',
			`--${boundary}\r\nContent-Disposition: form-data; name="latencyMs"\r\n\r\n777\r\n--${boundary}--\r\n`,
			{ 'content-type': `multipart/form-data; boundary=${boundary}` },
		);
		expect([form.status, text.status, multipart.status]).toEqual([415, 415, 415]);
		expect(await latency()).toBe(0);
	});

	it('keeps working for its own phone page (same Origin, multipart) and for tests and scripts (JSON, no Origin)', async () => {
		const own = new URL(sandbox.url).origin;
		const boundary = 'aBc';
		const body = ['provider', 'ovowpp', 'phone', '34612345678', 'text', 'Hola'];
		const parts = [];
		for (let i = 0; i < body.length; i += 2) parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${body[i]}"\r\n\r\n${body[i + 1]}\r\n`);
		const answer = await post('/_sandbox/phone/answer', `${parts.join('')}--${boundary}--\r\n`, {
			'content-type': `multipart/form-data; boundary=${boundary}`,
			origin: own,
			referer: `${own}/_sandbox/`,
		});
		expect(answer.status).toBe(200);
		expect((await post('/_sandbox/config', JSON.stringify({ provider: 'ovowpp', latencyMs: 5 }), { ...json, origin: own })).status).toBe(200);
		expect(await latency()).toBe(5);
		expect((await post('/_sandbox/config', JSON.stringify({ provider: 'ovowpp', latencyMs: 0 }), json)).status).toBe(200);
		expect(await latency()).toBe(0);
	});
});
