import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../shared/items';
import * as contactCreate from './contact/create';
import * as contactDelete from './contact/delete';
import * as contactGet from './contact/get';
import * as contactGetMany from './contact/getMany';
import * as contactUpdate from './contact/update';
import * as conversationGet from './conversation/get';
import * as conversationGetMany from './conversation/getMany';
import * as conversationUpdateStatus from './conversation/updateStatus';
import * as messageSend from './message/send';
import * as messageSendTemplate from './message/sendTemplate';
import * as templateGetMany from './template/getMany';

export interface Operation {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<ItemResult>;
}

/** resource → operation → its file. The node's menus and its execute both read this table. */
export const operations: Record<string, Record<string, Operation>> = {
	contact: { create: contactCreate, delete: contactDelete, get: contactGet, getMany: contactGetMany, update: contactUpdate },
	conversation: { get: conversationGet, getMany: conversationGetMany, updateStatus: conversationUpdateStatus },
	message: { send: messageSend, sendTemplate: messageSendTemplate },
	template: { getMany: templateGetMany },
};

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Contact', value: 'contact' },
		{ name: 'Conversation', value: 'conversation' },
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
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a contact' },
			{ name: 'Delete', value: 'delete', action: 'Delete a contact' },
			{ name: 'Get', value: 'get', action: 'Get a contact' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many contacts' },
			{ name: 'Update', value: 'update', action: 'Update a contact' },
		],
		default: 'create',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a conversation' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many conversations' },
			{ name: 'Update Status', value: 'updateStatus', action: 'Update the status of a conversation' },
		],
		default: 'getMany',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{ name: 'Send', value: 'send', action: 'Send a message' },
			{ name: 'Send Template', value: 'sendTemplate', action: 'Send a template message' },
		],
		default: 'send',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [{ name: 'Get Many', value: 'getMany', action: 'Get many templates' }],
		default: 'getMany',
	},
];

export const properties: INodeProperties[] = [
	resource,
	...operationMenus,
	...Object.values(operations).flatMap((byOperation) => Object.values(byOperation).flatMap((op) => op.description)),
];
