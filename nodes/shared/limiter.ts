import type { INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { InputError, ProviderError } from './errors';

/**
 * Bounds how many calls are in flight at once. No timers: a finished call hands its slot to the
 * next waiter, so the limiter adds no delay of its own.
 */
export class Limiter {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(readonly max: number) {
		if (!Number.isInteger(max) || max < 1) throw new RangeError(`Limiter needs a whole number ≥ 1, got ${max}`);
	}

	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
		else this.active++;
		try {
			return await task();
		} finally {
			const next = this.waiting.shift();
			// The slot passes straight to the next waiter, so `active` stays the same.
			if (next) next();
			else this.active--;
		}
	}

	get inFlight(): number {
		return this.active;
	}
}

const shared = new Map<string, Limiter>();

/**
 * One limiter per key for the whole n8n process, so that every node (and every execution) that
 * uses the same provider token shares the provider's concurrency budget.
 */
export function sharedLimiter(key: string, max: number): Limiter {
	let limiter = shared.get(key);
	if (!limiter || limiter.max !== max) {
		// A changed limit only applies once the old limiter has drained.
		if (limiter && limiter.inFlight > 0) return limiter;
		limiter = new Limiter(max);
		shared.set(key, limiter);
	}
	return limiter;
}

export interface AdaptiveSettings {
	/** The provider's limit per token: the most permits a process ever uses. */
	max: number;
	/** The fewest permits a process keeps (1: a process always makes progress). */
	min: number;
	/**
	 * First pause of new calls after a refusal, in ms; doubles with each refusal, and comes back
	 * down by half only after `callsPerStepDown` accepted calls, so that a process that takes a
	 * place over from another does not start probing fast again.
	 */
	pauseMs: number;
	/** Accepted calls that bring the pause after a refusal down one step (a halving). */
	callsPerStepDown: number;
	/** The longest pause: how long a freed place of the provider may stay unused at worst. */
	maxPauseMs: number;
	/** Quiet time (no refusal) after which one permit comes back. */
	recoverMs: number;
	/** The longest quiet time: it doubles each time a permit given back is refused at once. */
	maxRecoverMs: number;
}

/**
 * A limiter for a limit the provider enforces per token across every process that uses the token
 * (n8n's queue mode: each worker is its own process and they share no memory). Each process
 * learns from the provider's refusals alone:
 * - a refusal takes one permit away (down to `min`) and pauses new calls of this process
 *   (growing pauses while refusals go on, shrinking only slowly with accepted calls), so that the
 *   processes together fall back to the provider's limit instead of hammering it;
 * - a permit comes back after a quiet time without refusals; a permit that is refused again at once
 *   makes the next quiet time longer, so that processes that share a token stop probing it often.
 * A refused task is safe to repeat (the provider did nothing): it goes back to the head of the
 * queue and is run again after the pause. No timers: waits are `sleep` from n8n-workflow.
 */
export class AdaptiveLimiter {
	private active = 0;
	private permits: number;
	private readonly waiting: Array<() => void> = [];
	private pausedUntil = 0;
	private pumpScheduled = false;
	/** How many doublings the next pause gets: up one per refusal, down one per `callsPerStepDown` accepted calls. */
	private pauseSteps = 0;
	private quietMs: number;
	private lastChange = Date.now();
	private raisedAt = -Infinity;
	/** Counters for tests and benchmarks. */
	readonly stats = { calls: 0, refusals: 0 };

	constructor(readonly settings: AdaptiveSettings) {
		if (!Number.isInteger(settings.max) || !Number.isInteger(settings.min) || settings.min < 1 || settings.max < settings.min) {
			throw new RangeError(`AdaptiveLimiter needs whole numbers 1 ≤ min ≤ max, got ${settings.min}..${settings.max}`);
		}
		this.permits = settings.max;
		this.quietMs = settings.recoverMs;
	}

	get inFlight(): number {
		return this.active;
	}

	/** How many calls this process lets run at once right now. */
	get limit(): number {
		return this.permits;
	}

	/**
	 * Runs the task with a permit. While `isRefusal` says the provider refused it, and `giveUpAfterMs`
	 * has not passed since the first refusal, the task is run again after the pause; the last answer
	 * is returned either way.
	 */
	async run<T>(task: () => Promise<T>, isRefusal: (result: T) => boolean = () => false, giveUpAfterMs = 0): Promise<T> {
		let firstRefusal: number | undefined;
		let front = false;
		for (;;) {
			await this.acquire(front);
			let result: T;
			let answered = false;
			try {
				this.stats.calls++;
				result = await task();
				answered = true;
			} finally {
				this.active--;
				// A task that threw is no refusal: its place goes to the next call.
				if (!answered) this.pump();
			}
			const refused = isRefusal(result);
			if (refused) this.refused();
			else this.succeeded();
			this.pump();
			if (!refused) return result;
			firstRefusal ??= Date.now();
			if (Date.now() - firstRefusal >= giveUpAfterMs) return result;
			front = true; // it has waited its turn already
		}
	}

	private acquire(front: boolean): Promise<void> {
		return new Promise((resolve) => {
			if (front) this.waiting.unshift(resolve);
			else this.waiting.push(resolve);
			this.pump();
		});
	}

	/** Hands free permits to waiters in order, unless new calls are paused. */
	private pump(): void {
		this.maybeRecover();
		while (this.waiting.length > 0 && this.active < this.permits) {
			const wait = this.pausedUntil - Date.now();
			if (wait > 0) {
				if (!this.pumpScheduled) {
					this.pumpScheduled = true;
					void sleep(wait).then(() => {
						this.pumpScheduled = false;
						this.pump();
					});
				}
				return;
			}
			this.active++;
			this.waiting.shift()!();
		}
	}

	private refused(): void {
		const now = Date.now();
		this.stats.refusals++;
		// Never more steps than reach maxPauseMs, so that coming down starts at once.
		this.pauseSteps = Math.min(this.pauseSteps + 1, 1 + Math.log2(this.settings.maxPauseMs / this.settings.pauseMs));
		// A permit given back and refused before a quiet time passed: the token is shared, probe less often.
		if (now - this.raisedAt < this.quietMs) this.quietMs = Math.min(this.settings.maxRecoverMs, this.quietMs * 2);
		this.raisedAt = -Infinity;
		if (this.permits > this.settings.min) this.permits--;
		this.lastChange = now;
		// Another call of this process is still in flight: it holds a place of the provider, and the
		// refused call takes it over when it ends. No pause, which would leave that place unused.
		if (this.active > 0) return;
		const pause = Math.min(this.settings.maxPauseMs, this.settings.pauseMs * 2 ** (this.pauseSteps - 1));
		// Jitter, so that processes refused together do not come back together.
		this.pausedUntil = Math.max(this.pausedUntil, now + pause * (0.5 + Math.random()));
	}

	private succeeded(): void {
		this.pauseSteps = Math.max(0, this.pauseSteps - 1 / this.settings.callsPerStepDown);
		// A permit given back that held for a quiet time: the next one may come back as soon.
		if (this.raisedAt !== -Infinity && Date.now() - this.raisedAt >= this.quietMs) {
			this.quietMs = this.settings.recoverMs;
			this.raisedAt = -Infinity;
		}
	}

	/** One permit back after a quiet time without refusals, if calls are waiting for it. */
	private maybeRecover(): void {
		const now = Date.now();
		if (this.permits >= this.settings.max || this.waiting.length === 0 || now - this.lastChange < this.quietMs) return;
		this.permits++;
		this.lastChange = now;
		this.raisedAt = now;
	}
}

const adaptive = new Map<string, AdaptiveLimiter>();

/** One adaptive limiter per key (a provider token) for the whole process. */
export function sharedAdaptiveLimiter(key: string, settings: AdaptiveSettings): AdaptiveLimiter {
	let limiter = adaptive.get(key);
	if (!limiter) {
		limiter = new AdaptiveLimiter(settings);
		adaptive.set(key, limiter);
	}
	return limiter;
}

/** What one task told the limiter: a clean answer, a refusal (or a lost connection), or no call at all. */
export type Outcome = 'ok' | 'refused' | 'skip';

/** What the item loops need of a limiter; a fixed `Limiter` ignores the outcome. */
export interface Slots {
	readonly inFlight: number;
	run<T>(task: () => Promise<T>, outcome?: (result: T) => Outcome): Promise<T>;
}

export interface InFlightSettings {
	/** Where a run starts (the node's former fixed default). */
	initial: number;
	/** The ceiling the user sets: never more in flight than this. */
	max: number;
	/** The clock, in ms (tests give their own). */
	now?: () => number;
	/**
	 * Waits a moment on the process's own timers and says how many ms late it ended (n8n's own
	 * waiting). Default: `timerLateness`; none when a test gives its own clock and no probe.
	 */
	lateness?: () => Promise<number>;
}

/** How long the lateness probe waits each time, in ms. */
const PROBE_MS = 5;

/** How late a 5 ms wait on the process's timers ends, in ms (Date.now: 1 ms steps, enough here). */
export async function timerLateness(): Promise<number> {
	const asked = Date.now();
	await sleep(PROBE_MS);
	return Math.max(0, Date.now() - asked - PROBE_MS);
}

/** Vegas' α and β: calls estimated waiting in the provider's queue (limit × (1 − baseline ÷ round median)). */
const QUEUE_LOW = 2;
const QUEUE_HIGH = 3;
/** A step up from a held limit: ×1.25, tried after 2 held rounds (up to 64 after steps undone). */
const STEP_GAIN = 1.25;
const STEP_AFTER = 2;
const STEP_AFTER_MOST = 64;
/** The share of a step's added calls its delivered answers per second must show (½: most were served, not queued). */
const STEP_SERVED = 0.5;

/**
 * Calls in flight that follow what the provider takes, for providers that publish no limit
 * (OvoWpp and its brands, Mensatek). One per node run: each run starts at `initial` again.
 *
 * The algorithm, and why (published ones studied):
 * - AIMD (TCP Reno; Netflix concurrency-limits' AIMDLimit) backs off only on loss: here a refusal
 *   (429, 5xx, a relayed throttling error) or a lost connection. Loss alone has to overshoot to find
 *   the limit, and every overshoot is a refused call the user has to deal with: too late a signal.
 * - TCP Vegas (concurrency-limits' VegasLimit) reads the provider's queue from delay: answers slower
 *   than the fastest seen mean calls wait in a queue, so it backs off before the queue overflows.
 * - Gradient2 (concurrency-limits) compares a short and a long average of the answer time with a
 *   tolerance and scales the limit by their ratio: robust against single slow answers.
 * - BBR (TCP) estimates the bottleneck's delivery rate and sends at it, rather than reading delay.
 * This one is TCP Vegas' queue estimate, judged per round on the round's median (robust against a
 * single slow answer, as Gradient2's averages are), plus AIMD's halving on loss, plus steps up kept
 * only for the delivery rate they added:
 * - a round is as many answers as the limit, of calls started after the round began (as TCP judges
 *   once per window), so one overload is punished once. A call on a new connection (TCP and TLS
 *   handshakes) is slow once; a queue slows every call, so the median tells them apart;
 * - the calls waiting in the provider's queue are estimated as Vegas does: limit × (1 − baseline ÷
 *   the round's median). Fewer than α = 2: the limit grows, ×1.5 per round until the first sign of
 *   a queue (a slow start, left at the first queue as HyStart does for TCP; 1.5 and not 2, so one
 *   step past the provider's capacity rather lands in its queue than beyond it), then +1 per round
 *   (additive increase); growing is judged on the round's mean, which the few calls a step puts
 *   into the queue do raise. Between α and β = 3: it holds. Above β (on the median), once half the
 *   round is in: one less at once, or half when the median is over twice the baseline (a deep queue).
 *   Estimating calls queued, rather than comparing times (Gradient2's ratio with a tolerance, tried
 *   first), keeps a few in flight from reacting to jitter: the n8n process is busy with other items
 *   too, and at 3 in flight an answer twice as slow means 1.5 calls queued, not an overload;
 * - a refusal or a lost connection halves it at once (multiplicative decrease), and the limit where
 *   it came is reached again only one step per 8 clean rounds (the queue may be full before the
 *   times show it: a busy n8n process holds part of each call's time itself);
 * - the baseline is the fastest answer (Vegas' BaseRTT), creeping up ½ % a round, so that a
 *   provider that became slower for good becomes the new normal (Vegas' known weakness);
 * - an answer's time also holds the n8n process's own waiting: a busy event loop reads every answer
 *   late, and Vegas would take that for the provider's queue. So while calls are in flight a probe
 *   waits 5 ms at a time on the process's timers, and a round's times are judged less the mean of
 *   how late those waits ended during the round (a delay shared by the timers and the answers is the
 *   process's, not the provider's; the capacity-limited tests check a real queue still shows);
 * - delay is not always a queue: a provider (or the machine under n8n) that slows down as more calls
 *   are in flight may still answer more of them per second, and Vegas alone then holds far below
 *   what it takes (measured: 19–24 of 32 in the benchmark). So, as BBR judges TCP by the delivery
 *   rate it measures rather than by delay, after 2 rounds that the delay held or lowered the limit it
 *   steps up by a quarter for a round, and keeps the step only if the answers per second (Little's
 *   law: calls in flight ÷ their mean time, over the calls started after the step's first round) rose
 *   by at least half as much as the calls in flight did (the added calls were served, not queued). A
 *   kept step is a floor the delay no longer takes it under (a refusal or a deep queue still does)
 *   and the next step follows at once; an undone one makes the next wait twice as long (at most 64
 *   rounds). Against a real capacity a step past it delivers nothing more and is undone; one that
 *   reaches past the provider's queue costs a refusal, after which steps stop below that level.
 * The limiter only decides when a call starts: what is retried (never a send that may have gone
 * out) is the transport's business. The probe only measures: no call waits for it.
 */
export class InFlightLimiter implements Slots {
	private active = 0;
	private current: number;
	private readonly waiting: Array<() => void> = [];
	private started = 0;
	/** Calls numbered from here on belong to the current round. */
	private roundFrom = 0;
	private roundSize: number;
	private roundTimes: number[] = [];
	private slowStart = true;
	private baseline = Infinity;
	/** The lowest limit at which a call was refused in this run, and the clean rounds since just below it. */
	private refusedAt = Infinity;
	private cleanBelowRefusal = 0;
	private readonly now: () => number;
	private readonly measureLateness?: () => Promise<number>;
	/** How late the probe's waits ended during the current round, in ms. */
	private lateness: number[] = [];
	private probing = false;
	/** The lowest limit the delay may take it to: a level whose added calls raised the answers per second. */
	private proven = 0;
	/** A step up under test: the limit it came from, and the answers per ms and calls in flight there. */
	private step?: { from: number } & Delivery;
	/** Rounds the delay held or lowered the limit since the last step, and how many a step waits for. */
	private congested = 0;
	private stepAfter = STEP_AFTER;
	/**
	 * What the calls started from call `from` on delivered: their number, the sum of their times and
	 * of the calls in flight when each started (Little's law: answers per ms = in flight ÷ time).
	 */
	private window = { from: 0, calls: 0, time: 0, load: 0 };
	/** Counters for tests and benchmarks. */
	readonly stats = { calls: 0, refusals: 0, slowRounds: 0, highest: 0, lowest: 0, probes: 0, stepsKept: 0, stepsUndone: 0 };

	constructor(readonly settings: InFlightSettings) {
		const { initial, max } = settings;
		if (!Number.isInteger(max) || max < 1) throw new RangeError(`InFlightLimiter needs a whole ceiling ≥ 1, got ${max}`);
		this.current = this.roundSize = Math.min(max, Math.max(1, Math.floor(initial)));
		this.now = settings.now ?? Date.now;
		this.measureLateness = settings.lateness ?? (settings.now ? undefined : timerLateness);
		this.stats.highest = this.stats.lowest = this.current;
	}

	get inFlight(): number {
		return this.active;
	}

	/** How many calls may be in flight right now. */
	get limit(): number {
		return this.current;
	}

	async run<T>(task: () => Promise<T>, outcome: (result: T) => Outcome = () => 'ok'): Promise<T> {
		// A waiter is handed its slot by pump(), already counted in `active`.
		if (this.active < this.current && this.waiting.length === 0) this.active++;
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		const number = this.started++;
		const load = this.active;
		this.probe();
		const began = this.now();
		// A task that throws is a bug or a lost connection: it counts as a refusal.
		let result: 'refused' | 'skip' | number = 'refused';
		try {
			const value = await task();
			const said = outcome(value);
			result = said === 'ok' ? this.now() - began : said;
			return value;
		} finally {
			this.active--;
			this.learn(number, result, load);
			this.pump();
		}
	}

	/** Measures, while calls are in flight, how late the process's timers run; ends with the last call. */
	private probe(): void {
		const late = this.measureLateness;
		if (this.probing || !late) return;
		this.probing = true;
		void (async () => {
			try {
				while (this.active > 0) {
					this.lateness.push(await late());
					this.stats.probes++;
				}
			} finally {
				this.probing = false;
			}
		})();
	}

	/** The process's own share of this round's answer times: how late its timers ran, on average. */
	private ownDelay(): number {
		const n = this.lateness.length;
		return n ? this.lateness.reduce((sum, t) => sum + t, 0) / n : 0;
	}

	private pump(): void {
		while (this.waiting.length > 0 && this.active < this.current) {
			this.active++;
			this.waiting.shift()!();
		}
	}

	private learn(number: number, result: 'refused' | 'skip' | number, load: number): void {
		if (result === 'skip') return;
		this.stats.calls++;
		if (result === 'refused') this.stats.refusals++;
		// Every clean answer counts toward the answers per second (each call carries its own load).
		if (typeof result === 'number' && number >= this.window.from) {
			this.window.calls++;
			this.window.time += result;
			this.window.load += load;
		}
		// An answer to a call started before the last change does not judge the new limit: an
		// overload it shows has been answered already, and a clean one says nothing of the new limit.
		if (number < this.roundFrom) return;
		if (result === 'refused') {
			this.slowStart = false;
			this.refusedAt = Math.min(this.refusedAt, this.current);
			this.forget();
			this.setLimit(Math.floor(this.current / 2));
			return;
		}
		this.roundTimes.push(result);
		// The fastest answer is the time without a queue (Vegas' BaseRTT); a round's median would
		// keep a cold start's slow connections in it.
		this.baseline = Math.min(this.baseline, result);
		const answered = this.roundTimes.length;
		// Judged once half the round is in (at once, not after the slowest answer) and at its end.
		if (answered * 2 <= this.roundSize && answered < this.roundSize) return;
		// Never below the baseline: the probe's mean may hold more waiting than a given answer saw.
		const own = this.ownDelay();
		const typical = Math.max(this.baseline, median(this.roundTimes) - own);
		const queued = this.current * (1 - this.baseline / typical);
		if (queued > QUEUE_HIGH) {
			// Over twice the usual time: a deep queue, half, whatever was proven; otherwise one less
			// (Vegas), but not below a level proven by its answers per second, nor during a step up
			// under test (judged at the round's end by what it delivered).
			const deep = typical > 2 * this.baseline;
			if (deep || (!this.step && this.current > this.proven)) {
				this.stats.slowRounds++;
				this.slowStart = false;
				if (deep) this.forget();
				else if (this.congestion()) return;
				this.setLimit(deep ? Math.floor(this.current / 2) : this.current - 1);
				return;
			}
		}
		if (answered < this.roundSize) return;
		const total = this.roundTimes.reduce((sum, t) => sum + t, 0);
		if (this.step) {
			// Judged once a round's worth of calls started after its first round answered; until
			// then another round at the same limit.
			if (this.window.calls < this.current) this.setLimit(this.current);
			else this.judgeStep();
			return;
		}
		// Growing asks more: the round's mean, which the few calls a step put into the provider's
		// queue do raise (right after a step, most calls of the round were served at once).
		const mean = Math.max(this.baseline, total / answered - own);
		const queuedOnAverage = this.current * (1 - this.baseline / mean);
		// Creeping up ½ % a round, so that a provider slower for good becomes the new normal in time;
		// faster, and the estimate of calls queued falls short (it let a limit grow past a full queue).
		this.baseline = Math.min(Math.min(...this.roundTimes), this.baseline * 1.005);
		const holds = queuedOnAverage >= QUEUE_LOW;
		if (holds) {
			this.slowStart = false;
			if (this.congestion()) return;
		}
		// A queue of a few calls holds the limit (Vegas: between α and β).
		let grown = holds ? this.current : this.slowStart ? Math.ceil(this.current * 1.5) : this.current + 1;
		// Where a refusal came, the provider's queue was full although the times did not show it (the
		// calls of a busy n8n process spend part of their time in it, not at the provider): up to
		// there again one step per 8 clean rounds only, so that one overshoot is not repeated.
		if (grown >= this.refusedAt) {
			if (++this.cleanBelowRefusal < 8) grown = Math.min(grown, this.refusedAt - 1);
			else {
				this.cleanBelowRefusal = 0;
				this.refusedAt++;
			}
		}
		this.setLimit(grown);
	}

	/**
	 * The delay held or lowered the limit for a round. After `stepAfter` such rounds, with a round's
	 * worth of answers measured, a step up instead: a quarter more calls, never where a refusal came.
	 * True when it stepped.
	 */
	private congestion(): boolean {
		// Measured from the first such round on: what was delivered before it (a slow start, a step
		// undone, calls before a refusal) is not the level to beat.
		if (this.congested === 0) this.measureFrom(this.started);
		if (++this.congested < this.stepAfter || this.window.calls < this.current) return false;
		return this.stepUp(this.delivered());
	}

	/** A quarter more calls, never where a refusal came; `before` is what the current limit delivered. False when there is no room. */
	private stepUp(before: Delivery): boolean {
		const to = Math.min(this.settings.max, this.refusedAt - 1, Math.floor(this.current * STEP_GAIN));
		if (to <= this.current) return false;
		this.step = { from: this.current, ...before };
		this.congested = 0;
		this.setLimit(to);
		// The step's first round still holds calls that started at the old limit: judged after it.
		this.measureFrom(this.started + to);
		return true;
	}

	/**
	 * Judges a step up by what it delivered: kept when the answers per second rose by at least half
	 * as much as the calls in flight did (the added calls were served, not queued), and the next one
	 * tried at once from what it delivered; otherwise undone, and the next waits twice as long.
	 */
	private judgeStep(): void {
		const { from, rate: before, load: was } = this.step!;
		const { rate, load } = this.delivered();
		this.step = undefined;
		this.congested = 0;
		// No more in flight (nothing was waiting): nothing to judge, undone.
		const served = load > was ? Math.log(rate / before) / Math.log(load / was) : 0;
		if (served >= STEP_SERVED) {
			this.stats.stepsKept++;
			this.proven = this.current;
			this.stepAfter = STEP_AFTER;
			// At the ceiling (or below a refusal): a new round here.
			if (!this.stepUp({ rate, load })) this.setLimit(this.current);
			return;
		}
		this.stats.stepsUndone++;
		this.stepAfter = Math.min(STEP_AFTER_MOST, this.stepAfter * 2);
		this.setLimit(from);
	}

	/** Answers per ms and calls in flight, on average, of the calls measured (the process's own waiting included: what the user gets). */
	private delivered(): Delivery {
		const { calls, time, load } = this.window;
		return { rate: load / Math.max(1, time), load: load / Math.max(1, calls) };
	}

	private measureFrom(call: number): void {
		this.window = { from: call, calls: 0, time: 0, load: 0 };
	}

	/** A refusal or a deep queue: what the answers per second proved no longer holds. */
	private forget(): void {
		this.proven = 0;
		this.step = undefined;
		this.congested = 0;
	}

	/** A new limit starts a new round. */
	private setLimit(limit: number): void {
		this.current = Math.min(this.settings.max, Math.max(1, limit));
		this.stats.highest = Math.max(this.stats.highest, this.current);
		this.stats.lowest = Math.min(this.stats.lowest, this.current);
		this.roundFrom = this.started;
		this.roundSize = this.current;
		this.roundTimes = [];
		this.lateness = [];
		this.pump();
	}
}

interface Delivery {
	/** Answers per ms. */
	rate: number;
	/** Calls in flight, on average. */
	load: number;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/**
 * What a handled item (or batch) tells an `InFlightLimiter`: success and the provider's own
 * answers (a validation error is an answer) are clean; HTTP 429 and 5xx, a connection that failed or
 * was lost, and what `throttled` recognises (a throttling error relayed inside an answer) are
 * refusals; a bad input made no call.
 */
export function callOutcome(error: unknown, throttled: (error: ProviderError) => boolean = () => false): Outcome {
	if (error === undefined) return 'ok';
	if (error instanceof InputError) return 'skip';
	if (!(error instanceof ProviderError)) return 'skip';
	const status = Number(error.details.httpCode);
	if (status === 429 || status >= 500) return 'refused';
	// No HTTP status: the connection failed or was lost (nodes/shared/http.ts, networkFailure).
	if (error.details.httpCode === undefined && error.details.delivery !== 'partial') return 'refused';
	return throttled(error) ? 'refused' : 'ok';
}

/** OvoWpp's (and every brand's) default ceiling of calls in flight: well above what the node starts with. */
export const IN_FLIGHT_CEILING = 32;

/**
 * The option of the sending operations that adapt their calls in flight. Its name and parameter
 * are the former fixed Requests In Flight's, so saved workflows load; it is now the ceiling.
 */
export function inFlightCeilingOption(start: number, ceiling = IN_FLIGHT_CEILING, most = 100): INodeProperties {
	return {
		displayName: 'Requests In Flight',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: most },
		default: ceiling,
		description: `The most items sent to the provider at the same time. The node starts with ${start} and sends more at once while the provider answers fast and without refusals (or, slower, still answers more per second), and fewer as soon as answers are refused or slow down without coming more per second; it never goes above this number. Lower it to be gentler on the provider.`,
	};
}
