// The Wolkvox Trigger in real n8n (1.123.81 and 2.41.3), installed as a community package, active,
// behind n8n's own production webhook URL: what n8n's body parsers hand the node (JSON, text, an
// empty body) is n8n's, not a test double's. The sandbox plays Wolkvox: a send to a number set to
// fail is accepted, then the sandbox posts Meta's failed-status notification (its choice of format:
// the payload is [open]) to the trigger's URL.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-ignore plain ESM script without types
import * as env from '../../scripts/n8n-env.mjs';
// @ts-ignore plain ESM module without types
import { startSandbox } from '../../sandbox/server.mjs';
// @ts-ignore plain ESM module without types
import { DEMO_CREDENTIALS } from '../../sandbox/demo-credentials.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const PREFIX = `${env.PACKAGE_NAME}.`;
const WORKFLOW_ID = 'wgE2eWolkvoxTrig1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const wanted = (process.env.N8N_E2E_VERSIONS ?? '').split(',').map((v) => v.trim()).filter(Boolean);
const versions: string[] = wanted.length ? wanted : env.E2E_N8N_VERSIONS;

const workflow = {
	id: WORKFLOW_ID,
	name: 'Wolkvox Trigger (e2e)',
	active: false,
	nodes: [
		{
			id: 'b7f0c4a2-1d1e-4a4b-9c61-2b8f4e0a9d01',
			name: 'Wolkvox Trigger',
			type: `${PREFIX}wolkvoxTrigger`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: '5d0e3c7e-8f4b-4d8e-a1f2-0c9b7e6a5d42',
			parameters: { events: ['errors', 'statuses', 'messages'], options: {} },
		},
	],
	connections: {},
	settings: { saveDataSuccessExecution: 'all' },
};

describe.skipIf(!process.env.N8N_E2E).each(versions)('n8n %s: the Wolkvox Trigger behind n8n\'s production URL', (version) => {
	let sandbox: Json;
	let n8n: Json;
	let rest: Json;
	let userFolder: string;
	let url: string;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		userFolder = path.join(env.PACKAGE_ROOT, '.n8n-e2e', `wolkvox-trigger-${version}-${process.pid}`);
		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.mkdirSync(userFolder, { recursive: true });
		await env.installPackageIntoUserFolder(userFolder, inject('n8nE2eTarball'));
		const folder = path.join(userFolder, 'import');
		fs.mkdirSync(folder, { recursive: true });
		fs.writeFileSync(path.join(folder, `${WORKFLOW_ID}.json`), JSON.stringify(workflow));
		await env.n8nCli(version, userFolder, ['import:workflow', '--separate', `--input=${folder}`]);
		await env.activateWorkflow(version, userFolder, WORKFLOW_ID);
		n8n = await env.startN8n(version, userFolder, { port: await env.freePort() });
		rest = await new env.N8nRest(n8n.url).ensureOwnerAndLogin();
		expect((await rest.get('/rest/settings')).versionCli).toBe(version);
		url = env.productionWebhookUrl(n8n.url, env.distNodeDescription('wolkvoxTrigger'), workflow.nodes[0]);
	});

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
		if (userFolder && !process.env.N8N_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	async function executions(): Promise<Json[]> {
		const list = await rest.get(`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }))}`);
		return (list.results ?? list).filter((r: Json) => r.status === 'success' || r.status === 'error');
	}
	/** The trigger's items of each finished execution, oldest first (polls: no verdict on speed). */
	async function items(count: number): Promise<Json[][]> {
		for (;;) {
			const rows = await executions();
			if (rows.length >= count) {
				const out: Json[][] = [];
				for (const row of rows.sort((a: Json, b: Json) => Number(a.id) - Number(b.id))) {
					const data = JSON.stringify((await rest.get(`/rest/executions/${row.id}`)).data);
					out.push([data]);
				}
				return out;
			}
			await sleep(300);
		}
	}

	it('a failed send: the sandbox posts Meta\'s notification, n8n answers 200, the execution holds the item with the error explained', async () => {
		const control = (p: string, body: Json) => fetch(`${sandbox.url}/_sandbox/${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		await control('wolkvox/webhook-url', { url, errorsOnly: true });
		await control('wolkvox/fail-number', { telephone: '573100000001', code: 131047 });
		// a send as the Wolkvox node makes it (send_message_official), straight to the sandbox
		const sent = await fetch(`${sandbox.url}/wolkvox/api/v2/whatsapp.php?api=send_message_official`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'wolkvox-token': DEMO_CREDENTIALS.wolkvoxApi.token },
			body: JSON.stringify({ connector_id: '1001', telephone: '573100000001', message: 'Hola' }),
		});
		expect(sent.status).toBe(201);
		let posted: Json[] = [];
		while (!posted.length || !posted.every((n) => n.status || n.error)) {
			await sleep(200);
			posted = (await (await fetch(`${sandbox.url}/_sandbox/wolkvox/notifications`)).json()).notifications;
		}
		expect(posted.map((n) => n.status)).toEqual([200]);
		const [[data]] = await items(1);
		expect(data).toContain('wolkvox:+573100000001');
		expect(data).toContain('Re-engagement message'); // Meta's title, kept
		expect(data).toContain('Send an approved template'); // the action for 131047
	});

	it('a body it does not recognise, and a text, each start one execution; an empty body is refused', async () => {
		const before = (await executions()).length;
		expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"something":"else"}' })).status).toBe(200);
		expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'plain words' })).status).toBe(200);
		expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' })).status).toBe(400);
		const all = await items(before + 2);
		const text = all.slice(before).map(([d]) => d).join('\n');
		expect(text).toContain('something');
		expect(text).toContain('plain words');
		expect(text).toContain('unknown');
		expect((await executions()).length).toBe(before + 2);
	});
});
