import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAllFields, showFor } from '../../../shared/description';
import type { CallContext } from '../../../shared/http';
import type { ItemResult } from '../../../shared/items';
import { readOption, wantedRows } from '../../../shared/params';
import { wolkvoxCall } from '../../transport';
import { connectorField, readConnectorId } from '../fields';

export const description: INodeProperties[] = [
	connectorField('template', ['getMany']),
	...returnAllFields('template', 'getMany'),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any' },
			{ name: 'Approved', value: 'APPROVED' },
			{ name: 'Pending', value: 'PENDING' },
			{ name: 'Rejected', value: 'REJECTED' },
		],
		default: 'any',
		description: 'Only templates in this review state. Only approved templates can be sent.',
		displayOptions: showFor('template', ['getMany']),
	},
];

/** The connector's templates as Meta holds them: `list_templates` → `data.meta_templates[]` [doc]. */
export async function listTemplates(ctx: CallContext, connectorId: string): Promise<IDataObject[]> {
	const envelope = await wolkvoxCall(ctx, {
		api: 'list_templates',
		method: 'GET',
		params: { connector_id: connectorId },
		kind: 'read',
	});
	const data = (envelope.data ?? {}) as IDataObject;
	const templates = data.meta_templates;
	return Array.isArray(templates) ? (templates as IDataObject[]) : [];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const connectorId = readConnectorId(this, itemIndex);
	const wanted = wantedRows(this, itemIndex);
	const status = readOption(this, 'status', itemIndex, 'Status', ['any', 'APPROVED', 'PENDING', 'REJECTED']);
	const templates = await listTemplates(this, connectorId);
	return templates
		.filter((template) => status === 'any' || String(template.status ?? '').toUpperCase() === status)
		.slice(0, wanted);
}
