import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import type { BatchEntry, BatchInfo } from '../../nodes/shared/batches';
import { runBatches } from '../../nodes/shared/batches';
import { InputError } from '../../nodes/shared/errors';

// The shared batch loop on its own: when it prepares items and when it starts calls. The calls are
// the loop's own parameter here; what Mensatek receives is tested in test/workflows/mensatek*.

/** Just what runBatches asks of n8n's context. */
function context(n: number, continueOnFail: boolean): IExecuteFunctions {
	const items: INodeExecutionData[] = Array.from({ length: n }, (_, i) => ({ json: { i } }));
	return {
		getInputData: () => items,
		continueOnFail: () => continueOnFail,
		getNode: () => ({ id: 'b', name: 'Batches', type: 'test.batches', typeVersion: 1, position: [0, 0], parameters: {} }),
		addExecutionHints: () => {},
	} as unknown as IExecuteFunctions;
}

/** A promise and its resolve, to hold a step until another has happened. */
function signal() {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Calls that answer on a later turn of the event loop, recording what they carried and when. */
function recorder() {
	const calls: number[][] = [];
	const firstCall = signal();
	return {
		calls,
		firstCall: firstCall.promise,
		sender: {
			call: async (entries: Array<BatchEntry<number>>) => {
				calls.push(entries.map((e) => e.itemIndex));
				firstCall.resolve();
				await tick();
				return { accepted: entries.length };
			},
			settle: (entries: Array<BatchEntry<number>>, answer: { accepted: number }, batch: BatchInfo) =>
				entries.map((e, position) => ({ item: e.value, accepted: answer.accepted, batch: { ...batch, position: position + 1 } })),
		},
	};
}

describe('runBatches: when calls start', () => {
	it('with Continue On Fail, a full batch goes out while later items are still being prepared', async () => {
		const { calls, firstCall, sender } = recorder();
		const prepared: number[] = [];
		const prepare = async (itemIndex: number) => {
			// Item 150 is prepared only once the first batch's call has started: on the old loop,
			// which prepared every item first, this never happened (the run hung).
			if (itemIndex === 150) await firstCall;
			prepared.push(itemIndex);
			return { key: 'same', value: itemIndex };
		};
		const [out] = await runBatches(context(250, true), prepare, sender, { batchSize: 100, inFlight: 2 });
		expect(calls.map((c) => [c[0], c.length])).toEqual([
			[0, 100],
			[100, 100],
			[200, 50],
		]);
		expect(prepared).toHaveLength(250);
		// numbered and counted once every item is known, in input order
		expect(out.map((o) => o.json.item)).toEqual(Array.from({ length: 250 }, (_, i) => i));
		expect(out[0].json.batch).toEqual({ number: 1, of: 3, position: 1 });
		expect(out[249].json.batch).toEqual({ number: 3, of: 3, position: 50 });
		expect(out.every((o, i) => o.pairedItem && (o.pairedItem as { item: number }).item === i)).toBe(true);
	});

	it('without Continue On Fail, no call starts before every item is prepared', async () => {
		const { calls, sender } = recorder();
		let callsWhenLastPrepared = -1;
		const prepare = async (itemIndex: number) => {
			if (itemIndex === 249) {
				await tick();
				callsWhenLastPrepared = calls.length;
			}
			return { key: 'same', value: itemIndex };
		};
		const [out] = await runBatches(context(250, false), prepare, sender, { batchSize: 100, inFlight: 2 });
		expect(callsWhenLastPrepared).toBe(0);
		expect(calls).toHaveLength(3);
		expect(out).toHaveLength(250);
	});

	it('without Continue On Fail, a bad last item stops the node with nothing sent', async () => {
		const { calls, sender } = recorder();
		const prepare = async (itemIndex: number) => {
			if (itemIndex === 249) throw new InputError('Phone', 'is empty', 'Map the phone number.');
			return { key: 'same', value: itemIndex };
		};
		await expect(runBatches(context(250, false), prepare, sender, { batchSize: 100, inFlight: 2 })).rejects.toThrow(/Phone/);
		expect(calls).toHaveLength(0);
	});

	it('with Continue On Fail, groups cut as before and numbered by their first item, whatever went out first', async () => {
		const { calls, sender } = recorder();
		// Items 0 and 1 start group "a", every later item is in "b": b's first batch is full (and
		// goes out) long before a's only batch, yet a's is call 1 of 4, as when everything was
		// prepared first; a bad item fails alone.
		const prepare = async (itemIndex: number) => {
			if (itemIndex === 7) throw new InputError('Phone', 'is empty', 'Map the phone number.');
			return { key: itemIndex < 2 ? 'a' : 'b', value: itemIndex };
		};
		const [out] = await runBatches(context(12, true), prepare, sender, { batchSize: 3, inFlight: 1 });
		expect(calls).toEqual([
			[2, 3, 4],
			[5, 6, 8],
			[9, 10, 11],
			[0, 1],
		]);
		expect(out.map((o) => (o.json.batch as BatchInfo | undefined)?.number ?? o.json.error)).toEqual([1, 1, 2, 2, 2, 3, 3, expect.stringContaining('Phone'), 3, 4, 4, 4]);
		expect(out.every((o) => (o.json.batch as BatchInfo | undefined)?.of === 4 || o.json.error)).toBe(true);
	});
});
