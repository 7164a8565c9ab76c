#!/usr/bin/env node
// Queue mode: Wolkvox sends on one token from several n8n workers at once (each worker its own
// process, so each has its own limiter), against the same sends on one worker. Real n8n in queue
// mode (scripts/queue-env.mjs: Redis, Postgres, main, workers, a webhook process), the sandbox in
// its own process adding a fixed latency to every call. "before" is the package built from an
// older commit (the fixed two-per-process limiter), "after" the checkout as it is.
//
//   node bench/queue.mjs                      full run, writes its section of BENCHMARKS.md
//   node bench/queue.mjs --quick              one repetition
//   options: --reps N  --items N (per execution, 100)  --workers N (3)  --latency-ms L (50)
//            --before <git ref> (d437bb6)  --no-build  --out <file>  --resume <progress.json>
// `npm run bench` runs it after the rest (bench/run.mjs); --skip-queue there leaves it out.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as env from '../scripts/n8n-env.mjs';
import { npmPack, stageCombined } from '../scripts/packages.mjs';
import * as queue from '../scripts/queue-env.mjs';
import { fmt, machine, sandboxClient, seconds, startSandboxProcess, stats } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const START = '<!-- queue-mode:start -->';
const END = '<!-- queue-mode:end -->';
const log = (...a) => process.stderr.write(`[bench:queue] ${a.join(' ')}\n`);

/** The package of an older commit, built and packed in a folder of its own. */
async function packAt(ref) {
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-wg-before-'));
	const archive = spawnSync('sh', ['-c', `git -C "${ROOT}" archive "${ref}" | tar -x -C "${dir}"`], { encoding: 'utf8' });
	if (archive.status !== 0) throw new Error(`git archive ${ref}: ${archive.stderr}`);
	await fsp.symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
	const npm = (args) => {
		const r = spawnSync(process.execPath, [env.npmCliPath(), ...args], { cwd: dir, encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`npm ${args.join(' ')} in ${dir}: ${r.stderr.slice(-2000)}`);
		return r.stdout;
	};
	npm(['run', 'build', '--silent']);
	// staged as a release is (newer checkouts' package.json is private)
	const tarball = npmPack(stageCombined(dir, path.join(dir, 'staged')), dir);
	const commit = spawnSync('git', ['-C', ROOT, 'rev-parse', '--short', ref], { encoding: 'utf8' }).stdout.trim();
	return { tarball, dir, commit };
}

/** One queue-mode installation with `workers` workers taking `concurrency` executions each. */
async function installation({ version, tarball, sandboxUrl, workers, concurrency }) {
	const credentials = await env.demoCredentials(sandboxUrl);
	const workflow = queue.wolkvoxBulkWorkflow(credentials);
	const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-wg-bench-queue-'));
	const q = await queue.startQueueMode({
		version,
		tarball,
		root,
		workers,
		concurrency,
		webhook: true,
		mainEnv: { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
		// n8n asks for 5 or more; 1 places exactly one execution on each worker.
		workerEnv: { N8N_CONCURRENCY_PRODUCTION_LIMIT: String(concurrency) },
		prepare: async (cli) => {
			const work = path.join(root, 'import');
			await fsp.mkdir(work, { recursive: true });
			await fsp.writeFile(path.join(work, 'credentials.json'), JSON.stringify(credentials));
			await fsp.writeFile(path.join(work, 'workflow.json'), JSON.stringify(workflow));
			await cli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`]);
			await cli(['import:workflow', `--input=${path.join(work, 'workflow.json')}`]);
			await cli(['update:workflow', '--all', '--active=true']);
		},
	});
	const rest = await new env.N8nRest(q.main.url).ensureOwnerAndLogin();
	return {
		q,
		rest,
		workflow,
		async stop() {
			await q.stop();
			await fsp.rm(root, { recursive: true, force: true });
		},
	};
}

/** `executions` webhook posts of `items` recipients at once; waits for them all; what the sandbox saw. */
async function oneRun(inst, sandbox, { executions, items, rep }) {
	await sandbox.reset();
	const before = new Set((await queue.executionsOf(inst.rest, inst.workflow.id)).map((r) => r.id));
	const lists = Array.from({ length: executions }, (_, e) => queue.recipients(rep * 10_000 + e * items, items));
	const post = async (list) => {
		for (let attempt = 0; ; attempt++) {
			const answer = await fetch(`${inst.q.webhook.url}/webhook/queue-wolkvox-bulk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ recipients: list }) });
			// 404: main has not registered the webhook yet; nothing started.
			if (answer.status !== 404 || attempt >= 60) return answer;
			await new Promise((r) => setTimeout(r, 1000));
		}
	};
	const answers = await Promise.all(lists.map(post));
	if (answers.some((a) => a.status !== 200)) throw new Error(`webhook answered ${answers.map((a) => a.status)}`);
	let rows;
	for (;;) {
		rows = (await queue.executionsOf(inst.rest, inst.workflow.id)).filter((r) => !before.has(r.id));
		if (rows.length >= executions && rows.every((r) => r.stoppedAt)) break;
		await new Promise((r) => setTimeout(r, 500));
	}
	const seen = await sandbox.observe('wolkvox');
	// A run in which the sandbox did not take every message once measures something else: stop.
	if (seen.messages !== executions * items || seen.recipients !== executions * items) {
		throw new Error(`the sandbox accepted ${seen.messages} messages to ${seen.recipients} numbers, not ${executions * items} once each (statuses ${JSON.stringify(seen.statuses)})`);
	}
	const start = Math.min(...rows.map((r) => Date.parse(r.startedAt)));
	const stop = Math.max(...rows.map((r) => Date.parse(r.stoppedAt)));
	const workers = new Set(rows.map((r) => queue.workerOf(inst.q, r.id)?.name ?? '?'));
	return {
		wallMs: stop - start,
		calls: seen.calls,
		refused: seen.rejected403,
		refusedPct: (100 * seen.rejected403) / seen.calls,
		messages: seen.messages,
		recipients: seen.recipients,
		expected: executions * items,
		workersUsed: workers.size,
		statuses: rows.map((r) => r.status),
	};
}

export async function runQueueBench(options = {}) {
	const config = {
		version: options.version ?? env.DEFAULT_N8N_VERSION,
		reps: options.reps ?? (options.quick ? 1 : 3),
		items: options.items ?? 100,
		workers: options.workers ?? 3,
		latencyMs: options.latencyMs ?? 50,
		before: options.before ?? 'd437bb6',
	};
	await env.ensureN8n(config.version);
	if (!options.noBuild) await env.buildPackage({ echo: false });
	const after = { tarball: await env.packPackage(path.join(ROOT, '.n8n-e2e', 'pack-bench-queue')), commit: spawnSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() };
	log(`building the package at ${config.before} (before)`);
	const before = await packAt(config.before);
	const sandboxProcess = await startSandboxProcess(ROOT, { latencyMs: config.latencyMs });
	const sandbox = sandboxClient(sandboxProcess.url);
	const results = options.resume ?? { config, machine: machine(), startedAt: new Date().toISOString(), before: before.commit, after: after.commit, rows: [] };
	const progress = path.join(os.tmpdir(), `n8n-wg-bench-queue-progress-${process.pid}.json`);
	try {
		for (const [variant, pack] of [['before', before], ['after', after]]) {
			for (const setup of [
				{ label: `${config.workers} workers, 1 execution each`, workers: config.workers, concurrency: 1 },
				{ label: '1 worker, all executions', workers: 1, concurrency: 5 },
			]) {
				if (results.rows.some((row) => row.variant === variant && row.setup === setup.label)) continue; // done in the run resumed
				log(`${variant}: ${setup.label}: starting queue mode`);
				const inst = await installation({ version: config.version, tarball: pack.tarball, sandboxUrl: sandbox.url, ...setup });
				try {
					const runs = [];
					for (let rep = 0; rep < config.reps; rep++) {
						const run = await oneRun(inst, sandbox, { executions: config.workers, items: config.items, rep });
						log(`${variant} ${setup.label} #${rep + 1}: ${seconds(run.wallMs)}, ${run.refused} of ${run.calls} calls refused, ${run.messages} messages to ${run.recipients} numbers, ${run.workersUsed} workers`);
						runs.push(run);
					}
					results.rows.push({ variant, setup: setup.label, workers: setup.workers, runs });
					await fsp.writeFile(progress, JSON.stringify(results, null, 2));
					log(`progress saved in ${progress} (--resume it after a failure)`);
				} finally {
					await inst.stop();
				}
			}
		}
	} finally {
		await sandboxProcess.close();
		await fsp.rm(before.dir, { recursive: true, force: true });
	}
	results.finishedAt = new Date().toISOString();
	results.load ??= os.loadavg().map((x) => x.toFixed(1)).join(', ');
	return results;
}

/** The BENCHMARKS.md section of a run. */
export function queueSection(r) {
	const { config } = r;
	const n = config.workers * config.items;
	const floor = (n * config.latencyMs) / 2;
	const lines = [
		START,
		`## Queue mode: Wolkvox from ${config.workers} workers on one token`,
		'',
		`Written by \`node bench/queue.mjs\` (also run by \`npm run bench\`) on ${r.startedAt.slice(0, 10)}; ${r.machine.cores} cores. n8n ${config.version} in queue mode (scripts/queue-env.mjs): Redis, Postgres, main, a webhook process and the workers, each n8n process with its own user folder and the package installed in it; the sandbox in its own process adds **${config.latencyMs} ms to every call**. Each run posts ${config.workers} lists of ${config.items} distinct numbers at once to a *Webhook → Split Out → Wolkvox Send Text* workflow (Continue On Fail): ${n} messages on one token, which Wolkvox lets have two calls in flight (floor N·L/2 = ${seconds(floor)}). With ${config.workers} workers each takes one execution (worker concurrency 1); with 1 worker it runs them all at once. **before**: the package at ${r.before} (a fixed limit of two calls per token in each process, a refused call retried in place); **after**: ${r.after} (each process adapts to the provider's refusals). ${config.reps} repetitions: median (min–max). **Wall time** runs from the first execution's start to the last one's end (n8n's stored startedAt/stoppedAt); **refused** is the provider's concurrency 403s over all calls; **messages** is what the sandbox accepted.`,
		'',
		'| package | setup | wall time | calls refused | calls | messages (distinct numbers) | wall ÷ one worker |',
		'|---|---|---|---|---|---|---|',
	];
	for (const variant of ['before', 'after']) {
		const one = r.rows.find((x) => x.variant === variant && x.workers === 1);
		for (const row of r.rows.filter((x) => x.variant === variant)) {
			const wall = stats(row.runs.map((x) => x.wallMs));
			const pct = stats(row.runs.map((x) => x.refusedPct));
			const ratio = one && row !== one ? stats(row.runs.map((x, i) => x.wallMs / (one.runs[i] ?? one.runs[0]).wallMs)) : undefined;
			const msgs = row.runs.map((x) => `${x.messages} (${x.recipients})`).join(', ');
			lines.push(
				`| ${variant} | ${row.setup} | ${fmt(wall, seconds)} | ${fmt(pct, (v) => `${v.toFixed(1)} %`)} | ${fmt(stats(row.runs.map((x) => x.calls)), (v) => String(Math.round(v)))} | ${msgs} of ${n} | ${ratio ? fmt(ratio, (v) => `${v.toFixed(2)}×`) : '—'} |`,
			);
		}
	}
	if (r.rows.some((row) => row.runs.some((x) => x.fromLog))) {
		lines.push('', 'The rows of a run that was resumed (`--resume`) after its last installation failed to start its webhook carry the figures of that run\'s log (wall times to 0.1 s).');
	}
	lines.push('', `Load: the machine was shared with other work throughout (1-minute load average ${r.load ?? 'not recorded'}), which slows n8n's own work per item more than the provider's 50 ms.`);
	lines.push('', `Targets (issue 14): with ${config.workers} workers, at most 5 % of calls refused and a wall time at most 1.15× one worker's, every message sent once.`, END, '');
	return lines.join('\n');
}

/** Puts the section into the file, in place of an earlier one, or at the end. */
export async function writeQueueSection(file, section) {
	let text = fs.existsSync(file) ? await fsp.readFile(file, 'utf8') : '# Benchmarks\n';
	const a = text.indexOf(START);
	const b = text.indexOf(END);
	if (a >= 0 && b > a) text = text.slice(0, a) + section.trimEnd() + text.slice(b + END.length);
	else text = `${text.trimEnd()}\n\n${section}`;
	await fsp.writeFile(file, text.endsWith('\n') ? text : `${text}\n`);
}

/** The section of an earlier run in the file, to keep when the rest of the file is written again. */
export function existingQueueSection(file) {
	if (!fs.existsSync(file)) return undefined;
	const text = fs.readFileSync(file, 'utf8');
	const a = text.indexOf(START);
	const b = text.indexOf(END);
	return a >= 0 && b > a ? text.slice(a, b + END.length) + '\n' : undefined;
}

async function main() {
	const argv = process.argv.slice(2);
	const option = (name, fallback) => {
		const at = argv.indexOf(`--${name}`);
		return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback;
	};
	const num = (name) => (option(name) === undefined ? undefined : Number(option(name)));
	const out = path.resolve(ROOT, option('out', 'BENCHMARKS.md'));
	const results = await runQueueBench({
		quick: argv.includes('--quick'),
		noBuild: argv.includes('--no-build'),
		reps: num('reps'),
		items: num('items'),
		workers: num('workers'),
		latencyMs: num('latency-ms'),
		before: option('before'),
		version: option('n8n'),
		resume: option('resume') ? JSON.parse(await fsp.readFile(option('resume'), 'utf8')) : undefined,
	});
	const json = path.join(os.tmpdir(), `n8n-wg-bench-queue-${Date.now()}.json`);
	await fsp.writeFile(json, JSON.stringify(results, null, 2));
	const section = queueSection(results);
	await writeQueueSection(out, section);
	process.stdout.write(section);
	log(`wrote its section of ${path.relative(ROOT, out)} (raw figures: ${json})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((e) => {
		console.error(e.stack || String(e));
		process.exit(1);
	});
}
