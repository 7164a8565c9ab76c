import { sleep } from 'n8n-workflow';

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
