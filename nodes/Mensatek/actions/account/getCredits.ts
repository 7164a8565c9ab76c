import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../shared/items';
import { mensatekCall } from '../../transport';

export const description: INodeProperties[] = [];

// One call per run: Mensatek counts fast repeated credit checks as spam.
const creditOfRun = new WeakMap<object, Promise<IDataObject>>();

export async function execute(this: IExecuteFunctions): Promise<ItemResult> {
	let credit = creditOfRun.get(this);
	if (!credit) {
		credit = mensatekCall(this, 'GetCreditos', {}, 'read').then((answer) => ({ Cred: answer.Cred ?? null }));
		creditOfRun.set(this, credit);
	}
	return { ...(await credit) };
}
