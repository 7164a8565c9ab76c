/**
 * Values kept for one run of a node, by key. n8n gives each run its own execute/load-options
 * context object, so a WeakMap on that object forgets the values when the run ends, and one run
 * never sees another's (credentials, template lists, credit: read once however many items ask).
 */
export interface PerRun<T> {
	/** The value of `key` in this run, made by `make` the first time it is asked for. */
	get(ctx: object, key: string, make: () => T): T;
	/** Forgets `key` in this run (a failed read is not kept: the next ask tries again). */
	forget(ctx: object, key: string): void;
}

export function perRun<T>(): PerRun<T> {
	const runs = new WeakMap<object, Map<string, T>>();
	return {
		get(ctx, key, make) {
			let values = runs.get(ctx);
			if (!values) runs.set(ctx, (values = new Map()));
			if (!values.has(key)) values.set(key, make());
			return values.get(key) as T;
		},
		forget(ctx, key) {
			runs.get(ctx)?.delete(key);
		},
	};
}
