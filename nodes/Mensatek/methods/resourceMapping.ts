import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';
import { currentLocatorValue } from '../../shared/locator';
import { isPhoneVariable, templateInfo } from '../actions/template/getVariables';

/**
 * The variables of the chosen template, by the name Mensatek expects them under (`Campo`), so the
 * user maps each one by name. The phone (variable 1) is left out: the Phone field fills it.
 */
export async function getTemplateVariables(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const id = String(currentLocatorValue(this, 'templateId') ?? '').trim();
	if (!/^\d+$/.test(id)) return { fields: [], emptyFieldsNotice: 'Choose a template first' };
	const { variables } = await templateInfo(this, id);
	return {
		fields: variables
			.filter((variable) => !isPhoneVariable(variable))
			.map((variable) => ({
				id: String(variable.Campo),
				displayName: `${variable.Campo}${variable.Donde ? ` (${String(variable.Donde).toLowerCase()})` : ''}${variable.Ejemplo ? ` e.g. ${variable.Ejemplo}` : ''}`,
				required: true,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: 'string',
			})),
		emptyFieldsNotice: 'This template has no variables besides the phone.',
	};
}
