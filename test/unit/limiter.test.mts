import { describe, expect, it } from 'vitest';
import { AdaptiveLimiter, Limiter, sharedAdaptiveLimiter, sharedLimiter } from '../../nodes/shared/limiter';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Limiter', () => {
	it('never has more than max tasks in flight, and runs them all', async () => {
		const limiter = new Limiter(3);
		let running = 0;
		let peak = 0;
		const done: number[] = [];
		await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				limiter.run(async () => {
					running++;
					peak = Math.max(peak, running);
					for (let t = 0; t < (i % 4) + 1; t++) await tick();
					running--;
					done.push(i);
				}),
			),
		);
		expect(peak).toBe(3);
		expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
		expect(limiter.inFlight).toBe(0);
	});

	it('frees the slot when a task fails', async () => {
		const limiter = new Limiter(1);
		await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		await expect(limiter.run(async () => 'next')).resolves.toBe('next');
	});

	it('refuses a limit that is not a whole number of at least 1', () => {
		expect(() => new Limiter(0)).toThrow(RangeError);
	});

	it('is shared per key across callers', async () => {
		const a = sharedLimiter('unit:key', 2);
		expect(sharedLimiter('unit:key', 2)).toBe(a);
		expect(sharedLimiter('unit:other', 2)).not.toBe(a);
	});
});

describe('AdaptiveLimiter (a per-token limit kept by several processes that share no memory)', () => {
	const settings = { max: 2, min: 1, pauseMs: 20, maxPauseMs: 40, callsPerStepDown: 4, recoverMs: 150, maxRecoverMs: 600 };
	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

	/** A provider with `places` calls in flight at most; a call beyond them is refused at once. */
	function provider(places: number, latencyMs = 5) {
		const state = { inFlight: 0, accepted: 0, refused: 0, peak: 0 };
		const call = async (): Promise<'ok' | 'refused'> => {
			if (state.inFlight >= places) {
				state.refused++;
				return 'refused';
			}
			state.inFlight++;
			state.peak = Math.max(state.peak, state.inFlight);
			await sleep(latencyMs);
			state.inFlight--;
			state.accepted++;
			return 'ok';
		};
		return { state, call };
	}
	const isRefusal = (answer: string) => answer === 'refused';

	it('uses all its permits while nothing is refused, and runs every task once', async () => {
		const limiter = new AdaptiveLimiter(settings);
		const { state, call } = provider(2);
		const answers = await Promise.all(Array.from({ length: 30 }, () => limiter.run(call, isRefusal, 10_000)));
		expect(answers).toEqual(Array(30).fill('ok'));
		expect(state).toMatchObject({ accepted: 30, refused: 0, peak: 2 });
		expect(limiter.limit).toBe(2);
		expect(limiter.inFlight).toBe(0);
	});

	it('takes a permit away on a refusal, never below the minimum, and runs the refused task again', async () => {
		// No permit comes back during this test, however slow the machine.
		const limiter = new AdaptiveLimiter({ ...settings, recoverMs: 60_000, maxRecoverMs: 60_000 });
		const { state, call } = provider(1); // someone else holds one of the two places
		const answers = await Promise.all(Array.from({ length: 10 }, () => limiter.run(call, isRefusal, 10_000)));
		expect(answers).toEqual(Array(10).fill('ok'));
		expect(state.accepted).toBe(10);
		// The second of the first two calls was refused; from then on one at a time, never refused again.
		expect(state.refused).toBe(1);
		expect(limiter.limit).toBe(1);
		expect(state.peak).toBe(1);
	});

	it('gives up after giveUpAfterMs of refusals and returns the refusal', async () => {
		const limiter = new AdaptiveLimiter(settings);
		const { state, call } = provider(0);
		await expect(limiter.run(call, isRefusal, 100)).resolves.toBe('refused');
		expect(state.refused).toBeGreaterThanOrEqual(2);
		expect(limiter.inFlight).toBe(0);
		// Nothing is tried again without a giveUpAfterMs.
		const before = state.refused;
		await expect(limiter.run(call, isRefusal)).resolves.toBe('refused');
		expect(state.refused).toBe(before + 1);
	});

	it('gives a permit back after a quiet time without refusals', async () => {
		const limiter = new AdaptiveLimiter(settings);
		const busy = provider(1);
		await Promise.all([limiter.run(busy.call, isRefusal, 10_000), limiter.run(busy.call, isRefusal, 10_000)]);
		expect(limiter.limit).toBe(1);
		await sleep(settings.recoverMs + 20);
		const free = provider(2, 20);
		await Promise.all(Array.from({ length: 6 }, () => limiter.run(free.call, isRefusal, 10_000)));
		expect(limiter.limit).toBe(2);
		expect(free.state).toMatchObject({ accepted: 6, refused: 0, peak: 2 });
	});

	it('probes less often when a permit given back is refused at once (the token is shared)', async () => {
		const limiter = new AdaptiveLimiter(settings);
		const { call } = provider(1, 10);
		const start = Date.now();
		// Enough work for several quiet times: each permit given back is refused again.
		while (Date.now() - start < 1200) await Promise.all([limiter.run(call, isRefusal, 10_000), limiter.run(call, isRefusal, 10_000)]);
		// quiet times 150, 300, 600, 600… ms: at most about one probe per quiet time, not one per call.
		expect(limiter.stats.refusals).toBeLessThanOrEqual(1 + 1 + Math.ceil((Date.now() - start) / settings.recoverMs));
		expect(limiter.stats.refusals).toBeLessThan(limiter.stats.calls / 3);
	});

	it('three processes on one token each keep their own limiter and every task ends accepted once', async () => {
		const { state, call } = provider(2, 5);
		const processes = [0, 1, 2].map(() => new AdaptiveLimiter(settings));
		const answers = await Promise.all(
			processes.flatMap((limiter) => Array.from({ length: 40 }, () => limiter.run(call, isRefusal, 60_000))),
		);
		expect(answers).toEqual(Array(120).fill('ok'));
		expect(state.accepted).toBe(120);
		expect(processes.map((p) => p.inFlight)).toEqual([0, 0, 0]);
	});

	it('after refusals and one accepted call, a new refusal pauses as long as the last one did, not the first pause again', async () => {
		// pauses 20, 40, 80 ms (±50 %) for three refusals in a row; one accepted call takes a quarter
		// of a step away, and the pause is never longer than the longest: the fourth refusal pauses
		// 80 ms ±50 % (≥ 40 ms), where starting over would pause 20 ms ±50 % (≤ 30 ms).
		const limiter = new AdaptiveLimiter({ ...settings, max: 1, pauseMs: 20, maxPauseMs: 80, callsPerStepDown: 4 });
		const script = ['refused', 'refused', 'refused', 'ok', 'refused', 'ok'];
		const at: number[] = [];
		const call = async () => {
			at.push(Date.now());
			return script[at.length - 1];
		};
		await expect(limiter.run(call, isRefusal, 10_000)).resolves.toBe('ok');
		await expect(limiter.run(call, isRefusal, 10_000)).resolves.toBe('ok');
		expect(at).toHaveLength(6);
		expect(at[5] - at[4]).toBeGreaterThanOrEqual(39);
	});

	it('frees the permit when a task fails, so the calls waiting go on', async () => {
		const limiter = new AdaptiveLimiter({ ...settings, max: 1 });
		const failing = limiter.run(async () => {
			await sleep(5);
			throw new Error('network down');
		});
		const next = limiter.run(async () => 'next');
		await expect(failing).rejects.toThrow('network down');
		await expect(next).resolves.toBe('next');
		expect(limiter.inFlight).toBe(0);
	});

	it('refuses settings that are not whole numbers 1 ≤ min ≤ max', () => {
		expect(() => new AdaptiveLimiter({ ...settings, min: 0 })).toThrow(RangeError);
		expect(() => new AdaptiveLimiter({ ...settings, min: 3 })).toThrow(RangeError);
	});

	it('is shared per key', () => {
		expect(sharedAdaptiveLimiter('unit:adaptive', settings)).toBe(sharedAdaptiveLimiter('unit:adaptive', settings));
		expect(sharedAdaptiveLimiter('unit:adaptive-2', settings)).not.toBe(sharedAdaptiveLimiter('unit:adaptive', settings));
	});
});
