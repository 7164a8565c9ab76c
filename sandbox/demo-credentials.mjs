// The sandbox's fixed demo credentials; `{url}` stands for the sandbox's own address.
// The OvoWpp pair is the one from the recorded responses of the real product.
export const DEMO_CREDENTIALS = {
	ovoWppApi: { baseUrl: '{url}/ovowpp/external-api', clientId: 'ci_HOJTB3RX1D5YFQWNQ2KW', clientSecret: 'cs_FP5PJQOS9H2C5T8KBID5' },
	wapiFlowApi: { baseUrl: '{url}/ovowpp/external-api', clientId: 'ci_HOJTB3RX1D5YFQWNQ2KW', clientSecret: 'cs_FP5PJQOS9H2C5T8KBID5' },
	wolkvoxApi: { server: '0000', token: 'wv_demo_token_0123456789', baseUrl: '{url}/wolkvox' },
	mensatekApi: { apiUser: 'demo@mensatek.test', apiToken: 'mt_demo_token_0123456789', baseUrl: '{url}/mensatek/v7' },
	// What Mensatek's panel would send with each report (Basic auth), checked by the Mensatek Trigger.
	mensatekWebhookApi: { user: 'mensatek-reports', password: 'demo-report-password' },
};

// The names n8n shows for the demo credentials: the ones examples/*.json refer to, and the ones
// `npm run dev` imports them under (scripts/n8n-env.mjs DEMO_CREDENTIAL_IDS uses these).
export const DEMO_CREDENTIAL_NAMES = {
	ovoWppApi: 'OvoWpp (sandbox)',
	wapiFlowApi: 'WapiFlow (sandbox)',
	wolkvoxApi: 'Wolkvox (sandbox)',
	mensatekApi: 'Mensatek (sandbox)',
	mensatekWebhookApi: 'Mensatek reports (sandbox)',
};
