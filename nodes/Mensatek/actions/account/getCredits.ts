import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../shared/items';
import { perRun } from '../../../shared/perRun';
import { mensatekCall } from '../../transport';

export const option = { name: 'Get Credits', value: 'getCredits', action: 'Get the credit of the account' };

export const description: INodeProperties[] = [];

// One call per run: Mensatek counts fast repeated credit checks as spam (a failed one is not repeated either).
const creditOfRun = perRun<Promise<IDataObject>>();

export async function execute(this: IExecuteFunctions): Promise<ItemResult> {
	const credit = creditOfRun.get(this, 'credit', () => mensatekCall(this, 'GetCreditos', {}, 'read').then((answer) => ({ Cred: answer.Cred ?? null })));
	return { ...(await credit) };
}
