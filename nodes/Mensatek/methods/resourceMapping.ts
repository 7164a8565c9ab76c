import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';
import { currentLocatorValue } from '../../shared/locator';
import { templateInfo, userVariables } from '../helpers/templates';

/**
 * The variables of the chosen template, by the name Mensatek expects them under (`Campo`), so the
 * user maps each one by name. The phone (variable 1) is left out: the Phone field fills it.
 * With no fields, n8n shows `emptyFieldsNotice` as an info notice (the field hides its red error).
 */
export async function getTemplateVariables(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const id = String(currentLocatorValue(this, 'templateId') ?? '').trim();
	if (!/^\d+$/.test(id)) return { fields: [], emptyFieldsNotice: 'Choose a template above: a field for each of its variables then appears here.' };
	const { variables } = await templateInfo(this, id);
	return {
		fields: userVariables(variables).map((variable) => ({
			id: String(variable.Campo),
			displayName: `${variable.Campo}${variable.Donde ? ` (${String(variable.Donde).toLowerCase()})` : ''}${variable.Ejemplo ? ` e.g. ${variable.Ejemplo}` : ''}`,
			required: true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
		})),
		emptyFieldsNotice: 'This template has no variables besides the phone: nothing to map, the Phone field fills it.',
	};
}
