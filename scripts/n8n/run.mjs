// Running n8n on a user folder under Node 24: its environment, a CLI command (import, execute,
// publish…), and `n8n start` waited on until its REST API answers.

import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import net from 'node:net';
import { log, run } from './commands.mjs';
import { ensureN8n } from './install.mjs';
import { node24Env } from './node.mjs';

export const OWNER = { email: 'owner@example.com', firstName: 'Demo', lastName: 'Owner', password: 'Sandbox-Demo-1' };
export const ENCRYPTION_KEY = 'n8n-nodes-whatsapp-gateways-e2e-key';

export async function freePort() {
	for (;;) {
		const port = await anyFreePort();
		if (!FETCH_BAD_PORTS.has(port)) return port;
	}
}

function anyFreePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

// Ports the Fetch standard calls "bad": Node's fetch refuses them ("bad port") before connecting, so
// an n8n listening on one (6000 lies in the queue-mode range) never looks ready to the tests.
export const FETCH_BAD_PORTS = new Set([
	1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
	109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
	526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
	3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** A free port from `start` upwards (n8n ports start at 5678) that fetch will connect to. */
export async function freePortFrom(start = 5678, host = '127.0.0.1') {
	for (let p = start; p < start + 200; p++) {
		if (FETCH_BAD_PORTS.has(p)) continue;
		const ok = await new Promise((resolve) => {
			const srv = net.createServer();
			srv.once('error', () => resolve(false));
			srv.listen(p, host, () => srv.close(() => resolve(true)));
		});
		if (ok) return p;
	}
	throw new Error(`no free port from ${start}`);
}

/** Environment for an n8n process (server or CLI) on a user folder. */
export function n8nEnv(node, { userFolder, port, brokerPort, extra = {} }) {
	return node24Env(node, {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_PORT: String(port ?? 5678),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: port ? `http://127.0.0.1:${port}/` : undefined,
		N8N_EDITOR_BASE_URL: port ? `http://127.0.0.1:${port}/` : undefined,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_ENABLED: 'true',
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort ?? 5679),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_PUBLIC_API_DISABLED: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		DB_SQLITE_POOL_SIZE: '2',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		NO_COLOR: '1',
		...extra,
	});
}

function cleanEnv(env) {
	for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
	return env;
}

/**
 * Run an n8n CLI command (import:credentials, import:workflow, execute, …) under Node 24 on a
 * user folder. Returns { code, stdout, stderr }; throws on a non-zero exit unless allowFail.
 */
export async function n8nCli(version, userFolder, args, { allowFail = false, echo = false, env = {}, timeoutMs = 5 * 60_000 } = {}) {
	const { node, bin } = await ensureN8n(version);
	await fsp.mkdir(userFolder, { recursive: true });
	const brokerPort = await freePort();
	return run(node.nodeBin, [bin, ...args], {
		cwd: userFolder,
		env: cleanEnv(n8nEnv(node, { userFolder, brokerPort, extra: env })),
		allowFail,
		echo,
		timeoutMs,
	});
}

/** Wait until GET url answers 200 (and, if given, accept(body) is true). */
export async function waitForHttp(url, { timeoutMs = 180_000, isAlive = () => true, accept } = {}) {
	const t0 = Date.now();
	let last;
	while (Date.now() - t0 < timeoutMs) {
		if (!isAlive()) throw new Error(`process exited while waiting for ${url}`);
		try {
			const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
			const body = await r.text();
			if (r.ok && (!accept || accept(body))) return;
			last = `HTTP ${r.status} ${body.slice(0, 80)}`;
		} catch (e) {
			last = e.cause?.code || e.message;
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}

/**
 * Start `n8n start` on a user folder and wait for /healthz (and the REST API).
 * Returns { url, port, version, userFolder, process, logs(), stop() }.
 */
export async function startN8n(version, userFolder, opts = {}) {
	// a port picked as free can be taken before n8n binds it (another n8n starting): retry on another
	for (let attempt = 1; ; attempt++) {
		try {
			return await startN8nOnce(version, userFolder, opts);
		} catch (e) {
			if (opts.port || attempt >= 3 || !/EADDRINUSE|already in use/i.test(e.message)) throw e;
			log(`port taken, retrying n8n start (${e.message.split('\n')[0]})`);
		}
	}
}

async function startN8nOnce(version, userFolder, { port, env = {}, echo = false, timeoutMs = 240_000 } = {}) {
	const { node, bin } = await ensureN8n(version);
	await fsp.mkdir(userFolder, { recursive: true });
	port ??= await freePortFrom(5678);
	const brokerPort = await freePort();
	const child = spawn(node.nodeBin, [bin, 'start'], {
		cwd: userFolder,
		env: cleanEnv(n8nEnv(node, { userFolder, port, brokerPort, extra: env })),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // own process group: stop() ends n8n and its task runner together
	});
	let output = '';
	const onData = (d) => {
		output += d;
		if (output.length > 2_000_000) output = output.slice(-1_000_000);
		if (echo) process.stderr.write(d);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	let exited = false;
	const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => {
		exited = true;
		resolve({ code, signal });
	}));
	const url = `http://127.0.0.1:${port}`;
	const instance = {
		url,
		port,
		version,
		userFolder,
		process: child,
		logs: () => output,
		exited: () => exited,
		async stop() {
			if (exited) return;
			const kill = (sig) => {
				try {
					process.kill(-child.pid, sig);
				} catch {
					try {
						child.kill(sig);
					} catch {}
				}
			};
			kill('SIGTERM');
			const t = setTimeout(() => kill('SIGKILL'), 15_000);
			await exitPromise;
			clearTimeout(t);
			// make sure nothing of the group survives (task runner)
			kill('SIGKILL');
		},
	};
	const onExit = () => instance.stop();
	process.once('exit', () => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {}
	});
	try {
		await waitForHttp(`${url}/healthz`, { timeoutMs, isAlive: () => !exited });
		// while n8n starts, every route answers "n8n is starting up"; the settings JSON means ready
		await waitForHttp(`${url}/rest/settings`, {
			timeoutMs,
			isAlive: () => !exited,
			accept: (body) => {
				try {
					return !!JSON.parse(body).data;
				} catch {
					return false;
				}
			},
		});
	} catch (e) {
		await onExit();
		e.message += `\n--- n8n ${version} output ---\n${output.slice(-6000)}`;
		throw e;
	}
	return instance;
}
