// Progress of a long npm step (install, rebuild): a line on each change of phase and every 30 s
// saying what npm is doing, with numbers that move. Counting node_modules did not: npm creates
// every top-level folder at once and then fills them (n8n 1.123's install sat at "1220 packages"
// from 90 s to 422 s while it downloaded tarballs and compiled sqlite3).
//
// The source is npm's own debug log, which npm writes line by line at every level whatever
// --loglevel says. The step gets its own --logs-dir (npmLogArgs): in npm's shared folder any other
// npm command deletes the oldest logs (logs-max), a running install's included.

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

/** Where npm writes the debug log of the steps run in `dir`. */
export function npmLogsDir(dir) {
	return path.join(dir, '.npm-logs');
}

/** The npm arguments that put its debug log where withProgress reads it. */
export function npmLogArgs(dir) {
	return [`--logs-dir=${npmLogsDir(dir)}`];
}

/** A fresh tally of an npm debug log; feed it lines with readNpmLogLine. */
export function npmLogTally() {
	return { phase: undefined, placed: 0, manifests: 0, fromCache: 0, downloading: 0, downloaded: 0, scriptsDone: 0, scriptsFailed: 0, running: new Map() };
}

// npm 11's lines (arborist): "silly placeDep …" while it builds the tree, "silly reify moves" when
// it starts writing node_modules, "http cache <pkg>@<url>.tgz … (cache hit)" or "silly tarball no
// local data …" then "http fetch GET 200 <url>.tgz" per package unpacked, and "info run <pkg>@<v>
// <event> <location> <command>" / "info run <pkg>@<v> <event> { code: 0, … }" per install script.
const RUN_START = /^\d+ info run (\S+) (preinstall|install|postinstall) (\S+) (.*)$/;
const RUN_END = /^\d+ info run (\S+) (preinstall|install|postinstall) \{ code: (\S+?),/;

/** Count one line of npm's debug log into the tally. */
export function readNpmLogLine(t, line) {
	let m;
	if (/^\d+ silly idealTree buildDeps/.test(line)) t.phase ??= 'resolving dependencies';
	else if (/^\d+ silly placeDep /.test(line)) t.placed++;
	else if (/^\d+ http fetch GET \d+ \S+ /.test(line) && !/\.tgz /.test(line)) t.manifests++;
	else if (/^\d+ silly reify moves/.test(line)) t.phase = 'unpacking packages';
	else if (/^\d+ http cache \S+\.tgz .*\(cache hit\)/.test(line)) t.fromCache++;
	else if (/^\d+ silly tarball no local data/.test(line)) t.downloading++;
	else if (/^\d+ http fetch GET \d+ \S+\.tgz /.test(line)) t.downloaded++;
	else if ((m = RUN_END.exec(line))) {
		t.running.delete(`${m[1]} ${m[2]}`);
		if (m[3] === '0') t.scriptsDone++;
		else t.scriptsFailed++;
	} else if ((m = RUN_START.exec(line))) {
		t.phase = 'install scripts';
		t.running.set(`${m[1]} ${m[2]}`, { pkg: m[1], event: m[2], location: m[3], command: m[4] });
	}
	return t;
}

export function formatSeconds(s) {
	s = Math.round(s);
	return s < 90 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/**
 * C/C++ compilers working under `dir` (a native module's node-gyp build runs make in its build/
 * folder): the source file each compiles and for how long. Linux only (/proc); elsewhere none.
 */
export function compilersUnder(dir) {
	const out = [];
	let pids = [];
	try {
		pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
	} catch {
		return out;
	}
	let uptime = 0;
	try {
		uptime = Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
	} catch {}
	for (const pid of pids) {
		try {
			const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
			if (!cwd.startsWith(dir + path.sep)) continue;
			const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
			// the compiler drivers, not cc1/cc1plus under them (same file, counted once)
			if (!/^(cc|gcc|g\+\+|c\+\+|clang|clang\+\+)(-\d+)?$/.test(path.basename(argv[0]))) continue;
			const source = argv.find((a) => /\.(c|cc|cpp|cxx)$/.test(a));
			if (!source) continue;
			// field 22 of stat: start time in clock ticks after boot (USER_HZ, 100 on Linux)
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			const started = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]) / 100;
			out.push({ cwd, source: path.basename(source), seconds: uptime ? Math.max(0, uptime - started) : undefined });
		} catch {}
	}
	return out;
}

/** How many object files a native module's build/ folder holds (they appear as make compiles). */
function objectFiles(dir) {
	let n = 0;
	const walk = (d) => {
		let entries = [];
		try {
			entries = fs.readdirSync(d, { withFileTypes: true });
		} catch {
			return;
		}
		for (const e of entries) {
			if (e.isDirectory()) walk(path.join(d, e.name));
			else if (e.name.endsWith('.o')) n++;
		}
	};
	walk(path.join(dir, 'build'));
	return n;
}

/** One progress line from a tally: the phase and its numbers, and how long each earlier phase took. */
export function describeNpmProgress(t, { dir, elapsed, phaseSeconds = {}, compilers = [] } = {}) {
	const parts = [];
	const num = (n) => n.toLocaleString('en-US');
	if (t.phase === 'resolving dependencies') {
		parts.push(`${num(t.placed)} packages placed in the tree, ${num(t.manifests)} manifests fetched`);
	} else if (t.phase === 'unpacking packages') {
		const inFlight = Math.max(0, t.downloading - t.downloaded);
		parts.push(
			`${num(t.fromCache + t.downloaded)} unpacked (${num(t.fromCache)} from npm's cache, ${num(t.downloaded)} downloaded${inFlight ? `, ${num(inFlight)} downloading` : ''})`,
		);
	} else if (t.phase === 'install scripts') {
		parts.push(`${t.scriptsDone} done${t.scriptsFailed ? `, ${t.scriptsFailed} failed` : ''}`);
		for (const r of t.running.values()) {
			const where = dir && path.join(dir, r.location);
			const objects = where ? objectFiles(where) : 0;
			const mine = where ? compilers.filter((c) => c.cwd === where || c.cwd.startsWith(where + path.sep)) : [];
			const compiling = mine.length
				? `, compiling ${mine.map((c) => `${c.source}${c.seconds === undefined ? '' : ` (${formatSeconds(c.seconds)})`}`).join(', ')}`
				: '';
			parts.push(`running ${r.pkg} ${r.event}: ${r.command}${objects ? `, ${objects} object file${objects === 1 ? '' : 's'} built` : ''}${compiling}`);
		}
		if (!t.running.size) parts.push('finishing');
	}
	const now = t.phase ? `${t.phase}${phaseSeconds[t.phase] === undefined ? '' : ` for ${formatSeconds(phaseSeconds[t.phase])}`}` : 'starting';
	const before = Object.entries(phaseSeconds)
		.filter(([p]) => p !== t.phase)
		.map(([p, s]) => `${p} took ${formatSeconds(s)}`);
	return [`${formatSeconds(elapsed ?? 0)}: ${now}${parts.length ? ` (${parts.join('; ')})` : ''}`, ...before].join('; ');
}

/** The debug log an npm step started at t0 writes in logsDir (the newest one), if any yet. */
function findLog(logsDir, t0) {
	try {
		return fs
			.readdirSync(logsDir)
			.filter((f) => f.endsWith('-debug-0.log'))
			.map((f) => ({ f: path.join(logsDir, f), m: fs.statSync(path.join(logsDir, f)).mtimeMs }))
			.filter((x) => x.m >= t0 - 1000)
			.sort((a, b) => b.m - a.m)[0]?.f;
	} catch {
		return undefined;
	}
}

/**
 * Run a long npm step whose arguments include npmLogArgs(dir), printing a line on each change of
 * phase and every `everyMs` (default 30 s): the phase, its numbers, what a native build compiles,
 * and the time each phase took. Without npm's log (an npm without --logs-dir) the line counts
 * node_modules as before. `write` receives each line (default: the harness log).
 */
export async function withProgress(label, dir, fn, { everyMs = 30_000, pollMs = 2000, write = log } = {}) {
	const t0 = Date.now();
	const tally = npmLogTally();
	const phaseStarted = {};
	const phaseSeconds = {};
	let file;
	let offset = 0;
	let rest = '';
	let lastPhase;
	let lastPrint = t0;
	const read = () => {
		file ??= findLog(npmLogsDir(dir), t0);
		if (!file) return;
		let fd;
		try {
			fd = fs.openSync(file, 'r');
			const size = fs.fstatSync(fd).size;
			if (size <= offset) return;
			const buf = Buffer.alloc(size - offset);
			fs.readSync(fd, buf, 0, buf.length, offset);
			offset = size;
			const lines = (rest + buf.toString('utf8')).split('\n');
			rest = lines.pop();
			for (const line of lines) readNpmLogLine(tally, line);
		} catch {
		} finally {
			if (fd !== undefined) fs.closeSync(fd);
		}
	};
	const tick = () => {
		read();
		const now = Date.now();
		if (tally.phase && tally.phase !== lastPhase) {
			phaseStarted[tally.phase] = now;
			lastPhase = tally.phase;
		} else if (now - lastPrint < everyMs) return;
		for (const p of Object.keys(phaseStarted)) {
			const later = Object.values(phaseStarted).filter((s) => s > phaseStarted[p]);
			phaseSeconds[p] = ((later.length ? Math.min(...later) : now) - phaseStarted[p]) / 1000;
		}
		lastPrint = now;
		const elapsed = (now - t0) / 1000;
		if (!file) {
			write(`${label}: still running, ${formatSeconds(elapsed)}, ${countPackages(dir)} packages in node_modules`);
			return;
		}
		const compilers = tally.phase === 'install scripts' ? compilersUnder(dir) : [];
		write(`${label}, ${describeNpmProgress(tally, { dir, elapsed, phaseSeconds, compilers })}`);
	};
	const timer = setInterval(tick, pollMs);
	timer.unref();
	try {
		return await fn();
	} finally {
		clearInterval(timer);
	}
}
