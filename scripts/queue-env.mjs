// n8n's queue mode for the e2e test and the benchmark: Redis and Postgres (from Debian packages,
// installed when missing), and n8n main, workers and webhook processes, each on its own user
// folder with the package installed in it, all on free loopback ports. Plain Node ESM; builds on
// scripts/n8n-env.mjs (n8n installs, the package tarball, n8n's environment).
//
//   const q = await startQueueMode({ version, tarball, root, workers: 2, webhook: true, prepare })
//   … q.main.url, q.webhook.url, q.workers[i].logs() …
//   await q.stop()   (stops every process it started, also after a failed start)

import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as env from './n8n-env.mjs';

const log = (...args) => {
	if (!process.env.N8N_WG_QUIET) process.stderr.write(`[queue-env] ${args.join(' ')}\n`);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

// ---------------------------------------------------------------------------------------------
// Redis and Postgres binaries

function which(name) {
	const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The newest /usr/lib/postgresql/<major>/bin (Debian's layout), or the folder of initdb on PATH. */
export function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	if (fs.existsSync(base)) {
		const majors = fs
			.readdirSync(base)
			.filter((d) => fs.existsSync(path.join(base, d, 'bin', 'initdb')) && fs.existsSync(path.join(base, d, 'bin', 'postgres')))
			.sort((a, b) => Number(b) - Number(a));
		if (majors.length) return path.join(base, majors[0], 'bin');
	}
	const initdb = which('initdb');
	return initdb && fs.existsSync(path.join(path.dirname(initdb), 'postgres')) ? path.dirname(initdb) : undefined;
}

export function redisServerBin() {
	return which('redis-server') ?? (fs.existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined);
}

/** apt-get, waiting while another apt or dpkg holds the lock. */
async function aptGet(args) {
	for (let attempt = 0; ; attempt++) {
		const r = spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		if (r.status === 0) return;
		const out = `${r.stdout}\n${r.stderr}`;
		if (/Could not get lock|is locked|Unable to acquire the dpkg/i.test(out) && attempt < 120) {
			if (attempt % 6 === 0) log('apt is busy (another install): waiting');
			await sleep(5000);
			continue;
		}
		throw new Error(`apt-get ${args.join(' ')} failed (${r.status}):\n${out.slice(-3000)}`);
	}
}

/**
 * Redis and Postgres servers, from Debian's packages when they are missing (`apt-get update`, then
 * `apt-get install -y redis-server postgresql`; needs root, as in CI). The packages' own services
 * are not used: each test starts its own servers on its own ports and folders.
 */
export async function ensureServers() {
	if (redisServerBin() && postgresBinDir()) return { redis: redisServerBin(), postgresBin: postgresBinDir() };
	if (!isRoot()) {
		throw new Error('Queue mode needs redis-server and PostgreSQL (initdb, postgres). Install them (Debian: apt-get install redis-server postgresql) or run as root so the harness installs them.');
	}
	log('installing redis-server and postgresql from Debian packages');
	await aptGet(['update']);
	await aptGet(['install', '-y', '--no-install-recommends', 'redis-server', 'postgresql']);
	const redis = redisServerBin();
	const postgresBin = postgresBinDir();
	if (!redis || !postgresBin) throw new Error(`installed, but redis-server (${redis}) or PostgreSQL (${postgresBin}) is still missing`);
	return { redis, postgresBin };
}

// ---------------------------------------------------------------------------------------------
// Processes

/** A child process in its own process group, with its output kept and a stop() that ends the group. */
function managed(name, command, args, options) {
	const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let output = '';
	const onData = (d) => {
		output += d;
		if (output.length > 4_000_000) output = output.slice(-2_000_000);
		if (process.env.N8N_WG_ECHO) process.stderr.write(`[${name}] ${d}`);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	let exited = false;
	const exit = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			exited = true;
			resolve({ code, signal });
		}),
	);
	const kill = (signal) => {
		try {
			process.kill(-child.pid, signal);
		} catch {
			try {
				child.kill(signal);
			} catch {}
		}
	};
	// Never outlive the test process.
	const onParentExit = () => kill('SIGKILL');
	process.once('exit', onParentExit);
	return {
		name,
		pid: child.pid,
		logs: () => output,
		exited: () => exited,
		exit,
		async stop(graceMs = 15_000) {
			process.removeListener('exit', onParentExit);
			if (!exited) {
				kill('SIGTERM');
				const timer = setTimeout(() => kill('SIGKILL'), graceMs);
				await exit;
				clearTimeout(timer);
			}
			kill('SIGKILL'); // whatever of the group is left (n8n's task runner)
		},
	};
}

async function waitForPort(port, proc, timeoutMs = 60_000) {
	const t0 = Date.now();
	while (Date.now() - t0 < timeoutMs) {
		if (proc.exited()) throw new Error(`${proc.name} exited:\n${proc.logs().slice(-3000)}`);
		const ok = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (ok) return;
		await sleep(200);
	}
	throw new Error(`${proc.name} did not listen on ${port} within ${timeoutMs} ms:\n${proc.logs().slice(-3000)}`);
}

/** redis-server on a free loopback port, its data in dir, nothing saved to disk. */
export async function startRedis(dir, { redis } = {}) {
	redis ??= (await ensureServers()).redis;
	await fsp.mkdir(dir, { recursive: true });
	const port = await env.freePort();
	const proc = managed('redis', redis, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { cwd: dir });
	await waitForPort(port, proc);
	return { ...proc, port };
}

/**
 * A Postgres cluster of its own in dir, on a free loopback port, with a database `n8n`. Postgres
 * refuses to run as root: as root, the cluster belongs to the `postgres` user (Debian's) and runs
 * as it, through runuser.
 */
export async function startPostgres(dir, { postgresBin } = {}) {
	postgresBin ??= (await ensureServers()).postgresBin;
	await fsp.mkdir(dir, { recursive: true });
	const data = path.join(dir, 'data');
	const asUser = isRoot() ? ['runuser', '-u', 'postgres', '--'] : [];
	if (isRoot()) {
		if (spawnSync('id', ['-u', 'postgres']).status !== 0) throw new Error('running as root, but there is no `postgres` user to run Postgres as');
		// The user must reach the folder: every parent must be searchable by others.
		spawnSync('chown', ['-R', 'postgres:', dir]);
	}
	const run = (bin, args) => {
		const [cmd, ...rest] = [...asUser, path.join(postgresBin, bin), ...args];
		const r = spawnSync(cmd, rest, { encoding: 'utf8', cwd: dir });
		if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
		return r.stdout;
	};
	run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
	const port = await env.freePort();
	const [cmd, ...args] = [
		...asUser,
		path.join(postgresBin, 'postgres'),
		'-D', data,
		'-p', String(port),
		'-k', dir, // the Unix socket in the test's folder, not /var/run/postgresql
		'-c', 'listen_addresses=127.0.0.1',
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=200',
	];
	const proc = managed('postgres', cmd, args, { cwd: dir });
	await waitForPort(port, proc);
	for (let attempt = 0; ; attempt++) {
		try {
			run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-c', 'CREATE DATABASE n8n']);
			break;
		} catch (e) {
			if (attempt >= 20) throw e;
			await sleep(500); // still starting up
		}
	}
	return { ...proc, port, database: 'n8n', user: 'postgres' };
}

/** What every n8n process of one queue-mode installation shares: Redis, Postgres, the key. */
export function queueEnv({ redis, postgres }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		// n8n's default (20 s) to get a connection from the pool is too short on a busy machine: a
		// burst of executions then fails with "timeout exceeded when trying to connect".
		DB_POSTGRESDB_CONNECTION_TIMEOUT: '300000',
		// n8n-env.mjs gives every process the same N8N_ENCRYPTION_KEY; the credentials need it.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
	};
}

/**
 * One n8n process: `start` (main), `worker` or `webhook`, on its own user folder. Waits until it
 * is ready: /healthz of main and webhook processes, the queue health check of a worker.
 */
export async function startN8nProcess(version, command, userFolder, { env: extra = {}, timeoutMs = 300_000 } = {}) {
	const { node, bin } = await env.ensureN8n(version);
	await fsp.mkdir(userFolder, { recursive: true });
	const port = await env.freePortFrom(5678 + Math.floor(Math.random() * 2000));
	const brokerPort = await env.freePort();
	const health = command === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port) } : {};
	const variables = env.n8nEnv(node, { userFolder, port, brokerPort, extra: { ...health, ...extra } });
	for (const key of Object.keys(variables)) if (variables[key] === undefined) delete variables[key];
	const name = `${command}:${path.basename(userFolder)}`;
	const proc = managed(name, node.nodeBin, [bin, command], { cwd: userFolder, env: variables });
	const url = `http://127.0.0.1:${port}`;
	try {
		await env.waitForHttp(`${url}/healthz`, { timeoutMs, isAlive: () => !proc.exited() });
		if (command === 'start') {
			await env.waitForHttp(`${url}/rest/settings`, {
				timeoutMs,
				isAlive: () => !proc.exited(),
				accept: (body) => {
					try {
						return !!JSON.parse(body).data;
					} catch {
						return false;
					}
				},
			});
		}
		if (command === 'webhook') await waitForLog(proc, /Webhook listener waiting for requests|webhook.*listening|Ready/i, timeoutMs);
	} catch (e) {
		await proc.stop();
		e.message += `\n--- ${name} output ---\n${proc.logs().slice(-6000)}`;
		throw e;
	}
	return { ...proc, url, port, command, userFolder };
}

async function waitForLog(proc, pattern, timeoutMs) {
	const t0 = Date.now();
	while (!pattern.test(proc.logs())) {
		if (proc.exited()) throw new Error(`${proc.name} exited`);
		if (Date.now() - t0 > timeoutMs) throw new Error(`${proc.name}: no ${pattern} in its output after ${timeoutMs} ms`);
		await sleep(200);
	}
}

/**
 * A whole queue-mode installation: Redis, Postgres, main, `workers` workers and (optionally) a
 * webhook process, each n8n process with its own user folder under root and the package tarball
 * installed in it. `prepare(cli)` runs before main starts (import credentials and workflows,
 * activate them) with n8n's CLI on main's user folder and the shared database.
 * Options: mainEnv / workerEnv / webhookEnv (extra variables), concurrency (per worker).
 */
export async function startQueueMode({ version = env.DEFAULT_N8N_VERSION, tarball, root, workers = 2, webhook = true, concurrency = 5, prepare, mainEnv = {}, workerEnv = {}, webhookEnv = {} }) {
	const started = [];
	const q = {
		root,
		main: undefined,
		workers: [],
		webhook: undefined,
		env: undefined,
		async stop() {
			// n8n first (they hold connections to Redis and Postgres), then the servers.
			const n8nProcs = started.filter((p) => p.command);
			await Promise.all(n8nProcs.map((p) => p.stop().catch(() => {})));
			await Promise.all(started.filter((p) => !p.command).map((p) => p.stop().catch(() => {})));
		},
	};
	try {
		const servers = await ensureServers();
		await fsp.rm(root, { recursive: true, force: true });
		await fsp.mkdir(root, { recursive: true });
		// Postgres's folder in the system's temporary folder: the `postgres` user must reach it.
		const pgDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-wg-pg-'));
		const redis = await startRedis(path.join(root, 'redis'), servers);
		started.push(redis);
		const postgres = await startPostgres(pgDir, servers);
		started.push({ ...postgres, stop: async () => {
			await postgres.stop();
			await fsp.rm(pgDir, { recursive: true, force: true });
		} });
		q.redis = redis;
		q.postgres = postgres;
		q.env = queueEnv({ redis, postgres });

		const folders = { main: path.join(root, 'main'), webhook: path.join(root, 'webhook') };
		for (let i = 0; i < workers; i++) folders[`worker${i + 1}`] = path.join(root, `worker${i + 1}`);
		if (!webhook) delete folders.webhook;
		// Each process its own user folder with the package installed, as on separate machines.
		for (const folder of Object.values(folders)) await env.installPackageIntoUserFolder(folder, tarball);

		const cli = (args, opts = {}) => env.n8nCli(version, folders.main, args, { ...opts, env: { ...q.env, ...mainEnv, ...(opts.env ?? {}) } });
		q.cli = cli;
		// The first command creates the schema (migrations), before any server starts.
		await cli(['export:nodes', `--output=${path.join(folders.main, 'nodes.json')}`]);
		if (prepare) await prepare(cli);

		q.main = await startN8nProcess(version, 'start', folders.main, { env: { ...q.env, ...mainEnv } });
		started.push(q.main);
		const others = [];
		for (let i = 0; i < workers; i++) {
			others.push(
				startN8nProcess(version, 'worker', folders[`worker${i + 1}`], {
					env: { ...q.env, N8N_CONCURRENCY_PRODUCTION_LIMIT: String(concurrency), ...workerEnv },
				}).then((w) => {
					started.push(w);
					q.workers[i] = w;
				}),
			);
		}
		if (webhook) {
			others.push(
				startN8nProcess(version, 'webhook', folders.webhook, { env: { ...q.env, ...webhookEnv } }).then((w) => {
					started.push(w);
					q.webhook = w;
				}),
			);
		}
		const results = await Promise.allSettled(others);
		const failed = results.find((r) => r.status === 'rejected');
		if (failed) throw failed.reason;
		log(`queue mode up: main ${q.main.url}, ${workers} workers${webhook ? `, webhook ${q.webhook.url}` : ''}, redis ${redis.port}, postgres ${postgres.port}`);
		return q;
	} catch (e) {
		await q.stop();
		throw e;
	}
}

// ---------------------------------------------------------------------------------------------
// Workflows for queue mode: started by a webhook, so that their executions go to the workers

/** A stable UUID (webhook ids) from a text. */
export function uuidFrom(text) {
	const h = crypto.createHash('sha1').update(text).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Webhook (POST /webhook/<path>, answered at once) → the given nodes in a chain. The webhook node is
 * named `Start`, as the Manual Trigger of the e2e workflows, so their connections stay valid.
 */
export function webhookWorkflow(id, name, path, nodes) {
	const start = {
		id: `${id}-start`,
		name: 'Start',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: uuidFrom(id),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
	const all = [start, ...nodes.map((n, i) => ({ id: `${id}-${i + 1}`, position: [240 * (i + 1), 0], ...n }))];
	const connections = {};
	for (let i = 0; i + 1 < all.length; i++) connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, active: false, settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' }, pinData: {}, nodes: all, connections };
}

/** Webhook → Split Out (body.recipients) → Wolkvox Send Text, Continue On Fail: the many-sends case. */
export function wolkvoxBulkWorkflow(credentials, id = 'wgQueueWolkvox01', path = 'queue-wolkvox-bulk') {
	const c = credentials.find((x) => x.type === 'wolkvoxApi');
	return webhookWorkflow(id, 'queue Wolkvox bulk', path, [
		{ name: 'Recipients', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'body.recipients', include: 'noOtherFields', options: {} } },
		{
			name: 'Wolkvox',
			type: `${env.PACKAGE_NAME}.wolkvox`,
			typeVersion: 1,
			onError: 'continueRegularOutput',
			parameters: { resource: 'message', operation: 'send', connectorId: '1001', phone: '={{ $json.phone }}', text: '={{ $json.text }}', options: {} },
			credentials: { wolkvoxApi: { id: c.id, name: c.name } },
		},
	]);
}

/** `count` distinct Colombian numbers from `from` on, with a text each. */
export function recipients(from, count) {
	return Array.from({ length: count }, (_, i) => ({ phone: `57310${String(from + i).padStart(7, '0')}`, text: `Aviso ${from + i}` }));
}

/** Every execution of a workflow as main's REST API lists them (newest first), page by page (n8n gives at most 100 a page). */
export async function executionsOf(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const page = async (range = '') => {
		const list = await rest.get(`/rest/executions?filter=${filter}&limit=100${range}`);
		return list.results ?? list;
	};
	// Without a range n8n lists the running executions and the finished ones in two queries, so one
	// that finishes in between is listed twice (running, then finished): keep the finished one.
	const all = new Map();
	const keep = (row) => {
		const seen = all.get(row.id);
		if (!seen || seen.status === 'running' || seen.status === 'new') all.set(row.id, row);
	};
	const first = await page();
	first.forEach(keep);
	if (first.length < 100) return [...all.values()];
	// n8n orders this list by start time, not by id, so "the ids below the last page's smallest"
	// skips executions that started out of id order (a burst does that). Read it in windows of 99
	// ids instead, each of which fits in one page.
	const top = Math.max(...first.map((row) => Number(row.id)));
	for (let from = 0; from <= top; from += 99) (await page(`&firstId=${from}&lastId=${from + 100}`)).forEach(keep);
	return [...all.values()];
}

/** Which worker's log says it started the execution (`Worker started execution <id>`), if any. */
export function workerOf(q, executionId) {
	const pattern = new RegExp(`Worker started execution ${executionId}\\b`);
	return q.workers.find((w) => pattern.test(w.logs()));
}
