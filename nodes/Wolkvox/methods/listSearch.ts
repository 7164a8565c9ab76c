import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { matchesFilter } from '../../shared/locator';
import { approvedTemplates } from './loadOptions';

/**
 * Send Template's "From List" (version 2 on): the approved templates, filtered by the text typed.
 * The provider lists a connector's templates in one answer, so there is no pagination token.
 */
export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const options = await approvedTemplates(this);
	return { results: options.map(({ name, value }) => ({ name, value: String(value) })).filter((entry) => matchesFilter(entry, filter)) };
}
