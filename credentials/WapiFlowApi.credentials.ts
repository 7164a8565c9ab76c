import type { ICredentialType } from 'n8n-workflow';
import { ovoWppAuthenticate, ovoWppCredentialProperties, ovoWppCredentialTest } from './OvoWppApi.credentials';

/** WapiFlow is a brand of the OvoWpp product: same API and auth, its own host. */
export class WapiFlowApi implements ICredentialType {
	name = 'wapiFlowApi';

	displayName = 'WapiFlow API';

	icon = { light: 'file:../nodes/WapiFlow/wapiflow.svg', dark: 'file:../nodes/WapiFlow/wapiflow.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-whatsapp-gateways/n8n-nodes-whatsapp-gateways#ovowpp-and-wapiflow';

	properties = ovoWppCredentialProperties('https://wapiflow.cloud/external-api', 'WapiFlow');

	authenticate = ovoWppAuthenticate;

	test = ovoWppCredentialTest;
}
