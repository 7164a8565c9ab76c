// Runs once before the e2e files: installs Node 24 and the n8n versions under test (cached after
// the first run), builds the package and packs it, the tarball being what a user would install.
import type { TestProject } from 'vitest/node';
// @ts-ignore plain ESM script without types
import * as env from '../../scripts/n8n-env.mjs';

export function e2eVersions(): string[] {
	const wanted = process.env.N8N_E2E_VERSIONS?.split(',').map((v) => v.trim()).filter(Boolean);
	return wanted?.length ? wanted : env.E2E_N8N_VERSIONS;
}

export default async function setup(project: TestProject) {
	const t0 = Date.now();
	const versions = e2eVersions();
	// both installs at once: mostly network and disk; ~5 minutes cold, instant when cached
	const installs = Promise.all(versions.map((v: string) => env.ensureN8n(v)));
	if (process.env.N8N_E2E_NO_BUILD !== '1') await env.buildPackage({ echo: false });
	const tarball: string = await env.packPackage();
	await installs;
	project.provide('n8nE2eTarball', tarball);
	process.stderr.write(`[e2e] n8n ${versions.join(', ')} ready, package packed (${tarball}) in ${Math.round((Date.now() - t0) / 1000)} s\n`);
}

declare module 'vitest' {
	export interface ProvidedContext {
		n8nE2eTarball: string;
	}
}
