// Where the harness keeps things: the package's own root and name, the cache folder outside the
// package (Node 24, n8n installs, dev user folders), the marker of a finished install, and the
// lock that serialises installs of one folder between processes.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from './commands.mjs';

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PACKAGE_NAME = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')).name;

export function cacheDir() {
	if (process.env.N8N_WG_CACHE_DIR) return path.resolve(process.env.N8N_WG_CACHE_DIR);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, PACKAGE_NAME);
}

/** Written last into an install folder: its presence means the install finished. */
export const MARKER = '.install-complete';

/** Serialise installs of one folder between processes (e.g. two test files, or dev + tests). */

export async function withLock(dir, fn) {
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
