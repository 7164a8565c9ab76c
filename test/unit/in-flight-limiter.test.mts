// The adaptive in-flight limiter of the sending operations (nodes/shared/limiter.ts, InFlightLimiter).
// Part 1 drives it by hand with its own clock (no time involved); part 2 against the sandbox's
// capacity-limited provider over real HTTP, asserting on what the sandbox counted.
import { describe, expect, it } from 'vitest';
import { InputError, ProviderError } from '../../nodes/shared/errors';
import type { Outcome } from '../../nodes/shared/limiter';
import { callOutcome, InFlightLimiter, Limiter } from '../../nodes/shared/limiter';
import { sendOutcome } from '../../nodes/OvoWpp/actions/message/send';
import { useSandbox } from '../helpers/sandbox';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Tasks the test ends by hand: `end(i, outcome, took)` ends task i `took` ms (of its own clock) after it
 * started. With `timersLate`, the limiter's probe hears that its timers run `late.ms` late.
 */
function manual(settings: { initial: number; max: number }, timersLate?: { ms: number }) {
	let clock = 0;
	let stopped = false;
	const limiter = new InFlightLimiter({
		...settings,
		now: () => clock,
		// one sample a turn of the event loop while calls are in flight; none once the test is over
		lateness: timersLate && (() => (stopped ? new Promise<number>(() => {}) : new Promise<number>((resolve) => setImmediate(() => resolve(timersLate.ms))))),
	});
	const ends: Array<(outcome: Outcome) => void> = [];
	const started: number[] = [];
	const startedAt = new Map<number, number>();
	let peak = 0;
	const submit = (count: number) => {
		for (let i = 0; i < count; i++) {
			const index = ends.length;
			let end!: (outcome: Outcome) => void;
			const done = new Promise<Outcome>((resolve) => (end = resolve));
			ends.push((outcome) => end(outcome));
			void limiter.run(async () => {
				started.push(index);
				startedAt.set(index, clock);
				peak = Math.max(peak, limiter.inFlight);
				return done;
			}, (outcome) => outcome);
		}
	};
	const end = async (index: number, outcome: Outcome, took = 10) => {
		clock = startedAt.get(index)! + took;
		ends[index](outcome);
		await tick();
	};
	return { limiter, submit, end, started, peak: () => peak, stop: () => (stopped = true) };
}

describe('InFlightLimiter, driven by hand', () => {
	it('starts at the former default, grows ×1.5 per clean round, never above the ceiling', async () => {
		const m = manual({ initial: 5, max: 12 });
		m.submit(100);
		await tick();
		expect(m.started).toHaveLength(5);
		for (let i = 0; i < 5; i++) await m.end(i, 'ok');
		expect(m.limiter.limit).toBe(8);
		expect(m.started).toHaveLength(13); // 5 done + 8 in flight
		// Calls 5–8 started before the change: the round at 8 is calls 9–16.
		for (let i = 5; i < 17; i++) await m.end(i, 'ok');
		expect(m.limiter.limit).toBe(12);
		for (let i = 17; i < 80; i++) await m.end(i, 'ok');
		expect(m.limiter.limit).toBe(12);
		expect(m.peak()).toBe(12);
	});

	it('halves at once on a refusal, and answers to calls started before that do not judge again', async () => {
		const m = manual({ initial: 8, max: 32 });
		m.submit(100);
		await tick();
		await m.end(0, 'refused');
		expect(m.limiter.limit).toBe(4);
		for (let i = 1; i < 8; i++) await m.end(i, 'refused'); // started before the change
		expect(m.limiter.limit).toBe(4);
		expect(m.limiter.stats.refusals).toBe(8);
		expect(m.started).toHaveLength(12); // 8 + the 4 the new limit lets in, once the old ones ended
		await m.end(8, 'refused');
		expect(m.limiter.limit).toBe(2);
		// After a refusal it grows by one per clean round (additive increase), not ×1.5; the answers
		// to calls started before the change (9–11) do not count.
		for (let i = 9; i < 12; i++) await m.end(i, 'ok');
		expect(m.limiter.limit).toBe(2);
		await m.end(12, 'ok');
		await m.end(13, 'ok');
		expect(m.limiter.limit).toBe(3);
	});

	it('goes down at once when most of a round is slower than the baseline (a queue): by one, by half for a deep queue', async () => {
		const m = manual({ initial: 10, max: 32 });
		m.submit(200);
		await tick();
		let next = 0;
		for (; next < 10; next++) await m.end(next, 'ok', 50); // baseline 50 ms
		expect(m.limiter.limit).toBe(15);
		// From here on every answer takes 100 ms, twice the baseline: a queue.
		const before = m.limiter.limit;
		while (m.limiter.limit === before) await m.end(next++, 'ok', 100);
		expect(m.limiter.limit).toBe(14); // one less: the queue is shallow (under twice the tolerated time)
		expect(m.limiter.stats.slowRounds).toBe(1);
		// Answers to calls started before the decrease do not lower it again.
		const started = m.started.length;
		for (; next < started; next++) await m.end(next, 'ok', 100);
		expect(m.limiter.stats.slowRounds).toBe(1);
		// A round whose answers take 3.5× the baseline: half.
		const deep = m.limiter.limit;
		while (m.limiter.limit === deep) await m.end(next++, 'ok', 175);
		expect(m.limiter.limit).toBe(Math.floor(deep / 2));
	});

	it("does not take the process's own delay for the provider's queue: answers as late as its timers are not slow", async () => {
		// every answer takes 60 ms against a baseline of 50: a queue, unless the process's own timers
		// run 10 ms late as well (n8n busy with other items), and then the provider is as fast as ever
		for (const [late, grows] of [[10, true], [0, false]] as const) {
			const timers = { ms: 0 };
			const m = manual({ initial: 10, max: 32 }, timers);
			m.submit(400);
			await tick();
			let next = 0;
			for (; next < 10; next++) await m.end(next, 'ok', 50); // baseline 50 ms, timers on time
			expect(m.limiter.limit).toBe(15);
			timers.ms = late;
			while (next < 300) await m.end(next++, 'ok', 60);
			m.stop();
			expect(m.limiter.stats.probes, `timers ${late} ms late`).toBeGreaterThan(0);
			if (grows) {
				expect(m.limiter.limit, 'timers 10 ms late').toBe(32);
				expect(m.limiter.stats.slowRounds).toBe(0);
				expect(m.limiter.stats.stepsKept).toBe(0); // no queue seen: grown without a step to test
			} else {
				// the same 10 ms are the provider's now: the delay holds it, and only steps up kept for
				// the answers per second they added (in-flight-throughput.test) take it higher
				expect(m.limiter.stats.stepsKept, 'timers on time').toBeGreaterThan(0);
			}
		}
	});

	it('counts a call that made no request (bad input) as nothing', async () => {
		const m = manual({ initial: 2, max: 4 });
		m.submit(10);
		await tick();
		await m.end(0, 'skip');
		await m.end(1, 'skip');
		expect(m.limiter.limit).toBe(2);
		expect(m.limiter.stats.calls).toBe(0);
	});
});

describe('what a failed call tells the limiter', () => {
	it('429, 5xx and a lost connection are refusals; the provider answering an error is not; bad input made no call', () => {
		expect(callOutcome(undefined)).toBe('ok');
		expect(callOutcome(new ProviderError('busy', { httpCode: 429 }))).toBe('refused');
		expect(callOutcome(new ProviderError('busy', { httpCode: 503 }))).toBe('refused');
		expect(callOutcome(new ProviderError('lost', { delivery: 'unknown' }))).toBe('refused');
		expect(callOutcome(new ProviderError('The contact is invalid', { httpCode: 200 }))).toBe('ok');
		expect(callOutcome(new InputError('Text', 'is empty', 'Write one'))).toBe('skip');
	});

	it("OvoWpp: WhatsApp's throttling relayed inside an HTTP 200 answer (130429, 131056) is a refusal, another Meta error is not", () => {
		expect(sendOutcome(new ProviderError('(#130429) Rate limit hit', { httpCode: 200 }))).toBe('refused');
		expect(sendOutcome(new ProviderError('(#131056) (Business Account, Consumer Account) pair rate limit hit', { httpCode: 200 }))).toBe('refused');
		expect(sendOutcome(new ProviderError('(#131030) Recipient phone number not in allowed list', { httpCode: 200 }))).toBe('ok');
	});
});

describe('InFlightLimiter against the sandbox with a finite capacity (counts from the sandbox)', () => {
	const sandbox = useSandbox();
	const AUTH = { 'client-id': 'ci_HOJTB3RX1D5YFQWNQ2KW', 'client-secret': 'cs_FP5PJQOS9H2C5T8KBID5' };
	const send = async (i: number): Promise<number> => {
		const response = await fetch(`${sandbox.url}/ovowpp/external-api/inbox/send-message`, {
			method: 'POST',
			headers: { ...AUTH, 'content-type': 'application/x-www-form-urlencoded' },
			body: `mobile_code=55&mobile=11988887777&message=n${i}`,
		});
		await response.text();
		return response.status;
	};
	const sendAll = (slots: { run: InFlightLimiter['run'] }, n: number) =>
		Promise.all(Array.from({ length: n }, (_, i) => slots.run(() => send(i), (status) => (status === 200 ? 'ok' : 'refused'))));
	const stats = () => sandbox.control('GET', 'stats');

	it('rises to a capacity of 8 (8 queued at most) with at most 1 % refused', async () => {
		// 60 ms a call: a busy test machine's own delays stay small beside the provider's time.
		await sandbox.config({ provider: 'ovowpp', capacity: 8, queue: 4, latencyMs: 60 });
		const limiter = new InFlightLimiter({ initial: 5, max: 32 });
		const statuses = await sendAll(limiter, 400);
		const s = await stats();
		expect(s.maxServing.ovowpp).toBe(8);
		expect(s.maxInFlight.ovowpp).toBeGreaterThanOrEqual(8);
		expect(s.refusedCapacity.ovowpp).toBeLessThanOrEqual(4); // 1 %
		expect(limiter.stats.highest).toBeGreaterThanOrEqual(8);
		expect(statuses.filter((status) => status === 503)).toHaveLength(s.refusedCapacity.ovowpp);
		expect(await sandbox.messages('ovowpp')).toHaveLength(400 - s.refusedCapacity.ovowpp);
	});

	it('backs off on refusals where the provider has no queue: few refused, where a fixed 16 in flight is refused half the time', async () => {
		await sandbox.config({ provider: 'ovowpp', capacity: 8, queue: 0, latencyMs: 30 });
		await sendAll(new Limiter(16), 200);
		const fixed = (await stats()).refusedCapacity.ovowpp;
		await sandbox.config({ provider: 'ovowpp', resetStats: true });
		const limiter = new InFlightLimiter({ initial: 5, max: 32 });
		await sendAll(limiter, 400);
		const adaptive = (await stats()).refusedCapacity.ovowpp;
		expect(fixed).toBeGreaterThanOrEqual(50);
		expect(adaptive).toBeLessThanOrEqual(20); // 5 %: each overshoot costs a refusal, then the limit halves
		expect(limiter.stats.refusals).toBe(adaptive);
	});
});
