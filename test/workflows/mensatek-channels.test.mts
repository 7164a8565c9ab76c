// Mensatek Send: the documented Siguientecanal and Fixutf8 parameters reach Mensatek as given.
import { describe, expect, it } from 'vitest';
import { chain, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';

const sandbox = useSandbox();
const send = (options: Record<string, unknown>) =>
	runWorkflow(
		chain(itemsNode([{}]), {
			name: 'Mensatek',
			type: 'n8n-nodes-whatsapp-gateways.mensatek',
			typeVersion: 1,
			parameters: { resource: 'message', operation: 'send', phone: '+34 600 111 222', messageType: 'TEXTO', text: 'Hola', options },
			credentials: { mensatekApi: { id: '1', name: 'Mensatek sandbox' } },
		}),
		{ mensatekApi: sandbox.credentials('mensatekApi') },
	);

describe('Mensatek Send: Siguientecanal and Fixutf8', () => {
	it('sends Fallback Channels as the Siguientecanal array and Fix UTF-8 as the Fixutf8 integer, and neither when unset', async () => {
		const result = await send({ nextChannels: 'SMS, EMAIL', fixUtf8: 1 });
		expect(result.error('Mensatek')).toBeUndefined();
		await send({});
		const [set, unset] = await sandbox.messages('mensatek');
		expect(set.content).toMatchObject({ Siguientecanal: ['SMS', 'EMAIL'], Fixutf8: 1 });
		expect(unset.content).not.toHaveProperty('Siguientecanal');
		expect(unset.content).not.toHaveProperty('Fixutf8');
	});

	it('refuses a Fix UTF-8 that is not a whole number, before any call', async () => {
		const result = await send({ fixUtf8: 1.5 });
		expect(result.error('Mensatek')?.message).toMatch(/Fix UTF-8 \(Fixutf8\) "1.5" is not a whole number/);
		expect(await sandbox.requests('mensatek')).toHaveLength(0);
	});
});
