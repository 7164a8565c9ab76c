// OvoWpp list walks over 50,000 contacts (issue 24): Contact Get Many with a search, and Contact Get
// By Phone Number on the contact at the end of the list (the oldest). Calls, wall time and CPU of
// this process (n8n-core running the node; the sandbox is its own process, with 50 ms per call).
// Run: node sandbox/cli.mjs --port 8799 --latency-ms 50 --api-only &  then
//      LIST_WALKS_SANDBOX=http://127.0.0.1:8799 npx vitest run --config bench/list-walks.config.mts
import { it } from 'vitest';
import { chain, runWorkflow } from '../test/helpers/harness';
import { itemsNode } from '../test/helpers/test-nodes';
// @ts-ignore plain ESM module without types
import { DEMO_CREDENTIALS } from '../sandbox/demo-credentials.mjs';
// @ts-ignore plain ESM module without types
import { sandboxClient } from './lib.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
const SANDBOX = process.env.LIST_WALKS_SANDBOX ?? '';
const CONTACTS = Number(process.env.LIST_WALKS_CONTACTS ?? 50_000);
const REPS = Number(process.env.LIST_WALKS_REPS ?? 3);
const sandbox = sandboxClient(SANDBOX);
const credentials = {
	ovoWppApi: Object.fromEntries(Object.entries((DEMO_CREDENTIALS as any).ovoWppApi).map(([k, v]) => [k, String(v).replace('{url}', SANDBOX)])),
};

it('measures Contact Get Many (search) and Get By Phone Number over many contacts', async () => {
	if (!SANDBOX) throw new Error('set LIST_WALKS_SANDBOX');
	await sandbox.reset();
	for (let start = 0; start < CONTACTS; start += 5000) {
		const contacts = [];
		for (let i = start; i < Math.min(CONTACTS, start + 5000); i++) {
			contacts.push({ mobile_code: '34', mobile: `7${String(i).padStart(8, '0')}`, firstname: `Bench${i}`, lastname: i % 1000 === 0 ? 'Target' : 'Contact' });
		}
		await sandbox.post('/_sandbox/ovowpp/contacts', { contacts });
	}
	const cases: Record<string, Record<string, unknown>> = {
		'Contact Get Many, search': { resource: 'contact', operation: 'getMany', returnAll: true, search: 'target' },
		// the sandbox's three seeded contacts have the lowest ids: Maria is the last row of the list
		'Contact Get, By Phone Number (last of the list)': {
			resource: 'contact',
			operation: 'get',
			contactId: { __rl: true, mode: 'phone', value: '+55 11988887777' },
		},
	};
	for (const [label, parameters] of Object.entries(cases)) {
		for (let rep = 0; rep < REPS; rep++) {
			const node = { name: 'Node', type: 'n8n-nodes-whatsapp-gateways.ovoWpp', typeVersion: label.includes('Phone') ? 2 : 1, parameters, credentials: { ovoWppApi: { id: '1', name: 'OvoWpp' } } };
			const before = (await sandbox.get('/_sandbox/requests?provider=ovowpp')).requests.length;
			const cpu = process.cpuUsage();
			const t = performance.now();
			const result = await runWorkflow(chain(itemsNode([{ json: {} }]), node), credentials);
			const wallMs = performance.now() - t;
			const used = process.cpuUsage(cpu);
			const error = result.error('Node');
			if (error) throw new Error(`${label}: ${error.message}`);
			const calls = (await sandbox.get('/_sandbox/requests?provider=ovowpp')).requests.slice(before);
			const sizes = [...new Set(calls.map((c: any) => new URL(c.path, 'http://x').searchParams.get('paginate')))].join(',');
			process.stdout.write(
				`[list-walks] ${label}: ${result.output('Node').length} rows, ${calls.length} calls (paginate ${sizes}), wall ${wallMs.toFixed(0)} ms, CPU ${((used.user + used.system) / 1000).toFixed(0)} ms\n`,
			);
		}
	}
});
