import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { simplifyField, wantsSimple } from '../../../shared/simplify';
import { ovoCall } from '../../transport';
import { conversationLocator, locateConversation, SIMPLE_CONVERSATION_TEXT, simplifyConversation } from '../../helpers/conversations';

export const option = { name: 'Get', value: 'get', action: 'Get a conversation' };

export const description: INodeProperties[] = [
	conversationLocator(['get']),
	simplifyField(showFor('conversation', ['get']), SIMPLE_CONVERSATION_TEXT),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const id = await locateConversation(this, itemIndex);
	const envelope = await ovoCall(this, { method: 'GET', path: `inbox/conversation-details/${id}`, kind: 'read' });
	const conversation = (envelope.data?.conversation as IDataObject) ?? {};
	return wantsSimple(this, itemIndex) ? simplifyConversation(conversation) : conversation;
}
