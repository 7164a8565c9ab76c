import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { runItems } from '../shared/items';
import { operations, properties } from './actions';

export const mensatekProperties = properties;

/** Runs the chosen operation: batching operations take the whole input, the others go item by item. */
export async function executeMensatek(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = operations[resource]?.[operation];
	if (op?.run) return op.run.call(this);
	const execute = op?.execute;
	if (!execute) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`);
	// One call at a time: Mensatek documents no concurrency limit but blocks connections it finds abusive.
	return runItems(this, (itemIndex) => execute.call(this, itemIndex));
}
