import type {
	IAuthenticate,
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
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
			placeholder: `e.g. ${defaultBaseUrl}`,
			description: `The external API address of your ${brand} panel: the panel's address followed by /external-api. Change it for another brand of the same product, or to point at the local sandbox.`,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. ci_XXXXXXXXXXXXXXXXXXXX',
			description: `Shown in the ${brand} panel under Developer / API (starts with ci_)`,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. cs_XXXXXXXXXXXXXXXXXXXX',
			description: `Shown next to the Client ID (starts with cs_). The panel also lists the IP addresses allowed to call the API: add the public IP of your n8n server there.`,
		},
	];
}

// A function, not `={{$credentials…}}` headers: n8n would evaluate those expressions on every request.
export const ovoWppAuthenticate: IAuthenticate = async (credentials, requestOptions) => ({
	...requestOptions,
	headers: {
		...requestOptions.headers,
		'client-id': String(credentials.clientId ?? ''),
		'client-secret': String(credentials.clientSecret ?? ''),
	},
});

// A one-row template list: cheap, read-only, and it needs a plan with API access. The service
// answers HTTP 200 with status "error" for plans without API access, so the body is checked too.
// n8n's credential test matches a rule on the status code or on one body field's exact value and
// shows a fixed text: it cannot show the service's own words (e.g. the IP address it saw), so each
// message lists what to check.
const onErrorAnswer: IAuthenticateRuleResponseCode[] = [
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message:
				'The service refused the call (401). Check, in your panel under Developer / API: that the public IP address of this n8n server is on the IP whitelist (the service refuses every other address), and that the Client ID and Client Secret are the ones shown there.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 404,
			message: "Nothing answers at this address (404). Check the Base URL: your panel's address followed by /external-api.",
		},
	},
];
const onSuccessAnswer: IAuthenticateRuleResponseSuccessBody[] = [
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'remark',
			value: 'subscription_required',
			message: 'The credentials were accepted but the account has no active plan (or it expired). Check the subscription in the panel.',
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'remark',
			value: 'not_available',
			message: 'The credentials were accepted but the account is on a plan without API access. Upgrade the plan in the panel.',
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'status',
			value: 'error',
			message:
				'The credentials were accepted but the account cannot use the API (no active plan, or a plan without API access). Check the subscription in the panel.',
		},
	},
];

export const ovoWppCredentialTest: ICredentialTestRequest = {
	request: {
		baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
		url: '/inbox/template-list',
		qs: { paginate: 1 },
	},
	// n8n's tester reads both kinds from one list (status-code rules on an error answer, body rules
	// on a 2xx one); the type declares one kind per list
	rules: [...onErrorAnswer, ...onSuccessAnswer] as unknown as IAuthenticateRuleResponseCode[],
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
