#!/usr/bin/env node
// One verification-ready package per provider, built from the same sources as the combined package.
// packages/<name>/ holds only what is the package's own (package.json template, README, CHANGELOG);
// this script stages each package into node_modules/.cache/packages/<name>/ with what it needs at
// build time, never a committed copy: its provider folders (from the template's n8n.nodes patterns,
// expanded against the root package.json's n8n.nodes, so a node added there is picked up), its
// credentials, and the files those reach by relative imports (nodes/shared/*). Then, in that folder:
//
//   node scripts/packages.mjs build [name…]      stage, tsc, icons; the node ↔ credential check
//   node scripts/packages.mjs lint [name…]       n8n-node lint (strict, node-cli's default config)
//   node scripts/packages.mjs scan [name…]       n8n's scanner, source and tarball legs (scripts/scan.mjs)
//   node scripts/packages.mjs pack [name…]       npm pack into build/tarballs/, then `check`
//   node scripts/packages.mjs check [name…]      each tarball: n8n files present, nothing else, size
//   node scripts/packages.mjs dry-run [name…]    npm publish --dry-run of each checked tarball
//   node scripts/packages.mjs all [name…]        build, lint, scan, pack (+check), dry-run
//
// Names default to every folder of packages/; `pack`, `check` and `dry-run` also take the combined
// package (n8n-nodes-whatsapp-gateways: the root's dist/ after `npm run build`, staged by
// stageCombined()).
//
// Why the templates have no "version": `npm pack` and `npm publish` refuse a package.json without one
// ("Invalid package, must have name and version") whatever .npmrc says (ignore-scripts turns off every
// prepack/prepublishOnly guard). So packages/<name>/ can never be packed or published by mistake; only
// this build writes a publishable package.json, with the version taken from the top numbered heading
// of the package's CHANGELOG.md, into a folder that also holds the built dist/.
// The root package.json must keep a valid version (n8n-node lint, strict, runs there and requires
// one), so it is marked "private" instead: npm then refuses to publish the checkout, and any tarball
// packed from it, built or not ("This package has been marked as private"), whatever .npmrc says.
// stageCombined() writes the one publishable form, without "private", next to a copy of the built dist/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootPkg = () => JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const COMBINED = rootPkg().name;
// Staged under node_modules/: ignored by the root's `n8n-node lint` (eslint .), the fast tests and
// git, and its sources still resolve n8n-workflow and the dev tools from the root's node_modules.
export const STAGE = path.join(root, 'node_modules', '.cache', 'packages');
export const TARBALLS = path.join(root, 'build', 'tarballs');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

export function packageNames() {
	const dir = path.join(root, 'packages');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((n) => fs.existsSync(path.join(dir, n, 'package.json')))
		.sort();
}

/** The version at the top of a CHANGELOG.md ("## 0.1.0"; an "## Unreleased" above it is skipped). */
function changelogVersion(file) {
	const m = /^## \[?(\d+\.\d+\.\d+(?:-[\w.]+)?)\]?/m.exec(fs.readFileSync(file, 'utf8'));
	if (!m) throw new Error(`${path.relative(root, file)}: no "## x.y.z" heading to take the version from`);
	return m[1];
}

/** 'dist/nodes/Wolkvox/*.node.js' → a RegExp on dist paths. */
function patternRegExp(pattern) {
	return new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*') + '$');
}

const IMPORT_RE = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Resolve a relative import of a .ts file to a file of the checkout. */
function resolveImport(fromFile, spec) {
	const base = path.resolve(path.dirname(fromFile), spec);
	for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
		if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
	}
	throw new Error(`${path.relative(root, fromFile)}: cannot resolve import '${spec}'`);
}

/** A package's plan: its publishable package.json and the checkout files to stage. */
export function plan(name) {
	const dir = path.join(root, 'packages', name);
	const template = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	if (template.name !== name) throw new Error(`packages/${name}/package.json: name is ${template.name}`);
	if ('version' in template) throw new Error(`packages/${name}/package.json must not hold a version (see scripts/packages.mjs)`);
	const shipped = rootPkg().n8n?.nodes ?? [];
	const patterns = (template.n8n?.nodes ?? []).map(patternRegExp);
	const nodes = shipped.filter((p) => patterns.some((re) => re.test(p)));
	if (!nodes.length) throw new Error(`${name}: its n8n.nodes patterns match nothing in the root package.json`);
	const credentials = template.n8n?.credentials ?? [];
	// provider folders: the folders of its nodes; each is copied whole (node files, icons, codex json)
	const folders = [...new Set(nodes.map((p) => p.split('/')[2]))];
	const files = new Set();
	const walk = (file) => {
		if (files.has(file)) return;
		files.add(file);
		if (!file.endsWith('.ts')) return;
		const text = fs.readFileSync(file, 'utf8');
		for (const m of text.matchAll(IMPORT_RE)) walk(resolveImport(file, m[1]));
	};
	for (const folder of folders) {
		for (const entry of fs.readdirSync(path.join(root, 'nodes', folder), { recursive: true })) {
			const file = path.join(root, 'nodes', folder, entry);
			if (fs.statSync(file).isFile()) walk(file);
		}
	}
	for (const cred of credentials) {
		const src = path.join(root, cred.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		if (!fs.existsSync(src)) throw new Error(`${name}: credential ${cred} has no source ${path.relative(root, src)}`);
		walk(src);
	}
	// a package carries one service: an import into another provider's folder is a mistake
	for (const file of files) {
		const rel = path.relative(root, file).split(path.sep);
		if (rel[0] === 'nodes' && rel[1] !== 'shared' && !folders.includes(rel[1])) {
			throw new Error(`${name}: ${rel.join('/')} belongs to another provider (reached by an import)`);
		}
		if (rel[0] !== 'nodes' && rel[0] !== 'credentials') throw new Error(`${name}: import reaches ${rel.join('/')}, outside nodes/ and credentials/`);
	}
	const version = changelogVersion(path.join(dir, 'CHANGELOG.md'));
	const pkg = { ...template, version, n8n: { ...template.n8n, credentials, nodes } };
	// keep the usual field order: name, version first
	const ordered = { name: pkg.name, version, ...Object.fromEntries(Object.entries(pkg).filter(([k]) => k !== 'name' && k !== 'version')) };
	return { name, dir, pkg: ordered, folders, files: [...files].sort() };
}

function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
	if (r.error) throw r.error;
	return r.status ?? 1;
}

function copy(src, dest) {
	fs.mkdirSync(path.dirname(dest), { recursive: true });
	fs.copyFileSync(src, dest);
}

const TSCONFIG = (rootTsconfig) => ({
	compilerOptions: { ...rootTsconfig.compilerOptions, outDir: './dist' },
	include: ['credentials/**/*.ts', 'nodes/**/*.ts', 'nodes/**/*.json'],
});

/** Stage and build one package; returns its folder. */
export function build(name) {
	const p = plan(name);
	const out = path.join(STAGE, name);
	fs.rmSync(out, { recursive: true, force: true });
	fs.mkdirSync(out, { recursive: true });
	for (const file of p.files) copy(file, path.join(out, path.relative(root, file)));
	for (const extra of ['README.md', 'CHANGELOG.md', 'LICENSE']) {
		const own = path.join(p.dir, extra);
		const shared = path.join(root, 'packages', extra);
		if (fs.existsSync(own)) copy(own, path.join(out, extra));
		else if (fs.existsSync(shared)) copy(shared, path.join(out, extra));
	}
	fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify(p.pkg, null, 2) + '\n');
	const rootTsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
	fs.writeFileSync(path.join(out, 'tsconfig.json'), JSON.stringify(TSCONFIG(rootTsconfig), null, 2) + '\n');
	// @n8n/node-cli's default config, as in the repository root
	fs.copyFileSync(path.join(root, 'eslint.config.mjs'), path.join(out, 'eslint.config.mjs'));
	if (run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: out }) !== 0) throw new Error(`${name}: tsc failed`);
	// icons next to the compiled files, where n8n looks for them (what gulp build:icons does at the root)
	for (const top of ['nodes', 'credentials']) {
		if (!fs.existsSync(path.join(out, top))) continue;
		for (const entry of fs.readdirSync(path.join(out, top), { recursive: true })) {
			if (/\.(svg|png)$/.test(entry)) copy(path.join(out, top, entry), path.join(out, 'dist', top, entry));
		}
	}
	checkBuilt(out, p.pkg);
	console.log(`build ${name}: ${p.pkg.n8n.nodes.length} nodes, ${p.pkg.n8n.credentials.length} credentials, ${p.files.length} source files (${p.folders.join(', ')} + ${[...new Set(p.files.map((f) => path.relative(root, path.dirname(f))).filter((d) => !p.folders.some((f) => d.startsWith(`nodes/${f}`))))].join(', ')})`);
	return out;
}

/** Every declared file exists, and every credential a node names is declared (and nothing more). */
function checkBuilt(out, pkg) {
	const req = (rel) => {
		const file = path.join(out, rel);
		if (!fs.existsSync(file)) throw new Error(`${pkg.name}: ${rel} was not built`);
		const mod = spawnSync(process.execPath, ['-e', `const m=require(${JSON.stringify(file)});const C=Object.values(m).find(v=>typeof v==='function'&&/^class\\b/.test(Function.prototype.toString.call(v)));const o=new C();console.log(JSON.stringify({name:o.name??o.description?.name,creds:(o.description?.credentials??[]).map(c=>c.name),icon:o.description?.icon??o.icon}))`], { encoding: 'utf8' });
		if (mod.status !== 0) throw new Error(`${pkg.name}: ${rel} does not load:\n${mod.stderr}`);
		return JSON.parse(mod.stdout);
	};
	const declared = pkg.n8n.credentials.map((c) => req(c).name);
	const used = new Set();
	for (const n of pkg.n8n.nodes) {
		const d = req(n);
		for (const c of d.creds) used.add(c);
		for (const icon of typeof d.icon === 'string' ? [d.icon] : Object.values(d.icon ?? {})) {
			const f = String(icon).replace(/^file:/, '');
			if (!fs.existsSync(path.join(out, path.dirname(n), f))) throw new Error(`${pkg.name}: icon ${f} of ${n} missing`);
		}
	}
	const missing = [...used].filter((c) => !declared.includes(c));
	const unused = declared.filter((c) => !used.has(c));
	if (missing.length) throw new Error(`${pkg.name}: nodes use credentials it does not declare: ${missing.join(', ')}`);
	if (unused.length) throw new Error(`${pkg.name}: declares credentials no node uses: ${unused.join(', ')}`);
}

/**
 * The combined package, publishable: the built dist/ of a checkout (this one, or an older one a
 * benchmark built), its README and LICENSE, and its package.json without "private" (the checkout's
 * guard against publishing it as it is), scripts or devDependencies (nothing to run or install where
 * it is packed). Returns the folder.
 */
export function stageCombined(from = root, dest = path.join(from, 'node_modules', '.cache', 'packages', COMBINED)) {
	const dist = path.join(from, 'dist');
	if (!fs.existsSync(dist)) throw new Error(`${dist} is missing: run \`npm run build\` first`);
	const publishable = JSON.parse(fs.readFileSync(path.join(from, 'package.json'), 'utf8'));
	for (const key of ['private', 'scripts', 'devDependencies']) delete publishable[key];
	fs.rmSync(dest, { recursive: true, force: true });
	fs.mkdirSync(dest, { recursive: true });
	fs.writeFileSync(path.join(dest, 'package.json'), JSON.stringify(publishable, null, 2) + '\n');
	for (const f of ['README.md', 'LICENSE']) if (fs.existsSync(path.join(from, f))) copy(path.join(from, f), path.join(dest, f));
	fs.cpSync(dist, path.join(dest, 'dist'), { recursive: true });
	return dest;
}

const folderOf = (name) => (name === COMBINED ? root : path.join(STAGE, name));

export function lint(name) {
	const dir = folderOf(name);
	const status = run(bin('n8n-node'), ['lint'], { cwd: dir });
	if (status === 0) console.log(`n8n-node lint ${name}: no problems (strict mode, default config)`);
	return status === 0;
}

export function scan(name) {
	return run(process.execPath, [path.join(root, 'scripts', 'scan.mjs'), folderOf(name)]) === 0;
}

/** `npm pack` a staged folder into destDir; returns the tarball's path. */
export function npmPack(dir, destDir) {
	fs.mkdirSync(destDir, { recursive: true });
	const r = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destDir], { cwd: dir, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`npm pack in ${dir} failed\n${r.stderr}`);
	const [{ filename }] = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
	return path.join(destDir, filename);
}

/** npm pack the package (its staged folder; the combined one staged now) into build/tarballs/. */
export function pack(name) {
	const dir = name === COMBINED ? stageCombined() : folderOf(name);
	if (!fs.existsSync(path.join(dir, 'dist'))) throw new Error(`${name}: ${path.relative(root, dir)}/dist is missing: build first`);
	return npmPack(dir, TARBALLS);
}

export function tarballOf(name) {
	const pkg = name === COMBINED ? rootPkg() : plan(name).pkg;
	return path.join(TARBALLS, `${pkg.name}-${pkg.version}.tgz`);
}

/** What must be in a tarball, and what must never be. */
const FORBIDDEN = [/^(test|sandbox|bench|docs|examples|scripts|build|packages|\.ci|\.github|node_modules)\//, /\.(png|jpe?g|gif|webm|mp4)$/i, /(^|\/)\.n8n-e2e\//, /\.tsbuildinfo$/];

export function checkTarball(name, file = tarballOf(name)) {
	if (!fs.existsSync(file)) throw new Error(`${name}: ${path.relative(root, file)} missing: pack first`);
	const t = spawnSync('tar', ['-tzf', file], { encoding: 'utf8' });
	if (t.status !== 0) throw new Error(`tar -tzf ${file}: ${t.stderr}`);
	const files = t.stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
	const pkg = JSON.parse(spawnSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' }).stdout);
	const problems = [];
	if (pkg.name !== name) problems.push(`name is ${pkg.name}`);
	for (const p of [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])]) if (!files.includes(p)) problems.push(`${p} (named in its n8n section) is not in the tarball`);
	if (!(pkg.n8n?.nodes ?? []).length) problems.push('no nodes in its n8n section');
	for (const f of files) {
		// icons belong next to the compiled nodes (dist/); any other image is docs material
		if (FORBIDDEN.some((re) => re.test(f)) && !/^dist\/.*\.(svg|png)$/.test(f)) problems.push(`${f} must not be packed`);
		if (!f.startsWith('dist/') && !['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'LICENSE.md'].includes(f)) problems.push(`${f} is outside dist/`);
	}
	if (Object.keys(pkg.dependencies ?? {}).length) problems.push(`runtime dependencies: ${Object.keys(pkg.dependencies).join(', ')}`);
	if (Object.keys(pkg.peerDependencies ?? {}).join() !== 'n8n-workflow') problems.push(`peers: ${Object.keys(pkg.peerDependencies ?? {}).join(', ')}`);
	if (pkg.license !== 'MIT') problems.push(`licence ${pkg.license}`);
	if (pkg.private) problems.push('marked private (packed from the checkout, not staged): npm would refuse to publish it');
	if (pkg.scripts || pkg.devDependencies) problems.push('scripts or devDependencies left in its package.json');
	if (!pkg.keywords?.includes('n8n-community-node-package')) problems.push('keyword n8n-community-node-package missing');
	const size = fs.statSync(file).size;
	console.log(`tarball ${path.basename(file)}: ${files.length} files, ${(size / 1024).toFixed(1)} kB packed`);
	for (const f of files) console.log(`  ${f}`);
	if (problems.length) {
		for (const p of problems) console.log(`  PROBLEM: ${p}`);
		console.log(`check ${name}: FAILED (${problems.length} problems)`);
		return false;
	}
	console.log(`check ${name}: passed (${pkg.n8n.nodes.length} nodes, ${pkg.n8n.credentials.length} credentials present; nothing from test/, sandbox/, bench/, docs/)`);
	return true;
}

/**
 * `npm publish --dry-run` of the checked tarball itself (the file the publish workflow publishes).
 * No login is needed for a dry run; the registry is a closed local port so nothing can leave.
 */
export function dryRun(name, file = tarballOf(name)) {
	const r = spawnSync('npm', ['publish', file, '--dry-run', '--access', 'public', '--ignore-scripts', '--registry', 'http://127.0.0.1:9/'], { cwd: root, encoding: 'utf8' });
	const last = (r.stdout + r.stderr).trim().split('\n').filter((l) => !/requires you to be logged in/.test(l)).slice(-1)[0];
	console.log(`npm publish --dry-run ${path.basename(file)}: ${r.status === 0 ? 'passed' : 'FAILED'} (${last})`);
	if (r.status !== 0) console.log(r.stderr.slice(-2000));
	return r.status === 0;
}

async function main() {
	const [cmd = 'all', ...names] = process.argv.slice(2);
	const own = names.length ? names.filter((n) => n !== COMBINED) : packageNames();
	const withCombined = names.length ? names : [...packageNames(), COMBINED];
	let failed = 0;
	const gate = (label, fn) => {
		try {
			if (!fn()) failed++;
		} catch (e) {
			console.log(`${label}: FAILED: ${e.message}`);
			failed++;
		}
	};
	const steps = {
		build: () => own.forEach((n) => gate(`build ${n}`, () => !!build(n))),
		lint: () => own.forEach((n) => gate(`lint ${n}`, () => lint(n))),
		scan: () => own.forEach((n) => gate(`scan ${n}`, () => scan(n))),
		pack: () => withCombined.forEach((n) => gate(`pack ${n}`, () => checkTarball(n, pack(n)))),
		check: () => withCombined.forEach((n) => gate(`check ${n}`, () => checkTarball(n))),
		'dry-run': () => withCombined.forEach((n) => gate(`dry-run ${n}`, () => dryRun(n))),
	};
	if (cmd === 'all') {
		// a package that does not build is not linted, scanned or packed (one failure, not four)
		for (const n of own) {
			const label = (s) => `${s} ${n}`;
			let out;
			try {
				out = build(n);
			} catch (e) {
				console.log(`${label('build')}: FAILED: ${e.message}`);
				failed++;
				continue;
			}
			gate(label('lint'), () => lint(n));
			gate(label('scan'), () => scan(n));
			gate(label('pack'), () => out && checkTarball(n, pack(n)));
			gate(label('dry-run'), () => dryRun(n));
		}
		if (!names.length || names.includes(COMBINED)) {
			gate(`pack ${COMBINED}`, () => checkTarball(COMBINED, pack(COMBINED)));
			gate(`dry-run ${COMBINED}`, () => dryRun(COMBINED));
		}
	} else if (steps[cmd]) steps[cmd]();
	else {
		console.error(`unknown command ${cmd}: build | lint | scan | pack | check | dry-run | all`);
		process.exit(2);
	}
	console.log(`packages ${cmd}: ${failed ? `${failed} FAILED` : 'all passed'}`);
	// the number of failed gates, for .ci/run's count
	process.exitCode = failed ? 1 : 0;
	if (process.env.PACKAGES_FAILED_FILE) fs.writeFileSync(process.env.PACKAGES_FAILED_FILE, String(failed));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
