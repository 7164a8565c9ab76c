// n8n installs: one folder per version in the cache, with the overrides that version needs in
// that folder's package.json (never in the package's manifest), npm install under Node 24, and the
// native modules checked (rebuilt when an install ran with scripts off).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { cacheDir, MARKER, PACKAGE_NAME, withLock } from './cache.mjs';
import { exists, log } from './commands.mjs';
import { ensureNode, node24Env, npm24 } from './node.mjs';
import { npmLogArgs, npmLogsDir, withProgress } from './progress.mjs';
import { DEFAULT_N8N_VERSION, installsWithoutScripts, NATIVE_MODULES, overridesFor } from './versions.mjs';

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
		npm24(['rebuild', ...which, '--ignore-scripts=false', '--loglevel=error', ...npmLogArgs(dir)], { node, cwd: dir, timeoutMs: 20 * 60_000 }),
	);
	const again = nativeModulesLoad(node, dir, version);
	if (!again.ok) throw new Error(`n8n ${version} in ${dir}: a native module does not load under Node 24:\n${again.error.slice(-2000)}`);
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
		log(`installing n8n ${version} into ${dir} (first use: 4-10 minutes, ~2 GB; npm's own log: ${npmLogsDir(dir)})`);
		await fsp.rm(path.join(dir, MARKER), { force: true });
		await fsp.writeFile(path.join(dir, 'package.json'), n8nManifest(version));
		const scripts = installsWithoutScripts(version) ? '--ignore-scripts' : '--ignore-scripts=false';
		await withProgress(`n8n ${version}: npm install`, dir, () =>
			npm24(['install', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error', scripts, ...npmLogArgs(dir)], {
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
