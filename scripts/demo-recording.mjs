#!/usr/bin/env node
// `node scripts/demo-recording.mjs [name…] [--n8n 1.123.81] [--no-build]`
//
// A short single-take demo per per-provider package (packages/<name>/demo.gif), made from real n8n
// and the sandbox phone in Debian's Chromium (playwright-core, as scripts/screenshots.mjs): the
// package's tarball installed alone into a fresh n8n user folder with a demo credential; in the
// editor, the node is added through the node creator, its Send Template action chosen, a template
// picked from the list and the workflow run; then on the sandbox phone the message arrives and the
// customer answers. Each step is a screenshot with a caption; ImageMagick's `convert` makes the GIF.
// Needs /usr/bin/chromium and ImageMagick (`apt-get install -y chromium imagemagick`).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, chromiumMissing, ensurePlaywright } from './browser.mjs';
import { DEFAULT_N8N_VERSION, OWNER, PACKAGE_ROOT, N8nRest, demoCredentials, ensureN8n, n8nCli, npm24, startN8n } from './n8n-env.mjs';
import * as packages from './packages.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? args[at + 1] : fallback;
};
const version = option('n8n', DEFAULT_N8N_VERSION);
const names = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--n8n'));
const log = (...a) => console.log('[demo]', ...a);

/** What each package's demo does: the node, its send-template action, the fields to fill, the chat. */
const DEMOS = {
	'n8n-nodes-ovowpp': {
		node: 'OvoWpp',
		action: 'Send a template message',
		fields: { countryCode: '34', mobile: '600111222' },
		template: 'templateId',
		provider: 'ovowpp',
		chat: '34600111222',
		answer: 'Gracias, lo recibí',
	},
	'n8n-nodes-wolkvox': {
		node: 'Wolkvox',
		action: 'Send a template message',
		fields: { connectorId: '1001', phone: '+57 300 123 4567' },
		template: 'templateName',
		pick: 'order_confirmation',
		variables: ['Ana', 'A-77'],
		provider: 'wolkvox',
		chat: '573001234567',
		answer: 'Perfecto, gracias',
	},
	'n8n-nodes-mensatek': {
		node: 'Mensatek',
		action: 'Send a message',
		fields: { phone: '+34 600 111 222' },
		// Message Type is Template by default
		template: 'templateId',
		variables: ['Ana', 'M-9001', 'martes'],
		provider: 'mensatek',
		chat: '34600111222',
		answer: 'Recibido, gracias',
	},
};

async function installTarball(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	await fsp.mkdir(nodesDir, { recursive: true });
	await fsp.writeFile(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }));
	await npm24(['install', tarball], { cwd: nodesDir });
}

// Debian's ImageMagick (apt) by its full path: another `convert` may come first on PATH
const CONVERT = ['/usr/bin/convert', '/usr/bin/magick'].find((p) => fs.existsSync(p)) ?? 'convert';

// Debian's DejaVu Sans (fonts-dejavu-core) when installed; ImageMagick's default font may be missing
const FONT = fs.existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf') ? ['-font', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'] : [];

function convert(argv) {
	const r = spawnSync(CONVERT, argv, { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`convert ${argv.slice(-1)}: ${r.stderr || r.error}`);
}

async function record(name, chromium) {
	const demo = DEMOS[name];
	if (!demo) throw new Error(`no demo for ${name}`);
	const tarball = args.includes('--no-build') && fs.existsSync(packages.tarballOf(name)) ? packages.tarballOf(name) : (packages.build(name), packages.pack(name));
	const { startSandbox } = await import(pathToFileURL(path.join(PACKAGE_ROOT, 'sandbox', 'server.mjs')).href);
	const sandbox = await startSandbox({ port: 0 });
	const userFolder = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-wg-demo-'));
	const frames = path.join(userFolder, 'frames');
	await fsp.mkdir(frames);
	let n8n;
	let context;
	try {
		await installTarball(userFolder, tarball);
		const pkg = JSON.parse(await fsp.readFile(path.join(userFolder, '.n8n', 'nodes', 'node_modules', name, 'package.json'), 'utf8'));
		const types = pkg.n8n.credentials.map((p) => path.basename(p).replace(/\.credentials\.js$/, '')).map((b) => b.charAt(0).toLowerCase() + b.slice(1));
		const creds = (await demoCredentials(sandbox.url)).filter((c) => types.includes(c.type));
		await fsp.writeFile(path.join(userFolder, 'credentials.json'), JSON.stringify(creds));
		await n8nCli(version, userFolder, ['import:credentials', `--input=${path.join(userFolder, 'credentials.json')}`]);
		const wf = {
			id: 'wgDemoRecording1',
			name: `${demo.node} demo`,
			active: false,
			settings: { executionOrder: 'v1' },
			connections: {},
			nodes: [{ id: 'demo-start', name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
		};
		await fsp.writeFile(path.join(userFolder, 'wf.json'), JSON.stringify(wf));
		await n8nCli(version, userFolder, ['import:workflow', `--input=${path.join(userFolder, 'wf.json')}`]);
		n8n = await startN8n(version, userFolder, {});
		await new N8nRest(n8n.url).ensureOwnerAndLogin(OWNER);

		const profile = path.join(userFolder, 'chromium');
		context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 800 }, args: CHROMIUM_ARGS });
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(30_000);
		let n = 0;
		const shot = async (p, caption) => {
			const raw = path.join(frames, `raw-${String(n).padStart(2, '0')}.png`);
			await p.screenshot({ path: raw });
			// the caption in a bar under the picture
			convert([raw, '-resize', '960x', '-background', '#1f2328', '-gravity', 'south', '-splice', '0x44', '-fill', 'white', ...FONT, '-pointsize', '22', '-annotate', '+0+10', caption, path.join(frames, `frame-${String(n).padStart(2, '0')}.png`)]);
			log(`${name}: ${caption}`);
			n++;
		};

		// 1. the editor: log in, open the workflow
		await page.goto(`${n8n.url}/signin`);
		await page.fill('input[name=emailOrLdapLoginId], input[name=email]', OWNER.email);
		await page.fill('input[name=password]', OWNER.password);
		await page.click('[data-test-id=form-submit-button]');
		await page.waitForURL((u) => !u.pathname.includes('signin'));
		await page.goto(`${n8n.url}/workflow/${wf.id}`);
		await page.waitForSelector('[data-test-id="canvas-node"]');
		await page.waitForTimeout(1000);
		await page.keyboard.press('Escape');

		// 2. add the node through the node creator
		await page.locator('[data-test-id="canvas-node"]').first().click();
		await page.keyboard.press('Tab');
		const search = page.locator('[data-test-id="node-creator-search-bar"] input, [data-test-id="search-bar"] input, .node-creator input').first();
		await search.waitFor();
		await search.fill(demo.node);
		await page.locator('[data-test-id="item-iterator-item"]', { hasText: demo.node }).first().waitFor();
		await page.waitForTimeout(600);
		await shot(page, `Add the ${demo.node} node (${name}, n8n ${version})`);
		await page.locator('[data-test-id="item-iterator-item"]', { hasText: demo.node }).first().click();
		await page.getByText(demo.action, { exact: true }).first().waitFor();
		await page.waitForTimeout(600);
		await shot(page, `Pick its action: ${demo.action}`);
		await page.getByText(demo.action, { exact: true }).first().click();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor();
		await page.waitForTimeout(1200);

		// 3. the fields, and a template from the list
		for (const [field, label] of Object.entries(demo.options ?? {})) {
			await page.locator(`[data-test-id="parameter-input-${field}"]`).first().click();
			await page.locator('.el-select-dropdown__item, [role="option"]', { hasText: label }).first().click();
			await page.waitForTimeout(500);
		}
		for (const [field, value] of Object.entries(demo.fields)) {
			const input = page.locator(`[data-test-id="parameter-input-${field}"] input, [data-test-id="parameter-input-${field}"] textarea`).first();
			await input.click();
			await input.fill(value);
			await page.keyboard.press('Tab');
			await page.waitForTimeout(300);
		}
		const locator = page.locator(`[data-test-id="resource-locator-${demo.template}"]`).first();
		await locator.scrollIntoViewIfNeeded();
		// the value box (the first input is the mode: From list / By ID)
		await locator.getByPlaceholder(/^Select/i).first().click();
		const firstTemplate = page.locator('[data-test-id="rlc-item"]', demo.pick ? { hasText: demo.pick } : {}).first();
		await firstTemplate.waitFor();
		await page.waitForTimeout(800);
		await shot(page, 'Pick an approved template from the list');
		await firstTemplate.click();
		await page.waitForTimeout(1500);
		// the template's variables, one field each (n8n's resource mapper), filled in order
		const vars = page.locator('[data-test-id="mapping-fields-container"] input:visible, [data-test-id="mapping-fields-container"] textarea:visible');
		const count = await vars.count();
		for (let i = 0, filled = 0; i < count; i++) {
			// the "Add variable" picker is a read-only select input: not a field
			if (!(await vars.nth(i).isEditable({ timeout: 1000 }).catch(() => false))) continue;
			await vars.nth(i).click();
			await vars.nth(i).fill((demo.variables ?? [])[filled] ?? `valor ${filled + 1}`);
			filled++;
			await page.keyboard.press('Tab');
			await page.waitForTimeout(200);
		}
		await shot(page, 'The template chosen; its variables, if any, shown');

		// 4. run it
		const execute = page.locator('[data-test-id="node-execute-button"]').first();
		await execute.click();
		await page.locator('[data-test-id="ndv-output-panel"], [data-test-id="output-panel"]').first().getByText(/item/i).first().waitFor({ timeout: 60_000 });
		await page.waitForTimeout(1000);
		await shot(page, 'Run: the node sends it through the sandbox');

		// 5. the phone: the message arrives, the customer answers
		const phone = await context.newPage();
		await phone.goto(`${sandbox.url}/_sandbox/`);
		await phone.waitForSelector('#live.on');
		await phone.click(`.tabs [data-provider="${demo.provider}"]`);
		await phone.click(`#chat-list li[data-phone="${demo.chat}"]`);
		await phone.locator('#messages li').first().waitFor();
		await phone.waitForTimeout(800);
		await shot(phone, "The customer's phone: the template arrives");
		await phone.fill('#text', demo.answer);
		await phone.click('#send');
		await phone.locator('#messages li', { hasText: demo.answer }).first().waitFor();
		await phone.waitForTimeout(800);
		await shot(phone, 'The customer answers');

		const out = path.join(PACKAGE_ROOT, 'packages', name, 'demo.gif');
		const list = (await fsp.readdir(frames)).filter((f) => f.startsWith('frame-')).sort().map((f) => path.join(frames, f));
		convert(['-delay', '220', '-loop', '0', ...list, '-layers', 'Optimize', '-colors', '128', out]);
		log(`${name}: saved ${path.relative(PACKAGE_ROOT, out)} (${list.length} frames, ${Math.round(fs.statSync(out).size / 1024)} kB)`);
	} catch (e) {
		const debug = path.join(os.tmpdir(), `n8n-wg-demo-${name}-failed.png`);
		await context?.pages().at(-1)?.screenshot({ path: debug }).catch(() => {});
		throw new Error(`${name}: ${e.message.split('\n')[0]} (page: ${debug})`);
	} finally {
		await context?.close().catch(() => {});
		await n8n?.stop();
		await sandbox.close();
		if (!process.env.DEMO_KEEP) await fsp.rm(userFolder, { recursive: true, force: true });
	}
}

async function main() {
	if (chromiumMissing()) throw new Error(chromiumMissing());
	if (!/ImageMagick/.test(spawnSync(CONVERT, ['-version'], { encoding: 'utf8' }).stdout ?? '')) throw new Error('ImageMagick `convert` not found: apt-get install -y imagemagick');
	const [{ chromium }] = await Promise.all([ensurePlaywright({ log }), ensureN8n(version)]);
	for (const name of names.length ? names : packages.packageNames()) {
		try {
			await record(name, chromium);
		} catch (e) {
			console.error(`[demo] ${e.message}`);
			process.exitCode = 1;
		}
	}
}

main().catch((e) => {
	console.error(`[demo] ${e.stack || e}`);
	process.exit(1);
});
