import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// The fast suite: unit, sandbox and workflow tests. The real-n8n suite has its own config.
export default defineConfig({
	resolve: {
		// One n8n-workflow for the nodes and for n8n-core, as in n8n (both load its CommonJS build);
		// otherwise errors and classes would come from two copies of the module.
		alias: [{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') }],
	},
	test: {
		include: ['test/unit/**/*.test.ts', 'test/sandbox/**/*.test.ts', 'test/workflows/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks',
	},
});
