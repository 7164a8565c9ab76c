// Runs once before the browser tests: Debian's Chromium must be there, playwright-core is installed
// into the cache folder when missing (no browser download), and for the real-n8n test n8n 1.123.81
// is made ready (cached after the first run) and the package built and packed as a user installs it.
import type { TestProject } from 'vitest/node';
// @ts-ignore plain ESM script without types
import * as browser from '../../scripts/browser.mjs';
// @ts-ignore plain ESM script without types
import * as env from '../../scripts/n8n-env.mjs';

export const BROWSER_N8N_VERSION = '1.123.81';

export default async function setup(project: TestProject) {
	const missing = browser.chromiumMissing();
	if (missing) throw new Error(missing);
	const log = (line: string) => process.stderr.write(`[browser] ${line}\n`);
	await browser.ensurePlaywright({ log });
	const installing = env.ensureN8n(BROWSER_N8N_VERSION);
	if (process.env.N8N_E2E_NO_BUILD !== '1') await env.buildPackage({ echo: false });
	const tarball: string = await env.packPackage();
	await installing;
	project.provide('browserTarball', tarball);
}

declare module 'vitest' {
	export interface ProvidedContext {
		browserTarball: string;
	}
}
