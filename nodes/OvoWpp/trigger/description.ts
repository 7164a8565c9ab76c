import type { INodeProperties } from 'n8n-workflow';
import { optionsCollection } from '../../shared/description';
import { CONVERSATION_STATUSES } from '../helpers/conversations';

/** The trigger's fields, shared by every brand of the OvoWpp product (n8n adds Poll Times itself). */
export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'The API sends no webhooks, so this trigger checks the inbox at every poll time. Items carry the conversation and its contact, with phone, at and sessionKey; text, messageId, type and direction are empty: the API does not give the message.',
		name: 'pollingNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['newConversation', 'conversationUpdated'],
		options: [
			{
				name: 'Conversation Status Changed',
				value: 'statusChanged',
				description:
					'A conversation was moved to another status (done, pending…). Seen at once for the 200 most recently active conversations.',
			},
			{
				name: 'Conversation Updated',
				value: 'conversationUpdated',
				description: 'A known conversation has a new message, received or sent',
			},
			{
				name: 'New Conversation',
				value: 'newConversation',
				description: 'A conversation appeared, usually because a new customer wrote in',
			},
		],
	},
	optionsCollection([
		{
			displayName: 'Clock Tolerance (Minutes)',
			name: 'clockTolerance',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				"How far back the service may stamp a new message and it is still found in a conversation the node does not remember. Each poll reads the list this far below where the inbox stood (one page of 1,000 conversations holds it unless the inbox is very busy).",
		},
		{
			displayName: 'Include Details',
			name: 'includeDetails',
			type: 'boolean',
			default: false,
			description:
				"Whether to fetch each conversation's details (the contact's tags and lists) with one more call per conversation",
		},
		{
			displayName: 'Statuses',
			name: 'statuses',
			type: 'multiOptions',
			options: [...CONVERSATION_STATUSES, { name: 'Unread', value: '4' }],
			default: [],
			description:
				'Only conversations whose status is one of these (for Conversation Status Changed: the new status). Empty means any status.',
		},
	]),
];
