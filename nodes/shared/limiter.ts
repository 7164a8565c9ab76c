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
