#!/usr/bin/env node
// `npm run screenshots [-- --n8n 1.123.81] [--out docs] [--only phone,ovoWpp,mensatekTrigger] [--no-build]`
//
// Opens the sandbox's phone simulator in Debian's Chromium (driven by playwright-core, no browser
// download) with a demo scene played through the providers' APIs, and saves docs/phone-*.png
// (desktop and phone-sized). Then opens the real n8n editor, adds each of the package's nodes to a
// canvas through the node creator, opens its parameters and saves a PNG per node into docs/
// (docs/<typeName>.png), plus the node creator listing them. `--only phone` skips n8n.
//
// Needs: `apt-get install -y chromium` (the script says so if /usr/bin/chromium is missing).
// playwright-core is installed on first use into the harness's cache folder, not into the package.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing, ensurePlaywright, launchChromium } from './browser.mjs';
import { playScene } from './phone-scene.mjs';
import {
	DEFAULT_N8N_VERSION,
	OWNER,
	PACKAGE_ROOT,
	N8nRest,
	buildPackage,
	demoCredentials,
	ensureN8n,
	installPackageIntoUserFolder,
	n8nCli,
	packPackage,
	startN8n,
} from './n8n-env.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? args[at + 1] : fallback;
};
const version = option('n8n', DEFAULT_N8N_VERSION);
const outDir = path.resolve(PACKAGE_ROOT, option('out', 'docs'));
const log = (...a) => console.log('[screenshots]', ...a);

/** Node display names and kinds, read from the built dist/. */
function packageNodes() {
	const req = createRequire(path.join(PACKAGE_ROOT, 'package.json'));
	const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
	return (pkg.n8n?.nodes ?? []).map((rel) => {
		const mod = req(path.join(PACKAGE_ROOT, rel));
		const Cls = Object.values(mod).find((v) => typeof v === 'function');
		const d = new Cls().description;
		const trigger = (d.group ?? []).includes('trigger') || !!d.webhooks || !!d.polling;
		return { type: d.name, displayName: d.displayName, trigger, credentials: (d.credentials ?? []).map((c) => c.name) };
	});
}

async function main() {
	if (chromiumMissing()) {
		console.error(chromiumMissing());
		process.exit(1);
	}
	const t0 = Date.now();
	const only = option('only', '')
		.split(',')
		.filter(Boolean);
	if (!only.length || only.includes('phone')) await phoneScreenshots();
	if (only.length && only.every((o) => o === 'phone')) return;
	if (!args.includes('--no-build')) await buildPackage({ echo: true });
	const [{ chromium }] = await Promise.all([ensurePlaywright({ log }), ensureN8n(version)]);
	const tarball = await packPackage();
	const nodes = packageNodes().filter((n) => !only.length || only.includes(n.type));
	if (!nodes.length) throw new Error('package.json n8n.nodes is empty: nothing to show');
	log(`nodes: ${nodes.map((n) => n.displayName).join(', ')}`);

	const { startSandbox } = await import(pathToFileURL(path.join(PACKAGE_ROOT, 'sandbox', 'server.mjs')).href);
	const sandbox = await startSandbox({ port: 0 });
	const userFolder = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-wg-screens-'));
	const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-wg-chromium-'));
	let n8n;
	let context;
	try {
		await installPackageIntoUserFolder(userFolder, tarball);
		const creds = await demoCredentials(sandbox.url);
		const credFile = path.join(userFolder, 'credentials.json');
		await fsp.writeFile(credFile, JSON.stringify(creds));
		await n8nCli(version, userFolder, ['import:credentials', `--input=${credFile}`]);
		// a canvas with a Manual Trigger for the action nodes, and an empty one for the triggers
		const wfDir = path.join(userFolder, 'workflows');
		await fsp.mkdir(wfDir);
		const base = {
			id: 'wgShotsActions01',
			name: 'WhatsApp gateways',
			active: false,
			settings: { executionOrder: 'v1' },
			connections: {},
			nodes: [{ id: 'shot-start', name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
		};
		await fsp.writeFile(path.join(wfDir, 'actions.json'), JSON.stringify(base));
		await fsp.writeFile(path.join(wfDir, 'triggers.json'), JSON.stringify({ ...base, id: 'wgShotsTrigger01', name: 'WhatsApp gateways trigger', nodes: [] }));
		await n8nCli(version, userFolder, ['import:workflow', '--separate', `--input=${wfDir}`]);

		n8n = await startN8n(version, userFolder, {});
		await new N8nRest(n8n.url).ensureOwnerAndLogin(OWNER);

		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			viewport: { width: 1440, height: 900 },
			deviceScaleFactor: 1,
			args: CHROMIUM_ARGS,
		});
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(30_000);

		await page.goto(`${n8n.url}/signin`);
		await page.fill('input[name=emailOrLdapLoginId], input[name=email]', OWNER.email);
		await page.fill('input[name=password]', OWNER.password);
		await page.click('[data-test-id=form-submit-button]');
		await page.waitForURL((u) => !u.pathname.includes('signin'));

		await fsp.mkdir(outDir, { recursive: true });
		const saved = [];
		for (const node of nodes) {
			const file = path.join(outDir, `${node.type}.png`);
			try {
				const actionsFile = path.join(outDir, `${node.type}-actions.png`);
				await addNodeAndOpen(page, n8n.url, node, actionsFile);
				if (fs.existsSync(actionsFile)) saved.push(actionsFile);
				await page.screenshot({ path: file });
				saved.push(file);
				log(`saved ${path.relative(PACKAGE_ROOT, file)}`);
			} catch (e) {
				const debug = path.join(os.tmpdir(), `n8n-wg-screens-${node.type}-failed.png`);
				await page.screenshot({ path: debug }).catch(() => {});
				console.error(`[screenshots] ${node.displayName}: ${e.message.split('\n')[0]} (page: ${debug})`);
				process.exitCode = 1;
			}
		}

		// the node creator, searching for the package's nodes
		try {
			await openCanvas(page, `${n8n.url}/workflow/wgShotsActions01`);
			await page.keyboard.press('Tab');
			const search = page.locator('[data-test-id="node-creator-search-bar"] input, [data-test-id="search-bar"] input, .node-creator input').first();
			await search.waitFor();
			await search.fill(nodes[0].displayName.split(' ')[0]);
			await page.waitForTimeout(1200);
			const file = path.join(outDir, 'node-creator.png');
			await page.screenshot({ path: file });
			saved.push(file);
			log(`saved ${path.relative(PACKAGE_ROOT, file)}`);
		} catch (e) {
			console.error(`[screenshots] node creator: ${e.message.split('\n')[0]}`);
		}
		log(`${saved.length} screenshots from n8n ${version} in ${Math.round((Date.now() - t0) / 1000)} s`);
	} finally {
		await context?.close().catch(() => {});
		await n8n?.stop();
		await sandbox.close();
		await fsp.rm(userFolder, { recursive: true, force: true });
		await fsp.rm(profile, { recursive: true, force: true });
	}
}

/** The sandbox phone with the demo scene: a desktop view, its controls, and a phone-sized thread. */
async function phoneScreenshots() {
	const { startSandbox } = await import(pathToFileURL(path.join(PACKAGE_ROOT, 'sandbox', 'server.mjs')).href);
	const sandbox = await startSandbox({ port: 0, phone: { wolkvoxWindowHours: 24 } });
	// a stand-in for n8n's Mensatek Trigger, so the Mensatek answers show as delivered
	const receiver = http.createServer((req, res) => req.resume().on('end', () => res.end('{"message":"Workflow was started"}')));
	await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	await fetch(`${sandbox.url}/_sandbox/mensatek/report-url`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ url: `http://127.0.0.1:${receiver.address().port}/webhook/mensatek`, statuses: [] }),
	});
	await fsp.mkdir(outDir, { recursive: true });
	const shots = [
		{ file: 'phone-desktop.png', viewport: { width: 1280, height: 800 }, provider: 'ovowpp', chat: '5511988887777' },
		{ file: 'phone-controls.png', viewport: { width: 1280, height: 800 }, provider: 'mensatek', chat: '34600111222', controls: true },
		{ file: 'phone-mobile.png', viewport: { width: 390, height: 844 }, scale: 2, provider: 'mensatek', chat: '34600111222' },
		{ file: 'phone-mobile-list.png', viewport: { width: 390, height: 844 }, scale: 2, provider: 'ovowpp', chat: '5511988887777', scroll: 'list' },
	];
	try {
		await playScene(sandbox.url);
		for (const shot of shots) {
			const browser = await launchChromium({ viewport: shot.viewport, deviceScaleFactor: shot.scale ?? 1, isMobile: (shot.scale ?? 1) > 1, log });
			try {
				const { page } = browser;
				await page.goto(`${sandbox.url}/_sandbox/`);
				await page.waitForSelector('#live.on');
				await page.click(`.tabs [data-provider="${shot.provider}"]`);
				await page.click(`#chat-list li[data-phone="${shot.chat}"]`);
				if (shot.scroll === 'list') {
					// the interactive list and the CTA in view
					await page.locator('.bubble[data-kind="interactive_list"]').scrollIntoViewIfNeeded();
				}
				if (shot.controls) await page.click('#open-controls');
				await page.waitForTimeout(500);
				await page.screenshot({ path: path.join(outDir, shot.file) });
				log(`saved ${path.relative(PACKAGE_ROOT, path.join(outDir, shot.file))}`);
			} finally {
				await browser.close();
			}
		}
	} finally {
		await sandbox.close();
		await new Promise((resolve) => receiver.close(resolve));
	}
}

async function openCanvas(page, url) {
	await page.goto(url);
	await page.waitForSelector('[data-test-id="canvas-wrapper"], [data-test-id="canvas"], .vue-flow', { timeout: 30_000 });
	await page.waitForTimeout(800);
	await page.keyboard.press('Escape');
}

/** Adds a node through the node creator (search, then its first action), and waits for its parameters. */
async function addNodeAndOpen(page, base, node, actionsFile) {
	if (node.trigger) {
		await openCanvas(page, `${base}/workflow/wgShotsTrigger01`);
		const add = page.locator('[data-test-id="canvas-add-button"], [data-test-id="canvas-plus-button"]').first();
		await add.click();
	} else {
		await openCanvas(page, `${base}/workflow/wgShotsActions01`);
		// select the trigger, then Tab opens "What happens next?" connected to it
		await page.locator('[data-test-id="canvas-node"]').first().click();
		await page.keyboard.press('Tab');
	}
	const search = page.locator('[data-test-id="node-creator-search-bar"] input, [data-test-id="search-bar"] input, .node-creator input').first();
	await search.waitFor();
	await search.fill(node.displayName);
	// n8n lists a trigger under its app's name ("Mensatek" for "Mensatek Trigger")
	const app = node.displayName.replace(/ Trigger$/, '');
	const item = page.locator('[data-test-id="item-iterator-item"]', { hasText: app }).first();
	await item.waitFor();
	await item.click();
	// a node with resources/operations shows its actions first (the "Installed / Via npm" panel):
	// keep a picture of it, then take a send action if there is one, else the first
	const ndv = page.locator('[data-test-id="ndv"]');
	await page.waitForTimeout(1000);
	if (!(await ndv.isVisible().catch(() => false))) {
		if (actionsFile) await page.screenshot({ path: actionsFile });
		const send = page.getByText(/^Send an? (message|text message|template message)$/i).first();
		if (await send.isVisible().catch(() => false)) await send.click();
		else await page.keyboard.press('Enter');
	}
	await ndv.waitFor();
	await page.waitForSelector('[data-test-id="node-parameters"], .node-parameters-wrapper, [data-test-id="parameter-input"]', { timeout: 15_000 }).catch(() => {});
	await page.waitForTimeout(1000);
}

main().catch((e) => {
	console.error(`[screenshots] ${e.stack || e}`);
	process.exit(1);
});
