// The e2e suite, one instance per n8n version (see n8n-*.test.mts). Everything goes through a real
// n8n: the package is packed and installed as a community package under the user folder, n8n's CLI
// imports credentials and workflows and executes them, n8n's REST API (what the editor uses) is
// read for node types and executions, and the sandbox plays the providers.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-ignore plain ESM script without types
import * as env from '../../scripts/n8n-env.mjs';
// @ts-ignore plain ESM module without types
import { startSandbox } from '../../sandbox/server.mjs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
	MCP_PATH,
	MCP_TOOLS,
	mcpWorkflow,
	PROVIDER_CASES,
	TRIGGER_WEBHOOK_ID,
	triggerAuth,
	triggerExtraCredentials,
	triggerWorkflow,
	type ProviderCase,
} from './workflows';
import { SEND_AND_WAIT_WORKFLOW_ID, sendAndWaitTests, sendAndWaitWorkflow } from './send-and-wait';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

/** Display names fixed by docs/design.md. */
export const EXPECTED_NODES: Record<string, string> = {
	ovoWpp: 'OvoWpp',
	wapiFlow: 'WapiFlow',
	ovoWppTrigger: 'OvoWpp Trigger',
	wapiFlowTrigger: 'WapiFlow Trigger',
	wolkvox: 'Wolkvox',
	wolkvoxTrigger: 'Wolkvox Trigger',
	mensatek: 'Mensatek',
	mensatekTrigger: 'Mensatek Trigger',
};
export const EXPECTED_CREDENTIALS: Record<string, string> = {
	ovoWppApi: 'OvoWpp API',
	wapiFlowApi: 'WapiFlow API',
	wolkvoxApi: 'Wolkvox API',
	mensatekApi: 'Mensatek API',
};

const PREFIX = `${env.PACKAGE_NAME}.`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the package declares, read from the built dist/ (names, display names, versions). */
function declaredFromDist() {
	const req = createRequire(path.join(env.PACKAGE_ROOT, 'package.json'));
	const { nodes, credentials } = env.packageN8nSection();
	const load = (rel: string) => {
		const mod = req(path.join(env.PACKAGE_ROOT, rel));
		// the module's class (a credential file may also export its authenticate function)
		const Cls: any = Object.values(mod).find((v: any) => typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v)));
		return new Cls();
	};
	return {
		nodes: nodes.map((rel: string) => {
			const d = load(rel).description;
			const versions = Array.isArray(d.version) ? d.version : [d.version];
			return {
				name: d.name as string,
				displayName: d.displayName as string,
				versions: versions as number[],
				usableAsTool: !!d.usableAsTool,
				sendAndWait: (d.properties ?? []).some((p: Json) => p.name === 'operation' && (p.options ?? []).some((o: Json) => o.value === 'sendAndWait')),
				credentials: (d.credentials ?? []).map((c: Json) => c.name as string),
			};
		}),
		credentials: credentials.map((rel: string) => {
			const c = load(rel);
			return { name: c.name as string, displayName: c.displayName as string };
		}),
	};
}

/** The JSON document `n8n execute --rawOutput` prints after its log lines. */
export function parseExecuteOutput(stdout: string): Json {
	const lines = stdout.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i] !== '{') continue;
		try {
			return JSON.parse(lines.slice(i).join('\n'));
		} catch {
			/* not the document yet */
		}
	}
	throw new Error(`no execution JSON in the output of n8n execute:\n${stdout.slice(-3000)}`);
}

/** Output items of one node in a run (first run, main output 0). */
export function nodeOutput(run: Json, nodeName: string): Json[] {
	const runData = run?.data?.resultData?.runData?.[nodeName];
	return runData?.[0]?.data?.main?.[0]?.map((i: Json) => i.json) ?? [];
}

export function n8nSuite(version: string) {
	const enabled = !!process.env.N8N_E2E;
	const wanted = (process.env.N8N_E2E_VERSIONS ?? '').split(',').map((v) => v.trim()).filter(Boolean);
	const skipVersion = !(wanted.length ? wanted : env.E2E_N8N_VERSIONS).includes(version);
	const declared = env.declaredTypeNames() as { nodes: string[]; credentials: string[] };

	describe.skipIf(!enabled || skipVersion)(`n8n ${version} with the package installed as a community package`, () => {
		let sandbox: Json;
		let n8n: Json;
		let rest: Json;
		let userFolder: string;
		let exportedNodes: Json[] = [];
		let examples: Json[] = [];
		let credentials: Json[] = [];
		const cli = (args: string[], opts: Json = {}) => env.n8nCli(version, userFolder, args, opts);
		const hasNode = (type: string) => declared.nodes.includes(type);
		const triggerReady = hasNode('mensatekTrigger');
		// n8n's MCP Server Trigger speaks streamable HTTP from its node version 2 (n8n 2.x)
		const mcpReady = Number(version.split('.')[0]) >= 2 && hasNode('ovoWpp') && hasNode('mensatek');
		const waitReady = ['ovoWpp', 'wapiFlow', 'wolkvox', 'mensatek'].every(hasNode);
		/** the credential the trigger declares (checked as Basic auth on incoming reports) */
		let triggerCredential: string | undefined;

		beforeAll(async () => {
			const t0 = Date.now();
			sandbox = await startSandbox({ port: 0 });
			userFolder = path.join(env.PACKAGE_ROOT, '.n8n-e2e', `n8n-${version}-${process.pid}`);
			fs.rmSync(userFolder, { recursive: true, force: true });
			fs.mkdirSync(userFolder, { recursive: true });

			// 1. the package, the way a user installs it
			const tarball = inject('n8nE2eTarball');
			await env.installPackageIntoUserFolder(userFolder, tarball);

			// 2. demo credentials pointing at this sandbox, and the test workflows
			credentials = await env.demoCredentials(sandbox.url);
			if (triggerReady) {
				const d = declaredFromDist().nodes.find((n: Json) => n.name === 'mensatekTrigger');
				triggerCredential = d?.credentials?.[0];
				credentials.push(...triggerExtraCredentials(triggerCredential));
			}
			const work = path.join(userFolder, 'import');
			fs.mkdirSync(path.join(work, 'workflows'), { recursive: true });
			fs.writeFileSync(path.join(work, 'credentials.json'), JSON.stringify(credentials, null, 2));
			await cli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`]);
			const workflows = PROVIDER_CASES.filter((c) => hasNode(c.node)).map((c) => c.workflow(credentials));
			// the examples/ a newcomer opens, as `npm run dev` imports them
			examples = (await env.prepareExamples(credentials)).map((e: Json) => e.workflow);
			workflows.push(...examples);
			if (triggerReady) workflows.push(triggerWorkflow(credentials, triggerCredential));
			if (mcpReady) workflows.push(mcpWorkflow(credentials));
			if (waitReady) workflows.push(sendAndWaitWorkflow(credentials));
			for (const wf of workflows) fs.writeFileSync(path.join(work, 'workflows', `${wf.id}.json`), JSON.stringify(wf, null, 2));
			if (workflows.length) await cli(['import:workflow', '--separate', `--input=${path.join(work, 'workflows')}`]);

			// 3. the trigger workflow active (1.x) / published (2.x) before n8n starts, so n8n
			//    registers its production webhook at start like any active workflow
			if (triggerReady) {
				const id = triggerWorkflow(credentials, triggerCredential).id;
				await env.activateWorkflow(version, userFolder, id);
			}
			if (mcpReady) await env.activateWorkflow(version, userFolder, mcpWorkflow(credentials).id);
			if (waitReady) await env.activateWorkflow(version, userFolder, SEND_AND_WAIT_WORKFLOW_ID);

			// 4. what n8n loads, as its CLI exports it
			const out = path.join(userFolder, 'nodes.json');
			await cli(['export:nodes', `--output=${out}`]);
			exportedNodes = JSON.parse(fs.readFileSync(out, 'utf8'));

			// 5. the server, with an owner account, logged in like the editor
			n8n = await env.startN8n(version, userFolder, {});
			rest = await new env.N8nRest(n8n.url).ensureOwnerAndLogin();
			process.stderr.write(`[e2e] n8n ${version} up on ${n8n.url} (setup ${Math.round((Date.now() - t0) / 1000)} s)\n`);
		});

		afterAll(async () => {
			await n8n?.stop();
			await sandbox?.close();
			if (userFolder && !process.env.N8N_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
		});

		it('has the package in <user folder>/.n8n/nodes/node_modules, installed by its npm name', () => {
			const pj = path.join(userFolder, '.n8n', 'nodes', 'node_modules', env.PACKAGE_NAME, 'package.json');
			expect(fs.existsSync(pj)).toBe(true);
			const installed = JSON.parse(fs.readFileSync(pj, 'utf8'));
			expect(installed.name).toBe(env.PACKAGE_NAME);
			expect(installed.version).toBe(env.packageN8nSection().version);
			const manifest = JSON.parse(fs.readFileSync(path.join(userFolder, '.n8n', 'nodes', 'package.json'), 'utf8'));
			expect(Object.keys(manifest.dependencies ?? {})).toContain(env.PACKAGE_NAME);
			// installed as the README says: the optional peer n8n-workflow is n8n's, not installed here
			expect(fs.existsSync(path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-workflow'))).toBe(false);
		});

		it('lists every node of the package with its name, display name and versions', async () => {
			const expected = declaredFromDist();
			expect(expected.nodes.length, 'package.json n8n.nodes is empty').toBeGreaterThan(0);
			// the CLI's export and the editor's node types (REST) must both show them
			const viaRest: Json[] = await rest.get('/types/nodes.json');
			for (const [source, list] of [['n8n export:nodes', exportedNodes], ['GET /types/nodes.json', viaRest]] as const) {
				const ours = list.filter((n: Json) => n.name.startsWith(PREFIX));
				for (const node of expected.nodes) {
					const found = ours.filter((n: Json) => n.name === PREFIX + node.name);
					expect(found.length, `${source} lacks ${PREFIX}${node.name}`).toBeGreaterThan(0);
					expect(found[0].displayName).toBe(node.displayName);
					if (EXPECTED_NODES[node.name]) expect(found[0].displayName).toBe(EXPECTED_NODES[node.name]);
					const listed = found.flatMap((n: Json) => (Array.isArray(n.version) ? n.version : [n.version]));
					for (const v of node.versions) expect(listed, `${source}: ${node.name} version ${v}`).toContain(v);
				}
				// nothing else of ours; n8n adds a `<name>Tool` variant of each node that is usableAsTool
				// n8n 2.x also offers every node with Send and Wait as a human-in-the-loop tool (`<name>HitlTool`)
				const hitl = Number(version.split('.')[0]) >= 2;
				const allowed = new Set(
					expected.nodes.flatMap((n: Json) => [
						PREFIX + n.name,
						...(n.usableAsTool ? [`${PREFIX}${n.name}Tool`] : []),
						...(hitl && n.sendAndWait ? [`${PREFIX}${n.name}HitlTool`] : []),
					]),
				);
				expect(ours.map((n: Json) => n.name).filter((name: string) => !allowed.has(name))).toEqual([]);
				for (const node of expected.nodes.filter((n: Json) => n.usableAsTool)) {
					expect(ours.map((n: Json) => n.name), `${source}: AI tool variant of ${node.name}`).toContain(`${PREFIX}${node.name}Tool`);
				}
				for (const node of expected.nodes.filter((n: Json) => hitl && n.sendAndWait)) {
					expect(ours.map((n: Json) => n.name), `${source}: human-in-the-loop tool of ${node.name}`).toContain(`${PREFIX}${node.name}HitlTool`);
				}
			}
		});

		it('lists every credential of the package with its name and display name', async () => {
			const expected = declaredFromDist();
			expect(expected.credentials.length, 'package.json n8n.credentials is empty').toBeGreaterThan(0);
			const viaRest: Json[] = await rest.get('/types/credentials.json');
			for (const cred of expected.credentials) {
				const found = viaRest.find((c: Json) => c.name === cred.name);
				expect(found, `GET /types/credentials.json lacks ${cred.name}`).toBeTruthy();
				expect(found.displayName).toBe(cred.displayName);
				if (EXPECTED_CREDENTIALS[cred.name]) expect(found.displayName).toBe(EXPECTED_CREDENTIALS[cred.name]);
			}
			// and the imported demo credentials are stored under those types
			const stored: Json[] = await rest.get('/rest/credentials');
			for (const cred of expected.credentials) {
				const demo = credentials.find((c: Json) => c.type === cred.name);
				if (demo) expect(stored.map((c: Json) => c.id), `demo credential for ${cred.name}`).toContain(demo.id);
			}
		});

		for (const testCase of PROVIDER_CASES) {
			const ready = hasNode(testCase.node);
			const title = ready
				? `runs ${testCase.title} through \`n8n execute --id\` against the sandbox`
				: `${testCase.title} — SKIPPED: node ${testCase.node} is not in package.json n8n.nodes yet`;
			it.skipIf(!ready)(title, async () => {
				await runCase(testCase);
			});
		}

		async function runCase(testCase: ProviderCase, attempt = 1): Promise<void> {
			await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
			const wf = testCase.workflow(credentials);
			const result = await cli(['execute', `--id=${wf.id}`, '--rawOutput'], { allowFail: true });
			let run: Json;
			try {
				run = parseExecuteOutput(result.stdout);
			} catch (e) {
				throw new Error(`n8n execute exited ${result.code}\n${result.stderr.slice(-3000)}\n${result.stdout.slice(-2000)}`);
			}
			const error = run?.data?.resultData?.error;
			expect(error?.message ?? null, `execution error: ${JSON.stringify(error)?.slice(0, 1500)}`).toBeNull();
			expect(run.status ?? (run.finished ? 'success' : 'error')).toBe('success');
			if (result.signal && attempt === 1) {
				// Seen once in a clean-clone run (n8n 1.123.81): the CLI process died by SIGSEGV, with
				// nothing on stderr, after it had printed a successful run: a native crash of n8n's at
				// exit, not the package's. Run once more from a clean sandbox; a second crash fails.
				process.stderr.write(`[e2e] n8n execute ended by ${result.signal} after a successful run (${testCase.title}); running it again\n`);
				return runCase(testCase, 2);
			}
			expect(result.code, `n8n execute ended by ${result.signal ?? 'exit'}: ${result.stderr.slice(-2000)}`).toBe(0);

			const { messages } = await (await fetch(`${sandbox.url}/_sandbox/messages?provider=${testCase.provider}`)).json();
			const items = nodeOutput(run, testCase.nodeName);
			testCase.expect({ messages, items, run });

			// the execution is stored and listed by n8n like any other
			const list = await rest.get(`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: wf.id }))}`);
			const rows = list.results ?? list;
			expect(rows.length).toBeGreaterThan(0);
			expect(rows[0].status).toBe('success');
		}

		it('imports every example of examples/ and runs each one started by hand against the sandbox', async (ctx) => {
			if (examples.length === 0) ctx.skip();
			const stored: Json[] = await rest.get('/rest/workflows');
			const storedIds = (stored as Json[]).map((w) => w.id);
			for (const wf of examples) expect(storedIds, `example "${wf.name}" was not imported`).toContain(wf.id);
			// a workflow whose only triggers are Manual Triggers is what "Execute workflow" runs
			const runnable = examples.filter((wf) => {
				const triggers = wf.nodes.filter((n: Json) => /trigger/i.test(n.type) && !n.disabled);
				return triggers.length > 0 && triggers.every((n: Json) => n.type === 'n8n-nodes-base.manualTrigger');
			});
			for (const wf of runnable) {
				await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
				const result = await cli(['execute', `--id=${wf.id}`, '--rawOutput'], { allowFail: true });
				let run: Json;
				try {
					run = parseExecuteOutput(result.stdout);
				} catch {
					throw new Error(`example "${wf.name}": n8n execute exited ${result.code}\n${result.stderr.slice(-3000)}\n${result.stdout.slice(-2000)}`);
				}
				const error = run?.data?.resultData?.error;
				expect(error?.message ?? null, `example "${wf.name}" failed: ${JSON.stringify(error)?.slice(0, 1500)}`).toBeNull();
				const { messages } = await (await fetch(`${sandbox.url}/_sandbox/messages`)).json();
				const sends = wf.nodes.some((n: Json) => n.type.startsWith(PREFIX) && /send/i.test(String(n.parameters?.operation ?? '')));
				if (sends) expect(messages.length, `example "${wf.name}" sent nothing to the sandbox`).toBeGreaterThan(0);
				if (wf.nodes.some((n: Json) => n.type === `${PREFIX}mensatek`)) {
					// its fields are `{{ $json.… }}` (read from the item, README "Mapped fields"): each
					// customer got its own values, in n8n's default (isolated-vm) expression engine
					const got = messages.filter((m: Json) => m.provider === 'mensatek').map((m: Json) => [m.to, m.variables?.Nombre, m.variables?.Pedido]);
					expect(got.sort()).toEqual([
						['34600111222', 'Lucía', 'M-9001'],
						['34611222333', 'Javier', 'M-9002'],
						['34622333444', 'Carmen', 'M-9003'],
					]);
				}
			}
		});

		const triggerTitle = triggerReady
			? 'Mensatek Trigger: an active workflow receives the sandbox reports on its production URL; wrong Basic auth gets 401 and starts nothing'
			: 'Mensatek Trigger — SKIPPED: node mensatekTrigger is not in package.json n8n.nodes yet';
		it.skipIf(!triggerReady)(triggerTitle, async () => {
			const wf = triggerWorkflow(credentials, triggerCredential);
			const description = exportedNodes.find((n: Json) => n.name === `${PREFIX}mensatekTrigger`);
			expect(description?.webhooks?.length, 'the trigger declares a webhook').toBeGreaterThan(0);
			const productionUrl = env.productionWebhookUrl(n8n.url, description, { webhookId: TRIGGER_WEBHOOK_ID });
			expect(productionUrl, `cannot compute the webhook URL from ${JSON.stringify(description.webhooks)}`).toBeTruthy();
			const auth = triggerAuth(credentials, triggerCredential);
			expect(auth, 'the Mensatek Trigger declares no credential, so it cannot check Basic auth').toBeTruthy();

			const executions = async () => {
				const list = await rest.get(`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: wf.id }))}`);
				return (list.results ?? list) as Json[];
			};
			expect(await executions()).toHaveLength(0);

			// wrong password first: 401 from n8n, no execution
			await sandboxPost('/_sandbox/reset', {});
			await sandboxPost('/_sandbox/mensatek/report-url', { url: productionUrl, user: auth!.user, password: `${auth!.password}-wrong` });
			const denied = await sandboxPost('/_sandbox/mensatek/report', statusReport(90001));
			expect(denied.status, JSON.stringify(denied)).toBe(401);
			await sleep(1500);
			expect(await executions()).toHaveLength(0);

			// right credentials: a status report and an incoming message, as the sandbox sends them
			await sandboxPost('/_sandbox/mensatek/report-url', { url: productionUrl, user: auth!.user, password: auth!.password });
			const status = await sandboxPost('/_sandbox/mensatek/report', statusReport(90002));
			expect(status.status, JSON.stringify(status)).toBe(200);
			const incoming = await sandboxPost('/_sandbox/mensatek/report', incomingReport(90003));
			expect(incoming.status, JSON.stringify(incoming)).toBe(200);

			let rows: Json[] = [];
			for (let i = 0; i < 60 && rows.filter((r) => r.finished || r.status === 'success').length < 2; i++) {
				await sleep(500);
				rows = await executions();
			}
			expect(rows.map((r) => r.status)).toEqual(['success', 'success']);

			const items: Json[] = [];
			for (const row of rows) {
				const full = await rest.get(`/rest/executions/${row.id}`);
				const runData = parseFlatted(version, full.data);
				items.push(...nodeOutput({ data: runData }, 'Mensatek Trigger'));
			}
			const byId = Object.fromEntries(items.map((i) => [String(i.idMensaje), i]));
			expect(Object.keys(byId).sort()).toEqual(['90002', '90003']);
			// original fields kept, Mensaje parsed from its JSON string
			expect(byId['90002']).toMatchObject({ Direccion: 'OUTPUT', Telefono: '34600111222', Estado: 2 });
			expect(byId['90003']).toMatchObject({ Direccion: 'INPUT', Telefono: '34600111222' });
			expect(byId['90003'].Mensaje).toMatchObject({ type: 'text', text: 'Hola, quiero info' });
		});

		it('serves every node and credential icon in a light and a dark variant', async () => {
			const viaRest: Json[] = await rest.get('/types/nodes.json');
			const credentialTypes: Json[] = await rest.get('/types/credentials.json');
			const ours = [
				...viaRest.filter((n: Json) => n.name.startsWith(PREFIX)).map((n: Json) => ({ what: n.name, iconUrl: n.iconUrl })),
				...credentialTypes
					.filter((c: Json) => declared.credentials.includes(c.name))
					.map((c: Json) => ({ what: c.name, iconUrl: c.iconUrl })),
			];
			expect(ours.length).toBeGreaterThan(0);
			for (const { what, iconUrl } of ours) {
				expect(iconUrl, `${what} has no light/dark icon pair`).toMatchObject({ light: expect.any(String), dark: expect.any(String) });
				expect(iconUrl.light, what).not.toBe(iconUrl.dark);
				for (const url of [iconUrl.light, iconUrl.dark]) {
					const r = await fetch(`${n8n.url}/${url.replace(/^\//, '')}`);
					expect(r.status, `${what}: GET ${url}`).toBe(200);
					expect(await r.text(), `${what}: ${url} is an SVG`).toMatch(/^<svg[\s>]/);
				}
			}
		});

		it('tests the OvoWpp credential in n8n with a message that says what to check for each refusal the service gives (both lines)', async () => {
			const demo = credentials.find((c: Json) => c.type === 'ovoWppApi');
			expect(demo, 'no demo ovoWppApi credential').toBeTruthy();
			const test = async (data: Json) => {
				const body = { credentials: { id: demo.id, name: demo.name, type: demo.type, data: { ...demo.data, ...data } } };
				return (await rest.post('/rest/credentials/test', body)) as { status: string; message: string };
			};
			const refused = async (data: Json, config?: Json) => {
				await sandboxPost('/_sandbox/reset', {});
				if (config) await sandboxPost('/_sandbox/config', { provider: 'ovowpp', ...config });
				const result = await test(data);
				expect(result.status, JSON.stringify(result)).toBe('Error');
				expect(result.message).not.toMatch(/Authorization failed/);
				return result.message;
			};
			try {
				expect(await test({})).toMatchObject({ status: 'OK' });
				// the service's 401 answers (providers.md §1 Transport), each with its own advice
				expect(await refused({ clientSecret: 'cs_WRONGWRONGWRONGWRON' })).toMatch(/^The service does not know this Client ID and Client Secret/);
				expect(await refused({ clientId: '' })).toMatch(/^The service received no Client ID/);
				expect(await refused({}, { ovowppWhitelist: ['203.0.113.9'] })).toMatch(/^The Client ID and Client Secret are right, but the service refuses calls from this n8n server's IP address/);
				expect(await refused({}, { ovowppUserStatus: 'banned' })).toMatch(/user they belong to is not active/);
				// a wrong Base URL: the JSON 404 under /external-api, and the HTML page outside it
				expect(await refused({ baseUrl: `${sandbox.url}/ovowpp/external-api/v2` })).toMatch(/Check the Base URL/);
				expect(await refused({ baseUrl: `${sandbox.url}/ovowpp/extern-api` })).toMatch(/not like the API.*Check the Base URL/);
				// accepted credentials, refused plan (HTTP 200 with status "error")
				expect(await refused({}, { ovowppPlan: 'no_api' })).toMatch(/on a plan without API access\. Upgrade the plan/);
			} finally {
				await sandboxPost('/_sandbox/reset', {});
			}
		});

		it('serves each polling trigger with one Poll Times field (OvoWpp Trigger and WapiFlow Trigger)', async () => {
			const viaRest: Json[] = await rest.get('/types/nodes.json');
			const polling = viaRest.filter((n: Json) => n.name.startsWith(PREFIX) && n.polling);
			expect(polling.map((n: Json) => n.name).sort()).toEqual([`${PREFIX}ovoWppTrigger`, `${PREFIX}wapiFlowTrigger`]);
			for (const node of polling) {
				expect(node.properties.filter((p: Json) => p.name === 'pollTimes').length, node.name).toBe(1);
			}
		});

		it("shows each app's card in the node picker with a description of the whole app", async () => {
			// n8n's editor merges a node X and a trigger X + "Trigger" of the same package into one
			// card and gives it the trigger's description (editor-ui generateMergedNodesAndActions)
			const viaRest: Json[] = await rest.get('/types/nodes.json');
			const ours = viaRest.filter((n: Json) => n.name.startsWith(PREFIX));
			const triggers = ours.filter((n: Json) => n.group?.includes('trigger'));
			let merged = 0;
			for (const trigger of triggers) {
				const app = ours.find((n: Json) => n.name === trigger.name.replace('Trigger', '') && !n.group?.includes('trigger'));
				if (!app) continue;
				merged++;
				expect(trigger.description, `the ${app.displayName} card`).toMatch(new RegExp(`^${app.displayName} \\(WhatsApp\\): send `));
				expect(trigger.description, `the ${app.displayName} card`).toMatch(/start workflows on/);
			}
			expect(merged).toBeGreaterThan(0);
		});

		const mcpTitle = mcpReady
			? "as AI tools: an MCP client lists the package's tools on n8n's MCP Server Trigger and calls OvoWpp Send and Mensatek Send; the sandbox receives both messages"
			: 'MCP tools — SKIPPED: n8n 1.x (the MCP Server Trigger speaks streamable HTTP from n8n 2.x)';
		it.skipIf(!mcpReady)(mcpTitle, async () => {
			await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
			const client = new Client({ name: 'n8n-wg-e2e', version: '1.0.0' });
			await client.connect(new StreamableHTTPClientTransport(new URL(`${n8n.url}/mcp/${MCP_PATH}`)));
			try {
				const { tools } = await client.listTools();
				const byName = (nodeName: string) => {
					const tool = tools.find((t) => t.name === nodeName || t.name === nodeName.replace(/\s+/g, '_'));
					expect(tool, `tool "${nodeName}" not in ${JSON.stringify(tools.map((t) => t.name))}`).toBeTruthy();
					return tool!;
				};
				const ovo = byName(MCP_TOOLS.ovoWpp);
				const mensatek = byName(MCP_TOOLS.mensatek);
				// the $fromAI fields are the tools' arguments, with the descriptions given in the workflow
				expect(Object.keys(ovo.inputSchema.properties ?? {}).sort()).toEqual(['countryCode', 'mobile', 'text']);
				expect(Object.keys(mensatek.inputSchema.properties ?? {}).sort()).toEqual(['phone', 'text']);
				expect(JSON.stringify(ovo.inputSchema)).toContain('Mobile number of the recipient');

				const ovoResult: Json = await client.callTool({
					name: ovo.name,
					arguments: { countryCode: '55', mobile: '11 96543-2100', text: 'Hola desde un agente (OvoWpp, MCP)' },
				});
				expect(ovoResult.isError ?? false, JSON.stringify(ovoResult).slice(0, 1500)).toBe(false);
				const mensatekResult: Json = await client.callTool({
					name: mensatek.name,
					arguments: { phone: '+34 600 333 444', text: 'Hola desde un agente (Mensatek, MCP)' },
				});
				expect(mensatekResult.isError ?? false, JSON.stringify(mensatekResult).slice(0, 1500)).toBe(false);
			} finally {
				await client.close();
			}

			const messagesOf = async (provider: string) =>
				(await (await fetch(`${sandbox.url}/_sandbox/messages?provider=${provider}`)).json()).messages as Json[];
			const ovoMessages = await messagesOf('ovowpp');
			expect(ovoMessages, JSON.stringify(ovoMessages).slice(0, 1500)).toHaveLength(1);
			expect(ovoMessages[0]).toMatchObject({ to: '5511965432100', type: 'text', text: 'Hola desde un agente (OvoWpp, MCP)' });
			const mensatekMessages = await messagesOf('mensatek');
			expect(mensatekMessages, JSON.stringify(mensatekMessages).slice(0, 1500)).toHaveLength(1);
			expect(mensatekMessages[0]).toMatchObject({ to: '34600333444', type: 'text', text: 'Hola desde un agente (Mensatek, MCP)' });
		});
		sendAndWaitTests(waitReady, () => ({ n8nUrl: n8n.url, sandboxUrl: sandbox.url, rest, version }));

		async function sandboxPost(p: string, body: Json) {
			const r = await fetch(sandbox.url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
			return r.json();
		}
	});
}

function statusReport(idMensaje: number) {
	return {
		Servicio: 'WHATSAPP',
		Direccion: 'OUTPUT',
		Estado: 2,
		Telefono: '34600111222',
		NombreDestinatario: 'Ana',
		Fecha: '2026-01-15 10:00:00',
		idMensaje,
		Referencia: 'e2e',
		Tipo: 'TEXTO',
	};
}

function incomingReport(idMensaje: number) {
	return {
		...statusReport(idMensaje),
		Direccion: 'INPUT',
		Estado: 8,
		Tipo: 'text',
		Mensaje: JSON.stringify({ type: 'text', text: 'Hola, quiero info' }),
	};
}

/** Execution data as n8n's REST API returns it (flatted), parsed with n8n's own copy of flatted. */
function parseFlatted(version: string, data: Json): Json {
	if (typeof data !== 'string') return data;
	const req = createRequire(path.join(env.n8nDir(version), 'node_modules', 'n8n', 'package.json'));
	const { parse } = req('flatted');
	return parse(data);
}
