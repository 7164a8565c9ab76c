// The README's manual install ("Install in n8n"), run line by line in a fresh home folder under this
// machine's Node (20 in CI) and under the harness's Node 24, with the packed tarball standing in for
// the npm name (the package is not on the registry here). n8n itself is not needed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
// @ts-ignore plain ESM script without types
import * as env from '../../scripts/n8n-env.mjs';

/** The shell lines of the README's manual-install block. */
function readmeInstallLines(): string[] {
	const readme = fs.readFileSync(path.join(env.PACKAGE_ROOT, 'README.md'), 'utf8');
	const section = readme.slice(readme.indexOf('## Install in n8n'));
	const block = /```bash\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
	return block
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);
}

describe.skipIf(!process.env.N8N_E2E)("the README's manual install", () => {
	it('is a block that installs the package by its npm name', () => {
		const lines = readmeInstallLines();
		expect(lines.some((l) => l === `npm install ${env.PACKAGE_NAME}`), lines.join('\n')).toBe(true);
		expect(lines[0]).toMatch(/~\/\.n8n\/nodes/);
	});

	for (const which of ['this machine', 'Node 24'] as const) {
		it(`works under ${which}'s Node and npm in a fresh home folder, without installing n8n-workflow`, async () => {
			const tarball = inject('n8nE2eTarball');
			const nodeBin = which === 'Node 24' ? (await env.ensureNode()).nodeBin : process.execPath;
			const home = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-wg-readme-'));
			try {
				const script = readmeInstallLines()
					.map((l) => l.replace(`npm install ${env.PACKAGE_NAME}`, `npm install ${JSON.stringify(tarball)}`))
					.join('\n');
				const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_|^VITEST|^NODE_OPTIONS$/i.test(k)));
				const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
					encoding: 'utf8',
					env: { ...clean, HOME: home, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`, npm_config_update_notifier: 'false' },
					timeout: 10 * 60_000,
				});
				const version = spawnSync(nodeBin, ['-v'], { encoding: 'utf8' }).stdout.trim();
				expect(r.status, `README install under Node ${version} failed:\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-1000)}`).toBe(0);
				const modules = path.join(home, '.n8n', 'nodes', 'node_modules');
				const installed = JSON.parse(fs.readFileSync(path.join(modules, env.PACKAGE_NAME, 'package.json'), 'utf8'));
				expect(installed.name).toBe(env.PACKAGE_NAME);
				// the peer that would pull isolated-vm (a native build that fails on Node 20) stays out
				expect(fs.existsSync(path.join(modules, 'n8n-workflow'))).toBe(false);
				expect(fs.existsSync(path.join(modules, 'isolated-vm'))).toBe(false);
				const manifest = JSON.parse(fs.readFileSync(path.join(home, '.n8n', 'nodes', 'package.json'), 'utf8'));
				expect(Object.keys(manifest.dependencies ?? {})).toContain(env.PACKAGE_NAME);
			} finally {
				fs.rmSync(home, { recursive: true, force: true });
			}
		});
	}
});
