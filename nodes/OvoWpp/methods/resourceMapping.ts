import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';
import { currentLocatorValue } from '../../shared/locator';
import { allTemplates, templatePlaceholders, templateText } from '../helpers/templates';

/**
 * Send Template (version 3): a field per placeholder of the chosen template, header first, named
 * after it (`Header {{1}}`, `Body {{1}}`, …), with the template's text beside it so the user sees
 * what each one fills.
 */
export async function getTemplateVariables(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const id = String(currentLocatorValue(this, 'templateId') ?? '').trim();
	if (!/^\d+$/.test(id)) return { fields: [], emptyFieldsNotice: 'Choose a template first' };
	const template = (await allTemplates(this)).find((t) => String(t.id) === id);
	if (!template) return { fields: [], emptyFieldsNotice: `There is no template ${id} in this account` };
	const { placeholders, unknown } = templatePlaceholders(template);
	const text = { header: templateText(template.header), body: templateText(template.body) };
	return {
		fields: placeholders.map((placeholder) => ({
			id: placeholder.id,
			displayName: `${placeholder.displayName} in "${cut(text[placeholder.part] ?? '', 60)}"`,
			required: true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
		})),
		emptyFieldsNotice: unknown.length
			? `OvoWpp did not give the text of this template's ${unknown.join(' and ')}: give its values with Give Variables As → List`
			: 'This template takes no variables',
	};
}

const cut = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text);
