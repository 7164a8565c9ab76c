// What the suites produce, written down for the secrets check (test/helpers/secrets-check.mts).
// The harness records every node output and error, every item and answer of the trigger, every
// n8n log line (all levels, whatever N8N_LOG_LEVEL says) and the secret values it hands to the
// nodes, one JSON line each, in a file per test process. The check reads all of them at the end.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export type RecordKind = 'output' | 'error' | 'log' | 'webhook' | 'secret';

/** Where this process writes, or undefined when no check runs (e.g. the e2e suite). */
export function recordFile(pid = process.pid): string | undefined {
	const dir = process.env.WAG_RECORD_DIR;
	return dir ? join(dir, `${pid}.jsonl`) : undefined;
}

function currentTest(): string | undefined {
	try {
		const state = expect.getState();
		return [state.testPath?.replace(/^.*\/test\//, 'test/'), state.currentTestName].filter(Boolean).join(' › ') || undefined;
	} catch {
		return undefined;
	}
}

export function record(kind: RecordKind, source: string, value: unknown): void {
	const file = recordFile();
	if (!file) return;
	appendFileSync(file, JSON.stringify({ kind, source, test: currentTest(), text: serialize(value) }) + '\n');
}

/**
 * Everything reachable from a value as text: errors with their non-enumerable fields (message,
 * stack, cause…), buffers as text, cycles cut. What a person could see in n8n comes out of here.
 */
export function serialize(value: unknown): string {
	const seen = new WeakSet<object>();
	const walk = (entry: unknown, depth: number): unknown => {
		if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean' || entry == null) return entry;
		if (typeof entry === 'bigint' || typeof entry === 'symbol' || typeof entry === 'function') return String(entry);
		if (Buffer.isBuffer(entry)) return entry.toString('utf8');
		const object = entry as Record<string, unknown>;
		if (seen.has(object) || depth > 40) return '[seen]';
		seen.add(object);
		if (Array.isArray(object)) return object.map((item) => walk(item, depth + 1));
		const keys = new Set(Object.keys(object));
		if (object instanceof Error) for (const key of Object.getOwnPropertyNames(object)) keys.add(key);
		const out: Record<string, unknown> = {};
		for (const key of keys) {
			try {
				out[key] = walk(object[key], depth + 1);
			} catch (error) {
				out[key] = `[unreadable: ${String(error)}]`;
			}
		}
		return out;
	};
	return JSON.stringify(walk(value, 0)) ?? 'undefined';
}

/**
 * A stand-in for the winston logger inside n8n's Logger: every log call of n8n-core, the nodes and
 * LoggerProxy ends here, at every level. Scoped loggers share it (child() returns itself).
 */
export const recordingLogger = {
	log(level: string, message: unknown, metadata: unknown) {
		record('log', level, { message, metadata });
	},
	child() {
		return recordingLogger;
	},
};
