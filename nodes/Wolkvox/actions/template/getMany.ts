import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAllFields, showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { readOption, wantedRows } from '../../../shared/params';
import { connectorField, readConnectorId } from '../../helpers/fields';
import { templateStatusField } from '../../../shared/templateFields';
import { listTemplates } from '../../helpers/templates';

export const option = { name: 'Get Many', value: 'getMany', description: 'List the templates of a connector', action: 'Get many templates' };

export const description: INodeProperties[] = [
	connectorField('template', ['getMany']),
	...returnAllFields('template', 'getMany'),
	templateStatusField(
		[
			{ name: 'Approved', value: 'APPROVED' },
			{ name: 'Pending', value: 'PENDING' },
			{ name: 'Rejected', value: 'REJECTED' },
		],
		'Only templates in this review state. Only approved templates can be sent.',
		showFor('template', ['getMany']),
	),
];

/** The connector's templates (list_templates [doc]), filtered by review state. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const connectorId = readConnectorId(this, itemIndex);
	const wanted = wantedRows(this, itemIndex);
	const status = readOption(this, 'status', itemIndex, 'Status', ['any', 'APPROVED', 'PENDING', 'REJECTED']);
	const templates = await listTemplates(this, connectorId);
	return templates
		.filter((template) => status === 'any' || String(template.status ?? '').toUpperCase() === status)
		.slice(0, wanted);
}
