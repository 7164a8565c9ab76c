import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ItemResult } from '../../shared/items';
import { runItems } from '../../shared/items';
import { MAX_IN_FLIGHT } from '../transport';
import * as accountGetTokenUsage from './account/getTokenUsage';
import * as mediaUpload from './media/upload';
import * as messageSend from './message/send';
import * as messageSendMobile from './message/sendMobile';
import * as messageSendTemplate from './message/sendTemplate';
import * as templateGetMany from './template/getMany';
import * as templateSync from './template/sync';

export interface Operation {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<ItemResult>;
}

/** resource → operation → its file. The node's menus and its execute both read this table. */
export const operations: Record<string, Record<string, Operation>> = {
	account: { getTokenUsage: accountGetTokenUsage },
	media: { upload: mediaUpload },
	message: { send: messageSend, sendMobile: messageSendMobile, sendTemplate: messageSendTemplate },
	template: { getMany: templateGetMany, sync: templateSync },
};

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Account', value: 'account' },
		{ name: 'Media', value: 'media' },
		{ name: 'Message', value: 'message' },
		{ name: 'Template', value: 'template' },
	],
	default: 'message',
};

const operationMenus: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Token Usage',
				value: 'getTokenUsage',
				description: 'How many calls of the daily budget the token has used today',
				action: 'Get the token usage',
			},
		],
		default: 'getTokenUsage',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		options: [
			{
				name: 'Upload',
				value: 'upload',
				description: 'Register a file from Wolkvox storage as reusable media',
				action: 'Upload a media file',
			},
		],
		default: 'upload',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
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
		default: 'sendTemplate',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{ name: 'Get Many', value: 'getMany', description: 'List the templates of a connector', action: 'Get many templates' },
			{
				name: 'Sync',
				value: 'sync',
				description: 'Bring the templates approved in Meta into Wolkvox',
				action: 'Sync templates',
			},
		],
		default: 'getMany',
	},
];

export const properties: INodeProperties[] = [
	resource,
	...operationMenus,
	...Object.values(operations).flatMap((byOperation) => Object.values(byOperation).flatMap((op) => op.description)),
];

/**
 * Runs the chosen operation for every item. Two items at a time: the transport's per-token limiter
 * is what keeps every Wolkvox node of the process within the provider's two calls in flight.
 */
export async function executeWolkvox(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resourceName = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = operations[resourceName]?.[operation];
	if (!op) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resourceName}" is not known`);
	return runItems(this, (itemIndex) => op.execute.call(this, itemIndex), { concurrency: MAX_IN_FLIGHT });
}
