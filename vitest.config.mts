import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { recordConsole } from './test/helpers/secrets-check.mts';

const require = createRequire(import.meta.url);

// The fast suite: unit, sandbox, workflow and fault tests. The real-n8n suite has its own config.
export default defineConfig({
	resolve: {
		// One n8n-workflow for the nodes and for n8n-core, as in n8n (both load its CommonJS build);
		// otherwise errors and classes would come from two copies of the module.
		alias: [{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') }],
	},
	test: {
		include: ['test/unit/**/*.test.?(m)ts', 'test/sandbox/**/*.test.?(m)ts', 'test/workflows/**/*.test.?(m)ts', 'test/faults/**/*.test.?(m)ts'],
		// Records what every test produced and, after the last one, fails the run if a secret is in it.
		globalSetup: ['test/helpers/secrets-check.mts'],
		onConsoleLog: (log, type) => recordConsole(log, type),
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks',
	},
});
