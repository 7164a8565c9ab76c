import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The user and password Mensatek sends with each real-time report (HTTP Basic), as set in its
 * panel. Only the Mensatek Trigger reads it, to check incoming reports; nothing is sent with it.
 */
export class MensatekWebhookApi implements ICredentialType {
	name = 'mensatekWebhookApi';

	displayName = 'Mensatek Reports Webhook API';

	icon = { light: 'file:../nodes/Mensatek/mensatek.svg', dark: 'file:../nodes/Mensatek/mensatek.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-whatsapp-gateways/n8n-nodes-whatsapp-gateways/blob/main/docs/mensatek.md';

	properties: INodeProperties[] = [
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			description: 'The user you enter for Basic authentication in the API configuration of the Mensatek panel',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The password you enter next to it in the Mensatek panel. Choose a long random one.',
		},
	];
}
