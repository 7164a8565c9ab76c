import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runItems } from '../../shared/items';
import { chosenOperation, operationTable, perItem } from '../../shared/operations';
import { concurrencyOf } from '../../shared/params';
import { resources } from './versionDescription';

const operations = operationTable(resources);

/** Runs the chosen operation: a batching one on the whole input, any other for every item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const op = chosenOperation(this, operations);
	if (op.run) return op.run.call(this);
	return runItems(this, perItem(this, op), { concurrency: concurrencyOf(this) });
}
