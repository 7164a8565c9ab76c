import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor, timeoutOption, optionsFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { readText } from '../../../shared/params';
import { WHATSAPP } from '../../../shared/validation';
import { TIMEOUT_MS, wolkvoxCall } from '../../transport';
import { connectorField, phoneField, readConnectorId, readPhone } from '../../helpers/fields';
import { textMessageField } from '../../../shared/templateFields';
import { answerRest } from '../../helpers/answer';

export const option = {
	name: 'Send Text',
	value: 'send',
	description: 'Send free text; only works within 24 hours of the customer\'s last reply',
	action: 'Send a text message',
};

export const description: INodeProperties[] = [
	connectorField('message', ['send']),
	phoneField('message', ['send']),
	textMessageField(
		'The message. WhatsApp only delivers free text inside the 24-hour window that opens when the customer replies (usually to a template); outside it, use Send Template.',
		showFor('message', ['send']),
	),
	optionsFor('message', ['send'], [timeoutOption(TIMEOUT_MS)]),
];

/** Free text on an official line: `send_message_official` [doc]. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const connectorId = readConnectorId(this, itemIndex);
	const telephone = readPhone(this, itemIndex);
	const text = readText(this, 'text', itemIndex, 'Text', {
		required: true,
		max: WHATSAPP.textMax,
		maxSource: WHATSAPP.source,
		emptyHint: 'Write the message, or use Send Template to open a conversation.',
	});

	const envelope = await wolkvoxCall(this, {
		api: 'send_message_official',
		method: 'POST',
		params: { connector_id: connectorId, telephone, message: text },
		kind: 'send',
	});
	return { sent: true, connectorId, to: telephone, code: envelope.code, msg: envelope.msg, ...answerRest(envelope) };
}
