import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';
import { currentLocatorValue } from '../../shared/locator';
import { checkConnectorId } from '../helpers/fields';
import { bodyExamples, bodyFieldId, listTemplates, templateVariables } from '../helpers/templates';

/**
 * Send Template (version 3): a field per variable of the chosen template's body, named after its
 * placeholder ({{1}}, {{2}}…), with Meta's example value where the template has one. Each load
 * reads the connector's templates: one call of the daily budget.
 */
export async function getTemplateFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	let connectorId: string;
	try {
		connectorId = checkConnectorId(this.getCurrentNodeParameter('connectorId'));
	} catch {
		return { fields: [], emptyFieldsNotice: 'Enter the Connector ID first' };
	}
	let name: string;
	try {
		name = String(currentLocatorValue(this, 'templateName') ?? '').trim();
	} catch {
		// An expression that needs the input (e.g. {{ $json.template }}) has no value in the editor.
		return { fields: [], emptyFieldsNotice: 'The template is an expression: set Give Variables As to List to give its values in order' };
	}
	if (!name) return { fields: [], emptyFieldsNotice: 'Choose a template first' };
	const template = (await listTemplates(this, connectorId)).find((t) => String(t.name ?? '') === name);
	if (!template) return { fields: [], emptyFieldsNotice: `Connector ${connectorId} has no template "${name}"` };
	const { body, header } = templateVariables(template);
	if (header) {
		// How Wolkvox orders header values in template_vars is not documented: no order is guessed.
		return {
			fields: [],
			emptyFieldsNotice: `The header of "${name}" has variables, and the order Wolkvox expects header and body values in is not documented: set Give Variables As to List and give every value in that order`,
		};
	}
	const examples = bodyExamples(template);
	return {
		fields: Array.from({ length: body }, (_, index) => ({
			id: bodyFieldId(index + 1),
			displayName: `{{${index + 1}}}${examples[index] ? ` e.g. ${examples[index]}` : ''}`,
			required: true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string' as const,
		})),
		emptyFieldsNotice: `Template "${name}" has no variables`,
	};
}
