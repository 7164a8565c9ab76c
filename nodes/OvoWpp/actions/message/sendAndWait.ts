import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { timeoutOption } from '../../../shared/description';
import { SEND_AND_WAIT, sendAndWait, sendAndWaitFields } from '../../../shared/sendAndWait';
import { ovoCall, TIMEOUT_MS } from '../../transport';
import { phoneFields, readPhone } from '../fields';
import { fromNumberOption, recipientOptions, sendCreatingContact } from './recipient';

export const description: INodeProperties[] = [
	...phoneFields('message', [SEND_AND_WAIT]),
	...sendAndWaitFields('message', [
		...recipientOptions,
		fromNumberOption(
			'The connected WhatsApp number to send from, exactly as the panel shows it. Empty: the account\'s first number. A number that matches no connected account is refused ("The whatsapp account is not found") and nothing is sent.',
		),
		timeoutOption(TIMEOUT_MS),
	]),
];

/** The message with its links as free text (`inbox/send-message`), then the wait. */
export async function run(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return sendAndWait(this, async (message) => {
		const phone = readPhone(this, 0);
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const fields: Record<string, string> = { ...phone, message: message.text };
		if (options.fromNumber) fields.from_number = String(options.fromNumber).trim();
		await sendCreatingContact(this, 0, phone, () => ovoCall(this, { method: 'POST', path: 'inbox/send-message', fields, kind: 'send' }));
	});
}
