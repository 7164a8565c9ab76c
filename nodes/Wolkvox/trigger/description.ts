import type { INodeProperties } from 'n8n-workflow';
import { authenticationFields, repeatOptions } from '../../shared/webhook';
import { optionsCollection } from '../../shared/description';
import { FACTS } from '../facts';

const SETUP = FACTS.webhookSetup.value;

/** How many notifications one trigger remembers for Skip Repeated Notifications, at most. */
export const REMEMBERED = 10000;

const REPEATS = repeatOptions(
	'Notifications',
	`How long Skip Repeated Notifications remembers one (and never more than the last ${REMEMBERED})`,
	'Whether a notification already received (same message ID and status, or the same incoming message ID) starts nothing. Remembered in the memory of this n8n process: not across restarts, nor between several webhook processes.',
);

export const triggerProperties: INodeProperties[] = [
	{
		displayName: `Copy the Production URL above (Webhook URLs → Production URL) into wolkvox Manager: ${SETUP.path}, for the WhatsApp account whose notifications you want (${SETUP.connectors}; Wolkvox may bill the webhook). Switch on "${SETUP.errorsOnlySwitch}" there to receive delivery errors only. Then activate this workflow: Wolkvox can only call the production URL.`,
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName:
			'Not documented by Wolkvox: what it posts (this trigger reads Meta\'s Cloud API webhook format, entry → changes → value with statuses, messages and errors, and passes anything else through whole as one item with event "unknown"), any authentication or signature, and whether read receipts and incoming messages come without the switch.',
		name: 'openNotice',
		type: 'notice',
		default: '',
	},
	...authenticationFields(
		[
			{ name: 'None (the URL Is the Secret)', value: 'none' },
			{ name: 'Header', value: 'header' },
			{ name: 'Basic Auth', value: 'basicAuth' },
		],
		'Wolkvox documents no authentication. Choose Header or Basic Auth only if you put a proxy in front of n8n that adds them; requests without them then get 401 and start nothing.',
		{
			name: 'secretUrlNotice',
			text: 'Wolkvox signs nothing and sends no password: anyone who knows this URL can start the workflow. Keep the URL secret (do not paste it in tickets or screenshots); if it leaks, delete this trigger and add a new one to get a new URL.',
		},
	),
	{
		displayName: 'Header Name',
		name: 'headerName',
		type: 'string',
		default: '',
		placeholder: 'e.g. X-Proxy-Secret',
		required: true,
		description: 'The header your proxy adds to each request',
		displayOptions: { show: { authentication: ['header'] } },
	},
	{
		displayName: 'Header Value',
		name: 'headerValue',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'The value it must have. Stored with the workflow.',
		displayOptions: { show: { authentication: ['header'] } },
	},
	{
		displayName: 'User',
		name: 'user',
		type: 'string',
		default: '',
		required: true,
		description: 'The Basic Auth user your proxy sends',
		displayOptions: { show: { authentication: ['basicAuth'] } },
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'The Basic Auth password your proxy sends. Stored with the workflow.',
		displayOptions: { show: { authentication: ['basicAuth'] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{
				name: 'Delivery Errors',
				value: 'errors',
				description: `Failed messages and Meta's errors: what Wolkvox sends with "${SETUP.errorsOnlySwitch}" on`,
			},
			{ name: 'All Statuses', value: 'statuses', description: 'Sent, delivered, read and failed, as Wolkvox forwards them' },
			{ name: 'Incoming Messages', value: 'messages', description: 'What customers write, if Wolkvox forwards it' },
		],
		default: ['errors', 'statuses', 'messages'],
		description: 'Which notifications start the workflow. Anything the trigger does not recognise always does (event "unknown").',
	},
	optionsCollection([REPEATS.repeatWindow, REPEATS.skipRepeated]),
];
