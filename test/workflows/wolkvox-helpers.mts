// Shared set-up of the Wolkvox workflow tests: the node JSON, a one-call runner, and the sandbox's
// Wolkvox control routes.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { chain, runWorkflow } from '../helpers/harness';
import type { Sandbox } from '../helpers/sandbox';
import type { ItemSpec } from '../helpers/test-nodes';
import { itemsNode } from '../helpers/test-nodes';

export const TOKEN = 'wv_demo_token_0123456789';

export function wolkvoxNode(parameters: INodeParameters, extra: Record<string, unknown> = {}, name = 'Wolkvox') {
	return {
		name,
		type: 'n8n-nodes-whatsapp-gateways.wolkvox',
		typeVersion: 1,
		parameters,
		credentials: { wolkvoxApi: { id: '1', name: 'Wolkvox sandbox' } },
		...extra,
	};
}

export interface WolkvoxRun {
	out: INodeExecutionData[];
	error: (Error & { description?: string; context?: Record<string, unknown> }) | undefined;
	/** The node's run data (outputs, hints) as n8n stores it. */
	runData: any;
}

/** Feeds the items to one Wolkvox node and returns its output (and error, if it stopped). */
export async function runWolkvox(
	sandbox: Sandbox,
	items: ItemSpec[],
	parameters: INodeParameters,
	extra: Record<string, unknown> = {},
	credentials: Record<string, string> = {},
): Promise<WolkvoxRun> {
	const result = await runWorkflow(chain(itemsNode(items), wolkvoxNode(parameters, extra)), {
		wolkvoxApi: { ...sandbox.credentials('wolkvoxApi'), ...credentials },
	});
	return { out: result.output('Wolkvox'), error: result.error('Wolkvox'), runData: result.run.data.resultData.runData.Wolkvox?.[0] };
}

/** `count` items, each with its own phone number, typed as people do: +57 310 000 0000, 0001, … */
export function phoneItems(count: number): ItemSpec[] {
	return Array.from({ length: count }, (_, i) => ({ json: { phone: `+57 310 000 ${String(i).padStart(4, '0')}`, n: i } }));
}

export const digitsOf = (phone: string) => phone.replace(/\D/g, '');

/** Per-token counters of the sandbox's Wolkvox (maxInFlight, rejectedConcurrency, usedToday, …). */
export async function tokenStats(sandbox: Sandbox, token = TOKEN) {
	return (await sandbox.control('GET', 'wolkvox/stats')).tokens[token];
}

/** The sandbox's Wolkvox requests to one API (from its request log). */
export async function apiRequests(sandbox: Sandbox, api: string) {
	return (await sandbox.requests('wolkvox')).filter((r) => r.path.includes(`api=${api}`));
}
