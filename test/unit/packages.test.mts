// The per-provider packages' templates (packages/<name>/package.json) and what scripts/packages.mjs
// plans to build from them: together they ship exactly the combined package's nodes and credentials,
// each carries one service, and none can be packed or published unbuilt (whatever .npmrc says); the
// combined package's checkout cannot be published either, only as staged by stageCombined().
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-ignore plain ESM script without types
import { packageNames, plan, stageCombined } from '../../scripts/packages.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;
const root = path.resolve(import.meta.dirname, '..', '..');
const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const names: string[] = packageNames();

describe('per-provider packages', () => {
	it('are n8n-nodes-mensatek, n8n-nodes-ovowpp and n8n-nodes-wolkvox', () => {
		expect(names).toEqual(['n8n-nodes-mensatek', 'n8n-nodes-ovowpp', 'n8n-nodes-wolkvox']);
	});

	it("together ship every node and credential of the combined package, each in exactly one package", () => {
		const plans = names.map((n) => plan(n));
		const nodes = plans.flatMap((p: Json) => p.pkg.n8n.nodes);
		const credentials = plans.flatMap((p: Json) => p.pkg.n8n.credentials);
		expect([...nodes].sort()).toEqual([...rootPkg.n8n.nodes].sort());
		expect([...credentials].sort()).toEqual([...rootPkg.n8n.credentials].sort());
	});

	it('each stages only its own provider folders, its credentials and nodes/shared', () => {
		const folders: Record<string, string[]> = {
			'n8n-nodes-ovowpp': ['OvoWpp', 'WapiFlow'],
			'n8n-nodes-wolkvox': ['Wolkvox'],
			'n8n-nodes-mensatek': ['Mensatek'],
		};
		for (const name of names) {
			const p: Json = plan(name);
			expect(p.folders, name).toEqual(folders[name]);
			const tops = new Set<string>(p.files.map((f: string) => path.relative(root, f).split(path.sep).slice(0, 2).join('/')));
			for (const top of tops) {
				expect(top === 'nodes/shared' || top.startsWith('credentials/') || folders[name].some((f) => top === `nodes/${f}`), `${name}: ${top}`).toBe(true);
			}
		}
	});

	for (const name of names) {
		it(`${name}: package.json template is verification-ready (MIT, keyword, only n8n-workflow as peer, no dependencies, files: dist)`, () => {
			const t = JSON.parse(fs.readFileSync(path.join(root, 'packages', name, 'package.json'), 'utf8'));
			expect(t.name).toBe(name);
			expect(t.license).toBe('MIT');
			expect(t.keywords).toContain('n8n-community-node-package');
			expect(t.dependencies ?? {}).toEqual({});
			expect(Object.keys(t.peerDependencies)).toEqual(['n8n-workflow']);
			expect(t.files).toContain('dist');
			expect(t.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
			expect(t.repository.url).toBe(rootPkg.repository.url);
			// the version is written by the build, from the CHANGELOG
			expect(t).not.toHaveProperty('version');
			expect(plan(name).pkg.version).toMatch(/^\d+\.\d+\.\d+/);
			for (const f of ['README.md', 'CHANGELOG.md']) expect(fs.existsSync(path.join(root, 'packages', name, f)), f).toBe(true);
		});

		it(`${name}: npm refuses to pack its unbuilt folder, whatever .npmrc says`, () => {
			const r = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts'], { cwd: path.join(root, 'packages', name), encoding: 'utf8' });
			expect(r.status).not.toBe(0);
			expect(r.stderr).toMatch(/must have name and version/);
		});

		it(`${name}: its README says what happens next to the combined package and links the sandbox`, () => {
			const readme = fs.readFileSync(path.join(root, 'packages', name, 'README.md'), 'utf8');
			expect(readme).toMatch(/## Installed next to the combined package/);
			expect(readme).toMatch(/credential\s+types\s+are\s+global\s+in\s+n8n/);
			expect(readme).toMatch(/docs\/sandbox\.md/);
			expect(readme).toContain(`npm install ${name}`);
		});
	}
});

describe('combined package (the repository root)', () => {
	// npm checks "private" in the publish itself, after the dry-run stops: a registry that cannot be
	// reached (port 9, no retries) and a made-up token get it that far without a network
	const publish = (args: string[], cwd: string) =>
		spawnSync('npm', ['publish', ...args, '--ignore-scripts', '--fetch-retries=0', '--registry', 'http://127.0.0.1:9/', '--//127.0.0.1:9/:_authToken=not-a-token'], { cwd, encoding: 'utf8' });

	it('npm refuses to publish the checkout, and a tarball packed from it, whatever .npmrc says', () => {
		expect(rootPkg.private).toBe(true);
		const r = publish([], root);
		expect(r.status).not.toBe(0);
		expect(r.stderr).toMatch(/marked as private/);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-wg-rootpack-'));
		try {
			const p = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
			expect(p.status, p.stderr).toBe(0);
			const [{ filename }] = JSON.parse(p.stdout.slice(p.stdout.indexOf('[')));
			const t = publish([path.join(dir, filename)], dir);
			expect(t.status).not.toBe(0);
			expect(t.stderr).toMatch(/marked as private/);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('is staged for publishing with its dist/, README and LICENSE, without "private" and nothing to run', () => {
		const from = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-wg-stage-'));
		try {
			const write = (rel: string, text: string) => {
				fs.mkdirSync(path.dirname(path.join(from, rel)), { recursive: true });
				fs.writeFileSync(path.join(from, rel), text);
			};
			write('package.json', JSON.stringify({ name: 'n8n-nodes-x', version: '1.4.2', private: true, scripts: { build: 'tsc' }, devDependencies: { tsc: '1' }, files: ['dist'] }));
			expect(() => stageCombined(from, path.join(from, 'staged'))).toThrow(/npm run build/);
			write('dist/nodes/X/X.node.js', 'module.exports = {};\n');
			write('README.md', 'readme\n');
			write('LICENSE', 'MIT\n');
			const staged = stageCombined(from, path.join(from, 'staged'));
			const pkg = JSON.parse(fs.readFileSync(path.join(staged, 'package.json'), 'utf8'));
			expect(pkg).toEqual({ name: 'n8n-nodes-x', version: '1.4.2', files: ['dist'] });
			const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: staged, encoding: 'utf8' });
			expect(r.status, r.stderr).toBe(0);
			const [info] = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
			expect(info.files.map((f: Json) => f.path).sort()).toEqual(['LICENSE', 'README.md', 'dist/nodes/X/X.node.js', 'package.json']);
		} finally {
			fs.rmSync(from, { recursive: true, force: true });
		}
	});
});
