// Shared set-up of the browser tests: a sandbox with its phone simulator, Chromium on its page,
// and small waits that poll the page or the sandbox until a condition holds (never a fixed sleep).
// @ts-ignore plain ESM script without types
import { launchChromium } from '../../scripts/browser.mjs';
// @ts-ignore plain ESM module without types
import { startSandbox } from '../../sandbox/server.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Json = any;

export async function openPhone(options: Json = {}, viewport = { width: 1280, height: 800 }) {
	const sandbox = await startSandbox({ port: 0, seed: 1, ...options });
	const browser = await launchChromium({ viewport });
	const page = browser.page;
	page.setDefaultTimeout(60_000);
	const errors: string[] = [];
	page.on('pageerror', (e: Error) => errors.push(e.message));
	await page.goto(`${sandbox.url}/_sandbox/`);
	// the page is live: its event stream is connected
	await page.waitForSelector('#live.on');
	return {
		sandbox,
		page,
		errors,
		async control(method: 'GET' | 'POST', path: string, body?: Json) {
			const r = await fetch(`${sandbox.url}/_sandbox/${path}`, {
				method,
				headers: body ? { 'content-type': 'application/json' } : {},
				body: body ? JSON.stringify(body) : undefined,
			});
			return r.json();
		},
		async openChat(provider: string, phone: string) {
			await page.click(`.tabs [data-provider="${provider}"]`);
			const item = page.locator(`#chat-list li[data-phone="${phone}"]`);
			if (await item.count()) await item.click();
			else {
				await page.fill('#new-chat input[name=phone]', phone);
				await page.click('#new-chat button');
			}
			await page.waitForSelector('#composer:not([hidden])');
		},
		async answer(text: string) {
			await page.fill('#text', text);
			await page.click('#send');
			await page.waitForSelector(`.bubble.in >> text=${JSON.stringify(text)}`);
		},
		async close() {
			await browser.close();
			await sandbox.close();
		},
	};
}

/** Polls `check` until it returns something truthy (every 200 ms, up to `timeoutMs`, default 60 s). */
export async function eventually<T>(check: () => Promise<T> | T, what: string, timeoutMs = 60_000): Promise<T> {
	const end = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			last = error;
		}
		if (Date.now() > end) throw new Error(`gave up waiting for ${what}${last ? `: ${String(last)}` : ''}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}
