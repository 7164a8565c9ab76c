#!/usr/bin/env node
// `npm run sandbox -- [--port 8787] [--latency-ms 0] [--faults provider:key=value,...] [--capacity provider=K[:Q],...] [--no-quirks] [--api-only]`
import { startSandbox } from './server.mjs';
import { DEMO_CREDENTIALS, DEMO_CREDENTIAL_NAMES } from './demo-credentials.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? args[at + 1] : fallback;
};

// --faults "ovowpp:errorRate=0.05,wolkvox:latencyMs=200" → { ovowpp: { errorRate: 0.05 }, wolkvox: {...} }
function parseFaults(text) {
	const faults = {};
	for (const entry of (text ?? '').split(',').filter(Boolean)) {
		const match = /^(\w+):(\w+)=([\d.]+)$/.exec(entry.trim());
		if (!match) throw new Error(`--faults entry "${entry}" must look like provider:key=number, e.g. ovowpp:errorRate=0.05`);
		(faults[match[1]] ??= {})[match[2]] = Number(match[3]);
	}
	return faults;
}

// --capacity "ovowpp=8:4" → { ovowpp: { capacity: 8, queue: 4 } }: 8 requests served at once, 4 queued, 503 beyond
function parseCapacity(text) {
	const capacity = {};
	for (const entry of (text ?? '').split(',').filter(Boolean)) {
		const match = /^(\w+)=(\d+)(?::(\d+))?$/.exec(entry.trim());
		if (!match) throw new Error(`--capacity entry "${entry}" must look like provider=K or provider=K:Q, e.g. ovowpp=8:4`);
		capacity[match[1]] = { capacity: Number(match[2]), queue: Number(match[3] ?? 0) };
	}
	return capacity;
}

const sandbox = await startSandbox({
	port: Number(option('port', process.env.SANDBOX_PORT ?? 8787)),
	host: option('host', '127.0.0.1'),
	latencyMs: Number(option('latency-ms', 0)),
	faults: parseFaults(option('faults')),
	capacity: parseCapacity(option('capacity')),
	quirks: !args.includes('--no-quirks'),
	// the phone simulator as a person uses it: statuses move on by themselves, Wolkvox's window holds;
	// --api-only leaves both out (the benchmarks: every free text accepted, no timers of its own)
	...(args.includes('--api-only') ? {} : { phone: { timeline: { deliveredAfterMs: 2000, readAfterMs: 5000 }, wolkvoxWindowHours: 24 } }),
});

const lines = [
	`WhatsApp gateways sandbox listening on ${sandbox.url}`,
	`  sandbox phone:  ${sandbox.url}/_sandbox/   (each customer's WhatsApp; answer as them)`,
	`  control API:    ${sandbox.url}/_sandbox/{messages,requests,stats,config,reset}`,
	'',
	'Demo credentials (create n8n credentials with these to point the nodes at the sandbox):',
];
for (const [name, fields] of Object.entries(DEMO_CREDENTIALS)) {
	lines.push(`  ${DEMO_CREDENTIAL_NAMES[name] ?? name} (${name}):`);
	for (const [key, value] of Object.entries(fields)) lines.push(`    ${key}: ${String(value).replace('{url}', sandbox.url)}`);
}
process.stdout.write(lines.join('\n') + '\n');

const stop = () => sandbox.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
