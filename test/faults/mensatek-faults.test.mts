// Mensatek under injected faults: 300 text messages, two recipients per call (so a failed call
// fails exactly its two items), with 5 % 5xx, 5 % dropped connections before and after processing,
// and 2 % answers later than the node's Timeout. Calls go out one at a time, so with the seed the
// faults land on the same calls every run.
import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { chain, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';
import type { LoggedRequest } from './helpers';
import { byItem, checkItems, fateOf, FAULTS, faultCounts, FAULT_TEST_TIMEOUT, SLOW_MS, settled, TIMEOUT_MS } from './helpers';

const sandbox = useSandbox({ logBodies: true, perTest: true });
const COUNT = 300;
const phone = (i: number) => `34600${String(i).padStart(6, '0')}`;
const itemOfPhone = (value: unknown) => {
	const match = /^34600(\d{6})$/.exec(String(value ?? ''));
	return match ? [Number(match[1])] : [];
};

const mensatek = (parameters: INodeParameters) => ({
	name: 'Mensatek',
	type: 'n8n-nodes-whatsapp-gateways.mensatek',
	typeVersion: 1,
	parameters,
	credentials: { mensatekApi: { id: '1', name: 'Mensatek sandbox' } },
	continueOnFail: true,
});
const run = (items: Parameters<typeof itemsNode>[0], parameters: INodeParameters) =>
	runWorkflow(chain(itemsNode(items), mensatek(parameters)), { mensatekApi: sandbox.credentials('mensatekApi') });

describe('Mensatek under injected faults', { timeout: FAULT_TEST_TIMEOUT }, () => {
	it(`${COUNT} sends in calls of two: one output per item, nothing sent twice, every lost answer reported`, async () => {
		await sandbox.config({ provider: 'mensatek', ...FAULTS, slowMs: SLOW_MS, seed: 812 });
		const items = Array.from({ length: COUNT }, (_, i) => ({ json: { phone: `+${phone(i)}`, code: `fault-mt-${i}` } }));
		const result = await run(items, {
			resource: 'message',
			operation: 'send',
			phone: '={{$json.phone}}',
			messageType: 'TEXTO',
			text: 'Hola, su código es {{Codigo}}',
			recipientVariables: { variable: [{ name: 'Codigo', value: '={{$json.code}}' }] },
			options: { batchSize: 2, timeout: TIMEOUT_MS },
		});
		expect(result.error('Mensatek')).toBeUndefined();
		const out = result.output('Mensatek');
		await settled(sandbox);

		const requests = (await sandbox.requests('mensatek')) as LoggedRequest[];
		const messages = await sandbox.messages('mensatek');
		const accepted = new Map<number, number>();
		let stray = 0;
		for (const message of messages) {
			const match = /su código es fault-mt-(\d+)$/.exec(String(message.text));
			const i = match ? Number(match[1]) : -1;
			// The message went to the item's own number with the item's own code.
			if (match && message.to === phone(i)) accepted.set(i, (accepted.get(i) ?? 0) + 1);
			else stray++;
		}
		const fates = checkItems({
			out,
			count: COUNT,
			requestsOf: byItem(requests, (r) => (Array.isArray(r.fields?.Destinatarios) ? r.fields.Destinatarios.flatMap((d: { Telefono?: string }) => itemOfPhone(d.Telefono)) : []), COUNT),
			acceptedOf: (i) => accepted.get(i) ?? 0,
			stray,
		});
		// Items of one call share its fate.
		for (let i = 0; i < COUNT; i += 2) expect(fateOf(out[i + 1])).toBe(fateOf(out[i]));
		const faults = faultCounts(requests);
		expect(requests).toHaveLength(COUNT / 2); // one call per two items: none repeated
		expect(faults['5xx']).toBeGreaterThan(0);
		expect(faults.droppedBefore).toBeGreaterThan(0);
		expect(faults.droppedAfter).toBeGreaterThan(0);
		expect(faults.slow).toBeGreaterThan(0);
		expect(fates.sent).toBeGreaterThan(COUNT / 2);
		console.info(`Mensatek faults: ${JSON.stringify({ items: COUNT, fates, accepted: messages.length, sandbox: faults })}`);
	});

	it('reads are retried through 5xx and dropped connections until they succeed', async () => {
		await sandbox.config({ provider: 'mensatek', latencyMs: 2, errorRate: 0.1, dropBeforeRate: 0.1, dropAfterRate: 0.1, seed: 802 });
		const RUNS = 20;
		for (let n = 0; n < RUNS; n++) {
			const result = await run([{}], { resource: 'template', operation: 'getMany', returnAll: true, status: 'any' });
			expect(result.error('Mensatek')).toBeUndefined();
			expect(result.output('Mensatek')[0].json.error).toBeUndefined();
			expect(result.output('Mensatek')).toHaveLength(5);
		}
		const requests = (await sandbox.requests('mensatek')) as LoggedRequest[];
		const faults = faultCounts(requests);
		expect(requests.filter((r) => r.status === 200 && r.outcome === 'answered')).toHaveLength(RUNS);
		expect(faults['5xx']).toBeGreaterThan(0);
		expect(faults.droppedBefore).toBeGreaterThan(0);
		expect(faults.droppedAfter).toBeGreaterThan(0);
		console.info(`Mensatek reads: ${JSON.stringify({ reads: RUNS, sandbox: faults })}`);
	});
});
