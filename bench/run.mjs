#!/usr/bin/env node
// `npm run bench` → BENCHMARKS.md
//
// Side by side, in one run of a real n8n (the e2e harness's install, default 1.123.81) with this
// package installed as a community package, against the sandbox with a fixed added latency:
// this package's nodes and n8n's HTTP Request node, on the same lists. Then, in process (n8n-core
// through test/helpers/harness.ts, run by vitest), each node's cost per item above a plain fetch
// loop making the same calls. Every figure is the median of several runs, with min and max; ratios
// are taken pair by pair (the two workflows of the same repetition).
//
//   npm run bench                       full run (~15 minutes on 2 cores)
//   npm run bench -- --quick            smoke run: small lists, 1 repetition, 10 MB document
//   options: --reps N  --latency-ms L  --n8n <version>  --no-build  --skip-n8n  --skip-inprocess
//            --out <file> (default BENCHMARKS.md)  --keep (keep the n8n user folder)
//            --skip-queue (leave out bench/queue.mjs: Wolkvox from several queue-mode workers)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as env from '../scripts/n8n-env.mjs';
import { fmt, int, machine, mb, micros, procMemory, ratio, recipients, sampleMemory, sandboxClient, seconds, startSandboxProcess, stats } from './lib.mjs';
import { benchWorkflows, httpCredentials, SEND_NODE } from './workflows.mjs';
import { existingQueueSection, queueSection, runQueueBench, writeQueueSection } from './queue.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
	const at = argv.indexOf(`--${name}`);
	return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback;
};

const QUICK = flag('quick');
const CONFIG = {
	quick: QUICK,
	n8nVersion: option('n8n', env.DEFAULT_N8N_VERSION),
	latencyMs: Number(option('latency-ms', 50)),
	reps: Number(option('reps', QUICK ? 1 : 5)),
	n: QUICK ? { mensatek: 100, wolkvox: 50, ovowpp: 100 } : { mensatek: 1000, wolkvox: 500, ovowpp: 1000 },
	documentBytes: (QUICK ? 10 : 100) * 1024 * 1024,
	inprocess: { reps: Number(option('inprocess-reps', QUICK ? 2 : 7)), n: QUICK ? { mensatek: 200, wolkvox: 100, ovowpp: 200 } : { mensatek: 1000, wolkvox: 500, ovowpp: 1000 } },
	out: path.resolve(ROOT, option('out', 'BENCHMARKS.md')),
};
// Concurrency the package uses: OvoWpp's Requests In Flight default, Wolkvox's two per token.
const PACKAGE_CONCURRENCY = { ovowpp: 5, wolkvox: 2 };
/** The most Requests In Flight the OvoWpp node allows. */
const OVOWPP_MAX = 20;
/**
 * The HTTP Request node's Batching as a careful user sets it: as many items per batch as the
 * provider takes at once (Wolkvox 2; OvoWpp and Mensatek document no limit: 5, the package's
 * default), and a pause of twice the usual call time between batches, since the node does not
 * wait for a batch's answers before starting the next one. "naive": Batching left off.
 */
const batchingFor = (provider, variant) =>
	variant === 'naive' ? null : { size: provider === 'wolkvox' ? 2 : 5, intervalMs: 2 * CONFIG.latencyMs };

const log = (...a) => process.stderr.write(`[bench] ${a.join(' ')}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
	const t0 = Date.now();
	const results = { config: CONFIG, startedAt: new Date().toISOString(), machine: machine(), versions: await versions(), n8n: null, inprocess: null };
	log(`machine: ${results.machine.cores} cores, ${results.machine.memoryGiB} GiB, ${results.machine.cpu}`);
	if (!flag('no-build')) {
		// another build of the same folder at the same moment (a test run) can trip over rimraf: try again
		await env.buildPackage({ echo: false }).catch(async (e) => {
			log(`build failed (${e.message.split('\n')[0]}), trying once more`);
			await sleep(5000);
			await env.buildPackage({ echo: false });
		});
	}
	if (!flag('skip-n8n')) results.n8n = await realN8n();
	if (!flag('skip-inprocess')) results.inprocess = { n8nCore: results.versions.n8nCore, ...(await inProcess()) };
	results.finishedAt = new Date().toISOString();
	results.totalSeconds = Math.round((Date.now() - t0) / 1000);
	const json = path.join(os.tmpdir(), `n8n-wg-bench-${Date.now()}.json`);
	await fsp.writeFile(json, JSON.stringify(results, null, 2));
	const kept = existingQueueSection(CONFIG.out); // bench/queue.mjs's section, kept or run again below
	const md = report(results);
	await fsp.writeFile(CONFIG.out, kept ? `${md.trimEnd()}\n\n${kept}` : md);
	if (!flag('skip-queue') && !flag('skip-n8n')) {
		const queue = await runQueueBench({ quick: QUICK, noBuild: true, version: CONFIG.n8nVersion, latencyMs: CONFIG.latencyMs });
		await writeQueueSection(CONFIG.out, queueSection(queue));
	}
	process.stdout.write(md + '\n');
	log(`wrote ${path.relative(ROOT, CONFIG.out) || CONFIG.out} (raw figures: ${json}) in ${results.totalSeconds} s`);
}

async function versions() {
	const pkg = JSON.parse(await fsp.readFile(path.join(ROOT, 'package.json'), 'utf8'));
	const git = (args) =>
		new Promise((resolve) => {
			const c = spawn('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
			let out = '';
			c.stdout.on('data', (d) => (out += d));
			c.on('close', () => resolve(out.trim()));
			c.on('error', () => resolve(''));
		});
	const commit = await git(['rev-parse', '--short', 'HEAD']);
	const dirty = (await git(['status', '--porcelain', '--untracked-files=no'])).length > 0;
	const version = (name) => {
		try {
			return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
		} catch {
			return '?';
		}
	};
	return {
		package: pkg.version,
		commit: commit ? `${commit}${dirty ? ' + uncommitted changes' : ''}` : 'unknown',
		nodeForN8n: env.NODE_VERSION,
		nodeForInProcess: process.versions.node,
		n8n: CONFIG.n8nVersion,
		n8nCore: version('n8n-core'),
		n8nWorkflow: version('n8n-workflow'),
		httpRequestNode: '4.2',
	};
}

// ---------------------------------------------------------------------------------------------
// Real n8n: the package's node against the HTTP Request node

async function realN8n() {
	const version = CONFIG.n8nVersion;
	await env.ensureN8n(version);
	const tarball = await env.packPackage();
	const userFolder = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-wg-bench-'));
	const filesDir = path.join(userFolder, 'files');
	await fsp.mkdir(filesDir, { recursive: true });
	let sandboxProcess;
	let n8n;
	try {
		log(`n8n ${version} in ${userFolder}`);
		await env.installPackageIntoUserFolder(userFolder, tarball);
		const documentPath = path.join(filesDir, 'bench-document.pdf');
		await writeDocument(documentPath, CONFIG.documentBytes);

		sandboxProcess = await startSandboxProcess(ROOT, { latencyMs: CONFIG.latencyMs });
		const sandbox = sandboxClient(sandboxProcess.url);
		log(`sandbox on ${sandbox.url}, ${CONFIG.latencyMs} ms added to every provider call`);

		// credentials and workflows, imported and activated with n8n's CLI before it starts
		const demo = await env.demoCredentials(sandbox.url);
		const credentials = [...demo, ...httpCredentials(demo)];
		const workflows = benchWorkflows({ sandboxUrl: sandbox.url, credentials, documentPath, batchingFor });
		const work = path.join(userFolder, 'import');
		await fsp.mkdir(path.join(work, 'workflows'), { recursive: true });
		await fsp.writeFile(path.join(work, 'credentials.json'), JSON.stringify(credentials));
		for (const wf of workflows) await fsp.writeFile(path.join(work, 'workflows', `${wf.id}.json`), JSON.stringify(wf));
		const n8nEnv = {
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			N8N_RESTRICT_FILE_ACCESS_TO: filesDir,
			N8N_LOG_LEVEL: 'warn',
			N8N_PAYLOAD_SIZE_MAX: '64',
		};
		const cli = (args) => env.n8nCli(version, userFolder, args, { env: n8nEnv });
		log('importing credentials and workflows');
		await cli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`]);
		await cli(['import:workflow', '--separate', `--input=${path.join(work, 'workflows')}`]);
		// active before n8n starts, so n8n registers the production webhooks at start (one CLI call on 1.x)
		if (Number(version.split('.')[0]) < 2) await cli(['update:workflow', '--all', '--active=true']);
		else for (const wf of workflows) await env.activateWorkflow(version, userFolder, wf.id);

		log('starting n8n');
		n8n = await env.startN8n(version, userFolder, { env: n8nEnv });
		const rest = await new env.N8nRest(n8n.url).ensureOwnerAndLogin();
		const pid = n8n.process.pid;
		const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
		log(`n8n up on ${n8n.url}, pid ${pid} (${cmdline.slice(0, 120)}), RSS ${mb(procMemory(pid)?.rss ?? NaN)}`);
		const parse = flattedParser(version);
		const run = (id, items) => runWorkflow({ n8n, rest, parse, id, items });

		const byId = Object.fromEntries(workflows.map((w) => [w.id, w]));
		const SCENARIOS = [
			{ key: 'mensatek', provider: 'mensatek', node: 'wgBenchMensNode1', careful: 'wgBenchMensHttpc', naive: 'wgBenchMensHttpn' },
			{ key: 'wolkvox', provider: 'wolkvox', node: 'wgBenchWolkNode1', careful: 'wgBenchWolkHttpc', naive: 'wgBenchWolkHttpn' },
			// and the node at the most Requests In Flight it allows (20), against the no-batching HTTP Request
			{ key: 'ovowpp', provider: 'ovowpp', node: 'wgBenchOvoNode01', careful: 'wgBenchOvoHttpc', naive: 'wgBenchOvoHttpn', max: 'wgBenchOvoNode20' },
		];
		const variantsOf = (s) => ['node', 'careful', 'naive', 'max'].filter((v) => s[v]);
		for (const s of SCENARIOS) for (const v of variantsOf(s)) if (!byId[s[v]]) throw new Error(`no workflow ${s[v]}`);

		const measure = async (scenario, variant, n) => {
			const list = recipients(n, scenario.provider);
			await sandbox.reset();
			if (scenario.provider === 'ovowpp') await sandbox.seedOvoWppContacts(list);
			const r = await run(scenario[variant], list);
			r.sandbox = await sandbox.observe(scenario.provider);
			r.n = n;
			return r;
		};

		// warm-up: every workflow once with a few items (code loaded, JIT warm, sockets open)
		log('warm-up');
		for (const s of SCENARIOS) for (const v of variantsOf(s)) await measure(s, v, 10);
		const measureDocument = async (id) => {
			await sandbox.reset();
			await sleep(300);
			const sampler = sampleMemory(pid, 10);
			const r = await run(id, [{}]);
			r.memory = sampler.stop();
			r.sandbox = await sandbox.observe('ovowpp');
			return r;
		};
		for (const id of ['wgBenchDocRead01', 'wgBenchDocNode01', 'wgBenchDocHttp01']) await measureDocument(id);

		const out = { version, latencyMs: CONFIG.latencyMs, n: CONFIG.n, reps: CONFIG.reps, documentBytes: CONFIG.documentBytes, batching: {}, scenarios: {}, document: [] };
		for (const s of SCENARIOS) out.batching[s.key] = batchingFor(s.provider, 'careful');
		for (const s of SCENARIOS) out.scenarios[s.key] = [];
		for (let rep = 0; rep < CONFIG.reps; rep++) {
			for (const s of SCENARIOS) {
				// the order of the workflows turns each repetition, so none always runs first
				const variants = variantsOf(s);
				const order = variants.map((_, i) => variants[(i + rep) % variants.length]);
				const entry = {};
				for (const v of order) {
					entry[v] = await measure(s, v, CONFIG.n[s.key]);
					log(`rep ${rep + 1}/${CONFIG.reps} ${s.key} ${v}: ${seconds(entry[v].nodeMs)} (execution ${seconds(entry[v].executionMs)}), ${entry[v].sandbox.calls} calls, ${entry[v].sandbox.messages} messages${s.key === 'wolkvox' ? `, ${entry[v].sandbox.rejected403} × 403` : ''}`);
				}
				entry.loadavg = os.loadavg()[0];
				out.scenarios[s.key].push(entry);
			}
			const docOrder = ['wgBenchDocRead01', 'wgBenchDocNode01', 'wgBenchDocHttp01'];
			const turned = docOrder.map((_, i) => docOrder[(i + rep) % docOrder.length]);
			const doc = {};
			for (const id of turned) {
				doc[id] = await measureDocument(id);
				const m = doc[id].memory;
				log(`rep ${rep + 1}/${CONFIG.reps} document ${id}: ${seconds(doc[id].nodeMs ?? doc[id].executionMs)}, RSS ${mb(m.before)} → peak ${mb(Math.max(m.peakSampled, m.peakHwm || 0))}, file at sandbox: ${JSON.stringify(doc[id].sandbox.files)}`);
			}
			out.document.push(doc);
		}
		return out;
	} catch (e) {
		if (n8n) e.message += `\n--- n8n output (end) ---\n${n8n.logs().slice(-4000)}`;
		throw e;
	} finally {
		await n8n?.stop().catch(() => {});
		await sandboxProcess?.close().catch(() => {});
		if (!flag('keep')) await fsp.rm(userFolder, { recursive: true, force: true }).catch(() => {});
		else log(`kept ${userFolder}`);
	}
}

/** A file that starts like a PDF, `bytes` long, written in 1 MiB chunks. */
async function writeDocument(file, bytes) {
	const fh = await fsp.open(file, 'w');
	const chunk = Buffer.alloc(1024 * 1024);
	for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((i * 2654435761) >>> 0, i);
	try {
		let written = 0;
		const head = Buffer.from('%PDF-1.4\n% n8n-nodes-whatsapp-gateways benchmark document\n');
		await fh.write(head);
		written += head.length;
		while (written < bytes) {
			const n = Math.min(chunk.length, bytes - written);
			await fh.write(chunk, 0, n);
			written += n;
		}
	} finally {
		await fh.close();
	}
}

function flattedParser(version) {
	const req = createRequire(path.join(env.n8nDir(version), 'node_modules', 'n8n', 'package.json'));
	const { parse } = req('flatted');
	return (data) => (typeof data === 'string' ? parse(data) : data);
}

/**
 * Posts the items to the workflow's production webhook (it answers once the last node is done),
 * then reads the execution n8n stored: the send node's own time (runData startTime/executionTime)
 * and the execution's startedAt/stoppedAt.
 */
async function runWorkflow({ n8n, rest, parse, id, items }) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: id }));
	const list = async () => {
		const l = await rest.get(`/rest/executions?filter=${filter}&limit=1`);
		return l.results ?? l;
	};
	const previous = (await list())[0]?.id;
	let r;
	let body;
	let clientMs;
	// n8n answers its REST API a moment before it has registered the active workflows' webhooks:
	// a 404 "not registered" ran nothing, so the call is simply made again
	for (let attempt = 0; ; attempt++) {
		const t = Date.now();
		r = await fetch(`${n8n.url}/webhook/bench-${id}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ items }),
		});
		body = await r.text();
		clientMs = Date.now() - t;
		if (r.status !== 404 || !/not registered/.test(body) || attempt >= 60) break;
		await sleep(1000);
	}
	let row;
	for (let i = 0; i < 200; i++) {
		row = (await list())[0];
		if (row && row.id !== previous && row.stoppedAt && row.status !== 'running' && row.status !== 'new') break;
		row = undefined;
		await sleep(100);
	}
	if (!row) throw new Error(`workflow ${id}: no finished execution (webhook answered ${r.status} ${body.slice(0, 300)})`);
	const full = await rest.get(`/rest/executions/${row.id}`);
	const data = parse(full.data);
	const runData = data?.resultData?.runData ?? {};
	const send = runData[SEND_NODE]?.[0];
	const outputItems = send?.data?.main?.[0] ?? [];
	const errors = outputItems.filter((i) => i.json?.error !== undefined && i.json?.error !== null);
	const result = {
		workflow: id,
		executionId: row.id,
		status: full.status ?? row.status,
		executionMs: Date.parse(full.stoppedAt) - Date.parse(full.startedAt),
		nodeMs: send?.executionTime,
		clientMs,
		outputItems: outputItems.length,
		errorItems: errors.length,
		firstError: errors[0] ? String(errors[0].json.error?.message ?? errors[0].json.error).slice(0, 200) : undefined,
		workflowError: data?.resultData?.error?.message,
	};
	if (result.workflowError) log(`workflow ${id}: ${result.workflowError}`);
	return result;
}

// ---------------------------------------------------------------------------------------------
// In process: n8n-core runs the node; a plain fetch loop makes the same calls

async function inProcess() {
	const sandboxProcess = await startSandboxProcess(ROOT, { latencyMs: 0 });
	const out = path.join(os.tmpdir(), `n8n-wg-bench-inprocess-${process.pid}.json`);
	try {
		log(`in-process overhead (n8n-core ${'through vitest'}), sandbox on ${sandboxProcess.url} without added latency`);
		const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
		const code = await new Promise((resolve, reject) => {
			const child = spawn(process.execPath, [vitest, 'run', '--config', path.join(ROOT, 'bench', 'vitest.config.ts')], {
				cwd: ROOT,
				stdio: ['ignore', 'inherit', 'inherit'],
				env: {
					...process.env,
					BENCH_OUT: out,
					BENCH_SANDBOX_URL: sandboxProcess.url,
					BENCH_REPS: String(CONFIG.inprocess.reps),
					BENCH_N: JSON.stringify(CONFIG.inprocess.n),
					BENCH_CONCURRENCY: JSON.stringify(PACKAGE_CONCURRENCY),
				},
			});
			child.on('error', reject);
			child.on('close', resolve);
		});
		if (code !== 0) throw new Error(`the in-process benchmark (vitest) exited with ${code}`);
		return JSON.parse(await fsp.readFile(out, 'utf8'));
	} finally {
		await sandboxProcess.close();
		await fsp.rm(out, { force: true });
	}
}

// ---------------------------------------------------------------------------------------------
// BENCHMARKS.md

function report(r) {
	const L = CONFIG.latencyMs;
	const lines = [];
	const push = (...l) => lines.push(...l);
	const m = r.machine;
	const v = r.versions;
	const loads = [...Object.values(r.n8n?.scenarios ?? {}).flat().map((e) => e.loadavg)].filter((x) => x !== undefined);
	push(
		'# Benchmarks',
		'',
		`Written by \`npm run bench${QUICK ? ' -- --quick' : ''}\` (bench/run.mjs) on ${r.startedAt.slice(0, 10)}. Do not edit by hand: run it again.`,
		QUICK ? '\n**Smoke run (`--quick`): small lists and one repetition; the figures say little.**\n' : '',
		`- Machine: ${m.cores} cores, ${m.memoryGiB} GiB memory, ${m.cpu} (${m.os})`,
		`- Package ${v.package} (commit ${v.commit}); n8n ${v.n8n} on Node ${v.nodeForN8n}; in-process part: n8n-core ${v.n8nCore}, n8n-workflow ${v.n8nWorkflow}, Node ${v.nodeForInProcess}`,
		`- Whole run: ${Math.round(r.totalSeconds / 60)} min${loads.length ? `; 1-minute load average during the n8n part ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (the benchmark itself keeps about 1–1.5 cores busy; more means something else was running)` : ''}`,
		'',
	);
	if (r.n8n) push(...n8nReport(r.n8n, L));
	if (r.inprocess) push(...inprocessReport(r.inprocess));
	return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

const pick = (entries, variant, f) => entries.map((e) => (e[variant] ? f(e[variant]) : undefined));
const pairRatio = (entries, a, b, f) => entries.map((e) => (e[a] && e[b] ? f(e[a]) / f(e[b]) : undefined));

function n8nReport(n, L) {
	const out = [];
	const time = (x) => x.nodeMs;
	const sent = (x) => x.sandbox.messages;
	const reps = n.reps;
	out.push(
		`## Package nodes vs n8n's HTTP Request node, in a real n8n ${n.version}`,
		'',
		`One n8n (\`scripts/n8n-env.mjs\`: the package installed as a community package), the sandbox in its own process adding **${L} ms to every provider call**. Each workflow is *Webhook → Split Out (the list) → the sending node*; the list is posted to the webhook. ${reps} repetitions; every figure is the **median (min–max)** of them, and each ratio is computed within a repetition (HTTP Request ÷ package, then the median of those). The order of the workflows turns from one repetition to the next. Recipients are distinct, so "messages" (what the sandbox accepted) shows that every item was sent exactly once.`,
		'',
		'**Wall time** is the sending node\'s own time as n8n stores it in the execution (`runData[node].executionTime`, read through the REST API), so neither n8n\'s start nor the webhook nor the Split Out is in it; the whole execution (`startedAt`→`stoppedAt`) is in the raw JSON. **HTTP calls** and **403s** come from the sandbox\'s request log and Wolkvox statistics; **max in flight** is the most calls the sandbox had open at once.',
		'',
		'**How the HTTP Request node is set up** (v4.2), as a careful user would: the credential holds the secrets (Custom Auth with the two OvoWpp headers, Header Auth with `wolkvox-token`, Basic Auth for Mensatek), one request per item, *On Error: Continue* so one refusal does not hide the other results, **Retry On Fail off** (n8n retries the whole node, every item, so a retry would send the messages that had gone out a second time), and **Batching** where the provider has a limit: ' +
			`${n.batching.wolkvox.size} items per batch for Wolkvox (two requests in flight per token), ${n.batching.ovowpp.size} for OvoWpp and Mensatek (no documented limit; the package's default), and a batch interval of ${n.batching.ovowpp.intervalMs} ms, twice the usual call time, because the node starts the next batch after the interval whether or not the previous answers came (n8n's default interval, 1000 ms, would be ${Math.round(1000 / n.batching.ovowpp.intervalMs)}× slower still). "No batching" is the same node with Batching off: every item's request leaves at once.`,
		'',
	);
	const table = (title, key, rows, extraNote) => {
		const entries = n.scenarios[key];
		if (!entries?.length) return;
		out.push(`### ${title}`, '');
		if (extraNote) out.push(extraNote, '');
		out.push(`| workflow | wall time | HTTP calls | messages accepted | ${key === 'wolkvox' ? '403s received | ' : ''}max in flight | HTTP Request ÷ package (time) |`);
		out.push(`|---|---|---|---|${key === 'wolkvox' ? '---|' : ''}---|---|`);
		for (const [variant, label] of rows) {
			const cells = [
				label,
				fmt(stats(pick(entries, variant, time)), seconds),
				fmt(stats(pick(entries, variant, (x) => x.sandbox.calls)), int),
				fmt(stats(pick(entries, variant, sent)), int) + ` of ${n.n[key]}`,
			];
			if (key === 'wolkvox') cells.push(fmt(stats(pick(entries, variant, (x) => x.sandbox.rejected403)), int));
			cells.push(fmt(stats(pick(entries, variant, (x) => x.sandbox.maxInFlight)), int));
			cells.push(variant === 'node' || variant === 'max' ? '—' : fmt(stats(pairRatio(entries, variant, 'node', time)), ratio));
			out.push(`| ${cells.join(' | ')} |`);
		}
		out.push('');
	};
	const N = n.n;
	const b = n.batching;
	table(
		`Mensatek: ${N.mensatek.toLocaleString('en')} template sends`,
		'mensatek',
		[
			['node', 'Mensatek node (Batch Size 100, the default)'],
			['careful', `HTTP Request, Batching ${b.mensatek.size} / ${b.mensatek.intervalMs} ms`],
			['naive', 'HTTP Request, no batching'],
		],
		'The node checks the template once (`GetVariablesPlantillaWhatsapp`) and sends recipients of the same message together (`Destinatarios`, up to Batch Size per call); the HTTP Request node makes one call per item.',
	);
	table(
		`Wolkvox: ${N.wolkvox.toLocaleString('en')} text sends — floor N·L/2 = ${seconds((N.wolkvox * L) / 2)}`,
		'wolkvox',
		[
			['node', 'Wolkvox node (2 in flight per token)'],
			['careful', `HTTP Request, Batching ${b.wolkvox.size} / ${b.wolkvox.intervalMs} ms`],
			['naive', 'HTTP Request, no batching'],
		],
		`Wolkvox allows two requests in flight per token and answers a third with 403; the fastest a sender can go is N·L/2 = ${N.wolkvox} × ${L} ms / 2.`,
	);
	const C = PACKAGE_CONCURRENCY.ovowpp;
	table(
		`OvoWpp: ${N.ovowpp.toLocaleString('en')} text sends — floor N·L/C = ${seconds((N.ovowpp * L) / C)} for C = ${C}`,
		'ovowpp',
		[
			['node', `OvoWpp node (Requests In Flight ${C}, the default)`],
			['careful', `HTTP Request, Batching ${b.ovowpp.size} / ${b.ovowpp.intervalMs} ms`],
			['naive', 'HTTP Request, no batching'],
			['max', `OvoWpp node, Requests In Flight ${OVOWPP_MAX} (the most it allows; floor ${seconds((N.ovowpp * L) / OVOWPP_MAX)})`],
		],
		`The recipients are customers who wrote in (contacts with a conversation, created in the sandbox before each run), as free text on WhatsApp requires. C is the node's Requests In Flight.`,
	);
	// floors as a ratio: how close the package gets
	const floorRows = [];
	const wk = n.scenarios.wolkvox;
	if (wk?.length) floorRows.push(`Wolkvox node ÷ floor: ${fmt(stats(pick(wk, 'node', (x) => x.nodeMs / ((N.wolkvox * L) / 2))), ratio)}`);
	const ov = n.scenarios.ovowpp;
	if (ov?.length) floorRows.push(`OvoWpp node ÷ floor: ${fmt(stats(pick(ov, 'node', (x) => x.nodeMs / ((N.ovowpp * L) / C))), ratio)}`);
	if (ov?.some((e) => e.max)) {
		floorRows.push(`OvoWpp node at ${OVOWPP_MAX} in flight ÷ its floor: ${fmt(stats(pick(ov, 'max', (x) => x.nodeMs / ((N.ovowpp * L) / OVOWPP_MAX))), ratio)}`);
		floorRows.push(`HTTP Request without batching ÷ OvoWpp node at ${OVOWPP_MAX} in flight: ${fmt(stats(pairRatio(ov, 'naive', 'max', time)), ratio)}`);
	}
	if (floorRows.length) out.push(`How close to the floor: ${floorRows.join('; ')}.`, '');

	if (n.document?.length) {
		const docs = n.document;
		const growth = (x) => Math.max(x.memory.peakSampled, Number.isFinite(x.memory.peakHwm) ? x.memory.peakHwm : 0) - x.memory.before;
		out.push(
			`### OvoWpp: one ${mb(n.documentBytes)} document from a binary property`,
			'',
			`n8n keeps binaries on disk (\`N8N_DEFAULT_BINARY_DATA_MODE=filesystem\`). *Webhook → Read/Write Files from Disk (a ${mb(n.documentBytes)} PDF) → send as a document.* **Peak RSS growth** of the n8n process: its RSS just before the webhook call subtracted from its peak during the execution (the kernel's VmHWM, reset through \`/proc/<pid>/clear_refs\` before each run, and VmRSS sampled every 10 ms; the larger of the two). The read-only workflow shows what reading the file costs without sending it.`,
			'',
			'| workflow | peak RSS growth | RSS before | wall time (execution) | file received by the sandbox |',
			'|---|---|---|---|---|',
		);
		const rows = [
			['wgBenchDocRead01', 'read only (no send)'],
			['wgBenchDocNode01', 'OvoWpp node, Message Type Document'],
			['wgBenchDocHttp01', 'HTTP Request, multipart form with the binary field'],
		];
		for (const [id, label] of rows) {
			const list = docs.map((d) => d[id]).filter(Boolean);
			const received = list.map((x) => x.sandbox.files?.[0]?.size).filter((s) => s !== undefined);
			out.push(
				`| ${label} | ${fmt(stats(list.map(growth)), mb)} | ${fmt(stats(list.map((x) => x.memory.before)), mb)} | ${fmt(stats(list.map((x) => x.executionMs)), seconds)} | ${id === 'wgBenchDocRead01' ? '—' : received.length ? `${received.length} × ${mb(received[0])}` : 'none'} |`,
			);
		}
		out.push('');
	}
	return out;
}

function inprocessReport(p) {
	const out = [];
	out.push(
		'## Per-item overhead of the nodes, in process',
		'',
		`n8n-core ${p.n8nCore ?? ''} runs *items → node* (\`test/helpers/harness.ts\`, real sockets) against the sandbox in its own process **without added latency**; a plain \`fetch\` loop (Node's built-in, undici) makes the same calls with the same concurrency. The node's time is \`runData[node].executionTime\`; the loop's is measured around it. Overhead per item = (node − loop) ÷ items, computed within each repetition after a warm-up run; ${p.reps} repetitions, median (min–max).`,
		'',
		'| node | items | calls | concurrency | node time | fetch loop time | overhead per item |',
		'|---|---|---|---|---|---|---|',
	);
	for (const row of p.rows) {
		const node = stats(row.runs.map((r) => r.nodeMs));
		const loop = stats(row.runs.map((r) => r.loopMs));
		const per = stats(row.runs.map((r) => ((r.nodeMs - r.loopMs) * 1000) / row.items));
		out.push(`| ${row.label} | ${row.items} | ${row.calls} | ${row.concurrency} | ${fmt(node, (x) => x.toFixed(0) + ' ms')} | ${fmt(loop, (x) => x.toFixed(0) + ' ms')} | ${fmt(per, micros)} |`);
	}
	out.push('');
	if (p.notes?.length) out.push(...p.notes.map((n) => `- ${n}`), '');
	return out;
}

main().catch((e) => {
	console.error(e.stack || String(e));
	process.exit(1);
});
