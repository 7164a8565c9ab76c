import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor } from '../../../shared/description';
import { InputError } from '../../../shared/errors';
import type { CallContext } from '../../../shared/http';
import type { ItemResult } from '../../../shared/items';
import { forVersion, locatorField, readLocator, V1 } from '../../../shared/locator';
import { checkText } from '../../../shared/params';
import { mensatekCall, objectField } from '../../transport';

const templateDisplay = (operations: string[], resource: string): INodeProperties['displayOptions'] =>
	resource === 'message' ? { show: { resource: ['message'], operation: operations, messageType: ['PLANTILLA'] } } : showFor(resource, operations);

/** The template of Send (approved ones) and of Get Variables (any): version 1's dropdown, version 2's locator. */
export const templateIdFields = (operations: string[], resource = 'template'): INodeProperties[] => [
	templateIdField(operations, resource),
	locatorField({
		displayName: 'Template',
		name: 'templateId',
		description:
			resource === 'message'
				? 'An approved template: pick it from the list (search by name), or give the template ID (the number Mensatek lists it under)'
				: 'Pick the template from the list (search by name), or give the template ID (the number Mensatek lists it under)',
		searchListMethod: resource === 'message' ? 'searchApprovedTemplates' : 'searchTemplates',
		byId: { regex: '^\\s*\\d+\\s*$', error: 'A template ID is a number, e.g. 610000000000001', placeholder: 'e.g. 610000000000001' },
		displayOptions: templateDisplay(operations, resource),
	}),
];

const templateIdField = (operations: string[], resource: string): INodeProperties => ({
	displayName: 'Template Name or ID',
	name: 'templateId',
	type: 'options',
	typeOptions: { loadOptionsMethod: resource === 'message' ? 'getApprovedTemplates' : 'getTemplates' },
	default: '',
	required: true,
	description:
		'Choose from the list, or specify the template ID (the number Mensatek lists it under) using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	displayOptions: forVersion(templateDisplay(operations, resource), V1),
});

export const description: INodeProperties[] = templateIdFields(['getVariables']);

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

export function readTemplateId(ctx: IExecuteFunctions, itemIndex: number): string {
	const id = checkText(readLocator(ctx, 'templateId', itemIndex).value, 'Template Name or ID').trim();
	if (!/^\d+$/.test(id)) {
		throw new InputError('Template Name or ID', `"${id}" is not a template ID`, 'Pick a template from the list, or give the number Mensatek lists it under.');
	}
	return id;
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

/** The phone is variable 1 (Campo Telefono): the node fills it from the recipient field. */
export const isPhoneVariable = (variable: TemplateVariable) =>
	String(variable.Campo).toLowerCase() === 'telefono' || String(variable.Formato).toUpperCase() === 'TELEFONO';

// One call per template per run, however many items ask for it.
const infoOfRun = new WeakMap<object, Map<string, Promise<TemplateInfo>>>();

export function cachedTemplateInfo(ctx: IExecuteFunctions, id: string): Promise<TemplateInfo> {
	let cache = infoOfRun.get(ctx);
	if (!cache) infoOfRun.set(ctx, (cache = new Map()));
	let info = cache.get(id);
	if (!info) cache.set(id, (info = templateInfo(ctx, id)));
	return info;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const { template, variables } = await cachedTemplateInfo(this, readTemplateId(this, itemIndex));
	return { ...template, Variables: variables };
}
