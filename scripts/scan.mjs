#!/usr/bin/env node
// n8n's own gate for community packages, run locally: @n8n/scan-community-package lints the
// source checkout (what the provenance attestation points at) and the published tarball, with
// inline eslint-disable comments ignored. Its CLI only scans a package from the registry, so this
// calls its exported analyzePackage on the checkout and on `npm pack`'s output, with the same file
// patterns the CLI uses. Exit code 1 on any error of either leg. Needs a built dist/.
//
//   node scripts/scan.mjs            both legs, on the repository root (the combined package)
//   node scripts/scan.mjs <folder>   both legs on another package folder (a per-provider package
//                                    staged by scripts/packages.mjs), packed from that folder
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import fg from 'fast-glob';
import { analyzePackage, buildScanConfig, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';
import { npmPack, stageCombined } from './packages.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = process.argv[2] ? path.resolve(process.argv[2]) : repo;
// the tarball leg's patterns, as analyzePackageByName passes them
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function packTarball() {
	if (!fs.existsSync(path.join(root, 'dist'))) throw new Error(`${path.join(root, 'dist')} is missing: build first`);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-wg-scan-'));
	// the checkout's package.json is private: scan what would be published, the staged combined package
	const from = root === repo ? stageCombined(repo, path.join(dir, 'staged')) : root;
	const tarball = npmPack(from, dir);
	const t = spawnSync('tar', ['-xzf', tarball, '-C', dir], { encoding: 'utf8' });
	if (t.status !== 0) throw new Error(`tar failed:\n${t.stderr}`);
	return { dir, packageDir: path.join(dir, 'package'), filename: path.basename(tarball) };
}

/** Every message (warnings too) with the scanner's own config; analyzePackage reports errors only. */
async function allMessages(dir, patterns) {
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await buildScanConfig() });
	const files = fg.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	const formatter = await eslint.loadFormatter('stylish');
	return {
		files: files.length,
		errors: results.reduce((n, r) => n + r.errorCount, 0),
		warnings: results.reduce((n, r) => n + r.warningCount, 0),
		text: await formatter.format(results),
	};
}

async function leg(name, dir, patterns) {
	const verdict = await analyzePackage(dir, patterns);
	const all = await allMessages(dir, patterns);
	if (all.text.trim()) console.log(all.text.trim());
	// analyzePackage's own details are the same stylish report, errors only
	if (!all.text.trim() && !verdict.passed && verdict.details) console.log(verdict.details.trim());
	const mark = verdict.passed ? 'passed' : `FAILED (${verdict.message})`;
	console.log(`scan ${name}: ${mark}: ${all.files} files, ${all.errors} errors, ${all.warnings} warnings`);
	return verdict.passed;
}

const source = await leg(`source leg (${root === repo ? 'checkout' : path.relative(repo, root)})`, root, SOURCE_FILE_PATTERNS);
const packed = packTarball();
let tarball;
try {
	tarball = await leg(`tarball leg (${packed.filename})`, packed.packageDir, TARBALL_FILE_PATTERNS);
} finally {
	fs.rmSync(packed.dir, { recursive: true, force: true });
}
process.exitCode = source && tarball ? 0 : 1;
