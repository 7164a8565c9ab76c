import type {
	IAuthenticate,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

// n8n's credential tester turns an array answer into one item per element and fails the test when
// `body[key] === value` on the first one: so the key is `Res` for both the documented one-element
// array and a bare object. Mensatek's examples give numbers as strings, hence both spellings. The
// codes are providers.md §3's (nodes/Mensatek/facts.ts); a credential file keeps its own copy of the
// texts, as n8n loads it on its own. A body that is just a number (seen from v7) cannot be matched by
// these rules: the Mensatek node's own calls read it.
const refusals: Array<[number, string]> = [
	[
		-1,
		'Mensatek answered with an authentication error (Res -1): it did not accept the API User or API Token. Copy both from the Mensatek panel, Your Data → Configure Account.',
	],
	[-2, 'Mensatek answered Res -2 (not enough credit) to a credit query. Check the account in the Mensatek panel.'],
	[-5, 'Mensatek answered Res -5 (not enough credit) to a credit query. Check the account in the Mensatek panel.'],
	[-3, 'Mensatek answered Res -3 (parameter error) to a credit query. Check that the Base URL points at the Mensatek API v7.'],
	[0, 'Mensatek answered Res 0 to a credit query: the call was not accepted. Check the Base URL and the account in the Mensatek panel.'],
];
const rules: IAuthenticateRuleResponseSuccessBody[] = refusals.flatMap(([res, message]) =>
	[res, String(res)].map((value) => ({ type: 'responseSuccessBody' as const, properties: { key: 'Res', value, message } })),
);

export class MensatekApi implements ICredentialType {
	name = 'mensatekApi';

	displayName = 'Mensatek API';

	icon = { light: 'file:../nodes/Mensatek/mensatek.svg', dark: 'file:../nodes/Mensatek/mensatek.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-whatsapp-gateways/n8n-nodes-whatsapp-gateways/blob/main/docs/mensatek.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API User',
			name: 'apiUser',
			type: 'string',
			default: '',
			required: true,
			description: 'Shown in the Mensatek panel under Your Data → Configure Account',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Shown next to the API User in the Mensatek panel',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.mensatek.com/v7',
			required: true,
			description: 'The address of the Mensatek API v7. Change it only to point at another server, such as the local sandbox.',
		},
	];

	// HTTP Basic: API User as the user name, API Token as the password [doc]. A function, not
	// `={{$credentials…}}` values: n8n would evaluate those expressions on every request.
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		auth: { username: String(credentials.apiUser ?? ''), password: String(credentials.apiToken ?? '') },
	});

	// GetCreditos reads the credit: cheap, changes nothing, and needs valid credentials.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/GetCreditos',
			method: 'POST',
			body: { Resp: 'JSON' },
			json: true,
		},
		rules,
	};
}
