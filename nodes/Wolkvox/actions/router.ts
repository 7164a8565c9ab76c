import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runItems } from '../../shared/items';
import { chosenOperation, operationTable, perItem } from '../../shared/operations';
import { MAX_IN_FLIGHT } from '../transport';
import { resources } from './versionDescription';

const operations = operationTable(resources);

/**
 * Runs the chosen operation for every item. Two items at a time: the transport's per-token limiter
 * is what keeps every Wolkvox node of the process within the provider's two calls in flight.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const op = chosenOperation(this, operations);
	if (op.run) return op.run.call(this);
	return runItems(this, perItem(this, op), { concurrency: MAX_IN_FLIGHT });
}
