// The per-provider packages (packages/<name>, built and packed by scripts/packages.mjs), each
// installed ALONE into a fresh n8n user folder of real n8n 1.123.81 and 2.41.3 the way a user installs
// it, with one n8n start per package and line: n8n lists exactly its nodes and credentials, and one
// workflow of each of its nodes runs against the sandbox (actions through `n8n execute`, triggers as
// active workflows fed by the sandbox). Then the combined package and n8n-nodes-ovowpp together in one
// user folder: what n8n does with a credential type both declare (README "Packages").
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-ignore plain ESM script without types
import * as env from '../../scripts/n8n-env.mjs';
// @ts-ignore plain ESM script without types
import * as packages from '../../scripts/packages.mjs';
// @ts-ignore plain ESM module without types
import { startSandbox } from '../../sandbox/server.mjs';
import { e2eVersions } from './global-setup';
import { nodeOutput, parseExecuteOutput } from './harness';
import { NODE_PREFIX, PROVIDER_CASES, TRIGGER_WEBHOOK_ID, triggerAuth, triggerExtraCredentials, triggerWorkflow } from './workflows';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(check: () => Promise<T | undefined>, everyMs = 1000): Promise<T> {
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		await sleep(everyMs);
	}
}

const NAMES: string[] = packages.packageNames();
const WOLKVOX_TRIGGER_WEBHOOK_ID = '3f6c2b1a-9d4e-4f7a-8b2c-1e0d9c8b7a61';
/** Every 10 s on n8n 1.x; n8n 2.x refuses a poll interval under a minute ("The polling interval is too short"). */
const pollTimes = (version: string) =>
	Number(version.split('.')[0]) >= 2 ? { item: [{ mode: 'everyMinute' }] } : { item: [{ mode: 'custom', cronExpression: '0,10,20,30,40,50 * * * * *' }] };

/** A workflow of the combined package's e2e suite, retyped to another package's node types. */
function retyped(workflow: Json, packageName: string): Json {
	return JSON.parse(JSON.stringify(workflow).split(`"${NODE_PREFIX}`).join(`"${packageName}.`));
}

/** Install a tarball into <userFolder>/.n8n/nodes as the README tells a user (npm install <name>). */
async function installTarball(userFolder: string, tarball: string) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pj = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pj)) fs.writeFileSync(pj, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	await env.npm24(['install', tarball], { cwd: nodesDir });
}

/**
 * The package's tarball: built and packed here, unless already packed and checked by
 * `scripts/packages.mjs` in this run (N8N_E2E_PACKAGES_PACKED=1: .ci/run and the publish workflow, so
 * the tarball tested is the one published) or N8N_E2E_NO_BUILD=1.
 */
function tarballFor(name: string): string {
	const file = packages.tarballOf(name);
	const reuse = process.env.N8N_E2E_PACKAGES_PACKED === '1' || process.env.N8N_E2E_NO_BUILD === '1';
	if (reuse && fs.existsSync(file)) return file;
	packages.build(name);
	return packages.pack(name);
}

/** One workflow for a trigger node of the package, and how to prove it ran. */
function pollTriggerWorkflow(packageName: string, node: string, credentials: Json[], version: string): Json {
	const credType = `${node.replace(/Trigger$/, '')}Api`;
	const c = credentials.find((x) => x.type === credType);
	const id = `wgPkg${node}`.slice(0, 16).padEnd(16, '0');
	return {
		id,
		name: `package ${node}`,
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		pinData: {},
		nodes: [
			{
				id: `${id}-t`,
				name: 'Trigger',
				type: `${packageName}.${node}`,
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: pollTimes(version), events: ['newConversation'], options: {} },
				credentials: { [credType]: { id: c.id, name: c.name } },
			},
		],
		connections: {},
	};
}

function wolkvoxTriggerWorkflow(packageName: string): Json {
	const id = 'wgPkgWolkvoxTr01';
	return {
		id,
		name: 'package Wolkvox Trigger',
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		pinData: {},
		nodes: [
			{ id: `${id}-t`, name: 'Trigger', type: `${packageName}.wolkvoxTrigger`, typeVersion: 1, position: [0, 0], webhookId: WOLKVOX_TRIGGER_WEBHOOK_ID, parameters: {} },
		],
		connections: {},
	};
}

/** A failed delivery as Meta's Cloud API webhook carries it (what Wolkvox forwards, providers.md: presumed). */
const META_FAILED_STATUS = {
	object: 'whatsapp_business_account',
	entry: [
		{
			id: '102290129340398',
			changes: [
				{
					field: 'messages',
					value: {
						messaging_product: 'whatsapp',
						metadata: { display_phone_number: '573001112233', phone_number_id: '106540352242922' },
						statuses: [
							{
								id: 'wamid.PKGE2E0001',
								status: 'failed',
								timestamp: '1767261600',
								recipient_id: '573001234567',
								errors: [{ code: 131026, title: 'Message undeliverable' }],
							},
						],
					},
				},
			],
		},
	],
};

describe.skipIf(!process.env.N8N_E2E)('per-provider packages in real n8n', () => {
	const tarballs: Record<string, string> = {};
	beforeAll(() => {
		for (const name of NAMES) tarballs[name] = tarballFor(name);
	});

	for (const version of e2eVersions()) {
		for (const name of NAMES) {
			describe(`n8n ${version} with ${name} installed alone`, () => {
				let sandbox: Json;
				let n8n: Json;
				let rest: Json;
				let userFolder: string;
				let credentials: Json[] = [];
				let declared: { nodes: string[]; credentials: string[] } = { nodes: [], credentials: [] };
				let mensatekTriggerCredential: string | undefined;
				const cli = (args: string[], opts: Json = {}) => env.n8nCli(version, userFolder, args, opts);
				const executions = async (workflowId: string): Promise<Json[]> => {
					const list = await rest.get(`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
					return list.results ?? list;
				};
				const sandboxPost = async (p: string, body: Json) =>
					(await fetch(sandbox.url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

				beforeAll(async () => {
					const t0 = Date.now();
					sandbox = await startSandbox({ port: 0 });
					userFolder = path.join(env.PACKAGE_ROOT, '.n8n-e2e', `pkg-${name}-${version}-${process.pid}`);
					fs.rmSync(userFolder, { recursive: true, force: true });
					fs.mkdirSync(userFolder, { recursive: true });
					await installTarball(userFolder, tarballs[name]);
					const installed = JSON.parse(fs.readFileSync(path.join(userFolder, '.n8n', 'nodes', 'node_modules', name, 'package.json'), 'utf8'));
					const typeName = (p: string, suffix: RegExp) => {
						const b = path.basename(p).replace(suffix, '');
						return b.charAt(0).toLowerCase() + b.slice(1);
					};
					declared = {
						nodes: installed.n8n.nodes.map((p: string) => typeName(p, /\.node\.js$/)),
						credentials: installed.n8n.credentials.map((p: string) => typeName(p, /\.credentials\.js$/)),
					};
					credentials = (await env.demoCredentials(sandbox.url)).filter((c: Json) => declared.credentials.includes(c.type));
					const workflows: Json[] = [];
					const active: string[] = [];
					for (const node of declared.nodes) {
						const action = PROVIDER_CASES.find((c) => c.node === node);
						if (action) workflows.push(retyped(action.workflow(credentials), name));
						else if (node === 'ovoWppTrigger' || node === 'wapiFlowTrigger') workflows.push(pollTriggerWorkflow(name, node, credentials, version));
						else if (node === 'mensatekTrigger') {
							mensatekTriggerCredential = 'mensatekWebhookApi';
							credentials.push(...triggerExtraCredentials(mensatekTriggerCredential));
							workflows.push(retyped(triggerWorkflow(credentials, mensatekTriggerCredential), name));
						} else if (node === 'wolkvoxTrigger') workflows.push(wolkvoxTriggerWorkflow(name));
						else throw new Error(`no e2e workflow for ${name}'s node ${node}: add one to test/e2e/packages.test.mts`);
						if (/Trigger$/.test(node)) active.push(workflows[workflows.length - 1].id);
					}
					const work = path.join(userFolder, 'import');
					fs.mkdirSync(path.join(work, 'workflows'), { recursive: true });
					fs.writeFileSync(path.join(work, 'credentials.json'), JSON.stringify(credentials, null, 2));
					await cli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`]);
					for (const wf of workflows) fs.writeFileSync(path.join(work, 'workflows', `${wf.id}.json`), JSON.stringify(wf, null, 2));
					await cli(['import:workflow', '--separate', `--input=${path.join(work, 'workflows')}`]);
					for (const id of active) await env.activateWorkflow(version, userFolder, id);
					n8n = await env.startN8n(version, userFolder, {});
					rest = await new env.N8nRest(n8n.url).ensureOwnerAndLogin();
					process.stderr.write(`[e2e] n8n ${version} with ${name} alone up on ${n8n.url} (setup ${Math.round((Date.now() - t0) / 1000)} s)\n`);
				});

				afterAll(async () => {
					await n8n?.stop();
					await sandbox?.close();
					if (userFolder && !process.env.N8N_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
				});

				it('lists exactly its nodes (and their AI-tool variants) and its credentials, nothing of another provider', async () => {
					const nodes: Json[] = await rest.get('/types/nodes.json');
					const ours = [...new Set(nodes.filter((n: Json) => n.name.startsWith(`${name}.`)).map((n: Json) => n.name.slice(name.length + 1)))];
					const base = ours.filter((n) => !/(Hitl)?Tool$/.test(n)).sort();
					expect(base).toEqual([...declared.nodes].sort());
					expect(nodes.filter((n: Json) => n.name.startsWith(NODE_PREFIX))).toEqual([]);
					const creds: Json[] = await rest.get('/types/credentials.json');
					for (const c of declared.credentials) expect(creds.map((x: Json) => x.name), c).toContain(c);
					const others = ['ovoWppApi', 'wapiFlowApi', 'wolkvoxApi', 'mensatekApi', 'mensatekWebhookApi'].filter((c) => !declared.credentials.includes(c));
					expect(creds.filter((x: Json) => others.includes(x.name)).map((x: Json) => x.name)).toEqual([]);
				});

				it('runs one workflow of each of its action nodes through `n8n execute` against the sandbox', async () => {
					const cases = declared.nodes.map((n) => PROVIDER_CASES.find((c) => c.node === n)).filter(Boolean) as typeof PROVIDER_CASES;
					expect(cases.length).toBeGreaterThan(0);
					for (const testCase of cases) {
						await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
						const wf = retyped(testCase.workflow(credentials), name);
						let result = await cli(['execute', `--id=${wf.id}`, '--rawOutput'], { allowFail: true });
						// n8n 1.x's CLI has been seen to die by SIGSEGV at exit after a successful run (harness.mts)
						if (result.signal) {
							await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
							result = await cli(['execute', `--id=${wf.id}`, '--rawOutput'], { allowFail: true });
						}
						const run = parseExecuteOutput(result.stdout);
						expect(run?.data?.resultData?.error?.message ?? null, testCase.title).toBeNull();
						const { messages } = await (await fetch(`${sandbox.url}/_sandbox/messages?provider=${testCase.provider}`)).json();
						testCase.expect({ messages, items: nodeOutput(run, testCase.nodeName), run });
					}
				});

				it('runs each of its trigger nodes as an active workflow fed by the sandbox', async (ctx) => {
					const triggers = declared.nodes.filter((n) => /Trigger$/.test(n));
					if (!triggers.length) ctx.skip();
					const description = async (node: string) => ((await rest.get('/types/nodes.json')) as Json[]).find((n) => n.name === `${name}.${node}`);
					const succeeded = async (workflowId: string, count = 1) => {
						let waited = 0;
						return until(async () => {
							const all = await executions(workflowId);
							const rows = all.filter((r) => r.status === 'success' || r.status === 'error');
							if (++waited % 30 === 0) process.stderr.write(`[e2e] ${name} on n8n ${version}: ${workflowId} has executions ${JSON.stringify(all.map((r) => r.status))}\n`);
							return rows.length >= count ? rows : undefined;
						});
					};
					if (triggers.includes('ovoWppTrigger') || triggers.includes('wapiFlowTrigger')) {
						// each trigger has polled once before the new conversation exists: polls seen at two
						// cron ticks (every 10 s on 1.x, every minute on 2.x), since every active trigger polls
						// at each tick (and a poll may ask for more than one page)
						const polls = async () =>
							((await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()).requests as Json[]).filter((r) => String(r.path).includes('inbox/conversation-list'));
						const tick = Number(version.split('.')[0]) >= 2 ? 60_000 : 10_000;
						let waited = 0;
						await until(async () => {
							const ticks = new Set((await polls()).map((r) => Math.floor((typeof r.at === 'number' ? r.at : Date.parse(r.at)) / tick)));
							if (++waited % 30 === 0) process.stderr.write(`[e2e] ${name} on n8n ${version}: polls at ${ticks.size} cron ticks so far\n`);
							return ticks.size >= 2 ? true : undefined;
						});
						const mobile = '699000321';
						await sandboxPost('/_sandbox/ovowpp/incoming', { mobile_code: '34', mobile, message: 'Hola, paquete propio', firstname: 'Nueva', lastname: 'Cliente' });
						for (const node of triggers.filter((t) => t !== 'mensatekTrigger' && t !== 'wolkvoxTrigger')) {
							const [row] = await succeeded(pollTriggerWorkflow(name, node, credentials, version).id);
							expect(row.status, node).toBe('success');
							// the execution's data (flatted text in n8n's REST answer) holds the new conversation
							expect(JSON.stringify((await rest.get(`/rest/executions/${row.id}`)).data), node).toContain(mobile);
						}
					}
					if (triggers.includes('mensatekTrigger')) {
						const wf = retyped(triggerWorkflow(credentials, mensatekTriggerCredential), name);
						const url = env.productionWebhookUrl(n8n.url, await description('mensatekTrigger'), { webhookId: TRIGGER_WEBHOOK_ID });
						const auth = triggerAuth(credentials, mensatekTriggerCredential)!;
						await sandboxPost('/_sandbox/mensatek/report-url', { url, user: auth.user, password: auth.password });
						const answer = await sandboxPost('/_sandbox/mensatek/report', {
							Servicio: 'WHATSAPP',
							Direccion: 'OUTPUT',
							Estado: 2,
							Telefono: '34600111222',
							Fecha: '2026-01-15 10:00:00',
							idMensaje: 91001,
							Tipo: 'TEXTO',
						});
						expect(answer.status, JSON.stringify(answer)).toBe(200);
						const [row] = await succeeded(wf.id);
						expect(row.status).toBe('success');
					}
					if (triggers.includes('wolkvoxTrigger')) {
						const url = env.productionWebhookUrl(n8n.url, await description('wolkvoxTrigger'), { webhookId: WOLKVOX_TRIGGER_WEBHOOK_ID });
						const r = await fetch(url!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(META_FAILED_STATUS) });
						expect(r.status, await r.text()).toBe(200);
						const [row] = await succeeded(wolkvoxTriggerWorkflow(name).id);
						expect(row.status).toBe('success');
						expect(JSON.stringify((await rest.get(`/rest/executions/${row.id}`)).data)).toContain('wamid.PKGE2E0001');
					}
				}, 10 * 60_000);
			});
		}
	}
});

/**
 * Credential type names are global in n8n: the combined package and n8n-nodes-ovowpp both declare
 * ovoWppApi and wapiFlowApi. n8n (LoadNodesAndCredentials.postProcessLoaders) keys its known
 * credentials by type name alone, so the package loaded last serves the type for both packages' nodes.
 */
describe.skipIf(!process.env.N8N_E2E)('the combined package and n8n-nodes-ovowpp installed together', () => {
	for (const version of e2eVersions()) {
		describe(`n8n ${version}`, () => {
			const OVO = 'n8n-nodes-ovowpp';
			let sandbox: Json;
			let n8n: Json;
			let rest: Json;
			let userFolder: string;
			let credentials: Json[] = [];
			const combinedCase = PROVIDER_CASES.find((c) => c.node === 'ovoWpp')!;
			const workflowOf = (pkg: string) => {
				const wf = retyped(combinedCase.workflow(credentials), pkg);
				if (pkg === OVO) wf.id = 'wgPkgOvoWppBoth1';
				return wf;
			};
			const cli = (args: string[], opts: Json = {}) => env.n8nCli(version, userFolder, args, opts);

			beforeAll(async () => {
				sandbox = await startSandbox({ port: 0 });
				userFolder = path.join(env.PACKAGE_ROOT, '.n8n-e2e', `pkg-both-${version}-${process.pid}`);
				fs.rmSync(userFolder, { recursive: true, force: true });
				fs.mkdirSync(userFolder, { recursive: true });
				await installTarball(userFolder, inject('n8nE2eTarball'));
				await installTarball(userFolder, tarballFor(OVO));
				credentials = (await env.demoCredentials(sandbox.url)).filter((c: Json) => c.type === 'ovoWppApi');
				const work = path.join(userFolder, 'import');
				fs.mkdirSync(path.join(work, 'workflows'), { recursive: true });
				fs.writeFileSync(path.join(work, 'credentials.json'), JSON.stringify(credentials, null, 2));
				await cli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`]);
				for (const pkg of [env.PACKAGE_NAME, OVO]) fs.writeFileSync(path.join(work, 'workflows', `${pkg}.json`), JSON.stringify(workflowOf(pkg), null, 2));
				await cli(['import:workflow', '--separate', `--input=${path.join(work, 'workflows')}`]);
				n8n = await env.startN8n(version, userFolder, {});
				rest = await new env.N8nRest(n8n.url).ensureOwnerAndLogin();
			});

			afterAll(async () => {
				await n8n?.stop();
				await sandbox?.close();
				if (userFolder && !process.env.N8N_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
			});

			it('loads both packages: each one\'s OvoWpp node is listed under its own package name', async () => {
				const nodes: Json[] = await rest.get('/types/nodes.json');
				for (const pkg of [env.PACKAGE_NAME, OVO]) expect(nodes.map((n: Json) => n.name), pkg).toContain(`${pkg}.ovoWpp`);
			});

			it('has one OvoWpp API credential type for both; the editor lists its entry once per package', async () => {
				const creds: Json[] = await rest.get('/types/credentials.json');
				const entries = creds.filter((c: Json) => c.name === 'ovoWppApi');
				process.stderr.write(`[e2e] n8n ${version}, both packages: /types/credentials.json has ${entries.length} entries named ovoWppApi\n`);
				expect(entries.length).toBe(2);
				// the same definition (same sources, same version), so which one n8n keeps does not matter
				expect(JSON.stringify(entries[0].properties)).toBe(JSON.stringify(entries[1].properties));
				const stored: Json[] = await rest.get('/rest/credentials');
				expect(stored.filter((c: Json) => c.type === 'ovoWppApi')).toHaveLength(1);
			});

			it("runs a workflow of either package's OvoWpp node with the one stored credential", async () => {
				for (const pkg of [env.PACKAGE_NAME, OVO]) {
					await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
					const wf = workflowOf(pkg);
					let result = await cli(['execute', `--id=${wf.id}`, '--rawOutput'], { allowFail: true });
					if (result.signal) {
						await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
						result = await cli(['execute', `--id=${wf.id}`, '--rawOutput'], { allowFail: true });
					}
					const run = parseExecuteOutput(result.stdout);
					expect(run?.data?.resultData?.error?.message ?? null, pkg).toBeNull();
					const { messages } = await (await fetch(`${sandbox.url}/_sandbox/messages?provider=ovowpp`)).json();
					combinedCase.expect({ messages, items: nodeOutput(run, combinedCase.nodeName), run });
				}
			});

			it('tests the stored credential in the editor (OK)', async () => {
				const c = credentials[0];
				const result = await rest.post('/rest/credentials/test', { credentials: { id: c.id, name: c.name, type: c.type, data: c.data } });
				expect(result).toMatchObject({ status: 'OK' });
			});
		});
	}
});
