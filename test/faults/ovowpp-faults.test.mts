// OvoWpp under injected faults: 400 text messages to numbers that are not contacts yet (so each
// item also goes through the node's create-contact-and-send-again path), with 5 % 5xx, 5 % dropped
// connections before and after processing, and 2 % answers later than the node's Timeout.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';
import { runOvo } from '../workflows/ovowpp-helpers';
import type { LoggedRequest } from './helpers';
import { byItem, checkItems, FAULTS, faultCounts, FAULT_TEST_TIMEOUT, SLOW_MS, settled, TIMEOUT_MS } from './helpers';

const sandbox = useSandbox({ logBodies: true, perTest: true });
const COUNT = 400;
const mobile = (i: number) => `6${String(i).padStart(8, '0')}`;
const text = (i: number) => `fault-ovo-${i}`;
const itemOfMobile = (value: unknown) => {
	const match = /^6(\d{8})$/.exec(String(value ?? ''));
	return match ? [Number(match[1])] : [];
};

describe('OvoWpp under injected faults', { timeout: FAULT_TEST_TIMEOUT }, () => {
	it(`${COUNT} sends: one output per item, nothing sent twice, every lost answer reported as unknown`, async () => {
		await sandbox.config({ provider: 'ovowpp', ...FAULTS, slowMs: SLOW_MS, seed: 601 });
		const items = Array.from({ length: COUNT }, (_, i) => ({ json: { mobile: mobile(i), text: text(i) } }));
		const { out, error } = await runOvo(
			sandbox,
			items,
			{
				resource: 'message',
				operation: 'send',
				countryCode: '34',
				mobile: '={{$json.mobile}}',
				messageType: 'text',
				text: '={{$json.text}}',
				options: { concurrency: 5, timeout: TIMEOUT_MS },
			},
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		await settled(sandbox);

		const requests = (await sandbox.requests('ovowpp')) as LoggedRequest[];
		const messages = await sandbox.messages('ovowpp');
		const accepted = new Map<number, number>();
		let stray = 0;
		for (const message of messages) {
			const match = /^fault-ovo-(\d+)$/.exec(String(message.text));
			if (match) accepted.set(Number(match[1]), (accepted.get(Number(match[1])) ?? 0) + 1);
			else stray++;
		}
		const fates = checkItems({
			out,
			count: COUNT,
			requestsOf: byItem(requests, (r) => itemOfMobile(r.fields?.mobile), COUNT),
			acceptedOf: (i) => accepted.get(i) ?? 0,
			stray,
		});
		const faults = faultCounts(requests);
		// The faults really happened, and most items still went out.
		expect(faults['5xx']).toBeGreaterThan(0);
		expect(faults.droppedBefore).toBeGreaterThan(0);
		expect(faults.droppedAfter).toBeGreaterThan(0);
		expect(faults.slow).toBeGreaterThan(0);
		expect(fates.unknown).toBeGreaterThan(0);
		expect(fates.sent).toBeGreaterThan(COUNT / 2);
		console.info(`OvoWpp faults: ${JSON.stringify({ items: COUNT, fates, accepted: messages.length, sandbox: faults })}`);
	});

	it('reads are retried through 5xx and dropped connections until they succeed', async () => {
		await sandbox.config({ provider: 'ovowpp', latencyMs: 2, errorRate: 0.1, dropBeforeRate: 0.1, dropAfterRate: 0.1, seed: 602 });
		// One item per run and one call per item: the fault draws come in a fixed order.
		const RUNS = 20;
		for (let run = 0; run < RUNS; run++) {
			const { out, error } = await runOvo(sandbox, [{}], { resource: 'template', operation: 'getMany', returnAll: true, status: 'any' });
			expect(error).toBeUndefined();
			expect(out).toHaveLength(25);
		}
		const requests = (await sandbox.requests('ovowpp')) as LoggedRequest[];
		const faults = faultCounts(requests);
		expect(requests.filter((r) => r.status === 200 && r.outcome === 'answered')).toHaveLength(RUNS);
		expect(faults['5xx']).toBeGreaterThan(0);
		expect(faults.droppedBefore).toBeGreaterThan(0);
		expect(faults.droppedAfter).toBeGreaterThan(0);
		console.info(`OvoWpp reads: ${JSON.stringify({ reads: RUNS, sandbox: faults })}`);
	});
});
