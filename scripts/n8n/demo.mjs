// What `npm run dev` and the tests import into n8n: demo credentials pointing at the sandbox, the
// example workflows made importable, and the webhook URL and activation of an imported workflow.

import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_NAME, PACKAGE_ROOT } from './cache.mjs';
import { n8nCli } from './run.mjs';

/** Credential ids are fixed so re-running dev updates them instead of adding copies. */
export const DEMO_CREDENTIAL_IDS = {
	ovoWppApi: { id: 'wgDemoOvoWppApi1', name: 'OvoWpp (sandbox)' },
	wapiFlowApi: { id: 'wgDemoWapiFlowA1', name: 'WapiFlow (sandbox)' },
	wolkvoxApi: { id: 'wgDemoWolkvoxAp1', name: 'Wolkvox (sandbox)' },
	mensatekApi: { id: 'wgDemoMensatekA1', name: 'Mensatek (sandbox)' },
	// the name examples/mensatek-send-and-report.json refers to; the id it had before it had a name
	mensatekWebhookApi: { id: 'wgDemo20e8912620', name: 'Mensatek reports (sandbox)' },
};

/** n8n credential export format (decrypted data; import:credentials encrypts it). */
export async function demoCredentials(sandboxUrl) {
	const { DEMO_CREDENTIALS } = await import(pathToFileURL(path.join(PACKAGE_ROOT, 'sandbox', 'demo-credentials.mjs')).href);
	const now = new Date().toISOString();
	return Object.entries(DEMO_CREDENTIALS).map(([type, fields]) => ({
		id: DEMO_CREDENTIAL_IDS[type]?.id ?? ('wgDemo' + crypto.createHash('sha1').update(type).digest('hex')).slice(0, 16),
		name: DEMO_CREDENTIAL_IDS[type]?.name ?? `${type} (sandbox)`,
		type,
		data: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v.replace('{url}', sandboxUrl) : v])),
		createdAt: now,
		updatedAt: now,
	}));
}

/** A stable 16-character workflow id for an example file without one. */
function stableId(text) {
	return ('wgEx' + crypto.createHash('sha1').update(text).digest('hex')).slice(0, 16);
}

/**
 * Read examples/*.json and make them importable here: an id, no active flag, and every credential
 * reference of a node pointed at the demo credential of the same type.
 */
export async function prepareExamples(credentials, examplesDir = path.join(PACKAGE_ROOT, 'examples')) {
	if (!fs.existsSync(examplesDir)) return [];
	const byType = Object.fromEntries(credentials.map((c) => [c.type, { id: c.id, name: c.name }]));
	const out = [];
	for (const file of (await fsp.readdir(examplesDir)).filter((f) => f.endsWith('.json')).sort()) {
		let wf;
		try {
			wf = JSON.parse(await fsp.readFile(path.join(examplesDir, file), 'utf8'));
		} catch (e) {
			console.warn(`[dev] skipping examples/${file}: ${e.message}`);
			continue;
		}
		const list = Array.isArray(wf) ? wf : [wf];
		for (const [i, w] of list.entries()) {
			if (!w || !Array.isArray(w.nodes)) continue;
			w.id ||= stableId(`${file}#${i}`);
			w.name ||= path.basename(file, '.json');
			w.active = false;
			w.connections ||= {};
			w.settings ||= {};
			for (const node of w.nodes) {
				// webhook triggers need a stable webhookId for a stable production URL
				if (node.type === `${PACKAGE_NAME}.mensatekTrigger` && !node.webhookId) {
					const h = crypto.createHash('sha1').update(`${w.id}/${node.name}`).digest('hex');
					node.webhookId = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
				}
				if (!node.credentials) continue;
				for (const type of Object.keys(node.credentials)) {
					if (byType[type]) node.credentials[type] = { ...byType[type] };
				}
			}
			out.push({ file, workflow: w });
		}
	}
	return out;
}

/** The production URL n8n serves for a webhook node of an active workflow (static paths only). */
export function productionWebhookUrl(n8nUrl, description, node) {
	const hook = description?.webhooks?.find((w) => (w.name ?? 'default') === 'default') ?? description?.webhooks?.[0];
	if (!hook || typeof hook.path !== 'string' || hook.path.startsWith('=')) return undefined;
	const p = hook.isFullPath === true ? hook.path || node.webhookId : `${node.webhookId}/${hook.path}`;
	return `${n8nUrl.replace(/\/$/, '')}/webhook/${p}`;
}

/** Make a workflow active (n8n 1.x) or published (n8n 2.x); takes effect at n8n's next start. */
export async function activateWorkflow(version, userFolder, id) {
	if (Number(version.split('.')[0]) >= 2) return n8nCli(version, userFolder, ['publish:workflow', `--id=${id}`]);
	return n8nCli(version, userFolder, ['update:workflow', `--id=${id}`, '--active=true']);
}
