import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runItems } from '../../shared/items';
import type { OperationTable } from '../../shared/operations';
import { chosenOperation, nodeProperties, perItem } from '../../shared/operations';
import { MAX_IN_FLIGHT } from '../transport';
import * as accountGetTokenUsage from './account/getTokenUsage';
import * as mediaUpload from './media/upload';
import * as messageSend from './message/send';
import * as messageSendAndWait from './message/sendAndWait';
import * as messageSendMobile from './message/sendMobile';
import * as messageSendTemplate from './message/sendTemplate';
import * as templateGetMany from './template/getMany';
import * as templateSync from './template/sync';

/** resource → operation → its file. The node's menus and its execute both read this table. */
export const operations: OperationTable = {
	account: { getTokenUsage: accountGetTokenUsage },
	media: { upload: mediaUpload },
	message: { send: messageSend, sendAndWait: messageSendAndWait, sendMobile: messageSendMobile, sendTemplate: messageSendTemplate },
	template: { getMany: templateGetMany, sync: templateSync },
};

const menus = nodeProperties(
	[
		{
			name: 'Account',
			value: 'account',
			defaultOperation: 'getTokenUsage',
			operations: [
				{
					name: 'Get Token Usage',
					value: 'getTokenUsage',
					description: 'Today\'s use of the daily budget of calls, as Wolkvox reports it for the token',
					action: 'Get the token usage',
				},
			],
		},
		{
			name: 'Media',
			value: 'media',
			defaultOperation: 'upload',
			operations: [
				{
					name: 'Upload',
					value: 'upload',
					description: 'Get a sample handle of a file in Wolkvox storage, for creating templates (not for sending)',
					action: 'Upload a media file',
				},
			],
		},
		{
			name: 'Message',
			value: 'message',
			defaultOperation: 'sendTemplate',
			operations: [
				{
					name: 'Send and Wait for Response',
					value: 'sendAndWait',
					description: 'Send a message with links to answer (free text or a template), and wait for the answer',
					action: 'Send message and wait for response',
				},
				{
					name: 'Send Mobile Message',
					value: 'sendMobile',
					description: 'Send a text and/or image link on a mobile (non-official) WhatsApp line',
					action: 'Send a mobile message',
				},
				{
					name: 'Send Template',
					value: 'sendTemplate',
					description: 'Send an approved template; this opens a conversation',
					action: 'Send a template message',
				},
				{
					name: 'Send Text',
					value: 'send',
					description: 'Send free text; only works within 24 hours of the customer\'s last reply',
					action: 'Send a text message',
				},
			],
		},
		{
			name: 'Template',
			value: 'template',
			defaultOperation: 'getMany',
			operations: [
				{ name: 'Get Many', value: 'getMany', description: 'List the templates of a connector', action: 'Get many templates' },
				{
					name: 'Sync',
					value: 'sync',
					description: 'Bring the templates approved in Meta into Wolkvox',
					action: 'Sync templates',
				},
			],
		},
	],
	'message',
	operations,
);

// How the node was proven, on every operation: only send_message_official has its Wolkvox page
// kept in the project (seeds/wolkvox-send-message-official.txt); the rest follow providers.md §2.
const notices: INodeProperties[] = [
	{
		displayName:
			'Checked against Wolkvox\'s published API docs and public client code only, not against a live Wolkvox account',
		name: 'provenNotice',
		type: 'notice',
		default: '',
	},
];

/** The menus, the notices right below them, then every operation's fields. */
const firstField = menus.findIndex((property) => property.name !== 'resource' && property.name !== 'operation');
export const properties: INodeProperties[] = [...menus.slice(0, firstField), ...notices, ...menus.slice(firstField)];

/**
 * Runs the chosen operation for every item. Two items at a time: the transport's per-token limiter
 * is what keeps every Wolkvox node of the process within the provider's two calls in flight.
 */
export async function executeWolkvox(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const op = chosenOperation(this, operations);
	if (op.run) return op.run.call(this);
	return runItems(this, perItem(this, op), { concurrency: MAX_IN_FLIGHT });
}
