// An AI agent answering WhatsApp customers, in real n8n 2.41.3 with the package installed as a
// community package. The chat model is a local OpenAI-compatible stub (test/helpers/chat-model-stub),
// reached through n8n's own OpenAI credential (Base URL), so no language model is called; the sandbox
// plays Mensatek and the customers' phones.
//   1. examples/mensatek-ai-agent.json, active: customers write on the sandbox phone, the sandbox posts
//      Mensatek's INPUT report to the trigger's production URL, the agent answers, Mensatek Send
//      delivers the answer to the customer's thread; memory is per sessionKey.
//   2. "Request human approval for tools" (n8n 2.x wraps every node with Send and Wait as a
//      `<name>HitlTool`): the Mensatek one gates an HTTP Request tool; the approver's WhatsApp
//      message carries the links; Approve lets the tool run, Decline stops it.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-ignore plain ESM script without types
import * as env from '../../scripts/n8n-env.mjs';
// @ts-ignore plain ESM module without types
import { startSandbox } from '../../sandbox/server.mjs';
import { startChatModelStub, textOf, type ChatMessage, type ChatModelStub, type StubAnswer } from '../helpers/chat-model-stub.mts';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const VERSION = '2.41.3';
const PREFIX = `${env.PACKAGE_NAME}.`;
const EXAMPLE_FILE = 'mensatek-ai-agent.json';
const APPROVAL_WORKFLOW_ID = 'wgE2eAiApproval1';
const APPROVAL_PATH = 'ai-refund-request';
const APPROVER = '34699000111';
const OPENAI_CREDENTIAL = { id: 'wgE2eOpenAiStub1', name: 'OpenAI (local stub)' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const wanted = (process.env.N8N_E2E_VERSIONS ?? '').split(',').map((v) => v.trim()).filter(Boolean);
const enabled = !!process.env.N8N_E2E && (wanted.length ? wanted : env.E2E_N8N_VERSIONS).includes(VERSION);

/**
 * The stub's script. A conversation: "You said: <last customer text>", then what the same session
 * said before (the memory n8n sent along), so a reply proves which thread's memory the agent had.
 * A refund request: call the (gated) refund tool; once the tool's result is back, report it.
 */
function script(messages: ChatMessage[], tools: Json[]): StubAnswer {
	const last = messages.at(-1);
	if (last?.role === 'tool') return { text: `Refund tool answered: ${textOf(last)}` };
	const said = messages.filter((m) => m.role === 'user').map(textOf);
	const current = said.at(-1) ?? '';
	const refund = /refund order (\S+)/i.exec(current);
	if (refund && tools.length) {
		// the gated tool's arguments: the tool's own under toolParameters (n8n's HITL schema)
		return { toolCalls: [{ name: tools[0].function.name, arguments: { toolParameters: { order: refund[1] }, hitlParameters: {} } }] };
	}
	const before = said.slice(0, -1);
	return { text: `You said: ${current} | ${before.length ? `Before, you said: ${before.join(' / ')}` : 'First message of this chat'}` };
}

describe.skipIf(!enabled)(`n8n ${VERSION}: an AI agent answers WhatsApp customers through the package (chat model: local stub)`, () => {
	let sandbox: Json;
	let stub: ChatModelStub;
	let n8n: Json;
	let rest: Json;
	let userFolder: string;
	let credentials: Json[] = [];
	let example: Json;
	const cli = (args: string[], opts: Json = {}) => env.n8nCli(VERSION, userFolder, args, opts);

	beforeAll(async () => {
		const t0 = Date.now();
		sandbox = await startSandbox({ port: 0 });
		stub = await startChatModelStub(script);
		userFolder = path.join(env.PACKAGE_ROOT, '.n8n-e2e', `ai-agent-${VERSION}-${process.pid}`);
		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.mkdirSync(userFolder, { recursive: true });
		await env.installPackageIntoUserFolder(userFolder, inject('n8nE2eTarball'));

		// the sandbox's demo credentials, and n8n's OpenAI credential with the stub as its Base URL
		credentials = await env.demoCredentials(sandbox.url);
		credentials.push({ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-local-stub', url: `${stub.url}/v1`, header: false } });
		const prepared = (await env.prepareExamples(credentials)) as Array<{ file: string; workflow: Json }>;
		example = prepared.find((e) => e.file === EXAMPLE_FILE)?.workflow;
		expect(example, `examples/${EXAMPLE_FILE} not found`).toBeTruthy();
		// the example names no OpenAI credential (a user picks their own): this test picks the stub's
		for (const node of example.nodes.filter((n: Json) => n.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi')) {
			node.credentials = { openAiApi: OPENAI_CREDENTIAL };
		}

		const work = path.join(userFolder, 'import');
		fs.mkdirSync(path.join(work, 'workflows'), { recursive: true });
		fs.writeFileSync(path.join(work, 'credentials.json'), JSON.stringify(credentials, null, 2));
		await cli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`]);
		for (const wf of [example, approvalWorkflow(stub.url)]) fs.writeFileSync(path.join(work, 'workflows', `${wf.id}.json`), JSON.stringify(wf, null, 2));
		await cli(['import:workflow', '--separate', `--input=${path.join(work, 'workflows')}`]);
		await env.activateWorkflow(VERSION, userFolder, example.id);
		await env.activateWorkflow(VERSION, userFolder, APPROVAL_WORKFLOW_ID);

		// a random free port: helpers scanning up from 5678 at the same time could take the same one,
		// and the test would then talk to another n8n (checked below by its version)
		n8n = await env.startN8n(VERSION, userFolder, { port: await env.freePort() });
		rest = await new env.N8nRest(n8n.url).ensureOwnerAndLogin();
		expect((await rest.get('/rest/settings')).versionCli, `the n8n on ${n8n.url}`).toBe(VERSION);
		process.stderr.write(`[e2e] ai-agent: n8n ${VERSION} up on ${n8n.url}, stub model on ${stub.url} (setup ${Math.round((Date.now() - t0) / 1000)} s)\n`);
	});

	afterAll(async () => {
		await n8n?.stop();
		await stub?.close();
		await sandbox?.close();
		if (userFolder && !process.env.N8N_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	async function sandboxPost(p: string, body: Json) {
		const r = await fetch(sandbox.url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		return { status: r.status, body: await r.json() };
	}
	async function sandboxMessages(): Promise<Json[]> {
		return (await (await fetch(`${sandbox.url}/_sandbox/messages?provider=mensatek`)).json()).messages;
	}
	async function threadOf(phone: string): Promise<Json[]> {
		const state = await (await fetch(`${sandbox.url}/_sandbox/phone/state`)).json();
		return state.providers.mensatek.customers.find((c: Json) => c.phone === phone)?.messages ?? [];
	}
	async function executionsOf(workflowId: string): Promise<Json[]> {
		const list = await rest.get(`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
		return list.results ?? list;
	}
	async function execution(id: string): Promise<Json> {
		const full = await rest.get(`/rest/executions/${id}`);
		return { ...full, data: parseFlatted(full.data) };
	}
	/** "eventually": polls without a verdict on speed; the test timeout is the only bound */
	async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
		for (;;) {
			const got = await probe();
			if (got !== undefined) return got;
			await sleep(300);
		}
	}
	const outputOf = (run: Json, nodeName: string): Json[] => {
		const runs = run.data.resultData.runData[nodeName] ?? [];
		return runs.at(-1)?.data?.main?.[0]?.map((i: Json) => i.json) ?? [];
	};

	/** The customer writes on the sandbox phone; resolves with the agent's reply to that number. */
	async function customerWrites(phone: string, text: string): Promise<string> {
		const before = (await sandboxMessages()).filter((m) => m.to === phone).length;
		const sent = await sandboxPost('/_sandbox/phone/answer', { provider: 'mensatek', phone, text });
		expect(sent.body, JSON.stringify(sent.body)).toMatchObject({ delivered: true, status: 200 });
		const reply = await until(`a reply to ${phone}`, async () => (await sandboxMessages()).filter((m) => m.to === phone)[before]);
		return String(reply.text);
	}

	it('the example answers each customer in their own thread, with memory keyed by sessionKey (two customers interleaved)', async () => {
		await sandboxPost('/_sandbox/reset', {});
		const trigger = example.nodes.find((n: Json) => n.type === `${PREFIX}mensatekTrigger`);
		const url = env.productionWebhookUrl(n8n.url, env.distNodeDescription('mensatekTrigger'), trigger);
		const auth = credentials.find((c) => c.type === 'mensatekWebhookApi').data;
		// Mensatek's panel: the report URL with HTTP Basic (the sandbox posts INPUT reports there)
		await sandboxPost('/_sandbox/mensatek/report-url', { url, user: auth.user, password: auth.password });

		const ana = '34600111001';
		const bruno = '34600222002';
		expect(await customerWrites(ana, 'Hola, soy Ana, quiero una bici roja')).toBe('You said: Hola, soy Ana, quiero una bici roja | First message of this chat');
		expect(await customerWrites(bruno, 'Soy Bruno, busco un coche azul')).toBe('You said: Soy Bruno, busco un coche azul | First message of this chat');
		// each second message: the model got that customer's first one, never the other's
		expect(await customerWrites(ana, '¿Qué color pedí?')).toBe('You said: ¿Qué color pedí? | Before, you said: Hola, soy Ana, quiero una bici roja');
		expect(await customerWrites(bruno, '¿Y yo qué busco?')).toBe('You said: ¿Y yo qué busco? | Before, you said: Soy Bruno, busco un coche azul');

		// the phone: each customer's thread holds their own two messages and the two answers, in order
		for (const [phone, first, second] of [
			[ana, 'Hola, soy Ana, quiero una bici roja', '¿Qué color pedí?'],
			[bruno, 'Soy Bruno, busco un coche azul', '¿Y yo qué busco?'],
		]) {
			const thread = (await threadOf(phone)).map((b: Json) => [b.dir, b.text]);
			expect(thread.map(([dir]: string[]) => dir)).toEqual(['in', 'out', 'in', 'out']);
			expect(thread[0][1]).toBe(first);
			expect(thread[1][1]).toMatch(new RegExp(`^You said: ${first}`));
			expect(thread[2][1]).toBe(second);
			expect(thread[3][1]).toMatch(new RegExp(`^You said: ${second.replace('?', '\\?')}`));
		}
		// the replies went out as Texto (the customer wrote within 24 h), one Mensatek message each
		const sent = await sandboxMessages();
		expect(sent.map((m) => [m.to, m.type])).toEqual([
			[ana, 'text'],
			[bruno, 'text'],
			[ana, 'text'],
			[bruno, 'text'],
		]);
		// the model saw the system message and the session's history as chat messages
		const lastAna = stub.requests.filter((r) => r.messages.some((m: Json) => textOf(m) === '¿Qué color pedí?'))[0];
		// (LangChain sends the system message as `developer` to OpenAI's reasoning models, gpt-5-mini here)
		expect(lastAna.messages.map((m: Json) => m.role)).toEqual([expect.stringMatching(/^(system|developer)$/), 'user', 'assistant', 'user']);
		expect(textOf(lastAna.messages[0])).toMatch(/^You answer customers of our shop on WhatsApp/);

		const runs = await executionsOf(example.id);
		expect(runs.map((r) => r.status)).toEqual(['success', 'success', 'success', 'success']);
		const first = await execution(runs.at(-1).id);
		expect(outputOf(first, 'Mensatek Trigger')[0]).toMatchObject({ sessionKey: `mensatek:+${ana}`, text: 'Hola, soy Ana, quiero una bici roja' });
	});

	/** POST the approval workflow's webhook; returns the approver's message and the waiting execution. */
	async function requestRefund(order: string) {
		await sandboxPost('/_sandbox/reset', {});
		const seen = new Set((await executionsOf(APPROVAL_WORKFLOW_ID)).map((r) => r.id));
		const hook = await fetch(`${n8n.url}/webhook/${APPROVAL_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ text: `Please refund order ${order}` }),
		});
		expect(hook.status, await hook.text()).toBe(200);
		// the approver's message, or an execution that ended without asking (a tool that ran ungated)
		const outcome = await until('the approval message or the end of the execution', async () => {
			const message = (await sandboxMessages()).find((m) => m.to === APPROVER);
			if (message) return { message };
			const ended = (await executionsOf(APPROVAL_WORKFLOW_ID)).find((r) => !seen.has(r.id) && ['success', 'error', 'crashed'].includes(r.status));
			return ended ? { ended } : undefined;
		});
		expect(outcome.message, `the execution ended without asking the approver (tool calls: ${JSON.stringify(stub.toolCalls)})`).toBeTruthy();
		const text = String(outcome.message.text);
		const id = /\/webhook-waiting\/(\d+)\//.exec(text)?.[1];
		expect(id, `no resume link in ${text}`).toBeTruthy();
		await until('the execution waiting', async () => ((await rest.get(`/rest/executions/${id}`)).status === 'waiting' ? true : undefined));
		return { text, id: id! };
	}
	async function finished(id: string): Promise<Json> {
		await until(`execution ${id} finished`, async () => {
			const row = await rest.get(`/rest/executions/${id}`);
			return row.finished || ['success', 'error', 'crashed'].includes(row.status) ? true : undefined;
		});
		return execution(id);
	}
	const link = (text: string, label: string) => new RegExp(`${label}: (\\S+)`).exec(text)?.[1] as string;

	it('Request human approval for tools: the approver gets the tool call on WhatsApp (Mensatek), Approve lets the tool run', async () => {
		const calls = stub.toolCalls.length;
		const { text, id } = await requestRefund('A-1001');
		expect(text).toContain('Refund_Order');
		expect(text).toContain('A-1001');
		expect(stub.toolCalls.length, 'the tool ran before anyone approved').toBe(calls);

		const page = await fetch(link(text, 'Approve'));
		expect(page.status).toBe(200);
		const run = await finished(id);
		expect(run.status, JSON.stringify(run.data.resultData.error ?? {}).slice(0, 1500)).toBe('success');
		// the tool did its work once, with the model's arguments
		expect(stub.toolCalls.slice(calls)).toEqual([{ tool: 'refund', body: { order: 'A-1001' } }]);
		const [out] = outputOf(run, 'AI Agent');
		expect(out.output).toMatch(/^Refund tool answered: .*"order":"A-1001"/);
	});

	it('Request human approval for tools: Decline stops the tool; the agent is told the user rejected it', async () => {
		const calls = stub.toolCalls.length;
		const { text, id } = await requestRefund('A-2002');
		const page = await fetch(link(text, 'Decline'));
		expect(page.status).toBe(200);
		const run = await finished(id);
		expect(run.status).toBe('success');
		expect(stub.toolCalls.length, 'the declined tool ran').toBe(calls);
		const [out] = outputOf(run, 'AI Agent');
		// n8n's own words to the model (processHitlResponses), as the tool's result
		expect(out.output).toMatch(/^Refund tool answered: \[\{"output":"User rejected the tool call to Refund Order \(id: call_stub_\d+_0\)\. STOP/);
	});
});

/** Webhook → AI Agent, whose one tool (HTTP Request to the stub's /tools/refund) is gated by the Mensatek HITL tool. */
function approvalWorkflow(stubUrl: string): Json {
	const mensatek = { mensatekApi: { id: 'wgDemoMensatekA1', name: 'Mensatek (sandbox)' } };
	return {
		id: APPROVAL_WORKFLOW_ID,
		name: 'e2e AI agent with WhatsApp approval of its tool',
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		nodes: [
			{
				id: 'ai-approval-hook',
				name: 'Refund Request',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '5a1e0000-0000-4000-8000-0000000a1a01',
				parameters: { httpMethod: 'POST', path: APPROVAL_PATH, responseMode: 'onReceived', options: {} },
			},
			{
				id: 'ai-approval-agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3,
				position: [300, 0],
				parameters: { promptType: 'define', text: '={{ $json.body.text }}', options: {} },
			},
			{
				id: 'ai-approval-model',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [200, 250],
				parameters: { model: { __rl: true, mode: 'id', value: 'stub-model' }, responsesApiEnabled: false, options: {} },
				credentials: { openAiApi: OPENAI_CREDENTIAL },
			},
			{
				id: 'ai-approval-gate',
				name: 'Ask the Manager',
				type: `${PREFIX}mensatekHitlTool`,
				typeVersion: 2,
				position: [400, 250],
				parameters: {
					phone: `+${APPROVER}`,
					messageKind: 'text',
					message: '=The agent wants to run {{ $tool.name }} with {{ JSON.stringify($tool.parameters) }}',
					approvalOptions: { values: { approvalType: 'double', approveLabel: 'Approve', disapproveLabel: 'Decline' } },
				},
				credentials: mensatek,
			},
			{
				id: 'ai-approval-tool',
				name: 'Refund Order',
				type: 'n8n-nodes-base.httpRequestTool',
				typeVersion: 4.2,
				position: [400, 500],
				parameters: {
					toolDescription: 'Refunds an order',
					method: 'POST',
					url: `${stubUrl}/tools/refund`,
					sendBody: true,
					specifyBody: 'keypair',
					bodyParameters: { parameters: [{ name: 'order', value: "={{ $fromAI('order', 'The order number, e.g. A-1001', 'string') }}" }] },
					options: {},
				},
			},
		],
		connections: {
			'Refund Request': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			'Refund Order': { ai_tool: [[{ node: 'Ask the Manager', type: 'ai_tool', index: 0 }]] },
			'Ask the Manager': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

/** Execution data as n8n's REST API returns it (flatted), parsed with n8n's own copy of flatted. */
function parseFlatted(data: Json): Json {
	if (typeof data !== 'string') return data;
	const req = createRequire(path.join(env.n8nDir(VERSION), 'node_modules', 'n8n', 'package.json'));
	return req('flatted').parse(data);
}
