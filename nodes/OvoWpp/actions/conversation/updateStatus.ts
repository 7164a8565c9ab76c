import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { concurrencyOption, showFor, timeoutOption, optionsFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { readOption } from '../../../shared/params';
import { ovoCall, TIMEOUT_MS } from '../../transport';
import { conversationLocator, CONVERSATION_STATUSES, locateConversation, STATUS_NAMES } from '../../helpers/conversations';

export const option = { name: 'Update Status', value: 'updateStatus', action: 'Update the status of a conversation' };

export const description: INodeProperties[] = [
	conversationLocator(['updateStatus']),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: CONVERSATION_STATUSES,
		default: '1',
		description: 'The new status. Unread cannot be set through the API.',
		displayOptions: showFor('conversation', ['updateStatus']),
	},
	optionsFor('conversation', ['updateStatus'], [concurrencyOption, timeoutOption(TIMEOUT_MS)]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const status = readOption(this, 'status', itemIndex, 'Status', CONVERSATION_STATUSES);
	const id = await locateConversation(this, itemIndex);
	await ovoCall(this, { method: 'POST', path: `inbox/change-conversation-status/${id}`, fields: { status }, kind: 'send' });
	return { id, status: Number(status), statusName: STATUS_NAMES[status] };
}
