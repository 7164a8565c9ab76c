// Send and Wait for Response in real n8n: one active workflow whose Webhook triggers each start a
// Send and Wait node of the package. The test starts an execution over HTTP, takes the link out of
// the message the sandbox received, opens it like a person's browser, and reads the execution n8n
// stored: it resumed once, with the answer, or went on by itself at the wait limit.
import path from 'node:path';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
// @ts-ignore plain ESM script without types
import * as env from '../../scripts/n8n-env.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

export const SEND_AND_WAIT_WORKFLOW_ID = 'wgE2eSendWait001';
const PREFIX = 'n8n-nodes-whatsapp-gateways.';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const approval = {
	message: 'Approve the refund of order A-1001?',
	responseType: 'approval',
	approvalOptions: { values: { approvalType: 'double', approveLabel: 'Yes', disapproveLabel: 'No' } },
};

interface WaitCase {
	key: string;
	title: string;
	node: string;
	credential: string;
	provider: 'ovowpp' | 'wolkvox' | 'mensatek';
	parameters: Json;
}

export const WAIT_CASES: WaitCase[] = [
	{ key: 'ovowpp', title: 'OvoWpp', node: 'ovoWpp', credential: 'ovoWppApi', provider: 'ovowpp', parameters: { countryCode: '34', mobile: '600111222', ...approval } },
	{ key: 'wapiflow', title: 'WapiFlow', node: 'wapiFlow', credential: 'wapiFlowApi', provider: 'ovowpp', parameters: { countryCode: '34', mobile: '600111223', ...approval } },
	{ key: 'wolkvox', title: 'Wolkvox', node: 'wolkvox', credential: 'wolkvoxApi', provider: 'wolkvox', parameters: { connectorId: '1001', phone: '573001234567', ...approval } },
	{ key: 'mensatek', title: 'Mensatek', node: 'mensatek', credential: 'mensatekApi', provider: 'mensatek', parameters: { phone: '34600111222', ...approval } },
	{
		key: 'freetext',
		title: 'OvoWpp free text',
		node: 'ovoWpp',
		credential: 'ovoWppApi',
		provider: 'ovowpp',
		parameters: { countryCode: '34', mobile: '600111224', message: 'What went wrong?', responseType: 'freeText', options: { responseFormTitle: 'Feedback', messageButtonLabel: 'Answer' } },
	},
	{
		key: 'limit',
		title: 'OvoWpp with a 1 second limit',
		node: 'ovoWpp',
		credential: 'ovoWppApi',
		provider: 'ovowpp',
		parameters: { countryCode: '34', mobile: '600111225', ...approval, options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 1, resumeUnit: 'seconds' } } } },
	},
];

const nodeName = (c: WaitCase) => `Ask ${c.key}`;

/** One workflow, a Webhook trigger per case (path `saw-<key>`) feeding that case's node. */
export function sendAndWaitWorkflow(credentials: Json[]): Json {
	const nodes: Json[] = [];
	const connections: Json = {};
	WAIT_CASES.forEach((c, index) => {
		const credential = credentials.find((x: Json) => x.type === c.credential);
		nodes.push({
			id: `saw-hook-${c.key}`,
			name: `Hook ${c.key}`,
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, index * 200],
			webhookId: `5a1e0000-0000-4000-8000-00000000000${index}`,
			parameters: { httpMethod: 'POST', path: `saw-${c.key}`, responseMode: 'onReceived', options: {} },
		});
		nodes.push({
			id: `saw-node-${c.key}`,
			name: nodeName(c),
			type: `${PREFIX}${c.node}`,
			typeVersion: 1,
			position: [300, index * 200],
			parameters: { resource: 'message', operation: 'sendAndWait', ...c.parameters },
			credentials: { [c.credential]: { id: credential.id, name: credential.name } },
		});
		connections[`Hook ${c.key}`] = { main: [[{ node: nodeName(c), type: 'main', index: 0 }]] };
	});
	return { id: SEND_AND_WAIT_WORKFLOW_ID, name: 'e2e Send and Wait', active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

export interface SendAndWaitEnv {
	n8nUrl: string;
	sandboxUrl: string;
	rest: Json;
	version: string;
}

/** Execution data as n8n's REST API returns it (flatted), parsed with n8n's own flatted. */
function parseFlatted(version: string, data: Json): Json {
	if (typeof data !== 'string') return data;
	const req = createRequire(path.join(env.n8nDir(version), 'node_modules', 'n8n', 'package.json'));
	return req('flatted').parse(data);
}

/** The tests; registered inside the e2e suite of one n8n version, with that suite's n8n and sandbox. */
export function sendAndWaitTests(ready: boolean, get: () => SendAndWaitEnv) {
	const skip = (title: string) => (ready ? title : `${title} — SKIPPED: the nodes are not in package.json n8n.nodes yet`);

	async function messagesOf(provider: string): Promise<Json[]> {
		const r = await fetch(`${get().sandboxUrl}/_sandbox/messages?provider=${provider}`);
		return (await r.json()).messages;
	}
	async function execution(id: string): Promise<Json> {
		const full = await get().rest.get(`/rest/executions/${id}`);
		return { ...full, data: parseFlatted(get().version, full.data) };
	}
	/** Starts the case's execution; returns the message the sandbox received and the execution id. */
	async function begin(c: WaitCase) {
		const { n8nUrl, sandboxUrl } = get();
		await fetch(`${sandboxUrl}/_sandbox/reset`, { method: 'POST' });
		const hook = await fetch(`${n8nUrl}/webhook/saw-${c.key}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order: 'A-1001' }) });
		expect(hook.status, await hook.text()).toBe(200);
		let messages: Json[] = [];
		for (let i = 0; i < 240 && messages.length === 0; i++) {
			await sleep(250);
			messages = await messagesOf(c.provider);
		}
		expect(messages, 'the sandbox received the message').toHaveLength(1);
		const text = String(messages[0].text);
		const id = /\/webhook-waiting\/(\d+)\//.exec(text)?.[1];
		expect(id, `no resume link in ${text}`).toBeTruthy();
		// n8n saves the execution as waiting once the node has sent
		let row: Json;
		for (let i = 0; i < 240; i++) {
			row = await get().rest.get(`/rest/executions/${id}`);
			if (row.status === 'waiting' || row.status === 'success') break;
			await sleep(250);
		}
		return { text, id: id!, status: row.status as string };
	}
	async function finished(id: string): Promise<Json> {
		// "eventually": no verdict depends on how fast the machine is
		for (let i = 0; i < 1200; i++) {
			const row = await get().rest.get(`/rest/executions/${id}`);
			if (row.finished || ['success', 'error', 'crashed'].includes(row.status)) return execution(id);
			await sleep(250);
		}
		throw new Error(`execution ${id} did not finish`);
	}
	const output = (run: Json, c: WaitCase) => (run.data.resultData.runData[nodeName(c)] ?? []).map((task: Json) => task.data?.main?.[0]?.map((i: Json) => i.json));
	const link = (text: string, label: string) => new RegExp(`${label}: (\\S+)`).exec(text)?.[1] as string;

	for (const c of WAIT_CASES.filter((x) => x.parameters.responseType === 'approval' && !x.parameters.options)) {
		it.skipIf(!ready)(skip(`${c.title} › Send and Wait: the Approve link in the message resumes the execution with approved: true; a second click resumes nothing`), async () => {
			const { text, id, status } = await begin(c);
			expect(status).toBe('waiting');
			const page = await fetch(link(text, 'Yes'));
			expect(page.status).toBe(200);
			expect(await page.text()).toMatch(/Your answer was recorded/);
			const run = await finished(id);
			expect(run.status).toBe('success');
			expect(output(run, c)).toEqual([[{ data: { approved: true } }]]);

			const again = await fetch(link(text, 'No'));
			expect(again.status).toBe(200);
			expect(await again.text()).not.toMatch(/Your answer was recorded/);
			const after = await execution(id);
			expect(after.status).toBe('success');
			expect(output(after, c)).toEqual([[{ data: { approved: true } }]]);
			expect(await messagesOf(c.provider)).toHaveLength(1);
		});
	}

	const freeText = WAIT_CASES.find((c) => c.key === 'freetext')!;
	it.skipIf(!ready)(skip('OvoWpp › Send and Wait, Free Text: the link opens the form; the posted answer resumes the execution'), async () => {
		const { text, id } = await begin(freeText);
		const url = link(text, 'Answer');
		const form = await fetch(url);
		const html = await form.text();
		expect(form.status).toBe(200);
		expect(html).toMatch(/<h1>Feedback<\/h1>/);
		expect(html).toMatch(/What went wrong\?/);
		expect((await execution(id)).status).toBe('waiting');
		const posted = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'response=The+box+was+wet' });
		expect(posted.status).toBe(200);
		expect(await posted.text()).toMatch(/Your answer was recorded/);
		const run = await finished(id);
		expect(run.status).toBe('success');
		expect(output(run, freeText)).toEqual([[{ data: { text: 'The box was wet' } }]]);
	});

	const limit = WAIT_CASES.find((c) => c.key === 'limit')!;
	it.skipIf(!ready)(skip('OvoWpp › Send and Wait with a limit: without an answer, n8n ends the wait by itself and the node passes its input on'), async () => {
		const { id } = await begin(limit);
		const run = await finished(id);
		expect(run.status).toBe('success');
		const items = output(run, limit);
		expect(items).toHaveLength(1);
		expect(items[0][0].body).toEqual({ order: 'A-1001' });
		expect(items[0][0].data).toBeUndefined();
	});
}
