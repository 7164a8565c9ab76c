// The package itself: built, npm-packed, what its package.json declares to n8n, its node
// descriptions from dist/, and the tarball installed into an n8n user folder the way a user installs
// a community package.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_NAME, PACKAGE_ROOT } from './cache.mjs';
import { exists, log, npmCliPath, run } from './commands.mjs';
import { npm24 } from './node.mjs';
import { npmPack, stageCombined } from '../packages.mjs';

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
	// the publishable form (the checkout's package.json is private), staged inside destDir so that a
	// packages.mjs run at the same time does not stage over it
	return npmPack(stageCombined(PACKAGE_ROOT, path.join(destDir, 'staged')), destDir);
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
