import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { concurrencyOf } from '../shared/description';
import { runItems } from '../shared/items';
import { operations, properties } from './actions';

/** The operations every brand of the OvoWpp product shows; each node adds its name, icon and credential. */
export const ovoWppProperties = properties;

/** Runs the chosen operation for every item (same for every brand). */
export async function executeOvoWpp(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = operations[resource]?.[operation];
	if (!op) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`);
	return runItems(this, (itemIndex) => op.execute.call(this, itemIndex), { concurrency: concurrencyOf(this) });
}
