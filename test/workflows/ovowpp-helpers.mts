// Shared set-up of the OvoWpp workflow tests: the node JSON and a one-call runner.
import type { INodeExecutionData } from 'n8n-workflow';
import { chain, runWorkflow } from '../helpers/harness';
import type { Sandbox } from '../helpers/sandbox';
import type { ItemSpec } from '../helpers/test-nodes';
import { itemsNode } from '../helpers/test-nodes';

export function ovoNode(parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) {
	return {
		name: 'OvoWpp',
		type: 'n8n-nodes-whatsapp-gateways.ovoWpp',
		typeVersion: 1,
		parameters,
		credentials: { ovoWppApi: { id: '1', name: 'OvoWpp sandbox' } },
		...extra,
	};
}

/** Feeds the items to one OvoWpp node and returns its output (and error, if it stopped). */
export async function runOvo(
	sandbox: Sandbox,
	items: ItemSpec[],
	parameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
	credentials: Record<string, string> = {},
): Promise<{ out: INodeExecutionData[]; error: (Error & { description?: string }) | undefined }> {
	const result = await runWorkflow(chain(itemsNode(items), ovoNode(parameters, extra)), {
		ovoWppApi: { ...sandbox.credentials('ovoWppApi'), ...credentials },
	});
	return { out: result.output('OvoWpp'), error: result.error('OvoWpp') };
}

/** A valid PNG header followed by filler: the sandbox, like the service, checks the content. */
export function pngBase64(size: number): string {
	const header = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
	const body = Buffer.alloc(Math.max(0, size - header.length), 7);
	return Buffer.concat([header, body]).toString('base64');
}
