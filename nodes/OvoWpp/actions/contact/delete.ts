import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { concurrencyOption, showFor, timeoutOption, optionsFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { ovoCall, TIMEOUT_MS } from '../../transport';
import { readContactId } from './get';

export const description: INodeProperties[] = [
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the contact to delete',
		displayOptions: showFor('contact', ['delete']),
	},
	optionsFor('contact', ['delete'], [concurrencyOption, timeoutOption(TIMEOUT_MS)]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const id = readContactId(this.getNodeParameter('contactId', itemIndex));
	await ovoCall(this, { method: 'DELETE', path: `contact/delete/${id}`, kind: 'send' });
	return { deleted: true, id };
}
