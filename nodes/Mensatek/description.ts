import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runItems } from '../shared/items';
import { chosenOperation, perItem } from '../shared/operations';
import { operations, properties } from './actions';

/** How the node was proven, shown on the node and the trigger (and said in docs/mensatek.md). */
export const PROVEN = "Checked against Mensatek's published docs and public client code only, no live account.";

export const mensatekProperties: INodeProperties[] = [{ displayName: PROVEN, name: 'provenNotice', type: 'notice', default: '' }, ...properties];

/** Runs the chosen operation: batching operations take the whole input, the others go item by item. */
export async function executeMensatek(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const op = chosenOperation(this, operations);
	if (op.run) return op.run.call(this);
	// One call at a time: Mensatek documents no concurrency limit but blocks connections it finds abusive.
	return runItems(this, perItem(this, op));
}
