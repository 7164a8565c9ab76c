// Progress of a long npm step (install, rebuild): a line every 30 s saying what it is doing.

import fs from 'node:fs';
import path from 'node:path';
import { log } from './commands.mjs';

/** How many packages a folder's node_modules holds so far (scoped ones counted one by one). */
function countPackages(dir) {
	let n = 0;
	try {
		for (const e of fs.readdirSync(path.join(dir, 'node_modules'))) {
			if (e.startsWith('.')) continue;
			if (e.startsWith('@')) {
				try {
					n += fs.readdirSync(path.join(dir, 'node_modules', e)).length;
				} catch {}
			} else n++;
		}
	} catch {}
	return n;
}

/** Run a long step, printing a line every 30 s (elapsed time, packages in place) until it ends. */
export async function withProgress(label, dir, fn) {
	const t0 = Date.now();
	const timer = setInterval(() => {
		log(`${label}: still running, ${Math.round((Date.now() - t0) / 1000)} s, ${countPackages(dir)} packages in node_modules`);
	}, 30_000);
	timer.unref();
	try {
		return await fn();
	} finally {
		clearInterval(timer);
	}
}
