import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { wolkvoxCall } from '../../transport';

export const description: INodeProperties[] = [
	{
		displayName: 'This call itself uses one call of the token\'s daily budget',
		name: 'usageNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('account', ['getTokenUsage']),
	},
];

const ENVELOPE_KEYS = new Set(['code', 'error', 'msg', 'data']);

/**
 * The token's use of the day: `information.php?api=token_info` → `description, token_limit,
 * token_use_today, all_token_today, …` [doc], whether Wolkvox puts them in `data` or beside the
 * envelope. `remainingToday` is the node's own addition, when both numbers are known.
 */
export async function execute(this: IExecuteFunctions): Promise<ItemResult> {
	const envelope = await wolkvoxCall(this, { file: 'information', api: 'token_info', method: 'GET', kind: 'read' });
	const data = envelope.data;
	const usage: IDataObject =
		data && typeof data === 'object' && !Array.isArray(data)
			? { ...(data as IDataObject) }
			: Object.fromEntries(Object.entries(envelope).filter(([key]) => !ENVELOPE_KEYS.has(key)));
	const limit = Number(usage.token_limit);
	const used = Number(usage.token_use_today);
	if (usage.token_limit !== undefined && usage.token_use_today !== undefined && Number.isFinite(limit) && Number.isFinite(used)) {
		usage.remainingToday = Math.max(0, limit - used);
	}
	return usage;
}
