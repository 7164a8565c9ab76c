#!/usr/bin/env node
// `npm run bench` → BENCHMARKS.md
//
// Side by side, in one run of a real n8n (the e2e harness's install, default 1.123.81) with this
// package installed as a community package, against the sandbox with a fixed added latency:
// this package's nodes and n8n's HTTP Request node, on the same lists. Then, in process (n8n-core
// through test/helpers/harness.mts, run by vitest), each node's cost per item above a plain fetch
// loop making the same calls. Every figure is the median of several runs, with min and max; ratios
// are taken pair by pair (the two workflows of the same repetition).
//
//   npm run bench                       full run (~15 minutes on 2 cores)
//   npm run bench -- --quick            smoke run: small lists, 1 repetition, 10 MB document
//   options: --reps N  --latency-ms L  --rtt-ms R (the HTTPS part's round trip)  --contacts N (Get Many)
//            --n8n <version>[,<version>…] (each in turn, in the same run)  --no-build  --skip-n8n
//            --skip-inprocess  --out <file> (default BENCHMARKS.md)  --keep (keep the n8n user folder)
//            --json <file> (also write the raw figures there)  --only ovowpp,tls (those scenarios of the
//            n8n part, no document)  --report-from <json> (only write BENCHMARKS.md from raw figures)
//            --skip-queue (leave out bench/queue.mjs: Wolkvox from several queue-mode workers)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as env from '../scripts/n8n-env.mjs';
import { fmt, int, machine, mb, micros, procCpuMs, procMemory, ratio, recipients, sampleMemory, sandboxClient, seconds, startSandboxProcess, stats } from './lib.mjs';
import { makeCertificate, startTlsProxy } from './tls-proxy.mjs';
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
	n8nVersions: option('n8n', env.DEFAULT_N8N_VERSION).split(',').filter(Boolean),
	latencyMs: Number(option('latency-ms', 50)),
	rttMs: Number(option('rtt-ms', 20)),
	contacts: Number(option('contacts', QUICK ? 5000 : 50_000)),
	/** --only ovowpp,tls: just those scenarios of the n8n part (and no document) */
	only: option('only', '').split(',').filter(Boolean),
	/** --variants node,naive,max,noop: just those workflows of each scenario */
	variants: option('variants', '').split(',').filter(Boolean),
	reps: Number(option('reps', QUICK ? 1 : 5)),
	n: QUICK ? { mensatek: 100, wolkvox: 50, ovowpp: 100 } : { mensatek: 1000, wolkvox: 500, ovowpp: 1000 },
	documentBytes: (QUICK ? 10 : 100) * 1024 * 1024,
	inprocess: { reps: Number(option('inprocess-reps', QUICK ? 2 : 7)), n: QUICK ? { mensatek: 200, wolkvox: 100, ovowpp: 200 } : { mensatek: 1000, wolkvox: 500, ovowpp: 1000 } },
	/** n8n 2.x has two expression engines (N8N_EXPRESSION_ENGINE): the CPU rows are measured in both. */
	engines: (version) => (Number(version.split('.')[0]) >= 2 ? ['legacy', 'vm'] : [null]),
	out: path.resolve(ROOT, option('out', 'BENCHMARKS.md')),
};
// Concurrency the package uses: OvoWpp's Requests In Flight default, Wolkvox's two per token.
// OvoWpp's: where its adaptive in flight starts (the former fixed default), and its default ceiling.
const PACKAGE_CONCURRENCY = { ovowpp: 5, wolkvox: 2 };
const OVOWPP_CEILING = 32;
/** The capacity-limited provider of the 'capacity' scenario: K served at once, Q queued, 503 beyond. */
const CAPACITY = { capacity: 8, queue: 4 };
/** The most Requests In Flight the OvoWpp node allows. */
const OVOWPP_MAX = 20;
/**
 * The HTTP Request node's Batching as a careful user sets it: as many items per batch as the
 * provider takes at once (Wolkvox 2; OvoWpp and Mensatek document no limit: 5, the package's
 * default), and a pause of twice the usual call time between batches, since the node does not
 * wait for a batch's answers before starting the next one. "naive": Batching left off.
 */
const batchingFor = (provider, variant) =>
	variant === 'naive'
		? null
		: // over HTTPS a call on a new connection takes three round trips (TCP, TLS, the request)
			{ size: provider === 'wolkvox' ? 2 : 5, intervalMs: variant === 'tls' ? 2 * 3 * CONFIG.rttMs : 2 * CONFIG.latencyMs };

const log = (...a) => process.stderr.write(`[bench] ${a.join(' ')}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
	if (option('save-before')) {
		// bench/before.json from the raw figures of a run on the code before a change (see beforeAfterReport)
		const raw = JSON.parse(await fsp.readFile(path.resolve(option('save-before')), 'utf8'));
		const figures = { note: option('note', `a run at commit ${raw.versions.commit} on ${raw.startedAt.slice(0, 10)}`), ...beforeFigures(raw) };
		await fsp.writeFile(path.join(ROOT, 'bench', 'before.json'), JSON.stringify(figures, null, '\t') + '\n');
		log(`wrote bench/before.json: ${JSON.stringify(figures)}`);
		return;
	}
	if (option('report-from')) {
		// BENCHMARKS.md again from the raw figures of an earlier run (e.g. once bench/before.json is there)
		// several files (a,b): the n8n runs of all, the in-process part of the last that has one
		const parts = await Promise.all(option('report-from').split(',').map(async (f) => JSON.parse(await fsp.readFile(path.resolve(f), 'utf8'))));
		const merged = { ...parts[0], n8n: parts.flatMap((x) => x.n8n ?? []), inprocess: parts.map((x) => x.inprocess).filter(Boolean).pop() ?? null };
		merged.totalSeconds = parts.reduce((sum, x) => sum + (x.totalSeconds ?? 0), 0);
		const md = report(merged);
		const kept = existingQueueSection(CONFIG.out);
		await fsp.writeFile(CONFIG.out, kept ? `${md.trimEnd()}\n\n${kept}` : md);
		log(`wrote ${path.relative(ROOT, CONFIG.out) || CONFIG.out} from ${option('report-from')}`);
		return;
	}
	const t0 = Date.now();
	const results = { config: CONFIG, startedAt: new Date().toISOString(), machine: machine(), versions: await versions(), n8n: [], inprocess: null };
	log(`machine: ${results.machine.cores} cores, ${results.machine.memoryGiB} GiB, ${results.machine.cpu}`);
	if (!flag('no-build')) {
		// another build of the same folder at the same moment (a test run) can trip over rimraf: try again
		await env.buildPackage({ echo: false }).catch(async (e) => {
			log(`build failed (${e.message.split('\n')[0]}), trying once more`);
			await sleep(5000);
			await env.buildPackage({ echo: false });
		});
	}
	if (!flag('skip-n8n')) {
		for (const version of CONFIG.n8nVersions) {
			// the whole comparison in n8n's default engine; in 2.x's other engine, the CPU rows again
			const [first, ...others] = CONFIG.engines(version);
			results.n8n.push(await realN8n(version, { engine: first }));
			for (const engine of others) results.n8n.push(await realN8n(version, { engine, cpuOnly: true }));
		}
	}
	if (!flag('skip-inprocess')) results.inprocess = { n8nCore: results.versions.n8nCore, ...(await inProcess()) };
	results.finishedAt = new Date().toISOString();
	results.totalSeconds = Math.round((Date.now() - t0) / 1000);
	const json = path.join(os.tmpdir(), `n8n-wg-bench-${Date.now()}.json`);
	await fsp.writeFile(json, JSON.stringify(results, null, 2));
	if (option('json')) await fsp.writeFile(path.resolve(option('json')), JSON.stringify(results, null, 2));
	const kept = existingQueueSection(CONFIG.out); // bench/queue.mjs's section, kept or run again below
	const md = report(results);
	await fsp.writeFile(CONFIG.out, kept ? `${md.trimEnd()}\n\n${kept}` : md);
	if (!flag('skip-queue') && !flag('skip-n8n')) {
		const queue = await runQueueBench({ quick: QUICK, noBuild: true, version: CONFIG.n8nVersions[0], latencyMs: CONFIG.latencyMs });
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
		n8n: CONFIG.n8nVersions.join(', '),
		n8nCore: version('n8n-core'),
		n8nWorkflow: version('n8n-workflow'),
		httpRequestNode: '4.2',
	};
}

// ---------------------------------------------------------------------------------------------
// Real n8n: the package's node against the HTTP Request node

async function realN8n(version, { engine = null, cpuOnly = false } = {}) {
	await env.ensureN8n(version);
	const tarball = await env.packPackage();
	const userFolder = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-wg-bench-'));
	const filesDir = path.join(userFolder, 'files');
	await fsp.mkdir(filesDir, { recursive: true });
	let sandboxProcess;
	let tlsSandboxProcess;
	let tlsProxy;
	let certificate;
	let n8n;
	try {
		log(`n8n ${version}${engine ? ` (expression engine ${engine})` : ''} in ${userFolder}`);
		await env.installPackageIntoUserFolder(userFolder, tarball);
		const documentPath = path.join(filesDir, 'bench-document.pdf');
		await writeDocument(documentPath, CONFIG.documentBytes);

		sandboxProcess = await startSandboxProcess(ROOT, { latencyMs: CONFIG.latencyMs });
		const sandbox = sandboxClient(sandboxProcess.url);
		log(`sandbox on ${sandbox.url}, ${CONFIG.latencyMs} ms added to every provider call`);

		// HTTPS: a sandbox of its own without added latency, behind the TLS front that delays each round trip
		tlsSandboxProcess = await startSandboxProcess(ROOT, { latencyMs: 0 });
		const tlsSandbox = sandboxClient(tlsSandboxProcess.url);
		certificate = makeCertificate();
		tlsProxy = await startTlsProxy(tlsSandboxProcess.url, { rttMs: CONFIG.rttMs, certificate });
		log(`HTTPS front on ${tlsProxy.url}, ${CONFIG.rttMs} ms per round trip`);

		// credentials and workflows, imported and activated with n8n's CLI before it starts
		const demo = await env.demoCredentials(sandbox.url);
		const ovoDemo = demo.find((c) => c.type === 'ovoWppApi');
		const tlsCredential = { ...ovoDemo, id: 'wgBenchOvoTlsCr1', name: 'OvoWpp over HTTPS (bench)', data: { ...ovoDemo.data, baseUrl: `${tlsProxy.url}/ovowpp/external-api` } };
		const credentials = [...demo, ...httpCredentials(demo), tlsCredential];
		const workflows = benchWorkflows({ sandboxUrl: sandbox.url, credentials, documentPath, batchingFor, tls: { url: tlsProxy.url, credentialId: tlsCredential.id } });
		const byId = Object.fromEntries(workflows.map((w) => [w.id, w]));
		const SCENARIOS = [
			{ key: 'mensatek', provider: 'mensatek', node: 'wgBenchMensNode1', careful: 'wgBenchMensHttpc', naive: 'wgBenchMensHttpn' },
			{ key: 'wolkvox', provider: 'wolkvox', node: 'wgBenchWolkNode1', careful: 'wgBenchWolkHttpc', naive: 'wgBenchWolkHttpn' },
			// and the node at the most Requests In Flight it allows (20), against the no-batching HTTP Request
			{ key: 'ovowpp', provider: 'ovowpp', node: 'wgBenchOvoNode01', careful: 'wgBenchOvoHttpc', naive: 'wgBenchOvoHttpn', max: 'wgBenchOvoNode20', noop: 'wgBenchOvoNoop1' },
			// a provider that serves 8 at once, queues 4 and answers 503 beyond (the sandbox's capacity option):
			// the node must find 8 with ≤ 1 % refused; HTTP Request without batching sends everything at once
			{ key: 'capacity', provider: 'ovowpp', node: 'wgBenchOvoNode01', naive: 'wgBenchOvoHttpn', capacity: CAPACITY },
			// over HTTPS with a delay per round trip: what a connection per call costs
			{ key: 'tls', provider: 'ovowpp', node: 'wgBenchTlsNode01', careful: 'wgBenchTlsHttpc', naive: 'wgBenchTlsHttpn', client: tlsSandbox, tls: true },
		].filter((s) => (!cpuOnly || s.key === 'ovowpp' || s.key === 'mensatek') && (!CONFIG.only.length || CONFIG.only.includes(s.key)));
		const documents = !cpuOnly && !CONFIG.only.length;
		// the other engine: the CPU rows (OvoWpp) and the Mensatek node against its floor
		const variantsOf = (s) =>
			['node', 'careful', 'naive', 'max', 'noop'].filter((v) => s[v] && (!cpuOnly || s.key !== 'mensatek' || v === 'node') && (!CONFIG.variants.length || CONFIG.variants.includes(v)));
		for (const s of SCENARIOS) for (const v of variantsOf(s)) if (!byId[s[v]]) throw new Error(`no workflow ${s[v]}`);
		const DOCUMENT_IDS = ['wgBenchDocRead01', 'wgBenchDocNode01', 'wgBenchDocHttp01'];
		// only the workflows this run uses are activated: on 2.x each is one CLI call
		const used = new Set([...SCENARIOS.flatMap((sc) => variantsOf(sc).map((v) => sc[v])), ...(documents ? DOCUMENT_IDS : [])]);
		const work = path.join(userFolder, 'import');
		await fsp.mkdir(path.join(work, 'workflows'), { recursive: true });
		await fsp.writeFile(path.join(work, 'credentials.json'), JSON.stringify(credentials));
		for (const wf of workflows) await fsp.writeFile(path.join(work, 'workflows', `${wf.id}.json`), JSON.stringify(wf));
		const n8nEnv = {
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			N8N_RESTRICT_FILE_ACCESS_TO: filesDir,
			N8N_LOG_LEVEL: 'warn',
			N8N_PAYLOAD_SIZE_MAX: '64',
			// n8n trusts the certificate the benchmark made for its HTTPS front
			NODE_EXTRA_CA_CERTS: certificate.certFile,
			...(engine ? { N8N_EXPRESSION_ENGINE: engine } : {}),
			// e.g. BENCH_N8N_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile n8n itself
			...(process.env.BENCH_N8N_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_N8N_NODE_OPTIONS } : {}),
		};
		const cli = (args) => env.n8nCli(version, userFolder, args, { env: n8nEnv });
		log('importing credentials and workflows');
		await cli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`]);
		await cli(['import:workflow', '--separate', `--input=${path.join(work, 'workflows')}`]);
		// active before n8n starts, so n8n registers the production webhooks at start (one CLI call on 1.x)
		if (Number(version.split('.')[0]) < 2) await cli(['update:workflow', '--all', '--active=true']);
		else for (const wf of workflows) if (used.has(wf.id)) await env.activateWorkflow(version, userFolder, wf.id);

		log('starting n8n');
		n8n = await env.startN8n(version, userFolder, { env: n8nEnv });
		const rest = await new env.N8nRest(n8n.url).ensureOwnerAndLogin();
		const pid = n8n.process.pid;
		const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
		log(`n8n up on ${n8n.url}, pid ${pid} (${cmdline.slice(0, 120)}), RSS ${mb(procMemory(pid)?.rss ?? NaN)}`);
		const parse = flattedParser(version);
		const run = (id, items) => runWorkflow({ n8n, rest, parse, id, items, pid });


		const measure = async (scenario, variant, n) => {
			const list = recipients(n, scenario.provider);
			const client = scenario.client ?? sandbox;
			await client.reset();
			if (scenario.provider === 'ovowpp') await client.seedOvoWppContacts(list);
			if (scenario.capacity) await client.post('/_sandbox/config', { provider: scenario.provider, ...scenario.capacity });
			const connectionsBefore = tlsProxy.connections();
			tlsProxy.takeMaxOpen();
			const r = await run(scenario[variant], list);
			r.sandbox = await client.observe(scenario.provider);
			if (scenario.tls) {
				r.connections = tlsProxy.connections() - connectionsBefore;
				r.maxOpen = tlsProxy.takeMaxOpen();
			}
			r.n = n;
			return r;
		};

		// warm-up: every workflow once with a few items (code loaded, JIT warm, sockets open)
		log('warm-up');
		for (const s of SCENARIOS) for (const v of variantsOf(s)) await measure(s, v, 10);
		// what n8n burns doing nothing (timers, housekeeping), per second: a slower workflow pays more of it
		const idleCpuPerS = async () => {
			const c0 = procCpuMs(pid);
			const t0 = Date.now();
			await sleep(3000);
			return ((procCpuMs(pid) - c0) * 1000) / (Date.now() - t0);
		};
		const idle = [await idleCpuPerS()];
		log(`n8n idle: ${idle[0].toFixed(1)} ms of CPU per second`);
		const measureDocument = async (id) => {
			await sandbox.reset();
			await sleep(300);
			const sampler = sampleMemory(pid, 10);
			const r = await run(id, [{}]);
			r.memory = sampler.stop();
			r.sandbox = await sandbox.observe('ovowpp');
			return r;
		};
		if (documents) for (const id of DOCUMENT_IDS) await measureDocument(id);

		const out = { version, engine, cpuOnly, idle, latencyMs: CONFIG.latencyMs, rttMs: CONFIG.rttMs, n: { ...CONFIG.n, tls: CONFIG.n.ovowpp, capacity: CONFIG.n.ovowpp }, reps: CONFIG.reps, documentBytes: CONFIG.documentBytes, batching: {}, scenarios: {}, document: [] };
		for (const s of SCENARIOS) out.batching[s.key] = batchingFor(s.provider, s.tls ? 'tls' : 'careful');
		for (const s of SCENARIOS) out.scenarios[s.key] = [];
		for (let rep = 0; rep < CONFIG.reps; rep++) {
			for (const s of SCENARIOS) {
				// the order of the workflows turns each repetition, so none always runs first
				const variants = variantsOf(s);
				const order = variants.map((_, i) => variants[(i + rep) % variants.length]);
				const entry = {};
				for (const v of order) {
					entry[v] = await measure(s, v, out.n[s.key]);
					log(`rep ${rep + 1}/${CONFIG.reps} ${s.key} ${v}: ${seconds(entry[v].nodeMs)} (execution ${seconds(entry[v].executionMs)}), n8n CPU ${Math.round(entry[v].cpuMs)} ms, ${entry[v].sandbox.calls} calls, ${entry[v].sandbox.messages} messages${s.key === 'wolkvox' ? `, ${entry[v].sandbox.rejected403} × 403` : ''}${entry[v].connections !== undefined ? `, ${entry[v].connections} connections` : ''}`);
				}
				entry.loadavg = os.loadavg()[0];
				out.scenarios[s.key].push(entry);
			}
			idle.push(await idleCpuPerS());
			if (!documents) continue;
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
		await tlsProxy?.close().catch(() => {});
		await tlsSandboxProcess?.close().catch(() => {});
		if (certificate) await fsp.rm(certificate.dir, { recursive: true, force: true }).catch(() => {});
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
async function runWorkflow({ n8n, rest, parse, id, items, pid }) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: id }));
	const list = async () => {
		const l = await rest.get(`/rest/executions?filter=${filter}&limit=1`);
		return l.results ?? l;
	};
	const previous = (await list())[0]?.id;
	let r;
	let body;
	let clientMs;
	// n8n's CPU from the webhook call to the stored execution: the webhook, every node, saving it
	const cpuBefore = procCpuMs(pid);
	const spanStart = Date.now();
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
	const cpuMs = procCpuMs(pid) - cpuBefore;
	const spanMs = Date.now() - spanStart;
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
		cpuMs,
		spanMs,
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
			const child = spawn(process.execPath, [vitest, 'run', '--config', path.join(ROOT, 'bench', 'vitest.config.mts')], {
				cwd: ROOT,
				stdio: ['ignore', 'inherit', 'inherit'],
				env: {
					...process.env,
					BENCH_OUT: out,
					BENCH_SANDBOX_URL: sandboxProcess.url,
					BENCH_REPS: String(CONFIG.inprocess.reps),
					BENCH_N: JSON.stringify(CONFIG.inprocess.n),
					BENCH_CONCURRENCY: JSON.stringify(PACKAGE_CONCURRENCY),
					BENCH_CONTACTS: String(CONFIG.contacts),
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
	const L = r.config.latencyMs;
	const lines = [];
	const push = (...l) => lines.push(...l);
	const m = r.machine;
	const v = r.versions;
	const loads = r.n8n.flatMap((run) => Object.values(run.scenarios ?? {}).flat().map((e) => e.loadavg)).filter((x) => x !== undefined);
	push(
		'# Benchmarks',
		'',
		`Written by \`npm run bench${r.config.quick ? ' -- --quick' : ''}\` (bench/run.mjs) on ${r.startedAt.slice(0, 10)}. Do not edit by hand: run it again.`,
		r.config.quick ? '\n**Smoke run (`--quick`): small lists and one repetition; the figures say little.**\n' : '',
		`- Machine: ${m.cores} cores, ${m.memoryGiB} GiB memory, ${m.cpu} (${m.os})`,
		`- Package ${v.package} (commit ${v.commit}); n8n ${v.n8n} on Node ${v.nodeForN8n}; in-process part: n8n-core ${v.n8nCore}, n8n-workflow ${v.n8nWorkflow}, Node ${v.nodeForInProcess}`,
		`- Whole run: ${Math.round(r.totalSeconds / 60)} min${loads.length ? `; 1-minute load average during the n8n part ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (the benchmark itself keeps about 1–1.5 cores busy; more means something else was running)` : ''}`,
		'',
	);
	if (r.config.only?.length) push(`**Partial run (\`--only ${r.config.only.join(',')}\`): only those scenarios of the n8n part, and no document; the other sections of this file are not in it.**`, '');
	if (r.n8n.length) push(...beforeAfterReport(r));
	for (const run of r.n8n) push(...(run.cpuOnly ? cpuReport(run) : n8nReport(run, L)));
	if (r.inprocess) push(...inprocessReport(r.inprocess));
	return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

const pick = (entries, variant, f) => entries.map((e) => (e[variant] ? f(e[variant]) : undefined));
const pairRatio = (entries, a, b, f) => entries.map((e) => (e[a] && e[b] ? f(e[a]) / f(e[b]) : undefined));

function n8nReport(n, L) {
	// a partial run (--only) has the batching of its own scenarios only
	const batching = { mensatek: { size: 5, intervalMs: 2 * L }, wolkvox: { size: 2, intervalMs: 2 * L }, ovowpp: { size: 5, intervalMs: 2 * L }, ...n.batching };
	const out = [];
	const time = (x) => x.nodeMs;
	const sent = (x) => x.sandbox.messages;
	const reps = n.reps;
	out.push(
		`## Package nodes vs n8n's HTTP Request node, in a real n8n ${n.version}${engineName(n)}`,
		'',
		`One n8n (\`scripts/n8n-env.mjs\`: the package installed as a community package), the sandbox in its own process adding **${L} ms to every provider call**. Each workflow is *Webhook → Split Out (the list) → the sending node*; the list is posted to the webhook. ${reps} repetitions; every figure is the **median (min–max)** of them, and each ratio is computed within a repetition (HTTP Request ÷ package, then the median of those). The order of the workflows turns from one repetition to the next. Recipients are distinct, so "messages" (what the sandbox accepted) shows that every item was sent exactly once. The nodes' fields map the list's fields as the editor writes them when a field is dragged in (\`{{ $json.phone }}\`): the package reads such a field from the item without n8n's expression engine (README, *Mapped fields cost no expression*); the HTTP Request node's body is one expression per item, evaluated by n8n.`,
		'',
		'**Wall time** is the sending node\'s own time as n8n stores it in the execution (`runData[node].executionTime`, read through the REST API), so neither n8n\'s start nor the webhook nor the Split Out is in it; the whole execution (`startedAt`→`stoppedAt`) is in the raw JSON. **HTTP calls** and **403s** come from the sandbox\'s request log and Wolkvox statistics; **max in flight** is the most calls the sandbox had open at once.',
		'',
		'**How the HTTP Request node is set up** (v4.2), as a careful user would: the credential holds the secrets (Custom Auth with the two OvoWpp headers, Header Auth with `wolkvox-token`, Basic Auth for Mensatek), one request per item, *On Error: Continue* so one refusal does not hide the other results, **Retry On Fail off** (n8n retries the whole node, every item, so a retry would send the messages that had gone out a second time), and **Batching** where the provider has a limit: ' +
			`${batching.wolkvox.size} items per batch for Wolkvox (two requests in flight per token), ${batching.ovowpp.size} for OvoWpp and Mensatek (no documented limit; the package's default), and a batch interval of ${batching.ovowpp.intervalMs} ms, twice the usual call time, because the node starts the next batch after the interval whether or not the previous answers came (n8n's default interval, 1000 ms, would be ${Math.round(1000 / batching.ovowpp.intervalMs)}× slower still). "No batching" is the same node with Batching off: every item's request leaves at once.`,
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
			if (!entries.some((e) => e[variant])) continue;
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
	const b = batching;
	table(
		`Mensatek: ${N.mensatek.toLocaleString('en')} template sends`,
		'mensatek',
		[
			['node', 'Mensatek node (Batch Size 100, the default)'],
			['careful', `HTTP Request, Batching ${b.mensatek.size} / ${b.mensatek.intervalMs} ms`],
			['naive', 'HTTP Request, no batching'],
		],
		'The node checks the template once (`GetVariablesPlantillaWhatsapp`) and sends recipients of the same message together (`Destinatarios`, up to Batch Size per call, 2 calls in flight; with Continue On Fail, as here, a full batch goes out while the next items are read); the HTTP Request node makes one call per item. The floor of the targets counts the template check and one call per 100 recipients one after the other, so two calls in flight can come in under it.',
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
		`OvoWpp: ${N.ovowpp.toLocaleString('en')} text sends — floor N·L/C = ${seconds((N.ovowpp * L) / OVOWPP_CEILING)} for C = ${OVOWPP_CEILING}, the default ceiling`,
		'ovowpp',
		[
			['node', `OvoWpp node (default settings: starts at ${C} in flight, adapts up to ${OVOWPP_CEILING})`],
			['careful', `HTTP Request, Batching ${b.ovowpp.size} / ${b.ovowpp.intervalMs} ms`],
			['naive', 'HTTP Request, no batching'],
			['max', `OvoWpp node, Requests In Flight ${OVOWPP_MAX} (a ceiling since issue 24; floor ${seconds((N.ovowpp * L) / OVOWPP_MAX)})`],
		],
		`The recipients are customers who wrote in (contacts with a conversation, created in the sandbox before each run), as free text on WhatsApp requires. Since issue 24 the node's calls in flight start at ${C} (the former fixed default) and grow while answers stay fast and clean, or while more at once still brings more answers per second, up to Requests In Flight (${OVOWPP_CEILING} by default): the floor is what ${OVOWPP_CEILING} in flight all the time would take.`,
	);
	out.push(...capacityReport(n));
	// floors as a ratio: how close the package gets
	const floorRows = [];
	const wk = n.scenarios.wolkvox;
	if (wk?.length) floorRows.push(`Wolkvox node ÷ floor: ${fmt(stats(pick(wk, 'node', (x) => x.nodeMs / ((N.wolkvox * L) / 2))), ratio)}`);
	const ov = n.scenarios.ovowpp;
	if (ov?.length) floorRows.push(`OvoWpp node ÷ floor at its ceiling of ${OVOWPP_CEILING}: ${fmt(stats(pick(ov, 'node', (x) => x.nodeMs / ((N.ovowpp * L) / OVOWPP_CEILING))), ratio)}`);
	const cap = n.scenarios.capacity;
	if (cap?.length) floorRows.push(`OvoWpp node ÷ floor with a capacity of ${CAPACITY.capacity}: ${fmt(stats(pick(cap, 'node', (x) => x.nodeMs / ((N.ovowpp * L) / CAPACITY.capacity))), ratio)}`);
	if (ov?.some((e) => e.max)) {
		floorRows.push(`OvoWpp node at ${OVOWPP_MAX} in flight ÷ its floor: ${fmt(stats(pick(ov, 'max', (x) => x.nodeMs / ((N.ovowpp * L) / OVOWPP_MAX))), ratio)}`);
		floorRows.push(`HTTP Request without batching ÷ OvoWpp node at ${OVOWPP_MAX} in flight: ${fmt(stats(pairRatio(ov, 'naive', 'max', time)), ratio)}`);
	}
	if (floorRows.length) out.push(`How close to the floor: ${floorRows.join('; ')}.`, '');

	out.push(...cpuReport(n));
	out.push(...tlsReport(n));

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

/** OvoWpp against a provider with a finite capacity: the node's refusals and the HTTP Request node's. */
function capacityReport(n) {
	const entries = n.scenarios.capacity;
	if (!entries?.length) return [];
	const N = n.n.capacity;
	const K = CAPACITY.capacity;
	const out = [
		`### OvoWpp: ${N.toLocaleString('en')} text sends to a provider that serves ${K} at once — floor N·L/K = ${seconds((N * n.latencyMs) / K)}`,
		'',
		`The sandbox's capacity option (\`POST /_sandbox/config {provider, capacity: ${K}, queue: ${CAPACITY.queue}}\`): ${K} requests served at once (each ${n.latencyMs} ms), ${CAPACITY.queue} more wait for a place, and any request beyond is answered 503 at once, unprocessed and not sent. **Refused** counts those 503s (the sandbox's \`refusedCapacity\`); **most served at once** is the sandbox's \`maxServing\`. Goal: the node at default settings ≥ 1.5× faster than HTTP Request without batching, with ≤ 1 % of its calls refused.`,
		'',
		'| workflow | wall time | HTTP calls | refused (503) | messages accepted | max in flight | most served at once | HTTP Request ÷ package (time) |',
		'|---|---|---|---|---|---|---|---|',
	];
	const rows = [
		['node', 'OvoWpp node (default settings)'],
		['naive', 'HTTP Request, no batching'],
	];
	for (const [variant, label] of rows) {
		if (!entries.some((e) => e[variant])) continue;
		out.push(
			`| ${label} | ${fmt(stats(pick(entries, variant, (x) => x.nodeMs)), seconds)} | ${fmt(stats(pick(entries, variant, (x) => x.sandbox.calls)), int)} | ${fmt(stats(pick(entries, variant, (x) => x.sandbox.refusedCapacity)), int)} | ${fmt(stats(pick(entries, variant, (x) => x.sandbox.messages)), int)} of ${N} | ${fmt(stats(pick(entries, variant, (x) => x.sandbox.maxInFlight)), int)} | ${fmt(stats(pick(entries, variant, (x) => x.sandbox.maxServing)), int)} | ${variant === 'node' ? '—' : fmt(stats(pairRatio(entries, variant, 'node', (x) => x.nodeMs)), ratio)} |`,
		);
	}
	out.push('');
	return out;
}

const engineName = (run) => (run.engine ? ` with N8N_EXPRESSION_ENGINE=${run.engine}` : '');
const cpuPerItem = (x) => x.cpuMs / x.n;

/** n8n's own CPU per item: the node, the HTTP Request node and a NoOp on the same list, in the same n8n. */
function cpuReport(n) {
	const entries = n.scenarios.ovowpp;
	if (!entries?.length || !entries.some((e) => e.noop)) return [];
	const out = [];
	const us = (ms) => ms.toFixed(2) + ' ms';
	const idle = stats(n.idle ?? []);
	const busy = (x) => (x.cpuMs - (idle.median * x.spanMs) / 1000) / x.n;
	out.push(
		`### n8n's CPU per item: OvoWpp Send, ${n.n.ovowpp.toLocaleString('en')} items, n8n ${n.version}${engineName(n)}`,
		'',
		`CPU time (user + system) of the n8n process, read from \`/proc/<pid>/stat\` before the webhook call and once the execution is stored, divided by the items: the webhook, Split Out, the node, saving the execution. The NoOp workflow is the same list into a node that does nothing, so the difference is what sending costs. Idle, this n8n used ${fmt(idle, (x) => x.toFixed(1) + ' ms')} of CPU per second (3 s samples between repetitions); "without idle" subtracts that for the time each run took, since a workflow that waits longer (fewer requests in flight) pays more of it. Ratios are taken within a repetition; the clock ticks are 10 ms.`,
		'',
		'| workflow | n8n CPU per item | without idle | above the NoOp | package ÷ this (CPU) | package ÷ this (without idle) |',
		'|---|---|---|---|---|---|',
	);
	const rows = [
		['noop', 'NoOp (n8n alone)'],
		['node', 'OvoWpp node (Requests In Flight 5)'],
		['max', `OvoWpp node, Requests In Flight ${OVOWPP_MAX}`],
		['careful', `HTTP Request, Batching ${n.batching.ovowpp.size} / ${n.batching.ovowpp.intervalMs} ms`],
		['naive', 'HTTP Request, no batching'],
	];
	// each HTTP Request variant against the node run closest to it in time taken: 5 in flight for Batching, 20 for none
	const partner = { careful: 'node', naive: 'max' };
	for (const [variant, label] of rows) {
		if (!entries.some((e) => e[variant])) continue;
		const above = entries.map((e) => (e[variant] && e.noop ? cpuPerItem(e[variant]) - cpuPerItem(e.noop) : undefined));
		const p = partner[variant] && entries.some((e) => e[partner[variant]]) ? partner[variant] : 'node';
		const http = variant === 'careful' || variant === 'naive';
		const vs = http ? `${fmt(stats(pairRatio(entries, 'node', variant, cpuPerItem)), ratio)}${p !== 'node' ? `; at ${OVOWPP_MAX} in flight ${fmt(stats(pairRatio(entries, p, variant, cpuPerItem)), ratio)}` : ''}` : '—';
		const vsBusy = http ? `${fmt(stats(pairRatio(entries, 'node', variant, busy)), ratio)}${p !== 'node' ? `; at ${OVOWPP_MAX} in flight ${fmt(stats(pairRatio(entries, p, variant, busy)), ratio)}` : ''}` : '—';
		out.push(`| ${label} | ${fmt(stats(pick(entries, variant, cpuPerItem)), us)} | ${fmt(stats(pick(entries, variant, busy)), us)} | ${variant === 'noop' ? '—' : fmt(stats(above), us)} | ${vs} | ${vsBusy} |`);
	}
	out.push('');
	return out;
}

/** Over HTTPS with a delay per round trip: one connection per call, for the node and the HTTP Request node alike. */
function tlsReport(n) {
	const entries = n.scenarios.tls;
	if (!entries?.length) return [];
	const R = n.rttMs;
	const N = n.n.tls;
	const out = [];
	out.push(
		`### OvoWpp over HTTPS: ${N.toLocaleString('en')} text sends, ${R} ms per round trip`,
		'',
		`The sandbox (no added latency) behind an HTTPS front (\`bench/tls-proxy.mjs\`: a certificate the benchmark makes, trusted by n8n through NODE_EXTRA_CA_CERTS) that delays every network round trip by ${R} ms, the first one of a connection (TCP's handshake) included: a call on a kept-alive connection costs one round trip, a call on a new connection three (TCP, TLS 1.3, the request). **Connections** is what the front accepted. Floor at 5 in flight with connection reuse: N·R/5 = ${seconds((N * R) / 5)}; with a new connection per call: 3·N·R/5 = ${seconds((3 * N * R) / 5)}.`,
		'',
		'| workflow | wall time | connections | messages accepted | most connections open | n8n CPU per item | HTTP Request ÷ package (time) |',
		'|---|---|---|---|---|---|---|',
	);
	const rows = [
		['node', 'OvoWpp node (default settings)'],
		['careful', `HTTP Request, Batching ${n.batching.tls.size} / ${n.batching.tls.intervalMs} ms`],
		['naive', 'HTTP Request, no batching'],
	];
	for (const [variant, label] of rows) {
		if (!entries.some((e) => e[variant])) continue;
		out.push(
			`| ${label} | ${fmt(stats(pick(entries, variant, (x) => x.nodeMs)), seconds)} | ${fmt(stats(pick(entries, variant, (x) => x.connections)), int)} | ${fmt(stats(pick(entries, variant, (x) => x.sandbox.messages)), int)} of ${N} | ${fmt(stats(pick(entries, variant, (x) => x.maxOpen)), int)} | ${fmt(stats(pick(entries, variant, cpuPerItem)), (ms) => ms.toFixed(2) + ' ms')} | ${variant === 'node' ? '—' : fmt(stats(pairRatio(entries, variant, 'node', (x) => x.nodeMs)), ratio)} |`,
		);
	}
	out.push(
		'',
		"Neither node can reuse a connection: n8n's request helper makes a new agent for every request (n8n-core 1.122: `setAxiosAgents` in request-helper-functions.js; 2.x: `buildNodeAgents` in @n8n/backend-network), and takes no agent from the caller (2.x passes `agentOptions` on, but into that same per-request agent, so a keep-alive option keeps nothing). A package that must go through the helper pays the handshakes on every call.",
		'',
	);
	return out;
}

/** The figures of a run that the before/after table compares, under the keys it looks them up by. */
function beforeFigures(r) {
	const out = {};
	for (const run of r.n8n) {
		const entries = run.scenarios.ovowpp;
		if (!entries?.some((e) => e.noop)) continue;
		const key = `cpuRatio:${run.version}${run.engine ? `:${run.engine}` : ''}`;
		const idle = stats(run.idle ?? []).median;
		const busy = (x) => (x.cpuMs - (idle * x.spanMs) / 1000) / x.n;
		out[key] = fmt(stats(pairRatio(entries, 'node', 'naive', cpuPerItem)), ratio);
		out[`${key}:busy`] = fmt(stats(pairRatio(entries, 'node', 'naive', busy)), ratio);
		if (entries.some((e) => e.max)) out[`${key}:max`] = fmt(stats(pairRatio(entries, 'max', 'naive', cpuPerItem)), ratio);
	}
	const gm = r.inprocess?.getMany;
	if (gm) out[`getManyCpu:${gm.contacts}`] = fmt(stats(gm.runs.map((x) => x.cpuMs)), seconds);
	for (const row of r.inprocess?.rows ?? []) out[`overhead:${row.key}`] = fmt(stats(row.runs.map((x) => ((x.nodeMs - x.loopMs) * 1000) / row.items)), micros);
	return out;
}

/** The targets of issue 16, before (bench/before.json: the same benchmark on the code before the change) and in this run. */
function beforeAfterReport(r) {
	let before = {};
	try {
		before = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench', 'before.json'), 'utf8'));
	} catch {}
	const out = [
		'## Before and after (issue 16)',
		'',
		`"Before" comes from \`bench/before.json\`: ${before.note ?? 'not measured'}. "After" is this run. Ratios are taken within one run.`,
		'',
		'| what | target | before | after |',
		'|---|---|---|---|',
	];
	for (const run of r.n8n) {
		const entries = run.scenarios.ovowpp;
		if (!entries?.some((e) => e.noop)) continue;
		const key = `cpuRatio:${run.version}${run.engine ? `:${run.engine}` : ''}`;
		const idle = stats(run.idle ?? []).median;
		const busy = (x) => (x.cpuMs - (idle * x.spanMs) / 1000) / x.n;
		const after = fmt(stats(pairRatio(entries, 'node', 'naive', cpuPerItem)), ratio);
		const afterBusy = fmt(stats(pairRatio(entries, 'node', 'naive', busy)), ratio);
		out.push(`| OvoWpp Send in n8n ${run.version}${engineName(run)}: n8n CPU per item, package ÷ HTTP Request (no batching) | ≤ 0.8× | ${before[key] ?? '—'} | ${after} |`);
		out.push(`| the same, n8n's idle CPU subtracted | ≤ 0.8× | ${before[`${key}:busy`] ?? '—'} | ${afterBusy} |`);
		if (entries.some((e) => e.max)) {
			const afterMax = fmt(stats(pairRatio(entries, 'max', 'naive', cpuPerItem)), ratio);
			out.push(`| the same, the node at ${OVOWPP_MAX} in flight (about as long as the HTTP Request node without batching takes) | ≤ 0.8× | ${before[`${key}:max`] ?? '—'} | ${afterMax} |`);
		}
	}
	for (const run of r.n8n) {
		const entries = run.scenarios.mensatek;
		if (!entries?.length) continue;
		// the issue's floor: the template check and one call per 100 recipients, one after the other
		const floor = (1 + Math.ceil(run.n.mensatek / 100)) * run.latencyMs;
		out.push(`| Mensatek ${run.n.mensatek.toLocaleString('en')} template sends in n8n ${run.version}${engineName(run)}: node time ÷ the floor (1 + N/100)·L = ${seconds(floor)} | ≤ 1.5× | 3.2× (issue 16) | ${fmt(stats(pick(entries, 'node', (x) => x.nodeMs / floor)), ratio)} |`);
	}
	const gm = r.inprocess?.getMany;
	if (gm) {
		out.push(
			`| Contact Get Many with a search over ${gm.contacts.toLocaleString('en')} contacts: CPU in process | < 1 s | ${before[`getManyCpu:${gm.contacts}`] ?? '—'} | ${fmt(stats(gm.runs.map((x) => x.cpuMs)), seconds)} |`,
			...(gm.runs.every((x) => x.loopCpuMs)
				? [`| the same ÷ a fetch loop asking for the same pages and parsing them | — | — | ${fmt(stats(gm.runs.map((x) => x.cpuMs / x.loopCpuMs)), ratio)} |`]
				: []),
		);
	}
	for (const row of r.inprocess?.rows ?? []) {
		const per = stats(row.runs.map((x) => ((x.nodeMs - x.loopMs) * 1000) / row.items));
		out.push(`| ${row.label}: overhead per item above a fetch loop that reuses connections | — | ${before[`overhead:${row.key}`] ?? '—'} | ${fmt(per, micros)} |`);
	}
	out.push('');
	return out;
}

function inprocessReport(p) {
	const out = [];
	out.push(
		'## Per-item overhead of the nodes, in process',
		'',
		`n8n-core ${p.n8nCore ?? ''} runs *items → node* (\`test/helpers/harness.mts\`, real sockets) against the sandbox in its own process **without added latency**; a plain \`fetch\` loop (Node's built-in, undici) makes the same calls with the same concurrency. The sandbox keeps idle connections open 10 s, so the loop reuses its connections, as a client that can would; n8n's request helper opens a new one for every call. The node's time is \`runData[node].executionTime\`; the loop's is measured around it. Overhead per item = (node − loop) ÷ items, computed within each repetition after a warm-up run; ${p.reps} repetitions, median (min–max).`,
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
	if (p.getMany) {
		const g = p.getMany;
		out.push(
			`### OvoWpp Contact Get Many with a search, ${g.contacts.toLocaleString('en')} contacts`,
			'',
			`*Items → Contact › Get Many* (Return All, Search "${g.search}": ${g.matches} matches spread over the list), the sandbox holding ${g.contacts.toLocaleString('en')} contacts, so the node pages through ${g.calls} pages${g.pageSize ? ` of ${g.pageSize}` : ''}. **CPU in process** is \`process.cpuUsage()\` of the process running n8n-core (user + system) around the run: the node, n8n-core, the ${g.calls} requests and their JSON. The **fetch loop** asks for the same pages one after the other in the same process with \`fetch\` (a connection kept alive), parses each and keeps the matches: what any Node client pays for the same bytes. ${g.runs.length} repetitions.`,
			'',
			'| contacts | pages | matches | CPU in process | fetch loop CPU | node ÷ fetch loop | wall time |',
			'|---|---|---|---|---|---|---|',
			`| ${g.contacts} | ${g.calls} | ${g.matches} | ${fmt(stats(g.runs.map((x) => x.cpuMs)), seconds)} | ${g.runs.every((x) => x.loopCpuMs) ? fmt(stats(g.runs.map((x) => x.loopCpuMs)), seconds) : '—'} | ${g.runs.every((x) => x.loopCpuMs) ? fmt(stats(g.runs.map((x) => x.cpuMs / x.loopCpuMs)), ratio) : '—'} | ${fmt(stats(g.runs.map((x) => x.wallMs)), seconds)} |`,
			'',
		);
	}
	return out;
}

main().catch((e) => {
	console.error(e.stack || String(e));
	process.exit(1);
});
