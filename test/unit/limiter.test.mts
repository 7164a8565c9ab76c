import { describe, expect, it } from 'vitest';
import { Limiter, sharedLimiter } from '../../nodes/shared/limiter';

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
