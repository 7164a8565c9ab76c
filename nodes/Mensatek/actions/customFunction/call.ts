import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor } from '../../../shared/description';
import { InputError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/items';
import { nodeParameter, readBoolean, readText } from '../../../shared/params';
import { normalizePhone } from '../../../shared/phone';
import { mensatekCall } from '../../transport';
import { parseJsonObject } from '../../helpers/messageData';

export const option = { name: 'Call', value: 'call', action: 'Call a Mensatek function by name' };

export const description: INodeProperties[] = [
	{
		displayName:
			'Calls any Mensatek API function by its name. Use it for the functions whose names this node does not know, such as the typing indicator, downloading received media and setting the account status text: see the documentation of this package for the parameters each takes.',
		name: 'customFunctionNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('customFunction', ['call']),
	},
	{
		displayName: 'Function Name',
		name: 'functionName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. GetCreditos',
		description: 'The name of the function as it appears in the Mensatek API documentation (the last part of its URL)',
		displayOptions: showFor('customFunction', ['call']),
	},
	{
		displayName: 'Parameters (JSON)',
		name: 'parameters',
		type: 'json',
		default: '{}',
		description:
			'The parameters of the function as a JSON object, e.g. {"Idmensaje": 1288177432, "Telefono": "34600000000"}. Resp=JSON is always added.',
		displayOptions: showFor('customFunction', ['call']),
	},
	{
		displayName: 'Sends Something',
		name: 'isSend',
		type: 'boolean',
		default: true,
		description:
			'Whether the function changes something at Mensatek or WhatsApp (sends, sets a status). Such a call is never repeated after a lost connection, so it cannot happen twice. Turn off only for functions that just read, which may then be retried.',
		displayOptions: showFor('customFunction', ['call']),
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const name = readText(this, 'functionName', itemIndex, 'Function Name').trim();
	// The name becomes a URL path segment: letters, digits and underscores only, as Mensatek's names are.
	if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
		throw new InputError(
			'Function Name',
			name ? `"${name}" is not a function name` : 'is empty',
			'Give the function name exactly as in the Mensatek API documentation, e.g. GetCreditos (letters, digits and underscores).',
		);
	}
	const parameters = parseJsonObject(nodeParameter(this, 'parameters', itemIndex, '{}'), 'Parameters (JSON)');
	// A phone given here is checked like everywhere else: a bad call costs more than a local check.
	for (const key of Object.keys(parameters)) {
		if (key.toLowerCase() === 'telefono') parameters[key] = normalizePhone(parameters[key], `Parameters (JSON) → ${key}`);
	}
	const isSend = readBoolean(this, 'isSend', itemIndex, 'Sends Something', true);
	const answer = await mensatekCall(this, name, parameters as IDataObject, isSend ? 'send' : 'read');
	return { ...answer };
}
