// The Timeout option of every sending operation: a send whose answer comes later than the Timeout is
// reported as "unknown" and not repeated (and it did go out: the sandbox answers late, after sending);
// without the option the node waits its default and the same slow answer arrives. A read that times
// out is tried again.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { chain, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';
import { runOvo } from '../workflows/ovowpp-helpers';
import { runWolkvox } from '../workflows/wolkvox-helpers';
import type { LoggedRequest } from './helpers';
import { FAULT_TEST_TIMEOUT, settled } from './helpers';

const sandbox = useSandbox({ logBodies: true, perTest: true });
// Every answer is late: held until the node gives up on it, then 0.5 s more (sandbox slowUntilClosed),
// so "later than the Timeout" holds on any machine. A node that never gives up gets it after 2 s
// (twice the Timeout: the node's timer, in this same process and started first, fires first).
const SLOW = { latencyMs: 0, slowRate: 1, slowMs: 2000, slowUntilClosed: 500 };
const TIMEOUT = 1000;

const runMensatek = async (parameters: INodeParameters) => {
	const node = {
		name: 'Mensatek',
		type: 'n8n-nodes-whatsapp-gateways.mensatek',
		typeVersion: 1,
		parameters,
		credentials: { mensatekApi: { id: '1', name: 'Mensatek sandbox' } },
		continueOnFail: true,
	};
	const result = await runWorkflow(chain(itemsNode([{}]), node), { mensatekApi: sandbox.credentials('mensatekApi') });
	return result.output('Mensatek');
};

/** A send over a slow provider: with the Timeout option, then without it. */
async function twice(provider: string, send: (options: INodeParameters) => Promise<INodeExecutionData[]>) {
	await sandbox.config({ provider, ...SLOW });
	const hurried = await send({ timeout: TIMEOUT });
	await settled(sandbox);
	const afterFirst = { requests: (await sandbox.requests(provider)).length, messages: (await sandbox.messages(provider)).length };
	const patient = await send({});
	return { hurried: hurried[0].json, patient: patient[0].json, afterFirst, messages: (await sandbox.messages(provider)).length };
}

const unknown = { delivery: 'unknown', error: expect.stringMatching(/connection was lost after the message was handed/) };

describe('Timeout option', { timeout: FAULT_TEST_TIMEOUT }, () => {
	it('OvoWpp: a late answer is "unknown" and not repeated; the default waits for it', async () => {
		await sandbox.control('POST', 'ovowpp/incoming', { mobile_code: '34', mobile: '600000001', message: 'hola' });
		const result = await twice('ovowpp', (options) =>
			runOvo(sandbox, [{}], { resource: 'message', operation: 'send', countryCode: '34', mobile: '600000001', messageType: 'text', text: 'late', options }, { continueOnFail: true }).then((r) => r.out),
		);
		expect(result.hurried).toMatchObject(unknown);
		expect(result.hurried.description).toMatch(/ECONNABORTED|ETIMEDOUT/);
		expect(result.afterFirst).toEqual({ requests: 1, messages: 1 }); // it went out, once
		expect(result.patient).toMatchObject({ sent: true });
		expect(result.messages).toBe(2);
	});

	it('Wolkvox: the same', async () => {
		const result = await twice('wolkvox', (options) =>
			runWolkvox(sandbox, [{}], { resource: 'message', operation: 'send', connectorId: '1001', phone: '573001234567', text: 'late', options }, { continueOnFail: true }).then((r) => r.out),
		);
		expect(result.hurried).toMatchObject(unknown);
		expect(result.afterFirst).toEqual({ requests: 1, messages: 1 });
		expect(result.patient).toMatchObject({ sent: true });
		expect(result.messages).toBe(2);
	});

	it('Mensatek: the same', async () => {
		const result = await twice('mensatek', (options) =>
			runMensatek({ resource: 'message', operation: 'send', phone: '34600000001', messageType: 'TEXTO', text: 'late', options }),
		);
		expect(result.hurried).toMatchObject(unknown);
		expect(result.afterFirst).toEqual({ requests: 1, messages: 1 });
		expect(result.patient).toMatchObject({ Enviados: 1 });
		expect(result.messages).toBe(2);
	});

	it('a read that times out is tried again, and the send that needed it goes out once', async () => {
		// Half the answers are late; with this seed the first call (the template read) is late, the next two are not.
		await sandbox.config({ provider: 'mensatek', latencyMs: 0, slowRate: 0.5, slowMs: 2000, slowUntilClosed: 500, seed: 901 });
		const out = await runMensatek({
			resource: 'message',
			operation: 'send',
			phone: '34600000002',
			messageType: 'PLANTILLA',
			templateId: '610000000000001',
			templateVariables: { mappingMode: 'defineBelow', value: { Nombre: 'Ana' }, matchingColumns: [], schema: [] },
			options: { timeout: TIMEOUT },
		});
		await settled(sandbox);
		expect(out[0].json).toMatchObject({ Enviados: 1, Plantilla: 'bienvenida_cliente' });
		const requests = (await sandbox.requests('mensatek')) as LoggedRequest[];
		expect(requests.map((r) => `${r.path.split('/').pop()}${r.slow ? ' (late)' : ''}`)).toEqual([
			'GetVariablesPlantillaWhatsapp (late)',
			'GetVariablesPlantillaWhatsapp',
			'EnviarWHATSAPP',
		]);
		expect(await sandbox.messages('mensatek')).toHaveLength(1);
	});
});
