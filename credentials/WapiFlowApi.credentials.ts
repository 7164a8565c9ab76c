import { WAPIFLOW } from '../nodes/OvoWpp/brands';
import { ovoWppCredential } from './OvoWppApi.credentials';

/** WapiFlow is a brand of the OvoWpp product: same API and auth, its own name, icon and host. */
export class WapiFlowApi extends ovoWppCredential(WAPIFLOW) {}
