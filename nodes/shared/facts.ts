/**
 * Provider facts, tagged as ../shared/docs/providers.md tags them. Each provider keeps its own in
 * `nodes/<Provider>/facts.ts`, a file of pure data (type imports only) that the node reads and the
 * sandbox loads too (sandbox/facts.mjs), so the sandbox cannot drift from what the node assumes.
 *
 * - `doc` / `code`: known; `value` is what the node may branch on.
 * - `open`: unknown. It has no `value`, so code that tries to branch on it does not compile; `sandbox`
 *   is the sandbox's own choice for it (marked as such), and test/unit/facts.test.mts fails when a node
 *   file contains that choice.
 */
export type KnownFact<T = unknown> = {
	readonly tag: 'doc' | 'code';
	readonly value: T;
	/** Where it comes from: providers.md's section and words. */
	readonly source: string;
};

export type OpenFact<T = unknown> = {
	readonly tag: 'open';
	/** What the sandbox does for it: its own choice, never the provider's known behaviour. */
	readonly sandbox?: T;
	readonly source: string;
};

export type Facts = Readonly<Record<string, KnownFact | OpenFact>>;
