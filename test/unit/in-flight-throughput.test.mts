// The in-flight limiter's step up by delivered answers per second (nodes/shared/limiter.ts,
// InFlightLimiter): a provider whose answers slow down as more calls are in flight but which still
// answers more per second (a shared machine, not a queue) is given the ceiling; one that queues
// beyond a capacity is not. Simulated on the limiter's own clock: no time involved.
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../nodes/shared/limiter';
import { InFlightLimiter } from '../../nodes/shared/limiter';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A provider model: given the clock and the calls in flight (this one included), when it answers and how. */
type Provider = (now: number, inFlight: number) => { at: number; outcome: Outcome };

/** Runs `n` calls through a limiter against a simulated provider; returns the limiter and the limits seen. */
async function simulate(provider: Provider, n: number) {
	let clock = 0;
	const limiter = new InFlightLimiter({ initial: 5, max: 32, now: () => clock });
	const pending: Array<{ at: number; answer: () => void }> = [];
	const limits: number[] = [];
	const outcomes: Outcome[] = [];
	const runs = Array.from({ length: n }, () =>
		limiter.run(
			() =>
				new Promise<Outcome>((resolve) => {
					const { at, outcome } = provider(clock, limiter.inFlight);
					outcomes.push(outcome);
					pending.push({ at, answer: () => resolve(outcome) });
				}),
			(outcome) => outcome,
		),
	);
	for (;;) {
		await tick();
		if (pending.length === 0) break;
		pending.sort((a, b) => a.at - b.at);
		const next = pending.shift()!;
		clock = next.at;
		next.answer();
		limits.push(limiter.limit);
	}
	await Promise.all(runs);
	return { limiter, limits, refused: outcomes.filter((o) => o === 'refused').length, took: clock };
}

/** A small fixed jitter (0–4 ms), the same every run. */
const jitter = (() => {
	let seed = 7;
	return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 5);
})();

/** Slower as more calls are in flight (1.2 ms each), but never a queue: more in flight, more answers per second. */
const shared: Provider = (now, inFlight) => ({ at: now + 50 + 1.2 * inFlight + jitter(), outcome: 'ok' });

/** K served at once for `service` ms each, Q more wait, beyond that refused at once (the sandbox's capacity option). */
function capacity(K: number, Q: number, service: number): Provider {
	const ends: number[] = [];
	return (now) => {
		const inSystem = ends.filter((end) => end > now).sort((a, b) => a - b);
		if (inSystem.length >= K + Q) return { at: now + 1, outcome: 'refused' };
		// FIFO: service starts when the K-th last of those still in the system ends
		const start = inSystem.length < K ? now : inSystem[inSystem.length - K];
		const end = start + service + jitter();
		ends.push(end);
		return { at: end, outcome: 'ok' };
	};
}

describe('InFlightLimiter: steps up kept only when they raise the answers per second', () => {
	it('gives a provider that slows down but still answers more per second the ceiling (32)', async () => {
		const { limiter, limits } = await simulate(shared, 2000);
		console.log('shared', limiter.stats, limits.slice(-5));
		expect(Math.max(...limits)).toBe(32);
		expect(limiter.stats.calls).toBeGreaterThan(0);
		expect(limits.slice(-200).every((l) => l >= 24)).toBe(true);
	});

	it('does not step past a capacity whose extra calls only queue: ≤ 1 % refused, stays near 8 + 4', async () => {
		const { limiter, limits, refused } = await simulate(capacity(8, 4, 60), 2000);
		expect(refused).toBeLessThanOrEqual(20); // 1 %
		expect(limiter.stats.stepsUndone).toBeGreaterThan(0);
		// A step past 12 may cost a refusal once; it is not kept: under 5 % of answers come above 12.
		expect(limits.slice(200).filter((limit) => limit > 12).length).toBeLessThan(90);
	});
});
