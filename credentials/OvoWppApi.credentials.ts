import type { IAuthenticate, IAuthenticateRuleResponseSuccessBody, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import { credentialName, OVOWPP, type OvoWppBrand } from '../nodes/OvoWpp/brands';

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

// A one-row template list: cheap, read-only, and it needs a plan with API access.
// n8n's credential test can only compare one field of the answer's body with a value and show a
// fixed text (n8n 1.x does not even apply its status-code rules to a 401). So the test request takes
// any HTTP status as an answer (`ignoreHttpStatusErrors`) and its body is matched: the service's own
// words pick the advice. What it cannot show is text that varies, like the IP address the service saw.
// The 401 texts, in the order the service checks (providers.md §1 Transport [code]; the exact words
// are in ovowpp-recorded-responses.md P1-001…P1-011). Texts may be localised (quirk 12), so the
// `remark` and `status` rules after them still catch every refusal, with broader advice.
const refusals: Array<[text: string, advice: string]> = [
	[
		'The client id is required',
		'The service received no Client ID. Fill in Client ID: it is shown in your panel under Developer / API and starts with ci_.',
	],
	[
		'The client secret is required',
		'The service received no Client Secret. Fill in Client Secret: it is shown next to the Client ID in your panel under Developer / API and starts with cs_.',
	],
	[
		'Invalid credentials',
		'The service does not know this Client ID and Client Secret ("Invalid credentials"). Copy both again from your panel under Developer / API, and check that the Base URL is the panel they come from.',
	],
	[
		'The credentials provided do not match the ones associated with this user in our records. Please verify the credentials and try again.',
		'The Client ID and Client Secret are known, but the user they belong to is not active on the service (the service answers "The credentials provided do not match…" for a disabled user). Ask the panel\'s administrator to enable the user.',
	],
	[
		'Access to this API endpoint is restricted to IP addresses that have been explicitly whitelisted.',
		"The Client ID and Client Secret are right, but the service refuses calls from this n8n server's IP address. Add the public IP address of this n8n server to the IP whitelist in your panel under Developer / API (the node's own error shows the address the service saw).",
	],
];

const rule = (key: string, value: string, message: string): IAuthenticateRuleResponseSuccessBody => ({
	type: 'responseSuccessBody',
	properties: { key, value, message },
});

export const ovoWppCredentialTest: ICredentialTestRequest = {
	request: {
		baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
		url: '/inbox/template-list',
		qs: { paginate: 1 },
		ignoreHttpStatusErrors: true,
	},
	// n8n returns the first rule that matches, so the precise ones come first
	rules: [
		...refusals.map(([text, advice]) => rule('message[0]', text, advice)),
		rule(
			'remark',
			'Unauthorized',
			'The service refused the call (401). Check, in your panel under Developer / API: that the public IP address of this n8n server is on the IP whitelist (the service refuses every other address), and that the Client ID and Client Secret are the ones shown there.',
		),
		rule('remark', 'not_found', "Nothing answers at this address (404). Check the Base URL: your panel's address followed by /external-api."),
		rule(
			'remark',
			'subscription_required',
			'The credentials were accepted but the account has no active plan (or it expired). Check the subscription in the panel.',
		),
		rule('remark', 'not_available', 'The credentials were accepted but the account is on a plan without API access. Upgrade the plan in the panel.'),
		rule(
			'status',
			'error',
			'The service answered the test with an error. Check the subscription in the panel (a plan with API access) and the Base URL.',
		),
		// an answer that is not JSON (a web page, or nothing): lodash's get, which n8n uses, reads a
		// text's `constructor.name` as "String"; the API always answers JSON (providers.md §1 Transport)
		rule(
			'constructor.name',
			'String',
			"The address answered, but not like the API (no JSON answer). Check the Base URL: your panel's address followed by /external-api (not /extern-api).",
		),
	],
};

/**
 * The credential of one brand of the OvoWpp product (nodes/OvoWpp/brands.ts): the same fields, auth
 * and test, with the brand's name, icon and host. Each brand's file makes its class from it.
 */
export function ovoWppCredential(brand: OvoWppBrand) {
	return class implements ICredentialType {
		name = credentialName(brand);

		displayName = `${brand.displayName} API`;

		icon = { light: `file:../nodes/${brand.folder}/${brand.icon.light}`, dark: `file:../nodes/${brand.folder}/${brand.icon.dark}` } as const;

		documentationUrl = brand.docsUrl;

		properties = ovoWppCredentialProperties(brand.defaultBaseUrl, brand.displayName);

		authenticate = ovoWppAuthenticate;

		test = ovoWppCredentialTest;
	};
}

export class OvoWppApi extends ovoWppCredential(OVOWPP) {}
