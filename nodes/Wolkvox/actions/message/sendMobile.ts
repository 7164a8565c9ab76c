import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { showFor, timeoutOption, optionsFor } from '../../../shared/description';
import { InputError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/items';
import { readText } from '../../../shared/params';
import { TIMEOUT_MS, wolkvoxAccount, wolkvoxCall } from '../../transport';
import { attachmentUrlField, checkUrl, connectorField, phoneField, readConnectorId, readPhone } from '../fields';

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
		displayName:
			'Mobile connectors only (not WhatsApp Business). Wolkvox accepts one message per customer every 20 seconds: the node waits between messages to the same number.',
		name: 'mobileNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('message', ['sendMobile']),
	},
	optionsFor('message', ['sendMobile'], [timeoutOption(TIMEOUT_MS)]),
];

/**
 * Wolkvox takes one `send_message_mobil` per customer every 20 s [doc]. Sends to the same number
 * (same token and connector) are spaced here, process-wide, instead of being refused. An object
 * so that tests can shorten the wait.
 */
export const mobileSpacing = { ms: 20_000 };
const nextSlot = new Map<string, number>();

/** Reserves the next moment this number may be sent to, and waits for it (holding no token slot). */
async function waitForTurn(key: string): Promise<void> {
	const now = Date.now();
	for (const [other, at] of nextSlot) if (at < now) nextSlot.delete(other);
	const at = Math.max(now, nextSlot.get(key) ?? 0);
	nextSlot.set(key, at + mobileSpacing.ms);
	if (at > now) await sleep(at - now);
}

/** A message (and/or image link) on a mobile WhatsApp line: `send_message_mobil` [doc]. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const connectorId = readConnectorId(this, itemIndex);
	const telephone = readPhone(this, itemIndex);
	const text = readText(this, 'text', itemIndex, 'Text');
	const attachment = checkUrl(this.getNodeParameter('attachmentUrl', itemIndex, ''), 'Attachment URL');
	if (!text.trim() && !attachment) {
		throw new InputError('Text', 'and Attachment URL are both empty', 'Give a text, an attachment link, or both.');
	}

	const account = await wolkvoxAccount(this);
	await waitForTurn(`${account.key}:${connectorId}:${telephone}`);
	const envelope = await wolkvoxCall(this, {
		api: 'send_message_mobil',
		method: 'POST',
		params: { connector_id: connectorId, telephone, message: text, url_attach: attachment },
		kind: 'send',
	});
	return { sent: true, connectorId, to: telephone, code: envelope.code, msg: envelope.msg };
}
