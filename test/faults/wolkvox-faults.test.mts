// Wolkvox under injected faults: 300 text messages with 5 % 5xx, 5 % dropped connections before
// and after processing, 2 % answers later than the node's Timeout (the slow call keeps its place
// at Wolkvox, so the next call meets the provider's own 403), and bursts of forced 403s
// ("EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN") while the node sends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adaptiveSettings, retryPolicy } from '../../nodes/Wolkvox/transport';
import { useSandbox } from '../helpers/sandbox';
import { runWolkvox, tokenStats } from '../workflows/wolkvox-helpers';
import type { LoggedRequest } from './helpers';
import { byItem, checkItems, FAULTS, faultCounts, FAULT_TEST_TIMEOUT, SLOW_MS, settled, TIMEOUT_MS } from './helpers';

const sandbox = useSandbox({ logBodies: true, perTest: true });
const COUNT = 300;
const telephone = (i: number) => `5731${String(i).padStart(8, '0')}`;
const itemOfTelephone = (value: unknown) => {
	const match = /^5731(\d{8})$/.exec(String(value ?? ''));
	return match ? [Number(match[1])] : [];
};

const saved = { ...retryPolicy };
const savedAdaptive = { ...adaptiveSettings };
beforeEach(() => {
	retryPolicy.backoffMs = 40; // the same six retries, with less waiting (about 2.5 s in all)
	// The same adaptation to the 403s, with shorter pauses and quiet times.
	Object.assign(adaptiveSettings, { pauseMs: 20, maxPauseMs: 80, recoverMs: 100, maxRecoverMs: 400 });
});
afterEach(() => {
	Object.assign(retryPolicy, saved);
	Object.assign(adaptiveSettings, savedAdaptive);
});

describe('Wolkvox under injected faults', { timeout: FAULT_TEST_TIMEOUT }, () => {
	it(`${COUNT} sends: one output per item, nothing sent twice, refusals retried, lost answers reported`, async () => {
		await sandbox.config({ provider: 'wolkvox', ...FAULTS, slowMs: SLOW_MS, seed: 701 });
		const items = Array.from({ length: COUNT }, (_, i) => ({ json: { phone: `+${telephone(i)}`, text: `fault-wv-${i}` } }));
		let running = true;
		let bursts = 0;
		// Bursts of the provider's own refusals while the node sends: three in a row after every 50 messages.
		const burster = (async () => {
			while (running) {
				const { messages } = await sandbox.control('GET', 'stats');
				if (messages >= bursts * 50) {
					await sandbox.control('POST', 'wolkvox/reject-concurrency', { count: 3 });
					bursts++;
				}
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		})();
		const { out, error } = await runWolkvox(
			sandbox,
			items,
			{ resource: 'message', operation: 'send', connectorId: '1001', phone: '={{$json.phone}}', text: '={{$json.text}}', options: { timeout: TIMEOUT_MS } },
			{ continueOnFail: true },
		);
		running = false;
		await burster;
		expect(error).toBeUndefined();
		await settled(sandbox);
		// A burst left over after the run would refuse nothing more: clear it for the counts below.
		await sandbox.control('POST', 'wolkvox/reject-concurrency', { count: 0 });

		const requests = (await sandbox.requests('wolkvox')) as LoggedRequest[];
		const messages = await sandbox.messages('wolkvox');
		const accepted = new Map<number, number>();
		let stray = 0;
		for (const message of messages) {
			const match = /^fault-wv-(\d+)$/.exec(String(message.text));
			if (match) accepted.set(Number(match[1]), (accepted.get(Number(match[1])) ?? 0) + 1);
			else stray++;
		}
		const fates = checkItems({
			out,
			count: COUNT,
			requestsOf: byItem(requests, (r) => itemOfTelephone(r.fields?.telephone), COUNT),
			acceptedOf: (i) => accepted.get(i) ?? 0,
			stray,
		});
		const faults = faultCounts(requests);
		const stats = await tokenStats(sandbox);
		expect(faults['5xx']).toBeGreaterThan(0);
		expect(faults.droppedBefore).toBeGreaterThan(0);
		expect(faults.droppedAfter).toBeGreaterThan(0);
		expect(faults.slow).toBeGreaterThan(0);
		expect(stats.forcedRejections).toBeGreaterThan(0);
		expect(faults.refused403).toBeGreaterThan(stats.forcedRejections); // the slow calls' places caused real ones too
		// Refused calls were sent again: far more items went out than the 403s would have left.
		expect(fates.sent).toBeGreaterThan(COUNT / 2);
		console.info(`Wolkvox faults: ${JSON.stringify({ items: COUNT, fates, accepted: messages.length, bursts, forced403: stats.forcedRejections, sandbox: faults })}`);
	});

	it('reads are retried through 5xx, dropped connections and 403 refusals until they succeed', async () => {
		await sandbox.config({ provider: 'wolkvox', latencyMs: 2, errorRate: 0.1, dropBeforeRate: 0.1, dropAfterRate: 0.1, seed: 702 });
		const RUNS = 20;
		for (let run = 0; run < RUNS; run++) {
			if (run % 5 === 0) await sandbox.control('POST', 'wolkvox/reject-concurrency', { count: 2 });
			const { out, error } = await runWolkvox(sandbox, [{}], { resource: 'template', operation: 'getMany', connectorId: '1001' });
			expect(error).toBeUndefined();
			expect(out.length).toBeGreaterThan(0);
		}
		const requests = (await sandbox.requests('wolkvox')) as LoggedRequest[];
		const faults = faultCounts(requests);
		expect(requests.filter((r) => r.status === 200 && r.outcome === 'answered')).toHaveLength(RUNS);
		expect(faults['5xx']).toBeGreaterThan(0);
		expect(faults.droppedBefore).toBeGreaterThan(0);
		expect(faults.droppedAfter).toBeGreaterThan(0);
		expect(faults.refused403).toBe(8);
		console.info(`Wolkvox reads: ${JSON.stringify({ reads: RUNS, sandbox: faults })}`);
	});
});
