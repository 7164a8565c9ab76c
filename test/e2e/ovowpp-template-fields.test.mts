// OvoWpp Send Template version 3 in real n8n (1.123.81 and 2.41.3), installed as a community
// package: the editor's request for the template's fields (POST /rest/dynamic-node-parameters/
// resource-mapper-fields, as the editor sends it for a template picked From List) gives a field per
// header and body placeholder, and a saved version 3 workflow sends the mapped values as
// header_variables[] and body_variables[] in placeholder order.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-ignore plain ESM script without types
import * as env from '../../scripts/n8n-env.mjs';
// @ts-ignore plain ESM module without types
import { startSandbox } from '../../sandbox/server.mjs';
import { parseExecuteOutput } from './harness';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const PREFIX = `${env.PACKAGE_NAME}.`;
const WORKFLOW_ID = 'wgE2eOvoWppV3Flds';
const wanted = (process.env.N8N_E2E_VERSIONS ?? '').split(',').map((v) => v.trim()).filter(Boolean);
const versions: string[] = wanted.length ? wanted : env.E2E_N8N_VERSIONS;
// delivery_window (#17): a text header "Your delivery {{1}}", a body with {{1}} and {{2}}
const template = { __rl: true, mode: 'list', value: '17', cachedResultName: 'delivery_window (#17)' };
const parameters = { resource: 'message', operation: 'sendTemplate', countryCode: '55', mobile: '11988887777', templateId: template };

describe.skipIf(!process.env.N8N_E2E).each(versions)('n8n %s: OvoWpp Send Template, a field per template variable (node version 3)', (version) => {
	let sandbox: Json;
	let n8n: Json;
	let rest: Json;
	let userFolder: string;
	let credential: Json;
	const cli = (args: string[], opts: Json = {}) => env.n8nCli(version, userFolder, args, opts);

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		userFolder = path.join(env.PACKAGE_ROOT, '.n8n-e2e', `ovowpp-v3-${version}-${process.pid}`);
		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.mkdirSync(userFolder, { recursive: true });
		await env.installPackageIntoUserFolder(userFolder, inject('n8nE2eTarball'));
		const credentials = await env.demoCredentials(sandbox.url);
		credential = credentials.find((c: Json) => c.type === 'ovoWppApi');
		const work = path.join(userFolder, 'import');
		fs.mkdirSync(path.join(work, 'workflows'), { recursive: true });
		fs.writeFileSync(path.join(work, 'credentials.json'), JSON.stringify(credentials));
		await cli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`]);
		const workflow = {
			id: WORKFLOW_ID,
			name: 'OvoWpp Send Template v3 (e2e)',
			active: false,
			nodes: [
				{ id: 'a1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'a2',
					name: 'OvoWpp',
					type: `${PREFIX}ovoWpp`,
					typeVersion: 3,
					position: [200, 0],
					parameters: {
						...parameters,
						templateVariables: { mappingMode: 'defineBelow', value: { body_2: '11:00', header_1: 'A-17', body_1: '={{ "9:" + "00" }}' }, matchingColumns: [], schema: [] },
					},
					credentials: { ovoWppApi: { id: credential.id, name: credential.name } },
				},
			],
			connections: { Start: { main: [[{ node: 'OvoWpp', type: 'main', index: 0 }]] } },
		};
		fs.writeFileSync(path.join(work, 'workflows', `${WORKFLOW_ID}.json`), JSON.stringify(workflow));
		await cli(['import:workflow', '--separate', `--input=${path.join(work, 'workflows')}`]);
		n8n = await env.startN8n(version, userFolder, { port: await env.freePort() });
		rest = await new env.N8nRest(n8n.url).ensureOwnerAndLogin();
		expect((await rest.get('/rest/settings')).versionCli).toBe(version);
	});

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
		if (userFolder && !process.env.N8N_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	it('the editor gets a required field per header and body placeholder of the template picked From List', async () => {
		const result = await rest.post('/rest/dynamic-node-parameters/resource-mapper-fields', {
			path: 'parameters.templateVariables',
			nodeTypeAndVersion: { name: `${PREFIX}ovoWpp`, version: 3 },
			currentNodeParameters: { ...parameters, variablesAs: 'fields' },
			methodName: 'getTemplateVariables',
			credentials: { ovoWppApi: { id: credential.id, name: credential.name } },
		});
		expect(result.fields.map((f: Json) => [f.id, f.displayName, f.required])).toEqual([
			['header_1', 'Header {{1}} in "Your delivery {{1}}"', true],
			['body_1', 'Body {{1}} in "Your delivery is scheduled between {{1}} and {{2}}."', true],
			['body_2', 'Body {{2}} in "Your delivery is scheduled between {{1}} and {{2}}."', true],
		]);
	});

	it('a saved version 3 workflow sends the mapped values as header_variables[] and body_variables[], in placeholder order', async () => {
		await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
		const result = await cli(['execute', `--id=${WORKFLOW_ID}`, '--rawOutput'], { allowFail: true });
		const run = parseExecuteOutput(result.stdout);
		expect(run?.data?.resultData?.error ?? null).toBeNull();
		const messages = (await (await fetch(`${sandbox.url}/_sandbox/messages?provider=ovowpp`)).json()).messages;
		expect(messages.map((m: Json) => [m.to, m.template, m.content.header_variables, m.content.body_variables])).toEqual([['5511988887777', 'delivery_window', ['A-17'], ['9:00', '11:00']]]);
	});
});
