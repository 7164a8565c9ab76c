import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { timeoutOption } from '../../../shared/description';
import { InputError } from '../../../shared/errors';
import { nodeParameter } from '../../../shared/params';
import { normalizePhone } from '../../../shared/phone';
import type { WaitMessage } from '../../../shared/sendAndWait';
import { linkVariables, linkVariablesField, readSendAs, SEND_AND_WAIT, sendAndWait, sendAndWaitFields, sendAsField, waitText } from '../../../shared/sendAndWait';
import { WHATSAPP } from '../../../shared/validation';
import { mensatekCall, TIMEOUT_MS } from '../../transport';
import { phoneField } from '../../helpers/messageData';
import { templateDropdownField } from '../../../shared/templateFields';
import { checkApproved, readTemplateId, templateInfoOfRun, userVariables } from '../../helpers/templates';

export const option = {
	name: 'Send and Wait for Response',
	value: SEND_AND_WAIT,
	description: 'Send a message with links to answer (free text or a template), and wait for the answer',
	action: 'Send message and wait for response',
};

const operation = { resource: ['message'], operation: [SEND_AND_WAIT] };

export const description: INodeProperties[] = [
	phoneField({ show: operation }),
	sendAsField(
		'message',
		'A TEXTO message with the links below it: only within 24 hours of the recipient\'s last message',
		'An approved template (PLANTILLA) whose variables carry the links: reaches the recipient at any time',
	),
	templateDropdownField({
		name: 'templateId',
		method: 'getApprovedTemplates',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: { show: { ...operation, messageKind: ['template'] } },
	}),
	linkVariablesField('message', { messageKind: ['template'] }, true),
	...sendAndWaitFields('message', [timeoutOption(TIMEOUT_MS)], { messageKind: ['text'] }),
];

/** The recipient entry and Datosmensaje of the one message: free text, or the template with links. */
async function message(ctx: IExecuteFunctions, wait: WaitMessage): Promise<IDataObject> {
	const { links } = wait;
	const recipient: IDataObject = { Telefono: normalizePhone(nodeParameter(ctx, 'phone', 0, ''), 'Phone') };
	if (readSendAs(ctx) !== 'template') {
		// {"Texto": …} is the shape the node's Send uses for TEXTO (Mensatek does not document it);
		// Send's checks apply to the body as sent: the message with its links (WhatsApp's text limit, as Send's TEXTO).
		return { Tipomensaje: 'TEXTO', Datosmensaje: { Texto: waitText(wait, WHATSAPP.textMax, WHATSAPP.source) }, Destinatarios: [recipient] };
	}
	const { template, variables } = await templateInfoOfRun(ctx, readTemplateId(ctx, 0));
	const name = String(template.Nombre ?? '');
	checkApproved(template, 'Template');
	const given = Object.fromEntries(linkVariables(ctx, links).map((v) => [v.name, v.value]));
	for (const variable of userVariables(variables)) {
		const value = given[variable.Campo];
		if (value === undefined || value.trim() === '') {
			throw new InputError(
				`Template Variables → ${variable.Campo}`,
				`is missing: template "${name}" needs it (variable ${variable.Numero})`,
				'Add a variable with this name: a text, or one of the links.',
			);
		}
		recipient[variable.Campo] = value;
	}
	return { Tipomensaje: 'PLANTILLA', Datosmensaje: { Plantilla: name }, Destinatarios: [recipient] };
}

/** One EnviarWHATSAPP call for the first item, then the wait. */
export async function run(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return sendAndWait(this, async (wait) => {
		const body = await message(this, wait);
		await mensatekCall(this, 'EnviarWHATSAPP', { ...body, Report: 0 }, 'send');
	});
}
