import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InputError } from '../../../shared/errors';
import { showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { checkText } from '../../../shared/params';
import { ovoCall } from '../../transport';

export const description: INodeProperties[] = [
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the conversation, as returned by Get Many or by a send',
		displayOptions: showFor('conversation', ['get', 'updateStatus']),
	},
];

export function readConversationId(value: unknown): number {
	const id = Number(checkText(value, 'Conversation ID').trim() || NaN);
	if (!Number.isInteger(id) || id <= 0) {
		throw new InputError('Conversation ID', `"${String(value ?? '')}" is not a conversation ID`, 'Use the numeric id of a conversation, e.g. from Get Many.');
	}
	return id;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const id = readConversationId(this.getNodeParameter('conversationId', itemIndex));
	const envelope = await ovoCall(this, { method: 'GET', path: `inbox/conversation-details/${id}`, kind: 'read' });
	return (envelope.data?.conversation as IDataObject) ?? {};
}
