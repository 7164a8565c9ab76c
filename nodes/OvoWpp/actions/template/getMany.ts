import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { returnAllFields, showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { readOption, wantedRows } from '../../../shared/params';
import type { CallContext } from '../../../shared/http';
import { pick, simplifyField, wantsSimple } from '../../../shared/simplify';
import { placeholderCount } from '../../../shared/validation';
import { FACTS } from '../../facts';
import { ovoPages } from '../../transport';

// Template review states, by the service's numbers.
export const TEMPLATE_STATUSES: INodePropertyOptions[] = [
	{ name: 'Approved', value: '1' },
	{ name: 'Disabled', value: '3' },
	{ name: 'Pending', value: '0' },
	{ name: 'Rejected', value: '2' },
];
const NAMES: Record<string, string> = FACTS.templateStatusNames.value;

/** Whether a template can be sent: only approved ones can. */
export const isApproved = (template: IDataObject): boolean => String(template.status) === String(FACTS.templateApproved.value);

/**
 * The text of a template's header or body. The real product answers an object (`{"text": "Order {{1}}"}`)
 * for a header, may answer a plain string, and answers null for a body stored as raw text: then the
 * text is unknown (undefined), not empty.
 */
export function templateText(part: unknown): string | undefined {
	if (typeof part === 'string') return part;
	const text = part && typeof part === 'object' ? (part as IDataObject)[FACTS.templateTextKey.value] : undefined;
	return typeof text === 'string' ? text : undefined;
}

/**
 * How many values the body and the header take ({{1}}, {{2}}, …); undefined where the service did not
 * give the text. Only a text header takes values (a media header has none); a header given as text
 * without a format is read as one.
 */
export function templateVariableCounts(template: IDataObject): { body?: number; header?: number } {
	const body = templateText(template.body);
	const format = String(template.header_format ?? '').toUpperCase();
	const header = templateText(template.header);
	const textHeader = format === FACTS.templateTextHeader.value || (!format && header !== undefined);
	return {
		body: body === undefined ? undefined : placeholderCount(body),
		header: !textHeader ? 0 : header === undefined ? undefined : placeholderCount(header),
	};
}

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

/** Every template, all pages, each with its status by name. The API cannot filter by status. */
export async function allTemplates(
	ctx: CallContext,
	enough: (rows: IDataObject[]) => boolean = () => false,
): Promise<IDataObject[]> {
	const rows = await ovoPages(ctx, 'inbox/template-list', 'templates', {}, enough, 100);
	return rows.map((template) => ({ ...template, statusName: NAMES[String(template.status)] ?? 'unknown' }));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const wanted = wantedRows(this, itemIndex);
	const status = readOption(this, 'status', itemIndex, 'Status', ['any', ...TEMPLATE_STATUSES.map((s) => String(s.value))]);
	const keep = (template: IDataObject) => status === 'any' || String(template.status) === status;
	const rows = await allTemplates(this, (all) => all.filter(keep).length >= wanted);
	const found = rows.filter(keep).slice(0, wanted);
	return wantsSimple(this, itemIndex) ? found.map((template) => pick(template, SIMPLE_TEMPLATE)) : found;
}
