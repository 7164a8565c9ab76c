// The e2e harness picks n8n's port with freePortFrom. Node's fetch refuses the Fetch standard's "bad
// ports" before connecting, so an n8n started on 6000 (inside the queue-mode range) was never seen
// ready and CI failed after a 5-minute wait. The port picked must be one fetch reaches.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
// @ts-ignore plain ESM script without types
import { freePortFrom } from '../../scripts/n8n/run.mjs';

async function answersFetch(port: number): Promise<boolean> {
	const srv = http.createServer((_q, r) => r.end('ok'));
	await new Promise<void>((resolve) => srv.listen(port, '127.0.0.1', resolve));
	try {
		const res = await fetch(`http://127.0.0.1:${port}/`);
		return (await res.text()) === 'ok';
	} catch {
		return false;
	} finally {
		await new Promise((resolve) => srv.close(resolve));
	}
}

describe('freePortFrom', () => {
	for (const start of [6000, 6665, 10080]) {
		it(`from ${start}: gives a free port that fetch connects to`, async () => {
			const port = await freePortFrom(start);
			expect(port).toBeGreaterThanOrEqual(start);
			expect(await answersFetch(port)).toBe(true);
		});
	}
});
