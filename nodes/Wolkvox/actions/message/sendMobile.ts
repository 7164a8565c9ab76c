import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { showFor, timeoutOption, optionsFor } from '../../../shared/description';
import { InputError, ProviderError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/items';
import { nodeParameter, readText } from '../../../shared/params';
import { checkUrl } from '../../../shared/validation';
import { FACTS } from '../../facts';
import { TIMEOUT_MS, wolkvoxAccount, wolkvoxCall } from '../../transport';
import { attachmentUrlField, connectorField, phoneField, readConnectorId, readPhone } from '../../helpers/fields';
import { answerRest } from '../../helpers/answer';

export const option = {
	name: 'Send Mobile Message',
	value: 'sendMobile',
	description: 'Send a text and/or image link on a mobile (non-official) WhatsApp line',
	action: 'Send a mobile message',
};

export const description: INodeProperties[] = [
	connectorField('message', ['sendMobile']),
	phoneField('message', ['sendMobile']),
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'The message, or the caption of the attachment. Text, an attachment, or both.',
		displayOptions: showFor('message', ['sendMobile']),
	},
	attachmentUrlField('message', ['sendMobile'], 'A public link to an image to send with the message'),
	{
		displayName: `For mobile (non-official) connectors. Wolkvox accepts one message per customer every ${FACTS.mobileSpacingSeconds.value} seconds: the node waits between its own messages to the same number. A message Wolkvox refuses is shown with Wolkvox's words and not sent again.`,
		name: 'mobileNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('message', ['sendMobile']),
	},
	optionsFor('message', ['sendMobile'], [timeoutOption(TIMEOUT_MS)]),
];

/**
 * Wolkvox takes one `send_message_mobil` per customer every 20 s [doc]. Sends to the same number
 * (same token and connector) wait here, process-wide, one after the other. The 20 s are counted
 * from when the previous answer arrived, the latest moment the provider can have accepted that
 * message (a count from when it left let one through 19.86 s after the first was accepted), plus
 * a margin for a provider that keeps whole seconds or whose servers' clocks differ a little.
 * Another process (a second n8n worker) knows nothing of these waits, and Wolkvox's answer to a
 * message inside the 20 s is not documented [open]: a refusal is reported in Wolkvox's words
 * (transport.ts), never taken for this rule nor sent again. An object so tests can shorten the waits.
 */
export const mobileSpacing = { ms: FACTS.mobileSpacingSeconds.value * 1000, marginMs: 1_000 };

interface Customer {
	/** Settles when the send before this one (to the same customer) has ended. */
	tail: Promise<void>;
	/** The earliest moment of the next send. */
	nextAt: number;
	pending: number;
}
const customers = new Map<string, Customer>();

/** Sends to one customer, one at a time and spaced. */
async function spaced<T>(key: string, send: () => Promise<T>): Promise<T> {
	const now = Date.now();
	for (const [other, c] of customers) if (c.pending === 0 && c.nextAt < now) customers.delete(other);
	const customer = customers.get(key) ?? { tail: Promise.resolve(), nextAt: 0, pending: 0 };
	customers.set(key, customer);
	customer.pending++;
	const previous = customer.tail;
	let done = () => {};
	customer.tail = new Promise<void>((resolve) => (done = resolve));
	const spacing = () => mobileSpacing.ms + mobileSpacing.marginMs;
	try {
		await previous;
		const wait = customer.nextAt - Date.now();
		if (wait > 0) await sleep(wait);
		const outcome = await send().then(
			(result) => ({ result }),
			(error: unknown) => ({ error }),
		);
		if ('result' in outcome) {
			customer.nextAt = Date.now() + spacing();
			return outcome.result;
		}
		// A send whose fate is unknown may have gone out: keep the spacing from it too.
		const { error } = outcome;
		if (!(error instanceof ProviderError && error.details.delivery === 'not-sent')) customer.nextAt = Date.now() + spacing();
		throw error;
	} finally {
		customer.pending--;
		done();
	}
}

/** A message (and/or image link) on a mobile WhatsApp line: `send_message_mobil` [doc]. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const connectorId = readConnectorId(this, itemIndex);
	const telephone = readPhone(this, itemIndex);
	const text = readText(this, 'text', itemIndex, 'Text');
	const attachment = checkUrl(nodeParameter(this, 'attachmentUrl', itemIndex, ''), 'Attachment URL', { optional: true });
	if (!text.trim() && !attachment) {
		throw new InputError('Text', 'and Attachment URL are both empty', 'Give a text, an attachment link, or both.');
	}

	const account = await wolkvoxAccount(this);
	const envelope = await spaced(`${account.key}:${connectorId}:${telephone}`, () =>
		wolkvoxCall(this, {
			api: 'send_message_mobil',
			method: 'POST',
			params: { connector_id: connectorId, telephone, message: text, url_attach: attachment },
			kind: 'send',
		}),
	);
	return { sent: true, connectorId, to: telephone, code: envelope.code, msg: envelope.msg, ...answerRest(envelope) };
}
