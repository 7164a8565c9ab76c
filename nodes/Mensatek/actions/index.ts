import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../shared/items';
import * as accountGetCredits from './account/getCredits';
import * as customFunctionCall from './customFunction/call';
import * as messageSend from './message/send';
import * as templateGetMany from './template/getMany';
import * as templateGetVariables from './template/getVariables';

/** An operation handles one item (`execute`), or the whole input at once (`run`, for batching). */
export interface Operation {
	description: INodeProperties[];
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<ItemResult>;
	run?: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

/** resource → operation → its file. The node's menus and its execute both read this table. */
export const operations: Record<string, Record<string, Operation>> = {
	account: { getCredits: accountGetCredits },
	customFunction: { call: customFunctionCall },
	message: { send: messageSend },
	template: { getMany: templateGetMany, getVariables: templateGetVariables },
};

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Account', value: 'account' },
		{ name: 'Custom Function', value: 'customFunction' },
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
		options: [{ name: 'Get Credits', value: 'getCredits', action: 'Get the credit of the account' }],
		default: 'getCredits',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customFunction'] } },
		options: [{ name: 'Call', value: 'call', action: 'Call a mensatek function by name' }],
		default: 'call',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [{ name: 'Send', value: 'send', action: 'Send a message' }],
		default: 'send',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{ name: 'Get Many', value: 'getMany', action: 'Get many templates' },
			{ name: 'Get Variables', value: 'getVariables', action: 'Get the variables of a template' },
		],
		default: 'getMany',
	},
];

export const properties: INodeProperties[] = [
	resource,
	...operationMenus,
	...Object.values(operations).flatMap((byOperation) => Object.values(byOperation).flatMap((op) => op.description)),
];
