import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { timeoutOption } from '../../../shared/description';
import { readText } from '../../../shared/params';
import { linkVariables, linkVariablesField, readSendAs, SEND_AND_WAIT, sendAndWait, sendAndWaitFields, sendAsField, waitText } from '../../../shared/sendAndWait';
import { WHATSAPP } from '../../../shared/validation';
import { TIMEOUT_MS, wolkvoxCall } from '../../transport';
import { connectorField, phoneField, readConnectorId, readPhone, templateDropdown } from '../../helpers/fields';
import { checkSeparators } from '../../helpers/templates';

const shown = (kind: string) => ({ show: { resource: ['message'], operation: [SEND_AND_WAIT], messageKind: [kind] } });

export const option = {
	name: 'Send and Wait for Response',
	value: SEND_AND_WAIT,
	description: 'Send a message with links to answer (free text or a template), and wait for the answer',
	action: 'Send message and wait for response',
};

export const description: INodeProperties[] = [
	connectorField('message', [SEND_AND_WAIT]),
	phoneField('message', [SEND_AND_WAIT]),
	sendAsField(
		'message',
		'The message with the links below it (send_message_official): only inside the 24-hour window after the customer\'s last reply',
		'An approved template whose variables carry the links (send_template_official): reaches the customer at any time',
	),
	templateDropdown(shown('template')),
	linkVariablesField('message', { messageKind: ['template'] }, false),
	...sendAndWaitFields('message', [timeoutOption(TIMEOUT_MS)], { messageKind: ['text'] }),
];

/** Free text with the links, or a template whose variables hold them; then the wait. */
export async function run(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return sendAndWait(this, async (message) => {
		const connectorId = readConnectorId(this, 0);
		const telephone = readPhone(this, 0);
		const kind = readSendAs(this);
		let params: Record<string, string>;
		if (kind === 'template') {
			const templateName = readText(this, 'templateName', 0, 'Template', { required: true, emptyHint: 'Pick an approved template of the connector from the list.' }).trim();
			const values = linkVariables(this, message.links).map((v) => v.value);
			checkSeparators(values, (index) => `Template Variables → Variable ${index + 1}`);
			params = { connector_id: connectorId, telephone, template_name: templateName, template_vars: values.join(';'), customer_id: '', url_attach: '' };
			await wolkvoxCall(this, { api: 'send_template_official', method: 'POST', params, kind: 'send' });
			return;
		}
		// Send's checks, on the body as sent: the message with its links.
		params = { connector_id: connectorId, telephone, message: waitText(message, WHATSAPP.textMax, WHATSAPP.source) };
		await wolkvoxCall(this, { api: 'send_message_official', method: 'POST', params, kind: 'send' });
	});
}
