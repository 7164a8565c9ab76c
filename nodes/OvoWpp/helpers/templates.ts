import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';
import type { CallContext } from '../../shared/http';
import { perRun } from '../../shared/perRun';
import { placeholderCount } from '../../shared/validation';
import { FACTS } from '../facts';
import { ovoPages } from '../transport';

// Templates as sending, Get Many and the pickers need them: the list, review states, the text of a
// header or body, and the placeholders each takes.

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

/** Every template, all pages, each with its status by name. The API cannot filter by status. */
export async function allTemplates(ctx: CallContext, enough: (rows: IDataObject[]) => boolean = () => false): Promise<IDataObject[]> {
	const rows = await ovoPages(ctx, 'inbox/template-list', 'templates', {}, enough, 100);
	return rows.map((template) => ({ ...template, statusName: NAMES[String(template.status)] ?? 'unknown' }));
}

// The templates, read once per run: each item's template is checked without a call of its own.
const templatesOfRun = perRun<Promise<IDataObject[]>>();

/** The template with this ID, from the run's one read of the list (undefined: not in the account). */
export async function templateOfRun(ctx: CallContext, id: string): Promise<IDataObject | undefined> {
	const templates = await templatesOfRun.get(ctx, 'all', () => allTemplates(ctx));
	return templates.find((t) => String(t.id) === id);
}

/** One value a template takes: where ({{n}} of the header or the body) and its field in the mapper. */
export interface TemplatePlaceholder {
	part: 'header' | 'body';
	index: number;
	/** The mapper field's id (`header_1`, `body_2`): no dots or brackets, which n8n reads as paths. */
	id: string;
	/** What the user reads: `Header {{1}}`, `Body {{2}}`. */
	displayName: string;
}

/**
 * The placeholders of a template in the order WhatsApp fills them (header, then body), each once;
 * a part whose text the service did not give is missing from `unknown` instead.
 */
export function templatePlaceholders(template: IDataObject): { placeholders: TemplatePlaceholder[]; unknown: Array<'header' | 'body'> } {
	const counts = templateVariableCounts(template);
	const placeholders: TemplatePlaceholder[] = [];
	const unknown: Array<'header' | 'body'> = [];
	for (const part of ['header', 'body'] as const) {
		const count = counts[part];
		if (count === undefined) {
			unknown.push(part);
			continue;
		}
		const label = part === 'header' ? 'Header' : 'Body';
		for (let index = 1; index <= count; index++) placeholders.push({ part, index, id: `${part}_${index}`, displayName: `${label} {{${index}}}` });
	}
	return { placeholders, unknown };
}
