import type { INodePropertyOptions } from 'n8n-workflow';
import { FACTS } from '../../facts';

// The service's numeric conversation statuses, shown by name (facts.ts: providers.md §1 Codes).
export const STATUS_NAMES: Record<string, string> = Object.fromEntries(
	Object.entries(FACTS.conversationStatusNames.value).map(([code, name]) => [code, name]),
);

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);
const option = (code: number): INodePropertyOptions => ({ name: STATUS_NAMES[code].replace(/^./, (c) => c.toUpperCase()), value: String(code) });

// The statuses Update Status may set: Done, Important, None, Pending.
export const CONVERSATION_STATUSES: INodePropertyOptions[] = FACTS.conversationStatusSettable.value.map(option).sort(byName);

// The list filter also knows Unread (4), which cannot be set as a status.
export const CONVERSATION_STATUS_FILTER: INodePropertyOptions[] = [
	{ name: 'Any', value: 'any' },
	...CONVERSATION_STATUSES,
	...Object.keys(STATUS_NAMES)
		.map(Number)
		.filter((code) => !(FACTS.conversationStatusSettable.value as readonly number[]).includes(code))
		.map(option),
];
