import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor } from '../../shared/description';
import { InputError } from '../../shared/errors';
import type { CallContext } from '../../shared/http';
import { locatorField, readLocator } from '../../shared/locator';
import { checkText } from '../../shared/params';
import { perRun } from '../../shared/perRun';
import { FACTS } from '../facts';
import { mensatekCall, objectField } from '../transport';

// Templates as Mensatek lists and describes them: the list, one template's variables, the approved
// check. Send, Send and Wait, Get Many, Get Variables and the editor's methods all read them here.

/** Meta's review states as Mensatek lists them [doc]; only APPROVED templates can be sent. */
export const TEMPLATE_STATES: readonly string[] = FACTS.templateStates.value;
const APPROVED = FACTS.templateApproved.value;

/** Every template of the account, one row each, with its id (the key Mensatek lists it under). */
export async function allTemplates(ctx: CallContext): Promise<IDataObject[]> {
	const answer = await mensatekCall(ctx, 'GetPlantillasWhatsapp', {}, 'read');
	return Object.entries(objectField(answer.Plantillas)).map(([id, template]) => ({ id, ...(template as IDataObject) }));
}

// One list call per run, however many items ask: Mensatek treats repeated identical calls as spam.
const listOfRun = perRun<Promise<IDataObject[]>>();
export const templatesOfRun = (ctx: IExecuteFunctions) => listOfRun.get(ctx, 'list', () => allTemplates(ctx));

/** Approved by Meta, by either of the two fields Mensatek gives (Estado, Verificada). */
export const isApproved = (template: IDataObject) =>
	String(template.Estado ?? '').toUpperCase() === APPROVED.Estado || String(template.Verificada) === APPROVED.Verificada;

/** Refuses, before any send, a template Meta has not approved. */
export function checkApproved(template: IDataObject, field: string): void {
	if (isApproved(template)) return;
	const state = String(template.Estado ?? '').toUpperCase();
	throw new InputError(
		field,
		`"${String(template.Nombre ?? '')}" is ${state || 'not approved'}, not approved by Meta`,
		'Only approved templates can be sent; pick another one or wait for the review.',
	);
}

/** A template variable as Mensatek describes it; `Campo` is the name a recipient's value goes under. */
export interface TemplateVariable extends IDataObject {
	Numero: number;
	Nombre: string;
	Campo: string;
	Donde: string;
	Formato: string;
	Ejemplo: string;
}

export interface TemplateInfo {
	template: IDataObject;
	/** In number order; variable 1 is always the recipient's phone (Campo Telefono). */
	variables: TemplateVariable[];
}

export async function templateInfo(ctx: CallContext, id: string): Promise<TemplateInfo> {
	const answer = await mensatekCall(ctx, 'GetVariablesPlantillaWhatsapp', { Idplantilla: id }, 'read');
	// The template's own fields, without the call's envelope.
	const template = Object.fromEntries(Object.entries(answer).filter(([key]) => !['Variables', 'Res', 'Cred', 'Error'].includes(key)));
	const variables = Object.entries(objectField(answer.Variables))
		.map(([number, variable]) => ({ ...(variable as IDataObject), Numero: Number(number) }) as TemplateVariable)
		.sort((a, b) => a.Numero - b.Numero);
	return { template: { ...template, IdPlantilla: template.IdPlantilla ?? id }, variables };
}

// One call per template per run, however many items ask for it.
const infoOfRun = perRun<Promise<TemplateInfo>>();
export const templateInfoOfRun = (ctx: IExecuteFunctions, id: string) => infoOfRun.get(ctx, id, () => templateInfo(ctx, id));

/** The phone is variable 1 (Campo Telefono): the node fills it from the recipient field. */
export const isPhoneVariable = (variable: TemplateVariable) =>
	String(variable.Campo).toLowerCase() === 'telefono' || String(variable.Formato).toUpperCase() === 'TELEFONO';

/** The variables a user gives a value for: all but the phone. */
export const userVariables = (variables: TemplateVariable[]) => variables.filter((variable) => !isPhoneVariable(variable));

/** A template id (digits only) from version 2's locator or version 1's dropdown. */
export function readTemplateId(ctx: IExecuteFunctions, itemIndex: number): string {
	const id = checkText(readLocator(ctx, 'templateId', itemIndex).value, 'Template Name or ID').trim();
	if (!/^\d+$/.test(id)) {
		throw new InputError('Template Name or ID', `"${id}" is not a template ID`, 'Pick a template from the list, or give the number Mensatek lists it under.');
	}
	return id;
}

/** Where Send (template messages) and Get Variables show the template. */
export const templateDisplay = (resource: 'message' | 'template', operation: string): INodeProperties['displayOptions'] =>
	resource === 'message'
		? { show: { resource: ['message'], operation: [operation], messageType: ['PLANTILLA'] } }
		: showFor('template', [operation]);

/** The template picker of Send (approved ones) and Get Variables (any): From List or By ID. */
export const templateLocator = (resource: 'message' | 'template', operation: string): INodeProperties =>
	locatorField({
		displayName: 'Template',
		name: 'templateId',
		description:
			resource === 'message'
				? 'An approved template: pick it from the list (search by name), or give the template ID (the number Mensatek lists it under)'
				: 'Pick the template from the list (search by name), or give the template ID (the number Mensatek lists it under)',
		searchListMethod: resource === 'message' ? 'searchApprovedTemplates' : 'searchTemplates',
		byId: { regex: '^\\s*\\d+\\s*$', error: 'A template ID is a number, e.g. 610000000000001', placeholder: 'e.g. 610000000000001' },
		displayOptions: templateDisplay(resource, operation),
	});
