/**
 * The brands of the OvoWpp product: one Laravel product resold under several names and hosts
 * (providers.md §1), so one API, one auth and one set of operations. Each brand's node, trigger and
 * credential are made from its row (OvoWpp.node.ts, OvoWppTrigger.node.ts, OvoWppApi.credentials.ts);
 * its own files only name the classes n8n loads. Pure data: the credentials import it too.
 */
export interface OvoWppBrand {
	/** what the user reads: node "X", trigger "X Trigger", credential "X API" */
	displayName: string;
	/** n8n's type names: node `x`, trigger `xTrigger`, credential `xApi` */
	typeName: string;
	/** the brand's external API address: a known host (providers.md §1) and the base path /external-api */
	defaultBaseUrl: string;
	/** the brand's folder under nodes/, holding its node files and icons */
	folder: string;
	/** icon files in that folder */
	icon: { light: `${string}.svg`; dark: `${string}.svg` };
	/** the user's page about the credential and the nodes (no #anchor: n8n appends ?utm_… to the link) */
	docsUrl: string;
}

const DOCS = 'https://github.com/n8n-nodes-whatsapp-gateways/n8n-nodes-whatsapp-gateways/blob/main/docs';

export const OVOWPP: OvoWppBrand = {
	displayName: 'OvoWpp',
	typeName: 'ovoWpp',
	defaultBaseUrl: 'https://www.masenvios.net/external-api',
	folder: 'OvoWpp',
	icon: { light: 'ovowpp.svg', dark: 'ovowpp.dark.svg' },
	docsUrl: `${DOCS}/ovowpp.md`,
};

export const WAPIFLOW: OvoWppBrand = {
	displayName: 'WapiFlow',
	typeName: 'wapiFlow',
	defaultBaseUrl: 'https://wapiflow.cloud/external-api',
	folder: 'WapiFlow',
	icon: { light: 'wapiflow.svg', dark: 'wapiflow.dark.svg' },
	docsUrl: `${DOCS}/ovowpp.md`,
};

export const credentialName = (brand: OvoWppBrand) => `${brand.typeName}Api`;
