// Config of bench/list-walks.bench-test.mts (not part of `npm test` nor of `npm run bench`).
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
	root: path.resolve(__dirname, '..'),
	resolve: { alias: [{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') }] },
	test: { include: ['bench/list-walks.bench-test.mts'], testTimeout: 20 * 60_000, pool: 'forks' },
});
