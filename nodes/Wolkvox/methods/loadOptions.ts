import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { matchesFilter } from '../../shared/locator';
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
	return approvedTemplates(this);
}

/**
 * Version 2's "From List" of Send Template: the same templates, filtered by the text typed. The
 * provider lists a connector's templates in one answer, so there is no pagination token.
 */
export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const options = await approvedTemplates(this);
	return { results: options.map(({ name, value }) => ({ name, value: String(value) })).filter((entry) => matchesFilter(entry, filter)) };
}

async function approvedTemplates(ctx: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	let connectorId: string;
	try {
		connectorId = checkConnectorId(ctx.getCurrentNodeParameter('connectorId'));
	} catch (error) {
		const hint = error instanceof InputError ? ` ${error.hint}` : '';
		throw new NodeOperationError(ctx.getNode(), `Enter the Connector ID first to load its templates.${hint}`);
	}
	const templates = await listTemplates(ctx, connectorId);
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
