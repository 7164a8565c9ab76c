import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { InputError } from '../../shared/errors';
import { listTemplates } from '../actions/template/getMany';
import { checkConnectorId } from '../actions/fields';

function bodyText(template: IDataObject): string {
	const components = Array.isArray(template.components) ? (template.components as IDataObject[]) : [];
	const body = components.find((component) => String(component.type ?? '').toUpperCase() === 'BODY');
	return String(body?.text ?? '');
}

/** The approved templates of the connector chosen in Connector ID (only those can be sent). */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	let connectorId: string;
	try {
		connectorId = checkConnectorId(this.getCurrentNodeParameter('connectorId'));
	} catch (error) {
		const hint = error instanceof InputError ? ` ${error.hint}` : '';
		throw new NodeOperationError(this.getNode(), `Enter the Connector ID first to load its templates.${hint}`);
	}
	const templates = await listTemplates(this, connectorId);
	const seen = new Set<string>();
	const options: INodePropertyOptions[] = [];
	for (const template of templates) {
		const name = String(template.name ?? '');
		if (!name || seen.has(name) || String(template.status ?? '').toUpperCase() !== 'APPROVED') continue;
		seen.add(name);
		const language = template.language ? ` (${String(template.language)})` : '';
		options.push({ name: `${name}${language}`, value: name, description: bodyText(template).slice(0, 200) });
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
