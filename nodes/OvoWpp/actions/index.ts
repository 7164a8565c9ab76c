import type { OperationTable } from '../../shared/operations';
import { nodeProperties } from '../../shared/operations';
import * as contactCreate from './contact/create';
import * as contactDelete from './contact/delete';
import * as contactGet from './contact/get';
import * as contactGetMany from './contact/getMany';
import * as contactUpdate from './contact/update';
import * as conversationGet from './conversation/get';
import * as conversationGetMany from './conversation/getMany';
import * as conversationUpdateStatus from './conversation/updateStatus';
import * as messageSend from './message/send';
import * as messageSendAndWait from './message/sendAndWait';
import * as messageSendTemplate from './message/sendTemplate';
import * as templateGetMany from './template/getMany';

export const operations: OperationTable = {
	contact: { create: contactCreate, delete: contactDelete, get: contactGet, getMany: contactGetMany, update: contactUpdate },
	conversation: { get: conversationGet, getMany: conversationGetMany, updateStatus: conversationUpdateStatus },
	message: { send: messageSend, sendAndWait: messageSendAndWait, sendTemplate: messageSendTemplate },
	template: { getMany: templateGetMany },
};

export const properties = nodeProperties(
	[
		{
			name: 'Contact',
			value: 'contact',
			defaultOperation: 'create',
			operations: [
				{ name: 'Create', value: 'create', action: 'Create a contact' },
				{ name: 'Delete', value: 'delete', action: 'Delete a contact' },
				{ name: 'Get', value: 'get', action: 'Get a contact' },
				{ name: 'Get Many', value: 'getMany', action: 'Get many contacts' },
				{ name: 'Update', value: 'update', action: 'Update a contact' },
			],
		},
		{
			name: 'Conversation',
			value: 'conversation',
			defaultOperation: 'getMany',
			operations: [
				{ name: 'Get', value: 'get', action: 'Get a conversation' },
				{ name: 'Get Many', value: 'getMany', action: 'Get many conversations' },
				{ name: 'Update Status', value: 'updateStatus', action: 'Update the status of a conversation' },
			],
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
					description: 'Send a message with links to answer, and wait for the answer',
					action: 'Send message and wait for response',
				},
				{ name: 'Send Template', value: 'sendTemplate', action: 'Send a template message' },
			],
		},
		{
			name: 'Template',
			value: 'template',
			defaultOperation: 'getMany',
			operations: [{ name: 'Get Many', value: 'getMany', action: 'Get many templates' }],
		},
	],
	'message',
	operations,
);
