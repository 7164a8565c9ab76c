// Issue 21 in n8n's own editor (1.123.81, Chromium): a new Mensatek Send showed a red "This template
// has no variables besides the phone. Retry" before any template was chosen. Opened in the editor, a
// new Send shows no Template Variables (no mapper) and nothing red; with a template chosen, a field per variable.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-ignore plain ESM script without types
import { launchChromium } from '../../scripts/browser.mjs';
// @ts-ignore plain ESM script without types
import * as env from '../../scripts/n8n-env.mjs';
// @ts-ignore plain ESM module without types
import { startSandbox } from '../../sandbox/server.mjs';
import { BROWSER_N8N_VERSION as VERSION } from './global-setup';
import type { Json } from './helpers';

const TYPE = `${env.PACKAGE_NAME}.mensatek`;
const send = (templateId: Json) => ({ resource: 'message', operation: 'send', phone: '+34 600 000 001', messageType: 'PLANTILLA', templateId });
const WORKFLOWS = {
	none: { id: 'wgBrowserMkNoTpl', parameters: send({ __rl: true, mode: 'list', value: '' }) },
	chosen: {
		id: 'wgBrowserMkTpl01',
		parameters: send({ __rl: true, mode: 'list', value: '610000000000002', cachedResultName: 'confirmacion_pedido (es)' }),
	},
};

let sandbox: Json;
let n8n: Json;
let chromium: Json;
let page: Json;
let userFolder = '';

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	userFolder = path.join(env.PACKAGE_ROOT, '.n8n-e2e', `browser-mensatek-mapper-${process.pid}`);
	fs.rmSync(userFolder, { recursive: true, force: true });
	const work = path.join(userFolder, 'import');
	fs.mkdirSync(path.join(work, 'workflows'), { recursive: true });
	await env.installPackageIntoUserFolder(userFolder, inject('browserTarball'));
	const credentials = await env.demoCredentials(sandbox.url);
	const credential = credentials.find((c: Json) => c.type === 'mensatekApi');
	fs.writeFileSync(path.join(work, 'credentials.json'), JSON.stringify(credentials));
	const cli = (args: string[]) => env.n8nCli(VERSION, userFolder, args, {});
	await cli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`]);
	for (const [name, { id, parameters }] of Object.entries(WORKFLOWS)) {
		const workflow = {
			id,
			name: `Mensatek mapper (${name})`,
			active: false,
			nodes: [
				{ id: 'm1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: 'm2', name: 'Mensatek', type: TYPE, typeVersion: 2, position: [240, 0], parameters, credentials: { mensatekApi: { id: credential.id, name: credential.name } } },
			],
			connections: { Start: { main: [[{ node: 'Mensatek', type: 'main', index: 0 }]] } },
		};
		fs.writeFileSync(path.join(work, 'workflows', `${id}.json`), JSON.stringify(workflow));
	}
	await cli(['import:workflow', '--separate', `--input=${path.join(work, 'workflows')}`]);
	n8n = await env.startN8n(VERSION, userFolder, { port: await env.freePort() });
	await new env.N8nRest(n8n.url).ensureOwnerAndLogin();
	chromium = await launchChromium({ viewport: { width: 1440, height: 900 } });
	page = chromium.page;
	page.setDefaultTimeout(60_000);
	await page.goto(`${n8n.url}/signin`);
	await page.fill('input[type=email], input[name=emailOrLdapLoginId], input[name=email]', 'owner@example.com');
	await page.fill('input[type=password]', 'Sandbox-Demo-1');
	await page.keyboard.press('Enter');
	await page.waitForURL((url: URL) => !url.pathname.includes('signin'));
});

afterAll(async () => {
	await chromium?.close();
	await n8n?.stop();
	await sandbox?.close();
	if (userFolder && !process.env.N8N_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
});

/** Opens the workflow and the Mensatek node's panel; its parameters' text once it settled. */
async function panel(id: string, settled: string): Promise<string> {
	await page.goto(`${n8n.url}/workflow/${id}`);
	await page.locator('[data-test-id="canvas-node"]', { hasText: 'Mensatek' }).first().dblclick();
	const parameters = page.locator('[data-test-id="node-parameters"]');
	await parameters.getByText(settled, { exact: false }).first().waitFor();
	return parameters.innerText();
}

describe(`n8n ${VERSION} editor: Mensatek Send's Template Variables`, () => {
	it('a new Send (no template yet) shows no Template Variables and nothing red', async () => {
		const text = await panel(WORKFLOWS.none.id, 'Message Type');
		// the mapper's own lines (n8n shows them, not the field's name)
		expect(text).not.toMatch(/Mapping Column Mode|Values to Send/);
		expect(text).not.toMatch(/no variables|Retry|Could not find/i);
	});

	it('with a template chosen: a field per variable, nothing red', async () => {
		const text = await panel(WORKFLOWS.chosen.id, 'Pedido (body)');
		expect(text).toMatch(/Mapping Column Mode/);
		expect(text).toMatch(/Nombre \(body\) e\.g\. Pedro/);
		expect(text).toMatch(/Pedido \(body\) e\.g\. A-1001/);
		expect(text).not.toMatch(/no variables|Retry|Could not find/i);
	});
});
