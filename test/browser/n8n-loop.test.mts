// The whole loop a newcomer tries after `npm run dev`, in Chromium against a real n8n 1.123.81:
// the Mensatek example sends (n8n execute), the message shows in the customer's thread, an answer
// typed there reaches the active "Mensatek: delivery reports" workflow as an INPUT report (its
// Mensatek Trigger starts an execution), and an answer typed in an OvoWpp thread is what the OvoWpp
// Trigger's next poll reports (polled through n8n-core's PollContext, test/helpers/harness.mts).
// The set-up is `npm run dev`'s: scripts/n8n-env.mjs installs the package, imports the demo
// credentials and the examples, activates the trigger workflow and points the sandbox's reports at it.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-ignore plain ESM script without types
import * as env from '../../scripts/n8n-env.mjs';
import { pollNode, type PollResult } from '../helpers/harness';
import { parseExecuteOutput } from '../e2e/harness';
import { eventually, openPhone, type Json } from './helpers';
import { BROWSER_N8N_VERSION as VERSION } from './global-setup';

const TRIGGER = `${env.PACKAGE_NAME}.mensatekTrigger`;
let phone: Awaited<ReturnType<typeof openPhone>>;
let n8n: Json;
let rest: Json;
let userFolder = '';
let examples: Json[] = [];
let credentials: Json[] = [];
let sendRun: Json;
// test/helpers/harness.mts (for the OvoWpp poll) silences n8n-core in this process through
// N8N_LOG_LEVEL; the n8n CLI inherits it and `execute --rawOutput` prints through its logger
const cli = (args: string[], opts: Json = {}) => env.n8nCli(VERSION, userFolder, args, { ...opts, env: { N8N_LOG_LEVEL: 'info' } });
const byName = (name: string) => examples.find((w) => w.name === name);

beforeAll(async () => {
	// the phone first: its sandbox's URL goes into the demo credentials
	phone = await openPhone();
	const { sandbox } = phone;
	userFolder = path.join(env.PACKAGE_ROOT, '.n8n-e2e', `browser-${VERSION}-${process.pid}`);
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(path.join(userFolder, 'import', 'workflows'), { recursive: true });
	await env.installPackageIntoUserFolder(userFolder, inject('browserTarball'));
	credentials = await env.demoCredentials(sandbox.url);
	const credFile = path.join(userFolder, 'import', 'credentials.json');
	fs.writeFileSync(credFile, JSON.stringify(credentials));
	await cli(['import:credentials', `--input=${credFile}`]);
	examples = (await env.prepareExamples(credentials)).map((e: Json) => e.workflow);
	for (const wf of examples) fs.writeFileSync(path.join(userFolder, 'import', 'workflows', `${wf.id}.json`), JSON.stringify(wf));
	await cli(['import:workflow', '--separate', `--input=${path.join(userFolder, 'import', 'workflows')}`]);
	for (const wf of examples.filter((w) => w.nodes.some((n: Json) => n.type === TRIGGER))) await env.activateWorkflow(VERSION, userFolder, wf.id);
	// the Mensatek example runs once, as "Execute workflow" would
	const sender = byName('Mensatek: send a template to a list, with delivery reports');
	const result = await cli(['execute', `--id=${sender.id}`, '--rawOutput'], { allowFail: true });
	try {
		sendRun = parseExecuteOutput(result.stdout);
	} catch {
		throw new Error(`n8n execute exited ${result.code}\n${result.stderr.slice(-3000)}\n${result.stdout.slice(-2000)}`);
	}
	n8n = await env.startN8n(VERSION, userFolder, {});
	rest = await new env.N8nRest(n8n.url).ensureOwnerAndLogin();

	// as `npm run dev`: the sandbox's Mensatek reports go to the trigger's production URL, with the
	// Basic auth its credential holds; the phone (not the sandbox at send time) reports the statuses
	const reports = byName('Mensatek: delivery reports');
	const node = reports.nodes.find((n: Json) => n.type === TRIGGER);
	const url = env.productionWebhookUrl(n8n.url, env.distNodeDescription('mensatekTrigger'), node);
	const auth = credentials.find((c) => c.type === Object.keys(node.credentials)[0]).data;
	await phone.control('POST', 'mensatek/report-url', { url, user: auth.user, password: auth.password, statuses: [] });
});

afterAll(async () => {
	await phone?.close();
	await n8n?.stop();
	if (userFolder && !process.env.N8N_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
});

async function executions(workflowId: string): Promise<Json[]> {
	const list = await rest.get(`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
	return list.results ?? list;
}

/** The first output items of a node in a stored execution (REST returns it flatted). */
async function outputOf(executionId: string, nodeName: string): Promise<Json[]> {
	const full = await rest.get(`/rest/executions/${executionId}`);
	const { parse } = createRequire(path.join(env.n8nDir(VERSION), 'node_modules', 'n8n', 'package.json'))('flatted');
	const data = typeof full.data === 'string' ? parse(full.data) : full.data;
	return (data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? []).map((i: Json) => i.json);
}

describe(`the sandbox phone with a real n8n ${VERSION}`, () => {
	it('shows what the Mensatek example sent, and an answer typed in the thread starts the Mensatek Trigger’s workflow with the typed text', async () => {
		const reports = byName('Mensatek: delivery reports');
		const run = sendRun;
		expect(run?.data?.resultData?.error?.message ?? null).toBeNull();

		const { page } = phone;
		await phone.openChat('mensatek', '34600111222');
		const sent = page.locator('.bubble.out', { hasText: 'Hola Lucía, tu pedido M-9001 está confirmado.' });
		await sent.waitFor();
		expect(await sent.getAttribute('data-status')).toBe('sent');
		expect(await page.textContent('#thread-name')).toBe('Lucía');
		expect(await executions(reports.id)).toHaveLength(0);

		await phone.answer('¿Puedo recogerlo en tienda?');
		// the bubble says what n8n answered the report
		await page.waitForSelector('.bubble.in .note >> text="INPUT report → 200"');
		const rows = await eventually(async () => {
			const list = await executions(reports.id);
			return list.length > 0 && list.every((r) => r.finished || r.status === 'success') && list;
		}, 'an execution of the report workflow');
		expect(rows.map((r: Json) => r.status)).toEqual(['success']);
		const [item] = await outputOf(rows[0].id, 'Summarise Report');
		expect(item).toEqual({ phone: '34600111222', kind: 'reply', status: 8, reference: 'M-9001', text: '¿Puedo recogerlo en tienda?' });

		// a status set by hand in the thread is one more report, one more execution
		await sent.locator('summary').click();
		await sent.locator('button[data-set-status="read"]').click();
		const after = await eventually(async () => {
			const list = await executions(reports.id);
			return list.length === 2 && list.every((r) => r.finished || r.status === 'success') && list;
		}, 'a second execution');
		const statuses = await Promise.all(after.map((r: Json) => outputOf(r.id, 'Summarise Report')));
		expect(statuses.flat().map((i: Json) => [i.kind, i.status]).sort()).toEqual([
			['reply', 8],
			['status', 3],
		]);
	});

	it('an answer typed in an OvoWpp thread is the conversation update the OvoWpp Trigger’s next poll reports', async () => {
		const ovo = credentials.find((c) => c.type === 'ovoWppApi').data;
		const workflow = {
			nodes: [
				{
					name: 'OvoWpp Trigger',
					type: `${env.PACKAGE_NAME}.ovoWppTrigger`,
					typeVersion: 1,
					parameters: { events: ['newConversation', 'conversationUpdated'] },
					credentials: { ovoWppApi: { id: '1', name: 'OvoWpp (sandbox)' } },
				},
			],
			connections: {},
		};
		const first: PollResult = await pollNode(workflow, { ovoWppApi: ovo });
		expect(first.items).toBeNull(); // the first poll only takes the baseline
		const quiet = await pollNode({ nodes: [], connections: {} }, { ovoWppApi: ovo }, { workflow: first.workflow });
		expect(quiet.items).toBeNull();

		await phone.openChat('ovowpp', '5511988887777');
		await phone.answer('Oi! Ainda tem em estoque?');
		const next = await pollNode({ nodes: [], connections: {} }, { ovoWppApi: ovo }, { workflow: first.workflow });
		expect(next.items?.map((i) => i.json)).toMatchObject([{ event: 'conversationUpdated', id: 1, contact: { firstname: 'Maria', mobile: '11988887777' } }]);
		const dump = await phone.control('GET', 'ovowpp/data');
		const message = dump.messages.at(-1);
		expect(message).toMatchObject({ type: 2, message: 'Oi! Ainda tem em estoque?', conversation_id: 1 });
		// the fields the trigger reads moved as the product moves them: last_message_at to the message's time
		expect(next.items![0].json.last_message_at).toBe(message.created_at);

		// a new number writing from the page is a new conversation
		await phone.openChat('ovowpp', '34699000111');
		await phone.answer('Hola, soy nuevo');
		const fresh = await pollNode({ nodes: [], connections: {} }, { ovoWppApi: ovo }, { workflow: first.workflow });
		expect(fresh.items?.map((i) => i.json)).toMatchObject([{ event: 'newConversation', contact: { mobile_code: '34', mobile: '699000111' } }]);
	});
});
