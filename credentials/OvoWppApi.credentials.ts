import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** The fields, auth and test shared by every brand of the OvoWpp product; each brand sets its host. */
export function ovoWppCredentialProperties(defaultBaseUrl: string, brand: string): INodeProperties[] {
	return [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: defaultBaseUrl,
			required: true,
			placeholder: defaultBaseUrl,
			description: `The external API address of your ${brand} panel: the panel's address followed by /external-api. Change it for another brand of the same product, or to point at the local sandbox.`,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'ci_XXXXXXXXXXXXXXXXXXXX',
			description: `Shown in the ${brand} panel under Developer / API (starts with ci_)`,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'cs_XXXXXXXXXXXXXXXXXXXX',
			description: `Shown next to the Client ID (starts with cs_). The panel also lists the IP addresses allowed to call the API: add the public IP of your n8n server there.`,
		},
	];
}

export const ovoWppAuthenticate: IAuthenticateGeneric = {
	type: 'generic',
	properties: {
		headers: {
			'client-id': '={{$credentials.clientId}}',
			'client-secret': '={{$credentials.clientSecret}}',
		},
	},
};

// A one-row template list: cheap, read-only, and it needs a plan with API access. The service
// answers HTTP 200 with status "error" for plans without API access, so the body is checked too.
export const ovoWppCredentialTest: ICredentialTestRequest = {
	request: {
		baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
		url: '/inbox/template-list',
		qs: { paginate: 1 },
	},
	rules: [
		{
			type: 'responseSuccessBody',
			properties: {
				key: 'status',
				value: 'error',
				message:
					'The credentials were accepted but the account cannot use the API (no active plan, or a plan without API access). Check the subscription in the panel.',
			},
		},
	],
};

export class OvoWppApi implements ICredentialType {
	name = 'ovoWppApi';

	displayName = 'OvoWpp API';

	icon = { light: 'file:../nodes/OvoWpp/ovowpp.svg', dark: 'file:../nodes/OvoWpp/ovowpp.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-whatsapp-gateways/n8n-nodes-whatsapp-gateways#ovowpp-and-wapiflow';

	properties = ovoWppCredentialProperties('https://www.masenvios.net/external-api', 'OvoWpp');

	authenticate = ovoWppAuthenticate;

	test = ovoWppCredentialTest;
}
