// Small helpers of the benchmark: statistics, the machine, a sandbox in its own process, memory
// sampling of a process, and the Markdown table. Plain Node ESM, no dependencies.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** { median, min, max, n } of a list of numbers (undefined entries dropped). */
export function stats(values) {
	const list = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
	if (!list.length) return { median: NaN, min: NaN, max: NaN, n: 0 };
	const mid = Math.floor(list.length / 2);
	const median = list.length % 2 ? list[mid] : (list[mid - 1] + list[mid]) / 2;
	return { median, min: list[0], max: list[list.length - 1], n: list.length };
}

/** "12.3 s (11.9–13.0)" style: median with min–max, through a formatter. */
export function fmt(s, format, { range = true } = {}) {
	if (!s || !s.n) return '—';
	if (!range || s.n === 1 || s.min === s.max) return format(s.median);
	return `${format(s.median)} (${format(s.min)}–${format(s.max)})`;
}

export const seconds = (ms) => (ms >= 10_000 ? (ms / 1000).toFixed(1) : (ms / 1000).toFixed(2)) + ' s';
export const ratio = (r) => (r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)) + '×';
export const mb = (bytes) => (bytes / 1024 / 1024).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1) + ' MB';
export const int = (n) => String(Math.round(n));
export const micros = (us) => (Math.abs(us) >= 100 ? us.toFixed(0) : us.toFixed(1)) + ' µs';

/** Cores, memory and CPU model, as /proc tells them. */
export function machine() {
	const cpus = os.cpus();
	let model = cpus[0]?.model?.trim() || 'unknown CPU';
	try {
		const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
		const m = /^model name\s*:\s*(.+)$/m.exec(info);
		if (m) model = m[1].trim();
	} catch {}
	return {
		cores: cpus.length,
		memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
		cpu: model,
		os: `${os.type()} ${os.release()} ${os.arch()}`,
	};
}

/** VmRSS and VmHWM of a process, in bytes (undefined when it is gone). */
export function procMemory(pid) {
	try {
		const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
		return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
	} catch {
		return undefined;
	}
}

/** Resets a process's peak RSS (VmHWM) to its current RSS; false where the kernel does not allow it. */
export function resetPeak(pid) {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/**
 * Samples a process's RSS every `everyMs` until stop(); returns { before, peakSampled, peakHwm }.
 * The kernel's own peak (VmHWM, reset at start when allowed) catches what sampling could miss.
 */
export function sampleMemory(pid, everyMs = 20) {
	const hwmReset = resetPeak(pid);
	const before = procMemory(pid)?.rss ?? NaN;
	let peak = before;
	const timer = setInterval(() => {
		const m = procMemory(pid);
		if (m && m.rss > peak) peak = m.rss;
	}, everyMs);
	return {
		hwmReset,
		stop() {
			clearInterval(timer);
			const m = procMemory(pid);
			if (m && m.rss > peak) peak = m.rss;
			return { before, peakSampled: peak, peakHwm: hwmReset && m ? m.hwm : NaN, after: m?.rss ?? NaN };
		},
	};
}

/** The sandbox in a process of its own (so its work does not share an event loop with anything measured). */
export async function startSandboxProcess(root, { latencyMs = 0 } = {}) {
	const child = spawn(process.execPath, [path.join(root, 'sandbox', 'cli.mjs'), '--port', '0', '--latency-ms', String(latencyMs), '--api-only'], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	const url = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${out}`)), 20_000);
		const onData = (d) => {
			out += d;
			const m = /listening on (http:\/\/\S+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				resolve(m[1]);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}:\n${out}`)));
	});
	child.stdout.removeAllListeners('data');
	child.stdout.resume();
	const exited = new Promise((resolve) => child.once('exit', resolve));
	return {
		url,
		pid: child.pid,
		async close() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			const t = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(t);
		},
	};
}

/** A small client for the sandbox's control API. */
export function sandboxClient(url) {
	const call = async (method, p, body) => {
		const r = await fetch(url + p, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await r.text();
		if (!r.ok) throw new Error(`sandbox ${method} ${p} → ${r.status} ${text.slice(0, 300)}`);
		return JSON.parse(text);
	};
	return {
		url,
		get: (p) => call('GET', p),
		post: (p, body = {}) => call('POST', p, body),
		/** Back to the seeded state, with the limits that would end a long benchmark out of the way. */
		async reset() {
			await call('POST', '/_sandbox/reset', {});
			// Wolkvox's daily budget (1000 calls) and Mensatek's credit and spam block are not what is measured.
			await call('POST', '/_sandbox/config', { provider: 'wolkvox', wolkvoxDailyLimit: 1_000_000_000 });
			await call('POST', '/_sandbox/config', { provider: 'mensatek', mensatekCredit: 1_000_000_000, mensatekSpamFailures: 0 });
		},
		/** OvoWpp: `count` customers who wrote in (contacts with a conversation), 8 requests at a time. */
		async seedOvoWppContacts(recipients) {
			let next = 0;
			const worker = async () => {
				while (next < recipients.length) {
					const r = recipients[next++];
					await call('POST', '/_sandbox/ovowpp/incoming', { mobile_code: r.countryCode, mobile: r.mobile, message: 'Hola' });
				}
			};
			await Promise.all(Array.from({ length: 8 }, worker));
		},
		/** What the provider saw since the last reset: calls, accepted messages, distinct recipients, refusals. */
		async observe(provider) {
			const [{ requests }, { messages }, stats] = await Promise.all([
				call('GET', `/_sandbox/requests?provider=${provider}`),
				call('GET', `/_sandbox/messages?provider=${provider}`),
				call('GET', '/_sandbox/stats'),
			]);
			const result = {
				calls: requests.length,
				messages: messages.length,
				recipients: new Set(messages.map((m) => m.to)).size,
				maxInFlight: stats.maxInFlight?.[provider] ?? NaN,
				// a provider with a finite capacity (the sandbox's capacity option): most served at once, 503s
				maxServing: stats.maxServing?.[provider] ?? NaN,
				refusedCapacity: stats.refusedCapacity?.[provider] ?? 0,
				statuses: requests.reduce((acc, r) => ((acc[r.status] = (acc[r.status] ?? 0) + 1), acc), {}),
			};
			if (provider === 'wolkvox') {
				const w = await call('GET', '/_sandbox/wolkvox/stats');
				result.rejected403 = Object.values(w.tokens).reduce((sum, t) => sum + (t.rejectedConcurrency ?? 0), 0);
			}
			if (provider === 'ovowpp') {
				result.files = messages.flatMap((m) => m.files ?? []).map((f) => ({ name: f.name, size: f.size }));
			}
			return result;
		},
	};
}

/** Recipients for a run: distinct numbers, so "every message exactly once" can be checked. */
export function recipients(n, scenario) {
	return Array.from({ length: n }, (_, i) => {
		const seq = String(i).padStart(6, '0');
		if (scenario === 'ovowpp') return { countryCode: '34', mobile: `61${seq}0`, text: `Bench message ${i + 1}` };
		if (scenario === 'wolkvox') return { phone: `5730${seq}00`, text: `Mensaje de prueba ${i + 1}` };
		return { phone: `3460${seq}0`, name: `Cliente ${i + 1}`, order: `A-${100000 + i}` };
	});
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat; NaN when it is gone. */
export function procCpuMs(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// the fields after the command name, which is in parentheses and may hold spaces
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
		return (ticks * 1000) / CLOCK_TICKS;
	} catch {
		return NaN;
	}
}
// USER_HZ is 100 on every Linux this runs on (getconf CLK_TCK)
const CLOCK_TICKS = 100;
