import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { matchesFilter } from '../../shared/locator';
import { allTemplates, isApproved } from '../helpers/templates';

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

// Version 2's "From List": the same lists, filtered by the text typed. GetPlantillasWhatsapp gives
// every template in one answer, so there is no pagination token.
const search = (options: INodePropertyOptions[], filter?: string): INodeListSearchResult => ({
	results: options.map(({ name, value }) => ({ name, value: String(value) })).filter((entry) => matchesFilter(entry, filter)),
});

export async function searchApprovedTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return search(await getApprovedTemplates.call(this), filter);
}

export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return search(await getTemplates.call(this), filter);
}
