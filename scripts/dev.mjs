#!/usr/bin/env node
// `npm run dev [-- --n8n 2.41.x] [--port 5678] [--sandbox-port 8787] [--reset] [--examples DIR] [--no-build]`
//
// Builds the package, starts the sandbox, installs (first use only) and starts a real n8n with the
// package installed as a community package, demo credentials for every provider pointing at the
// sandbox, and the example workflows imported. Prints the editor's and the sandbox's URLs.
// Ctrl+C stops everything.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	DEFAULT_N8N_VERSION,
	SUPPORTED_N8N_VERSIONS,
	resolveN8nVersion,
	OWNER,
	PACKAGE_ROOT,
	PACKAGE_NAME,
	N8nRest,
	buildPackage,
	cacheDir,
	ensureN8n,
	installPackageIntoUserFolder,
	n8nCli,
	packPackage,
	startN8n,
	demoCredentials,
	prepareExamples,
	activateWorkflow,
	distNodeDescription,
	isN8nInstalled,
	productionWebhookUrl,
} from './n8n-env.mjs';

const MENSATEK_TRIGGER = `${PACKAGE_NAME}.mensatekTrigger`;

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const at = args.indexOf(`--${name}`);
	if (at >= 0) return args[at + 1];
	const eq = args.find((a) => a.startsWith(`--${name}=`));
	return eq ? eq.slice(name.length + 3) : fallback;
};
const flag = (name) => args.includes(`--${name}`);

if (flag('help') || flag('h')) {
	console.log(`usage: npm run dev -- [--n8n VERSION] [--port N] [--sandbox-port N] [--reset] [--no-build]
  --n8n           n8n version to run, default ${DEFAULT_N8N_VERSION}; supported: ${SUPPORTED_N8N_VERSIONS.join(', ')};
                  a line (2.41.x, 2.x) means its newest supported version (installed on first use into ${cacheDir()})
  --port          n8n port (default: first free from 5678)
  --sandbox-port  sandbox port (default 8787, or a free one if taken)
  --reset         start from an empty n8n user folder (forget owner, workflows, executions)
  --examples DIR  import the workflows of DIR instead of examples/
  --no-build      use dist/ as it is`);
	process.exit(0);
}

let version;
try {
	version = resolveN8nVersion(option('n8n', process.env.N8N_VERSION || DEFAULT_N8N_VERSION));
} catch (e) {
	console.error(`[dev] ${e.message}`);
	process.exit(2);
}
const log = (...a) => console.log('[dev]', ...a);

async function main() {
	const t0 = Date.now();
	const { startSandbox } = await import(pathToFileURL(path.join(PACKAGE_ROOT, 'sandbox', 'server.mjs')).href);
	const wantedSandboxPort = Number(option('sandbox-port', process.env.SANDBOX_PORT ?? 8787));
	let sandbox;
	// the phone simulator as a person uses it: statuses move on by themselves, Wolkvox's 24 h window holds
	const phone = { timeline: { deliveredAfterMs: 2000, readAfterMs: 5000 }, wolkvoxWindowHours: 24 };
	try {
		sandbox = await startSandbox({ port: wantedSandboxPort, phone });
	} catch (e) {
		if (e.code !== 'EADDRINUSE') throw e;
		sandbox = await startSandbox({ port: 0, phone });
		log(`port ${wantedSandboxPort} is taken; sandbox on ${sandbox.port} instead`);
	}
	// first thing on screen: the simulator works before n8n is up (n8n's first install takes minutes)
	console.log(`\n  📱 Sandbox phone (WhatsApp simulator): ${sandbox.url}/_sandbox/\n     n8n starts next; its editor's URL follows when it is up.\n`);

	if (!flag('no-build')) await buildPackage();
	log(`n8n ${version}: ${isN8nInstalled(version) ? `cached in ${cacheDir()}` : `installing on first use into ${cacheDir()} (Node 24 + n8n: 4-10 minutes, ~2 GB)`}`);
	const installing = ensureN8n(version, { echo: false });
	installing.catch(() => {}); // awaited below; don't let an early failure count as unhandled
	const tarball = await packPackage();

	let n8n;
	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		log('stopping n8n and the sandbox…');
		await n8n?.stop().catch(() => {});
		await sandbox.close().catch(() => {});
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));

	try {
		await installing;
		const userFolder = path.join(cacheDir(), `dev-user-${version}`);
		if (flag('reset')) await fsp.rm(userFolder, { recursive: true, force: true });
		await fsp.mkdir(userFolder, { recursive: true });
		// a fresh copy of the package each run (same file name, new contents)
		await fsp.rm(path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME), { recursive: true, force: true });
		await installPackageIntoUserFolder(userFolder, tarball);
		log(`package installed as a community package in ${path.join(userFolder, '.n8n', 'nodes')}`);

		// Credentials are re-imported every run: they carry the sandbox's current URL.
		const creds = await demoCredentials(sandbox.url);
		const work = path.join(userFolder, 'import');
		await fsp.rm(work, { recursive: true, force: true });
		await fsp.mkdir(path.join(work, 'workflows'), { recursive: true });
		await fsp.writeFile(path.join(work, 'credentials.json'), JSON.stringify(creds, null, 2));
		await n8nCli(version, userFolder, ['import:credentials', `--input=${path.join(work, 'credentials.json')}`]);
		log(`imported ${creds.length} demo credentials: ${creds.map((c) => c.name).join(', ')}`);

		// Examples are imported once each (so edits made in the editor survive a restart).
		const importedFile = path.join(userFolder, 'imported-examples.json');
		const imported = fs.existsSync(importedFile) ? JSON.parse(await fsp.readFile(importedFile, 'utf8')) : {};
		const examples = await prepareExamples(creds, path.resolve(PACKAGE_ROOT, option('examples', 'examples')));
		const fresh = examples.filter(({ workflow }) => !imported[workflow.id]);
		if (fresh.length) {
			for (const { workflow } of fresh) {
				await fsp.writeFile(path.join(work, 'workflows', `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
			}
			await n8nCli(version, userFolder, ['import:workflow', '--separate', `--input=${path.join(work, 'workflows')}`]);
			// examples with the Mensatek Trigger are made active, so the sandbox's reports reach them
			for (const { workflow } of fresh.filter(({ workflow }) => workflow.nodes.some((n) => n.type === MENSATEK_TRIGGER))) {
				await activateWorkflow(version, userFolder, workflow.id);
				log(`activated "${workflow.name}" (it has a Mensatek Trigger)`);
			}
			for (const { file, workflow } of fresh) imported[workflow.id] = file;
			await fsp.writeFile(importedFile, JSON.stringify(imported, null, 2));
		}
		log(`example workflows: ${examples.length} (${fresh.length} newly imported)`);

		// no --port: startN8n picks a free one from 5678 and picks again if another n8n takes it first
		const port = Number(option('port', 0)) || undefined;
		n8n = await startN8n(version, userFolder, { port, echo: flag('verbose') });
		const rest = new N8nRest(n8n.url);
		await rest.ensureOwnerAndLogin(OWNER);

		// point the sandbox's Mensatek reports at the first active workflow with a Mensatek Trigger
		let reportsTo = '';
		const triggerDescription = distNodeDescription('mensatekTrigger');
		for (const { workflow } of examples) {
			const node = workflow.nodes.find((n) => n.type === MENSATEK_TRIGGER && !n.disabled);
			const url = node && productionWebhookUrl(n8n.url, triggerDescription, node);
			if (!url) continue;
			// the phone reports statuses as they move and the person answers by hand: no automatic
			// reports at send time, no canned reply
			const body = { url, statuses: [], replies: false };
			// the Basic auth the trigger checks: its credential's user/password (or API user/token)
			for (const type of Object.keys(node.credentials ?? {})) {
				const c = creds.find((x) => x.type === type);
				if (!c) continue;
				const user = c.data.user ?? c.data.apiUser;
				const password = c.data.password ?? c.data.apiToken;
				if (user !== undefined) Object.assign(body, { user, password });
			}
			await fetch(`${sandbox.url}/_sandbox/mensatek/report-url`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
			reportsTo = `${url} ("${workflow.name}")`;
			break;
		}

		const secs = Math.round((Date.now() - t0) / 1000);
		console.log(`
  📱 Sandbox phone: ${sandbox.url}/_sandbox/   (each customer's WhatsApp: what they received; answer as them)
  n8n editor:       ${n8n.url}/   log in as ${OWNER.email} / ${OWNER.password}

n8n ${version} with ${PACKAGE_NAME} is running (ready in ${secs} s):
  credentials:   ${creds.map((c) => c.name).join(', ')}
  examples:      ${examples.map((e) => e.workflow.name).join(', ') || '(none yet in examples/)'}
  user folder:   ${userFolder}${reportsTo ? `\n  Mensatek reports from the sandbox go to ${reportsTo}` : ''}

Try it: open "Mensatek: send a template to a list…", click "Execute workflow", open the sandbox phone,
pick Mensatek → Lucía, answer her message, then see the "Mensatek: delivery reports" workflow's
executions in n8n. Ctrl+C stops everything.
`);
		n8n.process.on('exit', (code) => {
			if (!stopping) {
				console.error(`[dev] n8n exited (${code}); last output:\n${n8n.logs().slice(-4000)}`);
				stop(1);
			}
		});
	} catch (e) {
		console.error(`[dev] ${e.stack || e}`);
		await stop(1);
	}
}

main();
