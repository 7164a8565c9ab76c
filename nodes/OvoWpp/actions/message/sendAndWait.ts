import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { timeoutOption } from '../../../shared/description';
import { checkText, readCollection } from '../../../shared/params';
import { SEND_AND_WAIT, sendAndWait, sendAndWaitFields, waitText } from '../../../shared/sendAndWait';
import { WHATSAPP } from '../../../shared/validation';
import { ovoCall, TIMEOUT_MS } from '../../transport';
import { phoneFields, readPhone } from '../../helpers/fields';
import { fromNumberOption, recipientOptions, sendCreatingContact } from '../../helpers/recipient';

export const option = {
	name: 'Send and Wait for Response',
	value: SEND_AND_WAIT,
	description: 'Send a message with links to answer, and wait for the answer',
	action: 'Send message and wait for response',
};

export const description: INodeProperties[] = [
	{
		displayName:
			'The service stores the message, links included, in the conversation that every agent of the panel sees: any agent can open a link and answer for the customer.',
		name: 'sendAndWaitNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['message'], operation: [SEND_AND_WAIT] } },
	},
	...phoneFields('message', [SEND_AND_WAIT]),
	...sendAndWaitFields('message', [...recipientOptions, fromNumberOption(), timeoutOption(TIMEOUT_MS)]),
];

/** The message with its links as free text (`inbox/send-message`), then the wait. */
export async function run(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return sendAndWait(this, async (message) => {
		const phone = readPhone(this, 0);
		// Send's checks, on the body as sent: the message with its links.
		const text = waitText(message, WHATSAPP.textMax, WHATSAPP.source);
		const options = readCollection(this, 'options', 0, 'Options');
		const fields: Record<string, string> = { ...phone, message: text };
		const fromNumber = checkText(options.fromNumber, 'Options → From Number').trim();
		if (fromNumber) fields.from_number = fromNumber;
		await sendCreatingContact(this, 0, phone, () => ovoCall(this, { method: 'POST', path: 'inbox/send-message', fields, kind: 'send' }));
	});
}
