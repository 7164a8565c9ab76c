// The package in n8n's queue mode (n8n 1.123.81): Redis and Postgres of the test's own, n8n main,
// two workers and a webhook process, each with its own user folder and the package installed in
// it, sharing the encryption key, the database and the queue (scripts/queue-env.mjs). Executions
// started by webhooks go through Redis to the workers; the polling trigger runs on main; the
// Mensatek Trigger's reports arrive at the webhook process. The sandbox plays the providers.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-ignore plain ESM script without types
import * as env from '../../scripts/n8n-env.mjs';
// @ts-ignore plain ESM script without types
import * as queue from '../../scripts/queue-env.mjs';
// @ts-ignore plain ESM module without types
import { startSandbox } from '../../sandbox/server.mjs';
import { e2eVersions } from './global-setup';
import { nodeOutput } from './harness';
import { PROVIDER_CASES, TRIGGER_WEBHOOK_ID, triggerAuth, triggerExtraCredentials, triggerWorkflow } from './workflows';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const VERSION = '1.123.81';
const PREFIX = `${env.PACKAGE_NAME}.`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const enabled = !!process.env.N8N_E2E && e2eVersions().includes(VERSION) && process.env.N8N_E2E_SKIP_QUEUE !== '1';

/** The OvoWpp Trigger polls every 10 s (a custom cron with a seconds field: n8n allows it when it has no `*`). */
const POLL_SECONDS = 10;
const OVOWPP_TRIGGER_ID = 'wgQueueOvoTrig01';
const WOLKVOX_EXECUTIONS = 6;
const WOLKVOX_ITEMS = 50;
const REPORTS = 200;

/** Waits until check() returns a value that is not undefined, polling every `everyMs`; no deadline of its own (the test's timeout is the bound). */
async function until<T>(check: () => Promise<T | undefined>, everyMs = 1000): Promise<T> {
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		await sleep(everyMs);
	}
}

function parseFlatted(data: Json): Json {
	if (typeof data !== 'string') return data;
	const req = createRequire(path.join(env.n8nDir(VERSION), 'node_modules', 'n8n', 'package.json'));
	return req('flatted').parse(data);
}

/** The e2e suite's Mensatek Trigger workflow, answering each report only once its workflow has run. */
function queueTriggerWorkflow(credentials: Json[], credentialType: string | undefined): Json {
	const wf = triggerWorkflow(credentials, credentialType);
	wf.nodes[0].parameters = { ...wf.nodes[0].parameters, responseMode: 'lastNode' };
	return wf;
}

function ovoWppTriggerWorkflow(credentials: Json[]): Json {
	const c = credentials.find((x) => x.type === 'ovoWppApi');
	return {
		id: OVOWPP_TRIGGER_ID,
		name: 'queue OvoWpp Trigger',
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		pinData: {},
		nodes: [
			{
				id: `${OVOWPP_TRIGGER_ID}-t`,
				name: 'OvoWpp Trigger',
				type: `${PREFIX}ovoWppTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'custom', cronExpression: '0,10,20,30,40,50 * * * * *' }] },
					events: ['newConversation'],
					options: {},
				},
				credentials: { ovoWppApi: { id: c.id, name: c.name } },
			},
		],
		connections: {},
	};
}

describe.skipIf(!enabled)(`n8n ${VERSION} in queue mode: main, two workers and a webhook process, Redis and Postgres`, () => {
	let sandbox: Json;
	let q: Json;
	let rest: Json;
	let credentials: Json[] = [];
	let triggerCredential: string | undefined;
	let exportedNodes: Json[] = [];
	const root = path.join(env.PACKAGE_ROOT, '.n8n-e2e', `queue-${process.pid}`);
	// The e2e suite's workflow of each action node, started by a webhook instead of by hand.
	const actionWorkflows = PROVIDER_CASES.map((c, i) => ({
		case: c,
		path: `queue-action-${i}`,
		build: (creds: Json[]) => {
			const wf = c.workflow(creds);
			return queue.webhookWorkflow(`wgQueueAction${String(i).padStart(2, '0')}Q`, `queue ${wf.name}`, `queue-action-${i}`, wf.nodes.slice(1));
		},
	}));

	const sandboxGet = async (p: string) => (await fetch(sandbox.url + p)).json();
	const sandboxPost = async (p: string, body: Json) =>
		(await fetch(sandbox.url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
	const messages = async (provider?: string): Promise<Json[]> =>
		(await sandboxGet(`/_sandbox/messages${provider ? `?provider=${provider}` : ''}`)).messages;
	const requests = async (): Promise<Json[]> => (await sandboxGet('/_sandbox/requests')).requests;
	/** POST to a production webhook on the webhook process; a 404 (main has not registered it yet) started nothing and is tried again. */
	const postWebhook = async (p: string, body: Json, headers: Record<string, string> = { 'content-type': 'application/json' }, url = `${q.webhook.url}/webhook/${p}`) => {
		for (let attempt = 0; ; attempt++) {
			const answer = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
			if (answer.status !== 404 || attempt >= 60) return answer;
			await sleep(1000);
		}
	};
	/** Each item, `width` at a time. */
	const eachLimited = async <T, R>(list: T[], width: number, fn: (x: T) => Promise<R>) => {
		const out: R[] = new Array(list.length);
		let next = 0;
		await Promise.all(Array.from({ length: width }, async () => {
			while (next < list.length) {
				const i = next++;
				out[i] = await fn(list[i]);
			}
		}));
		return out;
	};
	/** Executions of a workflow once `count` of them have finished (success or error). */
	const finished = (workflowId: string, count: number) => {
		let polls = 0;
		return until(async () => {
			const rows = await queue.executionsOf(rest, workflowId);
			const done = rows.filter((r: Json) => r.status === 'success' || r.status === 'error' || r.status === 'crashed');
			if (++polls % 30 === 0) {
				const statuses: Record<string, number> = {};
				for (const r of rows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
				process.stderr.write(`[e2e] ${workflowId}: ${done.length} of ${count} executions finished (${JSON.stringify(statuses)})\n`);
			}
			return done.length >= count ? rows : undefined;
		});
	};

	beforeAll(async () => {
		const t0 = Date.now();
		sandbox = await startSandbox({ port: 0 });
		credentials = await env.demoCredentials(sandbox.url);
		const triggerNode = env.distNodeDescription('mensatekTrigger');
		triggerCredential = triggerNode?.credentials?.[0]?.name;
		credentials.push(...triggerExtraCredentials(triggerCredential));
		const workflows = [
			...actionWorkflows.map((a) => a.build(credentials)),
			queue.wolkvoxBulkWorkflow(credentials),
			queueTriggerWorkflow(credentials, triggerCredential),
			ovoWppTriggerWorkflow(credentials),
		];
		q = await queue.startQueueMode({
			version: VERSION,
			tarball: inject('n8nE2eTarball'),
			root,
			workers: 2,
			webhook: true,
			// Production webhooks only on the webhook process; a pool big enough for a burst of reports.
			mainEnv: { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
			webhookEnv: { DB_POSTGRESDB_POOL_SIZE: '50' },
			workerEnv: { DB_POSTGRESDB_POOL_SIZE: '10' },
			prepare: async (cli: (args: string[]) => Promise<Json>) => {
				const work = path.join(root, 'import');
				fs.mkdirSync(path.join(work, 'workflows'), { recursive: true });
				fs.writeFileSync(path.join(work, 'credentials.json'), JSON.stringify(credentials));
				await cli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`]);
				for (const wf of workflows) fs.writeFileSync(path.join(work, 'workflows', `${wf.id}.json`), JSON.stringify(wf));
				await cli(['import:workflow', '--separate', `--input=${path.join(work, 'workflows')}`]);
				// Every workflow of this installation is one of the test's: one CLI start activates them all.
				await cli(['update:workflow', '--all', '--active=true']);
			},
		});
		exportedNodes = JSON.parse(fs.readFileSync(path.join(q.main.userFolder, 'nodes.json'), 'utf8'));
		rest = await new env.N8nRest(q.main.url).ensureOwnerAndLogin();
		process.stderr.write(`[e2e] queue mode up (setup ${Math.round((Date.now() - t0) / 1000)} s)\n`);
	});

	afterAll(async () => {
		await q?.stop();
		await sandbox?.close();
		if (!process.env.N8N_E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
	});

	it('has the package installed in each process\'s own user folder', () => {
		for (const proc of [q.main, q.webhook, ...q.workers]) {
			const pj = path.join(proc.userFolder, '.n8n', 'nodes', 'node_modules', env.PACKAGE_NAME, 'package.json');
			expect(fs.existsSync(pj), pj).toBe(true);
		}
		expect(new Set([q.main, q.webhook, ...q.workers].map((p: Json) => p.userFolder)).size).toBe(4);
	});

	it('runs each action node on a worker, against the sandbox', async () => {
		for (const action of actionWorkflows) {
			const wf = action.build(credentials);
			const before = (await messages(action.case.provider)).length;
			const answer = await postWebhook(action.path, { from: 'queue-mode e2e' });
			expect(answer.status, `${action.case.title}: ${await answer.text()}`).toBe(200);
			const [row] = await finished(wf.id, 1);
			expect(row.status, action.case.title).toBe('success');
			// The execution ran on one of the workers, not on main or the webhook process.
			expect(queue.workerOf(q, row.id), `${action.case.title}: execution ${row.id} in no worker's log`).toBeTruthy();
			expect(q.main.logs()).not.toMatch(new RegExp(`started execution ${row.id}\\b`));
			const full = await rest.get(`/rest/executions/${row.id}`);
			const run = { data: parseFlatted(full.data) };
			const items = nodeOutput(run, action.case.nodeName);
			action.case.expect({ messages: (await messages(action.case.provider)).slice(before), items, run });
		}
	});

	it(`Wolkvox: ${WOLKVOX_EXECUTIONS} executions × ${WOLKVOX_ITEMS} items on one token, spread over the workers → every message sent exactly once`, async () => {
		const wf = queue.wolkvoxBulkWorkflow(credentials);
		await sandboxPost('/_sandbox/config', { provider: 'wolkvox', latencyMs: 50 });
		const before = (await messages('wolkvox')).length;
		const lists = Array.from({ length: WOLKVOX_EXECUTIONS }, (_, e) => queue.recipients(10_000 + e * WOLKVOX_ITEMS, WOLKVOX_ITEMS));
		const answers = await Promise.all(lists.map((list) => postWebhook('queue-wolkvox-bulk', { recipients: list })));
		expect(answers.map((a) => a.status)).toEqual(Array(WOLKVOX_EXECUTIONS).fill(200));
		const rows = await finished(wf.id, WOLKVOX_EXECUTIONS);
		await sandboxPost('/_sandbox/config', { provider: 'wolkvox', latencyMs: 0 });
		expect(rows.map((r: Json) => r.status)).toEqual(Array(WOLKVOX_EXECUTIONS).fill('success'));
		const workers = rows.map((r: Json) => queue.workerOf(q, r.id)?.name);
		expect(workers.every(Boolean), JSON.stringify(workers)).toBe(true);

		const sent = (await messages('wolkvox')).slice(before).map((m: Json) => m.to);
		const expected = lists.flat().map((r) => r.phone);
		expect(sent.length).toBe(expected.length);
		expect([...new Set(sent)].sort()).toEqual([...expected].sort());
		// Every item says it was sent (no error item: a refusal was waited out and tried again).
		for (const row of rows) {
			const items = nodeOutput({ data: parseFlatted((await rest.get(`/rest/executions/${row.id}`)).data) }, 'Wolkvox');
			expect(items.filter((i: Json) => i.sent !== true)).toEqual([]);
			expect(items).toHaveLength(WOLKVOX_ITEMS);
		}
		const stats = await sandboxGet('/_sandbox/wolkvox/stats');
		const token = Object.values(stats.tokens).find((t: Json) => t.requests > 0) as Json;
		process.stderr.write(
			`[e2e] queue Wolkvox: ${sent.length} sent, ${token.rejectedConcurrency} concurrency 403s, workers ${JSON.stringify(workers)}\n`,
		);
	});

	it(`Mensatek Trigger (Respond: After the Workflow Has Run): ${REPORTS} concurrent reports through the webhook process → ${REPORTS} executions, none lost`, async () => {
		const wf = queueTriggerWorkflow(credentials, triggerCredential);
		const description = exportedNodes.find((n: Json) => n.name === `${PREFIX}mensatekTrigger`);
		const url = env.productionWebhookUrl(q.webhook.url, description, { webhookId: TRIGGER_WEBHOOK_ID });
		expect(url).toBeTruthy();
		const auth = triggerAuth(credentials, triggerCredential);
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (auth) headers.authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
		const report = (n: number) => ({
			Servicio: 'WHATSAPP',
			Direccion: 'OUTPUT',
			Estado: 2,
			Telefono: '34600111222',
			Fecha: '2026-01-15 10:00:00',
			idMensaje: 700_000 + n,
			Referencia: 'queue-e2e',
			Tipo: 'TEXTO',
		});
		// The webhook registered (a first report), then the burst.
		expect((await postWebhook('', report(0), headers, url!)).status).toBe(200);
		// n8n 1.123.81's webhook process may never answer a report whose execution finished very
		// fast (Bull's job.finished() misses the completion of a job that is removed on completion):
		// the sender gives up after a minute, like one that times out, and sends it again; the
		// trigger's Skip Repeated Reports answers that copy without starting it twice.
		const post = (n: number, timeoutMs?: number) =>
			fetch(url!, { method: 'POST', headers, body: JSON.stringify(report(n)), signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined }).then(
				async (r) => ({ status: r.status, body: await r.text() }),
				(e: Error) => ({ status: 0, body: String(e.cause ?? e) }),
			);
		const first = [{ status: 200, body: '' }, ...(await Promise.all(Array.from({ length: REPORTS - 1 }, (_, n) => post(n + 1, 60_000))))];
		// With this Respond mode n8n answers 200 only once the execution has finished. Any other
		// outcome (n8n's 503 "Database is not ready!" when its database ping timed out under the
		// burst, a 500, no answer) tells the sender the report may not have been taken: it is sent
		// again, as a sender that retries would (whether Mensatek retries is not known), one at a
		// time until n8n takes it.
		const refused = first.flatMap((a, n) => (a.status === 200 ? [] : [n]));
		const answers = new Map<string, number>();
		for (const n of refused) {
			const key = first[n].status === 0 ? first[n].body : String(first[n].status);
			answers.set(key, (answers.get(key) ?? 0) + 1);
		}
		for (const n of refused) {
			let answer = await post(n);
			for (let attempt = 1; answer.status !== 200 && attempt < 120; attempt++) {
				await sleep(1000);
				answer = await post(n);
			}
			expect(answer.status, `report ${n} sent again: ${answer.body}`).toBe(200);
		}
		process.stderr.write(
			`[e2e] queue Mensatek Trigger: ${REPORTS - refused.length} of ${REPORTS} taken at once; ${refused.length} answered otherwise (${JSON.stringify(Object.fromEntries(answers))}) and sent again\n`,
		);
		// Every report was answered 200, so every one has a finished execution: count them.
		const rows = await finished(wf.id, REPORTS);
		const statuses: Record<string, number> = {};
		for (const r of rows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
		process.stderr.write(`[e2e] queue Mensatek Trigger: executions ${JSON.stringify(statuses)}\n`);
		const succeeded = rows.filter((r: Json) => r.status === 'success');
		const items = await eachLimited(succeeded, 8, async (row: Json) =>
			nodeOutput({ data: parseFlatted((await rest.get(`/rest/executions/${row.id}`)).data) }, 'Mensatek Trigger'),
		);
		const ids = items.flat().map((i: Json) => Number(i.idMensaje));
		// Each report ran exactly once: a copy sent again after no answer was a repeat (Skip Repeated
		// Reports), or a 503 while the first copy still ran, and then a repeat.
		expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: REPORTS }, (_, n) => 700_000 + n));
	}, 15 * 60_000);

	it('OvoWpp Trigger: polls once per interval (on main only, not once per process) and emits a new conversation once', async () => {
		const polls = async () =>
			(await requests()).filter((r) => r.path.includes('inbox/conversation-list')).map((r) => (typeof r.at === 'number' ? r.at : Date.parse(r.at)));
		// From a poll made after now, two and a half intervals: the polls at +0, +10 and +20 s (a busy
		// machine delays them by a second or so), and no other.
		const now = Date.now();
		const first = await until(async () => (await polls()).find((t) => t > now));
		const windowEnd = first + 2.5 * POLL_SECONDS * 1000;
		await until(async () => ((await polls()).some((t) => t >= windowEnd) ? true : undefined));
		const inWindow = (await polls()).filter((t) => t >= first && t < windowEnd);
		// n8n fires the cron once every 10 s; four processes each polling would give twelve.
		expect(inWindow.length).toBe(3);

		const before = await queue.executionsOf(rest, OVOWPP_TRIGGER_ID);
		const mobile = '699000123';
		await sandboxPost('/_sandbox/ovowpp/incoming', { mobile_code: '34', mobile, message: 'Hola, soy nueva', firstname: 'Nueva', lastname: 'Cliente' });
		// Two more polls: the one that finds it and one that must not emit it again.
		const wrote = Date.now();
		await until(async () => ((await polls()).filter((t) => t > wrote).length >= 2 ? true : undefined));
		const rows = await finished(OVOWPP_TRIGGER_ID, before.length + 1);
		const fresh = rows.filter((r: Json) => !before.some((b: Json) => b.id === r.id));
		expect(fresh).toHaveLength(1);
		expect(fresh[0].status).toBe('success');
		const items = nodeOutput({ data: parseFlatted((await rest.get(`/rest/executions/${fresh[0].id}`)).data) }, 'OvoWpp Trigger');
		expect(JSON.stringify(items)).toContain(mobile);
	});
});
