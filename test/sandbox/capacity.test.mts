// A provider with a finite capacity: K requests served at once, Q queued, 503 beyond; refused
// requests are counted as such and never recorded as sent.
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/server.mjs';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const AUTH = { 'client-id': 'ci_HOJTB3RX1D5YFQWNQ2KW', 'client-secret': 'cs_FP5PJQOS9H2C5T8KBID5' };

function send(url: string, mobile: string) {
	return fetch(`${url}/ovowpp/external-api/inbox/send-message`, {
		method: 'POST',
		headers: { ...AUTH, 'content-type': 'application/x-www-form-urlencoded' },
		body: `mobile_code=55&mobile=${mobile}&message=Hola`,
	}).then(async (response) => ({ status: response.status, text: await response.text() }));
}

describe('sandbox: a provider with a finite capacity', () => {
	it('serves K at once, queues Q, answers 503 beyond (counted, not sent)', async () => {
		// Latency holds the first ones in service while the others arrive; the counts do not depend on it.
		await sandbox.config({ provider: 'ovowpp', capacity: 2, queue: 1, latencyMs: 500 });
		const answers = await Promise.all(Array.from({ length: 6 }, () => send(sandbox.url, '11988887777')));
		expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
		expect(answers.filter((a) => a.status === 503)).toHaveLength(3);
		const stats = await sandbox.control('GET', 'stats');
		expect(stats.maxServing.ovowpp).toBe(2);
		expect(stats.refusedCapacity.ovowpp).toBe(3);
		expect(stats.capacity.ovowpp).toEqual({ capacity: 2, queue: 1 });
		const requests = await sandbox.requests('ovowpp');
		expect(requests.filter((r) => r.outcome === 'refused-capacity').map((r) => r.status)).toEqual([503, 503, 503]);
		expect(await sandbox.messages('ovowpp')).toHaveLength(3);
	});

	it('has no limit by default and after a reset; a start-up capacity (the CLI flag) survives resets', async () => {
		await sandbox.config({ provider: 'ovowpp', capacity: 1, queue: 0 });
		await sandbox.control('POST', 'reset', {});
		expect((await sandbox.control('GET', 'stats')).capacity.ovowpp).toEqual({ capacity: 0, queue: 0 });
		const own = await startSandbox({ port: 0, latencyMs: 100, capacity: { ovowpp: { capacity: 1, queue: 0 } } });
		try {
			own.reset();
			const answers = await Promise.all([send(own.url, '11988887777'), send(own.url, '11988887777')]);
			expect(answers.map((a) => a.status).sort()).toEqual([200, 503]);
		} finally {
			await own.close();
		}
	});

	it('refuses a capacity that is not a whole number', async () => {
		await expect(sandbox.config({ provider: 'ovowpp', capacity: -1 })).rejects.toThrow(/capacity must be a whole number/);
	});
});
