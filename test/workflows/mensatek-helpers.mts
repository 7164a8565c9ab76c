// Shared set-up of the Mensatek workflow tests: the node JSON, a one-node runner, and the calls and
// numbers the sandbox saw.
import { chain, runWorkflow } from '../helpers/harness';
import type { Sandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';

export const NAME = 'Mensatek';

export const mensatek = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	name: NAME,
	type: 'n8n-nodes-whatsapp-gateways.mensatek',
	typeVersion: 1,
	parameters,
	credentials: { mensatekApi: { id: '1', name: 'Mensatek sandbox' } },
	...extra,
});

/** `run(items, node, credentials?)` against the sandbox, and `calls(fn)`: the requests to one function. */
export function mensatekRunner(sandbox: Sandbox) {
	return {
		run: (items: Parameters<typeof itemsNode>[0], node: ReturnType<typeof mensatek>, credentials = sandbox.credentials('mensatekApi')) =>
			runWorkflow(chain(itemsNode(items), node), { mensatekApi: credentials }),
		calls: async (fn: string) => (await sandbox.requests('mensatek')).filter((r) => r.path.endsWith(`/${fn}`)),
	};
}

export const phone = (n: number) => `+34 600 ${String(n).padStart(6, '0')}`;
export const digits = (n: number) => `34600${String(n).padStart(6, '0')}`;
