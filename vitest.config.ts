import { defineConfig } from 'vitest/config';

// The fast suite: unit, sandbox and workflow tests. The real-n8n suite has its own config.
export default defineConfig({
	test: {
		include: ['test/unit/**/*.test.ts', 'test/sandbox/**/*.test.ts', 'test/workflows/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks',
	},
});
