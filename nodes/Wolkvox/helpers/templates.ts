import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { InputError } from '../../shared/errors';
import type { CallContext } from '../../shared/http';
import { perRun } from '../../shared/perRun';
import { placeholderCount } from '../../shared/validation';
import { FACTS } from '../facts';
import { wolkvoxCall } from '../transport';

/**
 * A connector's templates as Wolkvox lists them, and what the node reads in one: its review state,
 * the text of a component, how many values it takes. Used by Send Template, Get Many and the
 * editor's lists (methods/).
 */

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

// Read once per run and connector: each item's variables are counted against its template before
// the send, so a wrong count costs no call of the daily budget. A failed read stays failed for
// the run (the transport already retried it), so items after it spend no calls on it either.
const templatesOfRun = perRun<Promise<IDataObject[]>>();

export function templatesOf(ctx: IExecuteFunctions, connectorId: string): Promise<IDataObject[]> {
	return templatesOfRun.get(ctx, connectorId, () => listTemplates(ctx, connectorId));
}

/** Whether a template may be sent: list_templates' status APPROVED [doc]. */
export function isApproved(template: IDataObject): boolean {
	return String(template.status ?? '').toUpperCase() === FACTS.templateApproved.value;
}

function component(template: IDataObject, type: string): IDataObject | undefined {
	const components = Array.isArray(template.components) ? (template.components as IDataObject[]) : [];
	return components.find((c) => String(c.type ?? '').toUpperCase() === type);
}

/** The text of the template's BODY ('' if it has none). */
export function bodyText(template: IDataObject): string {
	return String(component(template, 'BODY')?.text ?? '');
}

/** How many values the BODY takes ({{1}}…{{n}}), and whether the HEADER has variables too. */
export function templateVariables(template: IDataObject): { body: number; header: boolean } {
	const header = component(template, 'HEADER');
	return { body: placeholderCount(bodyText(template)), header: placeholderCount(header?.text) > 0 };
}

/** The example values Meta keeps for the BODY (`example.body_text[0]`), where the template has them. */
export function bodyExamples(template: IDataObject): string[] {
	const example = (component(template, 'BODY')?.example ?? {}) as IDataObject;
	const rows = Array.isArray(example.body_text) ? example.body_text : [];
	return Array.isArray(rows[0]) ? (rows[0] as unknown[]).map(String) : [];
}

/** The template of that name among the connector's, or an error that says so. */
export async function findTemplate(ctx: IExecuteFunctions, connectorId: string, templateName: string, field: string): Promise<IDataObject> {
	const template = (await templatesOf(ctx, connectorId)).find((t) => String(t.name ?? '') === templateName);
	if (!template) {
		throw new InputError(field, `"${templateName}" is not a template of connector ${connectorId}`, 'Pick an approved template of the connector from the list.');
	}
	return template;
}

/**
 * Checks the values against the template's body ({{1}}, {{2}}…). A template whose header also has
 * variables is not checked: how Wolkvox orders those in `template_vars` is [open].
 */
export function checkCount(template: IDataObject, values: string[]): void {
	const { body, header } = templateVariables(template);
	if (header || values.length === body) return;
	throw new InputError(
		'Variables',
		`has ${values.length} value(s); template "${String(template.name)}" has ${body} ({{1}}…)`,
		`Give exactly ${body} value(s), in order.`,
	);
}

/** Wolkvox takes the values joined with `;` [doc], so no value may hold one. */
export function checkSeparators(values: string[], field: (index: number) => string): string[] {
	values.forEach((value, index) => {
		if (value.includes(';')) {
			throw new InputError(field(index), 'contains ";", which Wolkvox uses to separate variables', 'Replace the ";" with "," or another character.');
		}
	});
	return values;
}

/** The id of version 3's mapped field for body placeholder {{n}} (Send Template, methods/resourceMapping.ts). */
export const bodyFieldId = (n: number) => `body_${n}`;
