import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../shared/items';
import { wolkvoxCall } from '../../transport';
import { connectorField, readConnectorId } from '../../helpers/fields';

export const option = {
	name: 'Sync',
	value: 'sync',
	description: 'Bring the templates approved in Meta into Wolkvox',
	action: 'Sync templates',
};

export const description: INodeProperties[] = [connectorField('template', ['sync'])];

/**
 * Brings the templates approved in Meta into Wolkvox: `sync_templates` [doc]. One item per
 * template (`name_template`, `body_template`, `idiom`, `category`).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const connectorId = readConnectorId(this, itemIndex);
	const envelope = await wolkvoxCall(this, {
		api: 'sync_templates',
		method: 'POST',
		params: { connector_id: connectorId },
		// Syncing twice changes nothing: it may be retried like a read.
		kind: 'read',
	});
	const data = envelope.data;
	if (Array.isArray(data)) return data.map((entry) => (entry && typeof entry === 'object' ? entry : { value: entry }) as IDataObject);
	return { synced: true, connectorId, code: envelope.code, msg: envelope.msg, data: (data ?? null) as IDataObject };
}
