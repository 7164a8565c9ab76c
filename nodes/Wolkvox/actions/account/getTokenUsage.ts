import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { wolkvoxCall } from '../../transport';

export const option = {
	name: 'Get Token Usage',
	value: 'getTokenUsage',
	description: 'Today\'s use of the daily budget of calls, as Wolkvox reports it for the token',
	action: 'Get the token usage',
};

export const description: INodeProperties[] = [
	{
		displayName: 'This call itself uses one call of the account\'s daily budget',
		name: 'usageNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('account', ['getTokenUsage']),
	},
];

const ENVELOPE_KEYS = new Set(['code', 'error', 'msg', 'data']);

/**
 * The day's use as Wolkvox reports it for the token: `information.php?api=token_info` →
 * `description, token_limit, token_use_today, all_token_today, …` [doc], whether Wolkvox puts them
 * in `data` or beside the envelope. The budget is the account's (licences × 1000 calls), and what
 * each field counts (this token, or all the account's tokens) is not documented, so the node adds
 * no figure of its own (no "remaining").
 */
export async function execute(this: IExecuteFunctions): Promise<ItemResult> {
	const envelope = await wolkvoxCall(this, { file: 'information', api: 'token_info', method: 'GET', kind: 'read' });
	const data = envelope.data;
	return data && typeof data === 'object' && !Array.isArray(data)
		? { ...(data as IDataObject) }
		: Object.fromEntries(Object.entries(envelope).filter(([key]) => !ENVELOPE_KEYS.has(key)));
}
