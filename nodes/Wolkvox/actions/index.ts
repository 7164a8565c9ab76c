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
					description: 'How many calls of the daily budget the token has used today',
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
					description: 'Register a file from Wolkvox storage as reusable media',
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

// Where each operation comes from. Only send_message_official has its Wolkvox page kept in the
// project (seeds/wolkvox-send-message-official.txt); the others follow the API table of
// providers.md, and none has been seen working on a live Wolkvox account yet.
const UNSEEN: Array<[string, string, string]> = [
	['message', 'sendTemplate', 'send_template_official'],
	['message', 'sendMobile', 'send_message_mobil'],
	['message', 'sendAndWait', 'send_template_official (Send As: Template)'],
	['template', 'getMany', 'list_templates'],
	['template', 'sync', 'sync_templates'],
	['media', 'upload', 'upload_media'],
	['account', 'getTokenUsage', 'information.php?api=token_info'],
];
const notices: INodeProperties[] = UNSEEN.map(([resource, operation, api]) => ({
	displayName: `Built from the description of ${api} in Wolkvox's API documentation (not kept in this package); not yet seen working on a live Wolkvox account`,
	name: `notice_${operation}`,
	type: 'notice',
	default: '',
	displayOptions: { show: { resource: [resource], operation: [operation], ...(operation === 'sendAndWait' ? { messageKind: ['template'] } : {}) } },
}));

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
