import { WAPIFLOW } from '../OvoWpp/brands';
import { ovoWppTrigger } from '../OvoWpp/OvoWppTrigger.node';

/** WapiFlow is a brand of the OvoWpp product: OvoWpp's trigger under its own name, icon and credential. */
export class WapiFlowTrigger extends ovoWppTrigger(WAPIFLOW) {}
