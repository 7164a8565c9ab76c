import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAllFields, showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { readOption, wantedRows } from '../../../shared/params';
import { pick, simplifyField, wantsSimple } from '../../../shared/simplify';
import { allTemplates, TEMPLATE_STATUSES } from '../../helpers/templates';

export const option = { name: 'Get Many', value: 'getMany', action: 'Get many templates' };


/** What Simplify keeps of a template (the list gives 16 fields). */
const SIMPLE_TEMPLATE = ['id', 'name', 'status', 'statusName', 'header_format', 'header', 'body', 'footer'];

export const description: INodeProperties[] = [
	...returnAllFields('template', 'getMany'),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [{ name: 'Any', value: 'any' }, ...TEMPLATE_STATUSES],
		default: 'any',
		description: 'Only templates in this review state. Only approved templates can be sent.',
		displayOptions: showFor('template', ['getMany']),
	},
	simplifyField(showFor('template', ['getMany']), SIMPLE_TEMPLATE.join(', ')),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const wanted = wantedRows(this, itemIndex);
	const status = readOption(this, 'status', itemIndex, 'Status', ['any', ...TEMPLATE_STATUSES.map((s) => String(s.value))]);
	const keep = (template: IDataObject) => status === 'any' || String(template.status) === status;
	const rows = await allTemplates(this, (all) => all.filter(keep).length >= wanted);
	const found = rows.filter(keep).slice(0, wanted);
	return wantsSimple(this, itemIndex) ? found.map((template) => pick(template, SIMPLE_TEMPLATE)) : found;
}
