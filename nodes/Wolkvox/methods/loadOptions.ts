import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { editorConnectorId } from '../helpers/fields';
import { bodyText, isApproved, listTemplates } from '../helpers/templates';

/** The approved templates of the connector chosen in Connector ID (only those can be sent). */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return approvedTemplates(this);
}

/** The connector's approved templates, once each by name, sorted: for the dropdown and the picker. */
export async function approvedTemplates(ctx: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templates = await listTemplates(ctx, editorConnectorId(ctx));
	const seen = new Set<string>();
	const options: INodePropertyOptions[] = [];
	for (const template of templates) {
		const name = String(template.name ?? '');
		if (!name || seen.has(name) || !isApproved(template)) continue;
		seen.add(name);
		const language = template.language ? ` (${String(template.language)})` : '';
		options.push({ name: `${name}${language}`, value: name, description: bodyText(template).slice(0, 200) });
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
