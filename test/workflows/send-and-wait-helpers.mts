// Shared set-up of the Send and Wait workflow tests: each provider's node and recipient, and a
// waiting execution started through n8n-core against the test's sandbox, closed after each test.
import { afterEach } from 'vitest';
import type { WaitingRun } from '../helpers/harness';
import { chain, startWaitingWorkflow } from '../helpers/harness';
import type { Sandbox } from '../helpers/sandbox';
import type { ItemSpec } from '../helpers/test-nodes';
import { itemsNode } from '../helpers/test-nodes';

export const PROVIDERS = {
	ovoWpp: { provider: 'ovowpp', credential: 'ovoWppApi', recipient: { countryCode: '34', mobile: '600 111 222' }, to: '34600111222' },
	wapiFlow: { provider: 'ovowpp', credential: 'wapiFlowApi', recipient: { countryCode: '34', mobile: '600 111 222' }, to: '34600111222' },
	wolkvox: { provider: 'wolkvox', credential: 'wolkvoxApi', recipient: { connectorId: '1001', phone: '+57 300 123 4567' }, to: '573001234567' },
	mensatek: { provider: 'mensatek', credential: 'mensatekApi', recipient: { phone: '+34 600 111 222' }, to: '34600111222' },
} as const;
export type NodeName = keyof typeof PROVIDERS;

/** `start(node, parameters, items?)`: a version-1 node named Ask, waiting; closed after each test. */
export function waitingStarter(sandbox: Sandbox, defaultItems: ItemSpec[]) {
	const open: WaitingRun[] = [];
	afterEach(async () => {
		await Promise.all(open.splice(0).map((run) => run.close()));
	});
	return async function start(node: NodeName, parameters: Record<string, unknown>, items = defaultItems) {
		const p = PROVIDERS[node];
		const run = await startWaitingWorkflow(
			chain(itemsNode(items), {
				name: 'Ask',
				type: `n8n-nodes-whatsapp-gateways.${node}`,
				typeVersion: 1,
				parameters: { resource: 'message', operation: 'sendAndWait', ...p.recipient, ...parameters },
				credentials: { [p.credential]: { id: '1', name: 'sandbox' } },
			}),
			{ [p.credential]: sandbox.credentials(p.credential) },
		);
		open.push(run);
		return run;
	};
}
