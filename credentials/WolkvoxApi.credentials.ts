import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The API address: the Base URL override when one is given, else https://wv{server}.wolkvox.com.
 * The same rule as wolkvoxBaseUrl() in nodes/Wolkvox/transport.ts, written as an n8n expression
 * because the credential test is a declarative request.
 */
const BASE_URL_EXPRESSION =
	'={{ String($credentials.baseUrl || "").trim() ? String($credentials.baseUrl).trim().replace(/\\/+$/, "") : "https://wv" + String($credentials.server || "").trim() + ".wolkvox.com" }}';

export class WolkvoxApi implements ICredentialType {
	name = 'wolkvoxApi';

	displayName = 'Wolkvox API';

	icon = { light: 'file:../nodes/Wolkvox/wolkvox.svg', dark: 'file:../nodes/Wolkvox/wolkvox.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-whatsapp-gateways/n8n-nodes-whatsapp-gateways/blob/main/docs/wolkvox.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Server Code',
			name: 'server',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 0032',
			description:
				'The code of your operation\'s Wolkvox server: what stands between "wv" and ".wolkvox.com" in its address (for https://wv0032.wolkvox.com, type 0032). Wolkvox gives it with the operation.',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An API token of your Wolkvox operation (your Wolkvox administrator can give you one). Each token allows two requests at a time; the daily budget of calls is the account\'s, shared by all its tokens: licences × 1000 calls.',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://localhost:8787/wolkvox',
			description:
				'Leave empty to use https://wv{Server Code}.wolkvox.com. Set it only to go through a proxy or to use the local sandbox; give the address without /api/v2.',
		},
		{
			displayName:
				'Testing this credential asks Wolkvox for the token\'s usage (information.php?api=token_info), which uses one call of the account\'s daily budget.',
			name: 'testNotice',
			type: 'notice',
			default: '',
		},
	];

	// A function, not a `={{$credentials.token}}` header: n8n would evaluate that expression on every request.
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, 'wolkvox-token': String(credentials.token ?? '') },
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/api/v2/information.php',
			method: 'GET',
			qs: { api: 'token_info' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Wolkvox received no token. Paste the token of your Wolkvox operation.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Wolkvox refused the token (403). Either the token is wrong or belongs to another server (check Token and Server Code), the account\'s budget of calls for today is spent, another system is using the token at this very moment, or Wolkvox is in a maintenance window. Try again in a moment if the token is right.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Nothing answers at this address. Check the Server Code, or the Base URL Override (without /api/v2).',
				},
			},
		],
	};
}
