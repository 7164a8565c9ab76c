import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAllFields, showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { readOption, wantedRows } from '../../../shared/params';
import { templateStatusField } from '../../../shared/templateFields';
import { TEMPLATE_STATES, templatesOfRun } from '../../helpers/templates';

export const option = { name: 'Get Many', value: 'getMany', action: 'Get many templates' };

export const description: INodeProperties[] = [
	...returnAllFields('template', 'getMany'),
	templateStatusField(
		TEMPLATE_STATES.map((state) => ({ name: state[0] + state.slice(1).toLowerCase(), value: state })),
		'Only templates in this review state at Meta. Only approved templates can be sent.',
		showFor('template', ['getMany']),
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const status = readOption(this, 'status', itemIndex, 'Status', ['any', ...TEMPLATE_STATES]);
	const rows = (await templatesOfRun(this)).filter((t) => status === 'any' || String(t.Estado ?? '').toUpperCase() === status);
	return rows.slice(0, wantedRows(this, itemIndex));
}
