// In-process part of `npm run bench` (started by bench/run.mjs with its settings in BENCH_* variables):
// for each node, n8n-core runs *items → node* against the sandbox (its own process, no added
// latency), and a plain fetch loop makes the same calls with the same concurrency. The figures go to
// BENCH_OUT as JSON; bench/run.mjs turns them into the table of BENCHMARKS.md.
import { writeFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { chain, runWorkflow } from '../test/helpers/harness';
import { itemsNode } from '../test/helpers/test-nodes';
import { PAGE_SIZES } from '../nodes/OvoWpp/transport';
// @ts-ignore plain ESM module without types
import { DEMO_CREDENTIALS } from '../sandbox/demo-credentials.mjs';
// @ts-ignore plain ESM module without types
import { recipients, sandboxClient } from './lib.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const SANDBOX = process.env.BENCH_SANDBOX_URL ?? '';
const OUT = process.env.BENCH_OUT ?? '';
const REPS = Number(process.env.BENCH_REPS ?? 3);
const N: Record<string, number> = JSON.parse(process.env.BENCH_N ?? '{"mensatek":200,"wolkvox":100,"ovowpp":200}');
const C: Record<string, number> = JSON.parse(process.env.BENCH_CONCURRENCY ?? '{"ovowpp":5,"wolkvox":2}');
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 5000);
const MENSATEK_BATCH = 100;
const TEMPLATE_ID = '610000000000002';
/** The page size Contact Get Many asks for with a search (the largest of the list walk's, nodes/OvoWpp/transport.ts). */
const GET_MANY_PAGE = PAGE_SIZES[0];

const sandbox = sandboxClient(SANDBOX);
const creds = (type: string): Record<string, string> =>
	Object.fromEntries(Object.entries((DEMO_CREDENTIALS as Json)[type]).map(([k, v]) => [k, String(v).replace('{url}', SANDBOX)]));
const CREDENTIALS = { ovoWppApi: creds('ovoWppApi'), wolkvoxApi: creds('wolkvoxApi'), mensatekApi: creds('mensatekApi') };

/** Runs `task(i)` for i in 0..n-1 with at most `limit` at once. */
async function pool(n: number, limit: number, task: (i: number) => Promise<void>) {
	let next = 0;
	const worker = async () => {
		while (next < n) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
}

async function expectOk(response: Response, check: (body: Json) => boolean) {
	const text = await response.text();
	const body = JSON.parse(text);
	if (!response.ok && response.status !== 201) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
	if (!check(body)) throw new Error(`refused: ${text.slice(0, 200)}`);
}

interface Case {
	key: string;
	label: string;
	provider: string;
	concurrency: number;
	calls: (n: number) => number;
	node: Json;
	loop: (list: Json[]) => Promise<void>;
}

const ovo = CREDENTIALS.ovoWppApi;
const wolk = CREDENTIALS.wolkvoxApi;
const mens = CREDENTIALS.mensatekApi;
const basic = 'Basic ' + Buffer.from(`${mens.apiUser}:${mens.apiToken}`).toString('base64');

const CASES: Case[] = [
	{
		key: 'ovowpp',
		label: 'OvoWpp › Message › Send (text)',
		provider: 'ovowpp',
		concurrency: C.ovowpp,
		calls: (n) => n,
		node: {
			name: 'Send',
			type: 'n8n-nodes-whatsapp-gateways.ovoWpp',
			typeVersion: 1,
			parameters: { resource: 'message', operation: 'send', countryCode: '={{$json.countryCode}}', mobile: '={{$json.mobile}}', messageType: 'text', text: '={{$json.text}}', options: { concurrency: C.ovowpp } },
			credentials: { ovoWppApi: { id: '1', name: 'OvoWpp' } },
		},
		loop: (list) =>
			pool(list.length, C.ovowpp, async (i) => {
				const r = list[i];
				const response = await fetch(`${ovo.baseUrl}/inbox/send-message`, {
					method: 'POST',
					headers: { accept: 'application/json', 'client-id': ovo.clientId, 'client-secret': ovo.clientSecret, 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({ mobile_code: r.countryCode, mobile: r.mobile, message: r.text }).toString(),
				});
				await expectOk(response, (b) => b.status === 'success');
			}),
	},
	{
		key: 'wolkvox',
		label: 'Wolkvox › Message › Send Text',
		provider: 'wolkvox',
		concurrency: C.wolkvox,
		calls: (n) => n,
		node: {
			name: 'Send',
			type: 'n8n-nodes-whatsapp-gateways.wolkvox',
			typeVersion: 1,
			parameters: { resource: 'message', operation: 'send', connectorId: '1001', phone: '={{$json.phone}}', text: '={{$json.text}}', options: {} },
			credentials: { wolkvoxApi: { id: '1', name: 'Wolkvox' } },
		},
		loop: (list) =>
			pool(list.length, C.wolkvox, async (i) => {
				const r = list[i];
				const response = await fetch(`${wolk.baseUrl}/api/v2/whatsapp.php?api=send_message_official`, {
					method: 'POST',
					headers: { accept: 'application/json', 'wolkvox-token': wolk.token, 'content-type': 'application/json' },
					body: JSON.stringify({ connector_id: '1001', telephone: r.phone, message: r.text }),
				});
				await expectOk(response, (b) => b.code === 201);
			}),
	},
	{
		key: 'mensatek',
		label: `Mensatek › Message › Send (template, Batch Size ${MENSATEK_BATCH})`,
		provider: 'mensatek',
		concurrency: 1,
		calls: (n) => 1 + Math.ceil(n / MENSATEK_BATCH),
		node: {
			name: 'Send',
			type: 'n8n-nodes-whatsapp-gateways.mensatek',
			typeVersion: 1,
			parameters: {
				resource: 'message',
				operation: 'send',
				phone: '={{$json.phone}}',
				messageType: 'PLANTILLA',
				templateId: TEMPLATE_ID,
				templateVariables: { mappingMode: 'defineBelow', value: { Nombre: '={{$json.name}}', Pedido: '={{$json.order}}' }, matchingColumns: [], schema: [] },
				options: { batchSize: MENSATEK_BATCH },
			},
			credentials: { mensatekApi: { id: '1', name: 'Mensatek' } },
		},
		loop: async (list) => {
			const call = async (fn: string, body: Json) => {
				const response = await fetch(`${mens.baseUrl}/${fn}`, {
					method: 'POST',
					headers: { accept: 'application/json', authorization: basic, 'content-type': 'application/json' },
					body: JSON.stringify({ ...body, Resp: 'JSON' }),
				});
				await expectOk(response, (b) => Number((Array.isArray(b) ? b[0] : b).Res) > 0);
			};
			// the node reads the template's variables once, then sends the recipients in batches, one call at a time
			await call('GetVariablesPlantillaWhatsapp', { Idplantilla: TEMPLATE_ID });
			for (let start = 0; start < list.length; start += MENSATEK_BATCH) {
				await call('EnviarWHATSAPP', {
					Tipomensaje: 'PLANTILLA',
					Datosmensaje: { Plantilla: 'confirmacion_pedido' },
					Report: 0,
					Destinatarios: list.slice(start, start + MENSATEK_BATCH).map((r) => ({ Telefono: r.phone, Nombre: r.name, Pedido: r.order })),
				});
			}
		},
	},
];

async function prepare(c: Case, list: Json[]) {
	await sandbox.reset();
	if (c.provider === 'ovowpp') await sandbox.seedOvoWppContacts(list);
}

async function runNode(c: Case, list: Json[]): Promise<number> {
	await prepare(c, list);
	const result = await runWorkflow(chain(itemsNode(list.map((json) => ({ json }))), c.node), CREDENTIALS);
	const error = result.error('Send');
	if (error) throw new Error(`${c.label}: ${error.message}`);
	const out = result.output('Send');
	expect(out).toHaveLength(list.length);
	const observed = await sandbox.observe(c.provider);
	expect(observed.messages, `${c.label}: messages the sandbox accepted`).toBe(list.length);
	return result.run.data.resultData.runData.Send[0].executionTime;
}

async function runLoop(c: Case, list: Json[]): Promise<number> {
	await prepare(c, list);
	const t = performance.now();
	await c.loop(list);
	const ms = performance.now() - t;
	const observed = await sandbox.observe(c.provider);
	expect(observed.messages, `${c.label} (fetch loop): messages the sandbox accepted`).toBe(list.length);
	return ms;
}

const results: Json = {};
afterAll(() => {
	if (OUT) writeFileSync(OUT, JSON.stringify(results));
});

it('measures each node against a plain fetch loop making the same calls', async () => {
	if (!SANDBOX || !OUT) throw new Error('run through `npm run bench` (bench/run.mjs sets BENCH_SANDBOX_URL and BENCH_OUT)');
	const rows: Json[] = [];
	for (const c of CASES) {
		const n = N[c.key];
		const list = recipients(n, c.provider);
		// warm-up: code compiled, sockets open, template cache of the sandbox warm
		await runNode(c, list);
		await runLoop(c, list);
		const runs: Json[] = [];
		for (let rep = 0; rep < REPS; rep++) {
			// the two take turns going first
			let nodeMs: number;
			let loopMs: number;
			if (rep % 2 === 0) {
				nodeMs = await runNode(c, list);
				loopMs = await runLoop(c, list);
			} else {
				loopMs = await runLoop(c, list);
				nodeMs = await runNode(c, list);
			}
			runs.push({ nodeMs, loopMs });
			process.stderr.write(`[bench] in-process ${c.key} rep ${rep + 1}/${REPS}: node ${nodeMs} ms, loop ${loopMs.toFixed(1)} ms\n`);
		}
		rows.push({ key: c.key, label: c.label, items: n, calls: c.calls(n), concurrency: c.concurrency, runs });
	}
	Object.assign(results, {
		reps: REPS,
		rows,
		notes: [
			'The node time includes what the node does for every item besides the call: reading and checking its parameters (phone numbers, template variables), n8n\'s request helper (axios, a new connection per call, the credential\'s `authenticate`), the retry policy, the limiter, and building the paired output item.',
			'n8n-core measures the node time in whole milliseconds.',
		],
	});
});

it('measures Contact Get Many with a search over many contacts (CPU in process)', async () => {
	if (!SANDBOX || !OUT) throw new Error('run through `npm run bench`');
	await sandbox.reset();
	// every 1000th contact (and at least 5) is a "Target": the matches are spread over the whole list
	const every = Math.max(1, Math.min(1000, Math.floor(CONTACTS / 5)));
	// in one control call per 5,000 (POST /_sandbox/ovowpp/contacts): creating them one by one would take minutes
	for (let start = 0; start < CONTACTS; start += 5000) {
		const contacts = [];
		for (let i = start; i < Math.min(CONTACTS, start + 5000); i++) {
			contacts.push({ mobile_code: '34', mobile: `7${String(i).padStart(8, '0')}`, firstname: `Bench${i}`, lastname: i % every === 0 ? 'Target' : 'Contact' });
		}
		await sandbox.post('/_sandbox/ovowpp/contacts', { contacts });
	}
	const total = CONTACTS + 3; // and the sandbox's own three
	const matches = Math.ceil(CONTACTS / every);
	const node = {
		name: 'Send',
		type: 'n8n-nodes-whatsapp-gateways.ovoWpp',
		typeVersion: 1,
		parameters: { resource: 'contact', operation: 'getMany', returnAll: true, search: 'target' },
		credentials: { ovoWppApi: { id: '1', name: 'OvoWpp' } },
	};
	const once = async () => {
		const cpu = process.cpuUsage();
		const t = performance.now();
		const result = await runWorkflow(chain(itemsNode([{ json: {} }]), node), CREDENTIALS);
		const wallMs = performance.now() - t;
		const used = process.cpuUsage(cpu);
		const error = result.error('Send');
		if (error) throw new Error(`Contact Get Many: ${error.message}`);
		expect(result.output('Send')).toHaveLength(matches);
		return { cpuMs: (used.user + used.system) / 1000, wallMs };
	};
	// The baseline: a fetch loop asking for the same pages one after the other, parsing each and
	// keeping the matches, in the same process.
	const headers = { 'client-id': ovo.clientId, 'client-secret': ovo.clientSecret, accept: 'application/json' };
	const loop = async (pages: number) => {
		const cpu = process.cpuUsage();
		let found = 0;
		for (let page = 1; page <= pages; page++) {
			const response = await fetch(`${ovo.baseUrl}/contact/list?page=${page}&paginate=${GET_MANY_PAGE}`, { headers });
			const body = JSON.parse(await response.text());
			found += body.data.contacts.data.filter((c: Json) => `${c.firstname} ${c.lastname}`.toLowerCase().includes('target')).length;
		}
		const used = process.cpuUsage(cpu);
		expect(found).toBe(matches);
		return (used.user + used.system) / 1000;
	};
	await once(); // warm-up
	// the pages the node asked for, from the sandbox's log: every run makes the same calls
	const calls = (await sandbox.observe('ovowpp')).calls;
	await loop(calls);
	const runs: Json[] = [];
	for (let rep = 0; rep < Math.min(REPS, 3); rep++) {
		runs.push({ ...(await once()), loopCpuMs: await loop(calls) });
		process.stderr.write(`[bench] in-process Contact Get Many ${CONTACTS} rep ${rep + 1}: CPU ${runs[rep].cpuMs.toFixed(0)} ms (fetch loop ${runs[rep].loopCpuMs.toFixed(0)} ms), wall ${runs[rep].wallMs.toFixed(0)} ms\n`);
	}
	results.getMany = { contacts: CONTACTS, total, search: 'target', matches, calls, pageSize: GET_MANY_PAGE, runs };
});
