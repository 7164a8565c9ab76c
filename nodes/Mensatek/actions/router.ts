import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runItems } from '../../shared/items';
import { chosenOperation, operationTable, perItem } from '../../shared/operations';
import { RESOURCES } from './versionDescription';

const OPERATIONS = operationTable(RESOURCES);

/** Runs the chosen operation: batching operations take the whole input, the others go item by item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const op = chosenOperation(this, OPERATIONS);
	if (op.run) return op.run.call(this);
	// One call at a time: Mensatek documents no concurrency limit but blocks connections it finds abusive.
	return runItems(this, perItem(this, op));
}
