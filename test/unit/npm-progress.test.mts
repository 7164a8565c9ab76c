// The progress line of a long npm step (scripts/n8n/progress.mjs), the one `npm run dev` shows
// during n8n's first install. Before, it counted node_modules' top-level folders, which npm
// creates all at once: "1220 packages" from 90 s to 422 s. Here an npm debug log is written in
// stages with lines copied from a real `npm install n8n@1.123.81` (npm 11.19), node_modules holding
// a constant 1,220 folders throughout, and each stage must change the line.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-ignore plain ESM script
import { npmLogsDir, withProgress } from '../../scripts/n8n/progress.mjs';

const RESOLVE = `14 silly idealTree buildDeps
15 silly fetch manifest n8n@1.123.81
16 silly packumentCache full:https://registry.npmjs.org/n8n cache-miss
17 http fetch GET 200 https://registry.npmjs.org/n8n 248ms (cache miss)
18 silly packumentCache full:https://registry.npmjs.org/n8n set size:1625377 disposed:false
19 silly placeDep ROOT n8n@1.123.81 OK for:  want: 1.123.81
20 silly fetch manifest @aws-sdk/client-secrets-manager@3.808.0
22 http fetch GET 200 https://registry.npmjs.org/@aws-sdk%2fclient-secrets-manager 204ms (cache miss)
7580 silly placeDep ROOT run-applescript@7.1.0 OK for: bundle-name@4.1.1 want: ^7.0.0
`;
const UNPACK = `7583 silly reify moves {}
7584 http cache run-applescript@https://registry.npmjs.org/run-applescript/-/run-applescript-7.1.0.tgz 0ms (cache hit)
7585 http cache bundle-name@https://registry.npmjs.org/bundle-name/-/bundle-name-4.1.1.tgz 0ms (cache hit)
9292 silly tarball no local data for run-applescript@https://registry.npmjs.org/ssh2/-/ssh2-1.17.0.tgz. Extracting by manifest.
9293 silly tarball no local data for bundle-name@https://registry.npmjs.org/uuid/-/uuid-11.1.0.tgz. Extracting by manifest.
11332 http fetch GET 200 https://registry.npmjs.org/ssh2/-/ssh2-1.17.0.tgz 34064ms (cache miss)
`;
const SCRIPTS = `11454 info run cpu-features@0.0.10 install node_modules/cpu-features node buildcheck.js > buildcheck.gypi && node-gyp rebuild
11455 info run cpu-features@0.0.10 install { code: 0, signal: null }
11462 info run sqlite3@5.1.7 install node_modules/sqlite3 prebuild-install -r napi || node-gyp rebuild
`;

let dir = '';
let compiler: ChildProcess | undefined;
afterEach(() => {
	compiler?.kill('SIGKILL');
	compiler = undefined;
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the progress line of a long npm step', () => {
	it('moves with npm: phase, packages resolved and unpacked, the script running, what it compiles, time per phase', async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-progress-'));
		// the situation of the issue: a node_modules whose top-level count never moves
		for (let i = 0; i < 1220; i++) fs.mkdirSync(path.join(dir, 'node_modules', `p${i}`), { recursive: true });
		const lines: string[] = [];
		const waiters: Array<() => void> = [];
		const write = (line: string) => {
			lines.push(line);
			for (const w of waiters.splice(0)) w();
		};
		const until = (pred: (line: string) => boolean) =>
			new Promise<string>((resolve) => {
				const check = () => {
					const hit = lines.find(pred);
					if (hit) resolve(hit);
					else waiters.push(check);
				};
				check();
			});
		fs.mkdirSync(npmLogsDir(dir), { recursive: true });
		const log = path.join(npmLogsDir(dir), `${new Date().toISOString().replace(/[:.]/g, '_')}-debug-0.log`);
		const hasCompilers = fs.existsSync('/proc/self/cwd');

		await withProgress(
			'n8n 1.123.81: npm install',
			dir,
			async () => {
				fs.appendFileSync(log, RESOLVE);
				const resolving = await until((l) => l.includes('resolving dependencies'));
				expect(resolving).toMatch(/^n8n 1\.123\.81: npm install, \d+ s: resolving dependencies for \d+ s \(2 packages placed in the tree, 2 manifests fetched\)$/);

				fs.appendFileSync(log, UNPACK);
				const unpacking = await until((l) => l.includes('unpacking packages'));
				expect(unpacking).toMatch(/unpacking packages for \d+ s \(3 unpacked \(2 from npm's cache, 1 downloaded, 1 downloading\)\); resolving dependencies took \d+ s$/);

				// a native build: sqlite3's node-gyp compiling in its build/ folder (a process named cc)
				const build = path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'obj.target');
				fs.mkdirSync(build, { recursive: true });
				fs.writeFileSync(path.join(build, 'a.o'), '');
				if (hasCompilers) {
					const cc = path.join(dir, 'cc');
					fs.symlinkSync(process.execPath, cc);
					compiler = spawn(cc, ['-e', 'setInterval(() => {}, 1000)', 'Release/obj/gen/sqlite-autoconf-3440200/sqlite3.c'], {
						cwd: path.join(dir, 'node_modules', 'sqlite3', 'build'),
						stdio: 'ignore',
					});
				}
				fs.appendFileSync(log, SCRIPTS);
				const building = await until((l) => l.includes('install scripts') && (!hasCompilers || l.includes('compiling')));
				expect(building).toContain('install scripts for ');
				expect(building).toContain('(1 done; running sqlite3@5.1.7 install: prebuild-install -r napi || node-gyp rebuild, 1 object file built');
				if (hasCompilers) expect(building).toMatch(/compiling sqlite3\.c \(\d+ s\)\)/);
				expect(building).toMatch(/; resolving dependencies took \d+ s; unpacking packages took \d+ s$/);
			},
			{ everyMs: 100, pollMs: 20, write },
		);
		// the old line ("still running, N s, 1220 packages in node_modules") is gone when npm's log is there
		expect(lines.some((l) => l.includes('1220'))).toBe(false);
	});

	it('without an npm log (an npm that ignores --logs-dir) it still says how long and how many packages', async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-progress-'));
		fs.mkdirSync(path.join(dir, 'node_modules', '@scope', 'a'), { recursive: true });
		fs.mkdirSync(path.join(dir, 'node_modules', 'b'), { recursive: true });
		const lines: string[] = [];
		let seen: () => void = () => {};
		const printed = new Promise<void>((resolve) => (seen = resolve));
		await withProgress('x: npm install', dir, () => printed, {
			everyMs: 10,
			pollMs: 10,
			write: (l: string) => {
				lines.push(l);
				seen();
			},
		});
		expect(lines[0]).toMatch(/^x: npm install: still running, \d+ s, 2 packages in node_modules$/);
	});
});
