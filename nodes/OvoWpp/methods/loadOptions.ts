import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { allTemplates, isApproved, templateText } from '../helpers/templates';

/** Approved templates from every page of the list (only those can be sent). */
export async function getApprovedTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templates = await allTemplates(this);
	return templates
		.filter(isApproved)
		.map((template) => ({
			name: `${template.name} (#${template.id})`,
			value: String(template.id),
			// The header and body as text: the service gives the header as an object ({"text": …}).
			description: [templateText(template.header), templateText(template.body)]
				.filter((text) => text?.trim())
				.join(' · ')
				.slice(0, 200),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
