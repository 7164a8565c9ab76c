import type { OperationTable } from '../../shared/operations';
import { nodeProperties } from '../../shared/operations';
import * as accountGetCredits from './account/getCredits';
import * as customFunctionCall from './customFunction/call';
import * as messageSend from './message/send';
import * as messageSendAndWait from './message/sendAndWait';
import * as templateGetMany from './template/getMany';
import * as templateGetVariables from './template/getVariables';

/** resource → operation → its file. The node's menus and its execute both read this table. */
export const operations: OperationTable = {
	account: { getCredits: accountGetCredits },
	customFunction: { call: customFunctionCall },
	message: { send: messageSend, sendAndWait: messageSendAndWait },
	template: { getMany: templateGetMany, getVariables: templateGetVariables },
};

export const properties = nodeProperties(
	[
		{
			name: 'Account',
			value: 'account',
			defaultOperation: 'getCredits',
			operations: [{ name: 'Get Credits', value: 'getCredits', action: 'Get the credit of the account' }],
		},
		{
			name: 'Custom Function',
			value: 'customFunction',
			defaultOperation: 'call',
			operations: [{ name: 'Call', value: 'call', action: 'Call a Mensatek function by name' }],
		},
		{
			name: 'Message',
			value: 'message',
			defaultOperation: 'send',
			operations: [
				{ name: 'Send', value: 'send', action: 'Send a message' },
				{
					name: 'Send and Wait for Response',
					value: 'sendAndWait',
					description: 'Send a message with links to answer (free text or a template), and wait for the answer',
					action: 'Send message and wait for response',
				},
			],
		},
		{
			name: 'Template',
			value: 'template',
			defaultOperation: 'getMany',
			operations: [
				{ name: 'Get Many', value: 'getMany', action: 'Get many templates' },
				{ name: 'Get Variables', value: 'getVariables', action: 'Get the variables of a template' },
			],
		},
	],
	'message',
	operations,
);
