// inbox/template-list, and how a template's header or body text is read.

import { loadFacts } from '../../facts.mjs';
import { success } from './http.mjs';
import { paginate } from './paging.mjs';

// The facts the node branches on (nodes/OvoWpp/facts.ts): the sandbox answers from the same ones.
const FACTS = await loadFacts('OvoWpp');

/** The text of a template's header or body: the product answers an object (`{text: …}`), a string, or null. */
export function templateText(part) {
	if (typeof part === 'string') return part;
	const text = part?.[FACTS.templateTextKey.value];
	return typeof text === 'string' ? text : '';
}

export function templateJson(template) {
	const json = structuredClone(template);
	delete json._language; // not a column
	return json;
}

export function listTemplates(ovo, ctx) {
	const page = paginate(ovo, ctx, ovo.db.templates, templateJson, 'select * from `templates` where `user_id` = 1');
	if (page.error) return page.error;
	return success('inbox', ['Template data fetched successfully'], { templates: page.paginator });
}
