import type { INodePropertyOptions } from 'n8n-workflow';

// The service's numeric conversation statuses, shown by name.
export const CONVERSATION_STATUSES: INodePropertyOptions[] = [
	{ name: 'Done', value: '1' },
	{ name: 'Important', value: '3' },
	{ name: 'None', value: '0' },
	{ name: 'Pending', value: '2' },
];

// The list filter also knows Unread (4), which cannot be set as a status.
export const CONVERSATION_STATUS_FILTER: INodePropertyOptions[] = [
	{ name: 'Any', value: 'any' },
	...CONVERSATION_STATUSES,
	{ name: 'Unread', value: '4' },
];

export const STATUS_NAMES: Record<string, string> = { '0': 'none', '1': 'done', '2': 'pending', '3': 'important', '4': 'unread' };
