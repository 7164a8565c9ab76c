// Mensatek Send in real n8n (1.123.81 and 2.41.3), installed as a community package (issue 21): a
// new Send showed a red "This template has no variables besides the phone. Retry" before a template
// was chosen. The description n8n serves hides Template Variables until a template is chosen and
// hides n8n's red no-fields line; the editor's request for the fields, sent for a new Send, answers
// no fields and a calm notice, and for a chosen template a field per variable.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-ignore plain ESM script without types
import * as env from '../../scripts/n8n-env.mjs';
// @ts-ignore plain ESM module without types
import { startSandbox } from '../../sandbox/server.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const TYPE = `${env.PACKAGE_NAME}.mensatek`;
const wanted = (process.env.N8N_E2E_VERSIONS ?? '').split(',').map((v) => v.trim()).filter(Boolean);
const versions: string[] = wanted.length ? wanted : env.E2E_N8N_VERSIONS;
const newSend = { resource: 'message', operation: 'send', phone: '', messageType: 'PLANTILLA', templateId: { __rl: true, mode: 'list', value: '' } };

describe.skipIf(!process.env.N8N_E2E).each(versions)('n8n %s: Mensatek Send before and after a template is chosen', (version) => {
	let sandbox: Json;
	let n8n: Json;
	let rest: Json;
	let userFolder: string;
	let credential: Json;
	const cli = (args: string[], opts: Json = {}) => env.n8nCli(version, userFolder, args, opts);
	const fields = (templateId: Json) =>
		rest.post('/rest/dynamic-node-parameters/resource-mapper-fields', {
			path: 'parameters.templateVariables',
			nodeTypeAndVersion: { name: TYPE, version: 2 },
			currentNodeParameters: { ...newSend, templateId },
			methodName: 'getTemplateVariables',
			credentials: { mensatekApi: { id: credential.id, name: credential.name } },
		});

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		userFolder = path.join(env.PACKAGE_ROOT, '.n8n-e2e', `mensatek-mapper-${version}-${process.pid}`);
		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.mkdirSync(path.join(userFolder, 'import'), { recursive: true });
		await env.installPackageIntoUserFolder(userFolder, inject('n8nE2eTarball'));
		const credentials = await env.demoCredentials(sandbox.url);
		credential = credentials.find((c: Json) => c.type === 'mensatekApi');
		const file = path.join(userFolder, 'import', 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials));
		await cli(['import:credentials', `--input=${file}`]);
		n8n = await env.startN8n(version, userFolder, { port: await env.freePort() });
		rest = await new env.N8nRest(n8n.url).ensureOwnerAndLogin();
		expect((await rest.get('/rest/settings')).versionCli).toBe(version);
	});

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
		if (userFolder && !process.env.N8N_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	it('the served description hides Template Variables until a template is chosen, and n8n\'s red no-fields line', async () => {
		const served: Json[] = await rest.get('/types/nodes.json');
		const mapper = served.find((n) => n.name === TYPE)?.properties.find((p: Json) => p.name === 'templateVariables');
		expect(mapper.displayOptions.hide).toEqual({ templateId: [''] });
		expect(mapper.typeOptions.resourceMapper.hideNoDataError).toBe(true);
		expect(mapper.typeOptions.resourceMapper.noFieldsError).toBeUndefined();
	});

	it('the editor\'s request for a new Send answers no fields and a notice saying what to do; a chosen template, a field per variable', async () => {
		const none = await fields({ __rl: true, mode: 'list', value: '' });
		expect(none.fields).toEqual([]);
		expect(none.emptyFieldsNotice).toMatch(/^Choose a template above/);
		const chosen = await fields({ __rl: true, mode: 'list', value: '610000000000002', cachedResultName: 'confirmacion_pedido (es)' });
		expect(chosen.fields.map((f: Json) => [f.id, f.required])).toEqual([
			['Nombre', true],
			['Pedido', true],
		]);
	});
});
