// End-to-end tests against real n8n installs (test/e2e). Separate from the fast suite:
//   npm run test:e2e                              n8n 1.123.81 and 2.41.3 (what CI runs)
//   N8N_E2E_VERSIONS=2.33.5 npm run test:e2e      another supported version (scripts/n8n-env.mjs)
// The first run installs Node 24 and the n8n versions into the cache folder
// (${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-whatsapp-gateways, or N8N_WG_CACHE_DIR): ~5-10 minutes,
// ~4 GB; later runs reuse them. Other knobs: N8N_E2E_NO_BUILD=1 (test dist/ as it is),
// N8N_E2E_KEEP=1 (keep the n8n user folders under .n8n-e2e/ for a look afterwards).
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/e2e/**/*.test.?(m)ts'],
		globalSetup: ['test/e2e/global-setup.mts'],
		// the e2e files skip themselves without it, so the fast suite can never run them by accident
		env: { N8N_E2E: '1' },
		// one n8n at a time: each needs a CPU and ~500 MB while it starts
		fileParallelism: false,
		pool: 'forks',
		testTimeout: 5 * 60_000,
		// the global setup may install n8n (cold machine); a suite's setup starts one
		hookTimeout: 40 * 60_000,
		teardownTimeout: 60_000,
		reporters: ['verbose'],
	},
});
