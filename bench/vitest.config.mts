// The in-process part of `npm run bench` (bench/run.mjs starts it): n8n-core runs each node of the
// package through test/helpers/harness.mts, next to a plain fetch loop making the same calls.
// Not part of `npm test`: the fast suite's config includes only test/.
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
	root: path.resolve(__dirname, '..'),
	resolve: {
		// One n8n-workflow for the nodes and n8n-core, as in the fast suite's config.
		alias: [{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') }],
	},
	test: {
		include: ['bench/inprocess.bench-test.mts'],
		testTimeout: 20 * 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		fileParallelism: false,
		reporters: ['default'],
	},
});
