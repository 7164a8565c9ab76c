// Wolkvox Send Template version 3 in real n8n (1.123.81 and 2.41.3), installed as a community
// package: the editor's request for the template's fields (POST /rest/dynamic-node-parameters/
// resource-mapper-fields, as the editor sends it for a template picked From List) gives a field per
// body placeholder, and a saved version 3 workflow sends the mapped values as template_vars in order.
import { describe, expect, it } from 'vitest';
import { e2eVersions, installedN8n, manualWorkflow, PREFIX } from './installed';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const WORKFLOW_ID = 'wgE2eWolkvoxV3Fld';
const template = { __rl: true, mode: 'list', value: 'order_confirmation', cachedResultName: 'order_confirmation (es)' };
const parameters = { resource: 'message', operation: 'sendTemplate', connectorId: '1001', phone: '+57 300 123 4567', templateName: template };
const credentialOf = (credentials: Json[]) => {
	const { id, name } = credentials.find((c: Json) => c.type === 'wolkvoxApi');
	return { wolkvoxApi: { id, name } };
};

describe.skipIf(!process.env.N8N_E2E).each(e2eVersions())('n8n %s: Wolkvox Send Template, a field per template variable (node version 3)', (version) => {
	const n8n = installedN8n(version, 'wolkvox-v3', (credentials) => [
		manualWorkflow(WORKFLOW_ID, 'Wolkvox Send Template v3 (e2e)', {
			name: 'Wolkvox',
			type: `${PREFIX}wolkvox`,
			typeVersion: 3,
			parameters: {
				...parameters,
				// saved in another order than the placeholders', one of them an expression
				variableFields: { mappingMode: 'defineBelow', value: { body_2: 'A-77', body_1: '={{ "Ana" }}' }, matchingColumns: [], schema: [] },
			},
			credentials: credentialOf(credentials),
		}),
	]);

	it('the editor gets a required field per body placeholder of the template picked From List', async () => {
		const result = await n8n.rest.post('/rest/dynamic-node-parameters/resource-mapper-fields', {
			path: 'parameters.variableFields',
			nodeTypeAndVersion: { name: `${PREFIX}wolkvox`, version: 3 },
			currentNodeParameters: { ...parameters, variablesAs: 'fields' },
			methodName: 'getTemplateFields',
			credentials: credentialOf(n8n.credentials),
		});
		expect(result.fields.map((f: Json) => [f.id, f.displayName, f.required])).toEqual([
			['body_1', '{{1}}', true],
			['body_2', '{{2}}', true],
		]);
	});

	it('a saved version 3 workflow sends the mapped values as template_vars, in placeholder order', async () => {
		await fetch(`${n8n.sandbox.url}/_sandbox/reset`, { method: 'POST' });
		const run = await n8n.execute(WORKFLOW_ID);
		expect(run?.data?.resultData?.error ?? null).toBeNull();
		const messages = (await (await fetch(`${n8n.sandbox.url}/_sandbox/messages?provider=wolkvox`)).json()).messages;
		expect(messages.map((m: Json) => [m.to, m.content.template_name, m.content.template_vars])).toEqual([['573001234567', 'order_confirmation', 'Ana;A-77']]);
	});
});
