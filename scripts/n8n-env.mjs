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
// The harness's parts, one job each, live in scripts/n8n/: cache.mjs (where things are kept),
// commands.mjs (running commands), node.mjs (Node 24), versions.mjs (supported n8n versions and
// what each needs), install.mjs (n8n installs), progress.mjs (what a long npm step is doing),
// pack.mjs (the package built, packed and installed), run.mjs (n8n started, its CLI run),
// rest.mjs (n8n's REST API), demo.mjs (demo credentials and examples). This file is the CLI and
// re-exports what the tests, bench and scripts import from it.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, PACKAGE_NAME, PACKAGE_ROOT } from './n8n/cache.mjs';
import { npmCliPath } from './n8n/commands.mjs';
import { activateWorkflow, DEMO_CREDENTIAL_IDS, demoCredentials, prepareExamples, productionWebhookUrl } from './n8n/demo.mjs';
import { ensureN8n, isN8nInstalled, n8nBin, n8nDir } from './n8n/install.mjs';
import { ensureNode, node24Env, NODE_VERSION, npm24 } from './n8n/node.mjs';
import {
	buildPackage,
	declaredTypeNames,
	distNodeDescription,
	installPackageIntoUserFolder,
	packageN8nSection,
	packPackage,
	waitForTsc,
} from './n8n/pack.mjs';
import { N8nRest } from './n8n/rest.mjs';
import { ENCRYPTION_KEY, freePort, freePortFrom, n8nCli, n8nEnv, OWNER, startN8n, waitForHttp } from './n8n/run.mjs';
import {
	DEFAULT_N8N_VERSION,
	E2E_N8N_VERSIONS,
	installsWithoutScripts,
	overridesFor,
	resolveN8nVersion,
	SUPPORTED_N8N_VERSIONS,
} from './n8n/versions.mjs';

export {
	activateWorkflow,
	buildPackage,
	cacheDir,
	declaredTypeNames,
	DEFAULT_N8N_VERSION,
	DEMO_CREDENTIAL_IDS,
	demoCredentials,
	distNodeDescription,
	E2E_N8N_VERSIONS,
	ENCRYPTION_KEY,
	ensureN8n,
	ensureNode,
	freePort,
	freePortFrom,
	installPackageIntoUserFolder,
	installsWithoutScripts,
	isN8nInstalled,
	n8nBin,
	n8nCli,
	n8nDir,
	n8nEnv,
	N8nRest,
	node24Env,
	NODE_VERSION,
	npm24,
	npmCliPath,
	overridesFor,
	OWNER,
	PACKAGE_NAME,
	PACKAGE_ROOT,
	packageN8nSection,
	packPackage,
	prepareExamples,
	productionWebhookUrl,
	resolveN8nVersion,
	startN8n,
	SUPPORTED_N8N_VERSIONS,
	waitForHttp,
	waitForTsc,
};

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
