import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { allTemplates, isApproved } from '../actions/template/getMany';

const option = (template: Record<string, unknown>): INodePropertyOptions => ({
	name: `${String(template.Nombre)} (${String(template.Idioma ?? '')})`,
	value: String(template.id),
	description: `${String(template.Categoria ?? '')} · ${String(template.Estado ?? '')} · #${String(template.id)}`,
});

/** Approved templates only: the others cannot be sent. */
export async function getApprovedTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templates = await allTemplates(this);
	return templates.filter(isApproved).map(option).sort((a, b) => a.name.localeCompare(b.name));
}

/** Every template, whatever its review state. */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templates = await allTemplates(this);
	return templates.map(option).sort((a, b) => a.name.localeCompare(b.name));
}
