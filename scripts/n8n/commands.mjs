// Running commands for the n8n harness: the harness's log line, the npm CLI that ships with this
// Node, and a child process whose output is kept (for the error) and optionally echoed.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** One "[n8n-env] …" line on stderr (N8N_WG_QUIET silences it). */
export function log(...args) {
	if (process.env.N8N_WG_QUIET) return;
	process.stderr.write(`[n8n-env] ${args.join(' ')}\n`);
}

export function exists(p) {
	try {
		fs.accessSync(p);
		return true;
	} catch {
		return false;
	}
}

/** The npm CLI script that ships with the Node running this file (run it with any node binary). */
export function npmCliPath() {
	const candidates = [
		path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
		'/usr/lib/node_modules/npm/bin/npm-cli.js',
		'/usr/local/lib/node_modules/npm/bin/npm-cli.js',
	];
	if (process.env.npm_execpath && process.env.npm_execpath.endsWith('npm-cli.js')) {
		candidates.unshift(process.env.npm_execpath);
	}
	for (const c of candidates) if (exists(c)) return path.resolve(c);
	const r = spawnSync('sh', ['-c', 'readlink -f "$(command -v npm)"'], { encoding: 'utf8' });
	const p = r.stdout.trim();
	if (p && exists(p)) return p;
	throw new Error('Cannot find npm-cli.js; is npm installed?');
}

/** Run a command; resolves { code, signal, stdout, stderr }, rejects on a non-zero exit unless opts.allowFail. */
export function run(cmd, args, opts = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: opts.stdio ?? ['ignore', 'pipe', 'pipe'], ...opts });
		let out = '';
		let err = '';
		child.stdout?.on('data', (d) => {
			out += d;
			if (opts.echo) process.stderr.write(d);
		});
		child.stderr?.on('data', (d) => {
			err += d;
			if (opts.echo) process.stderr.write(d);
		});
		child.on('error', reject);
		let timer;
		if (opts.timeoutMs) {
			timer = setTimeout(() => {
				const e = new Error(`${path.basename(cmd)} ${args.join(' ')} timed out after ${opts.timeoutMs} ms\n${err.slice(-3000) || out.slice(-3000)}`);
				child.kill('SIGKILL');
				reject(e);
			}, opts.timeoutMs);
		}
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (code === 0 || opts.allowFail) resolve({ code, signal, stdout: out, stderr: err });
			else {
				const e = new Error(
					`${path.basename(cmd)} ${args.join(' ')} exited with ${code ?? signal}\n${err.slice(-4000) || out.slice(-4000)}`,
				);
				e.stdout = out;
				e.stderr = err;
				e.code = code;
				reject(e);
			}
		});
	});
}
