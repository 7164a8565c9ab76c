// Browser tests of the sandbox's phone simulator (test/browser): Debian's Chromium driven by
// playwright-core, against the sandbox and, for the send → reply → trigger loop, a real n8n 1.123.81.
//   npx vitest run --config vitest.browser.config.mts
// Needs /usr/bin/chromium (apt-get install -y chromium); playwright-core and n8n are installed into
// the cache folder on first use. N8N_E2E_NO_BUILD=1 tests dist/ as it is.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
	resolve: {
		// one n8n-workflow for the nodes and n8n-core, as in vitest.config.mts
		alias: [{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') }],
	},
	test: {
		include: ['test/browser/**/*.test.?(m)ts'],
		globalSetup: ['test/browser/global-setup.mts'],
		// one browser (and one n8n) at a time on a shared machine
		fileParallelism: false,
		pool: 'forks',
		testTimeout: 5 * 60_000,
		// the global setup may install n8n on a cold machine; a file's setup starts one
		hookTimeout: 40 * 60_000,
		teardownTimeout: 60_000,
		reporters: ['verbose'],
	},
});
