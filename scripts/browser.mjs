// Debian's Chromium driven by playwright-core, for `npm run screenshots` and test/browser/.
// playwright-core is installed on first use into the harness's cache folder (not into the package),
// and no browser is downloaded: /usr/bin/chromium (apt-get install -y chromium) is the browser.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { cacheDir, npmCliPath } from './n8n-env.mjs';

export const PLAYWRIGHT_VERSION = '1.65.1';
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** playwright-core from the cache folder, installed there (npm, no browser download) when missing. */
export async function ensurePlaywright({ log = console.log } = {}) {
	const dir = path.join(cacheDir(), 'playwright');
	const pkg = path.join(dir, 'node_modules', 'playwright-core', 'package.json');
	if (!fs.existsSync(pkg) || JSON.parse(fs.readFileSync(pkg, 'utf8')).version !== PLAYWRIGHT_VERSION) {
		log(`installing playwright-core@${PLAYWRIGHT_VERSION} into ${dir}`);
		await fsp.mkdir(dir, { recursive: true });
		await fsp.writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'n8n-wg-playwright', private: true }));
		const r = spawnSync(process.execPath, [npmCliPath(), 'install', `playwright-core@${PLAYWRIGHT_VERSION}`, '--no-audit', '--no-fund'], {
			cwd: dir,
			stdio: 'inherit',
			env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
		});
		if (r.status !== 0) throw new Error('npm install playwright-core failed');
	}
	return createRequire(path.join(dir, 'package.json'))('playwright-core');
}

export function chromiumMissing() {
	return fs.existsSync(CHROMIUM) ? null : `${CHROMIUM} not found. Install Debian's Chromium first: apt-get update && apt-get install -y chromium`;
}

/**
 * Chromium with a new empty profile (--user-data-dir), headless with the flags above.
 * Returns { context, page, close() }; close() also deletes the profile.
 */
export async function launchChromium({ viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1, isMobile = false, log } = {}) {
	const missing = chromiumMissing();
	if (missing) throw new Error(missing);
	const { chromium } = await ensurePlaywright({ log });
	const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-wg-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport,
		deviceScaleFactor,
		isMobile,
		hasTouch: isMobile,
		args: CHROMIUM_ARGS,
	});
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		close: async () => {
			await context.close().catch(() => {});
			await fsp.rm(profile, { recursive: true, force: true });
		},
	};
}
