// One real n8n per version for an e2e file: the package installed from the packed tarball as a user
// installs it, the sandbox's demo credentials imported, the file's workflows imported, n8n started
// on a free port and logged in. Registers its own beforeAll/afterAll; the handle is filled in then.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject } from 'vitest';
// @ts-ignore plain ESM script without types
import * as env from '../../scripts/n8n-env.mjs';
// @ts-ignore plain ESM module without types
import { startSandbox } from '../../sandbox/server.mjs';
import { parseExecuteOutput } from './harness';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

export const PREFIX = `${env.PACKAGE_NAME}.`;

/** The n8n versions the e2e run covers (N8N_E2E_VERSIONS narrows them). */
export function e2eVersions(): string[] {
	const wanted = (process.env.N8N_E2E_VERSIONS ?? '').split(',').map((v) => v.trim()).filter(Boolean);
	return wanted.length ? wanted : env.E2E_N8N_VERSIONS;
}

export interface Installed {
	sandbox: Json;
	n8n: Json;
	rest: Json;
	/** The demo credentials as imported (id, name, type, data). */
	credentials: Json[];
	/** `n8n execute --id` of a saved workflow: the run as n8n prints it. */
	execute(workflowId: string): Promise<Json>;
}

/** n8n `version` with the package, for the calling file's tests (`label` names its user folder). */
export function installedN8n(version: string, label: string, workflows: (credentials: Json[]) => Json[]): Installed {
	const handle = {} as Installed;
	let userFolder = '';
	const cli = (args: string[], opts: Json = {}) => env.n8nCli(version, userFolder, args, opts);

	beforeAll(async () => {
		handle.sandbox = await startSandbox({ port: 0 });
		userFolder = path.join(env.PACKAGE_ROOT, '.n8n-e2e', `${label}-${version}-${process.pid}`);
		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.mkdirSync(userFolder, { recursive: true });
		await env.installPackageIntoUserFolder(userFolder, inject('n8nE2eTarball'));
		handle.credentials = await env.demoCredentials(handle.sandbox.url);
		const work = path.join(userFolder, 'import');
		fs.mkdirSync(path.join(work, 'workflows'), { recursive: true });
		fs.writeFileSync(path.join(work, 'credentials.json'), JSON.stringify(handle.credentials));
		await cli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`]);
		const list = workflows(handle.credentials);
		for (const wf of list) fs.writeFileSync(path.join(work, 'workflows', `${wf.id}.json`), JSON.stringify(wf));
		if (list.length) await cli(['import:workflow', '--separate', `--input=${path.join(work, 'workflows')}`]);
		handle.n8n = await env.startN8n(version, userFolder, { port: await env.freePort() });
		handle.rest = await new env.N8nRest(handle.n8n.url).ensureOwnerAndLogin();
		expect((await handle.rest.get('/rest/settings')).versionCli).toBe(version);
	});

	afterAll(async () => {
		await handle.n8n?.stop();
		await handle.sandbox?.close();
		if (userFolder && !process.env.N8N_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	handle.execute = async (workflowId) => {
		const result = await cli(['execute', `--id=${workflowId}`, '--rawOutput'], { allowFail: true });
		return parseExecuteOutput(result.stdout);
	};
	return handle;
}

/** A saved workflow: a manual trigger, then `node` (given its name, type, version, parameters, credentials). */
export function manualWorkflow(id: string, name: string, node: Json): Json {
	return {
		id,
		name,
		active: false,
		nodes: [
			{ id: 'a1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'a2', position: [200, 0], ...node },
		],
		connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
	};
}
