import { WAPIFLOW } from '../OvoWpp/brands';
import { ovoWppNode } from '../OvoWpp/OvoWpp.node';

/** WapiFlow is a brand of the OvoWpp product: OvoWpp's operations under its own name, icon and credential. */
export class WapiFlow extends ovoWppNode(WAPIFLOW) {}
