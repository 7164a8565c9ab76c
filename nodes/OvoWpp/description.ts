import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { concurrencyOf } from '../shared/params';
import { runItems } from '../shared/items';
import { chosenOperation, perItem } from '../shared/operations';
import { operations, properties } from './actions';

/** The operations every brand of the OvoWpp product shows; each node adds its name, icon and credential. */
export const ovoWppProperties = properties;

/** Runs the chosen operation for every item (same for every brand). */
export async function executeOvoWpp(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const op = chosenOperation(this, operations);
	if (op.run) return op.run.call(this);
	return runItems(this, perItem(this, op), { concurrency: concurrencyOf(this) });
}
