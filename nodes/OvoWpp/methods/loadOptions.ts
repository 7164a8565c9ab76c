import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { allTemplates } from '../actions/template/getMany';

/** Approved templates from every page of the list (only those can be sent). */
export async function getApprovedTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templates = await allTemplates(this);
	return templates
		.filter((template) => String(template.status) === '1')
		.map((template) => ({
			name: `${template.name} (#${template.id})`,
			value: String(template.id),
			description: String(template.body ?? '').slice(0, 200),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
