// End-to-end tests against real n8n installs (test/e2e). Separate from the fast suite:
//   npm run test:e2e                    both n8n versions
//   N8N_E2E_VERSIONS=2.33.5 npm run test:e2e   one of them
// The first run installs Node 24 and both n8n versions into the cache folder (~10 minutes);
// later runs reuse them.
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/e2e/**/*.test.ts'],
		globalSetup: ['test/e2e/global-setup.ts'],
		env: { N8N_E2E: '1' },
		// one n8n at a time: each needs ~1 CPU and 500 MB while starting
		fileParallelism: false,
		pool: 'forks',
		testTimeout: 5 * 60_000,
		hookTimeout: 25 * 60_000,
		teardownTimeout: 60_000,
		reporters: ['verbose'],
	},
});
