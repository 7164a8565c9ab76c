// Issue 21, Mensatek: the per-resource layout (an operation file imports no other operation; methods/
// import helpers/, never actions/; one per-run cache helper; WhatsApp's limits and the URL check from
// shared/validation; one approved check reading facts.ts), and the behaviour it keeps: the approved
// check and the required URL refuse before any call, on Send and on Send and Wait.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chain, PACKAGE, runWorkflow, startWaitingWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';

const ROOT = path.resolve(import.meta.dirname, '../../nodes/Mensatek');
const sources = (dir: string): string[] =>
	fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const imports = (file: string) => [...read(file).matchAll(/from '(\.[^']*)'/g)].map((m) => path.join(path.dirname(file), m[1]));
// the trigger's files belong to another piece of work
const NODE_FILES = sources('.').filter((f) => !/Trigger|webhook/.test(f));

describe('Mensatek layout', () => {
	const operations = sources('actions').filter((f) => /^actions\/[^/]+\/[^/]+\.ts$/.test(f) && !f.endsWith('/index.ts'));

	it('each operation file holds its menu entry and imports no other operation; each resource index lists them', () => {
		expect(operations.length).toBeGreaterThanOrEqual(6);
		for (const file of operations) {
			expect(read(file), file).toMatch(/export const option = /);
			const other = imports(file).filter((target) => target.startsWith('actions/'));
			expect(other, `${file} imports an operation`).toEqual([]);
			const index = read(path.join(path.dirname(file), 'index.ts'));
			expect(index, `${file} in its menu`).toContain(`from './${path.basename(file, '.ts')}'`);
		}
	});

	it('methods/ and helpers/ import no actions/', () => {
		for (const file of sources('methods').concat(sources('helpers'))) {
			expect(imports(file).filter((target) => target.startsWith('actions')), file).toEqual([]);
		}
	});

	it('one per-run cache helper, WhatsApp limits and the URL check from shared/validation, one approved check', () => {
		for (const file of NODE_FILES) {
			const text = read(file);
			expect(text, file).not.toMatch(/new WeakMap/);
			expect(text, file).not.toMatch(/\b(4096|1024)\b/);
			expect(text, file).not.toMatch(/function checkUrl/);
		}
		expect(NODE_FILES.filter((f) => f !== 'facts.ts' && read(f).includes('templateApproved'))).toEqual(['helpers/templates.ts']);
		expect(NODE_FILES.filter((f) => /\b(isApproved|checkApproved)\b/.test(read(f))).sort()).toEqual(
			['actions/message/send.ts', 'actions/message/sendAndWait.ts', 'helpers/templates.ts', 'methods/loadOptions.ts'].sort(),
		);
	});
});

const sandbox = useSandbox();
const NAME = 'Mensatek';
const node = (parameters: Record<string, unknown>) => ({
	name: NAME,
	type: `${PACKAGE}.mensatek`,
	typeVersion: 2,
	parameters: { resource: 'message', phone: '+34 600 111 222', ...parameters },
	credentials: { mensatekApi: { id: '1', name: 'Mensatek sandbox' } },
});
const run = (parameters: Record<string, unknown>) => runWorkflow(chain(itemsNode([{ json: {} }]), node(parameters)), { mensatekApi: sandbox.credentials('mensatekApi') });
const sends = async () => (await sandbox.requests('mensatek')).filter((r) => r.path.endsWith('/EnviarWHATSAPP'));

describe('Mensatek: what the shared checks refuse, before any send', () => {
	it('Send and Wait refuses a template Meta has not approved (the same check as Send)', async () => {
		const json = chain(
			itemsNode([{ json: {} }]),
			node({
				operation: 'sendAndWait',
				messageKind: 'template',
				templateId: '610000000000004',
				linkVariables: { variable: [{ name: 'Nombre', content: 'approve' }, { name: 'FechaCita', content: 'text', value: 'mañana' }] },
			}),
		);
		const waiting = await startWaitingWorkflow(json, { mensatekApi: sandbox.credentials('mensatekApi') });
		try {
			expect(waiting.first.error(NAME)?.message).toMatch(/Template "recordatorio_cita" is PENDING, not approved by Meta/);
			expect(waiting.first.error(NAME)?.description).toMatch(/Only approved templates can be sent/);
			expect(await sends()).toHaveLength(0);
		} finally {
			await waiting.close();
		}
	});

	for (const [what, url, words] of [
		['an empty File URL (from an expression)', '={{ "" }}', /File URL is empty/],
		['a File URL that is not http(s)', 'ftp://example.com/a.pdf', /File URL "ftp:\/\/example.com\/a.pdf" is not a public http\(s\)/],
	] as const) {
		it(`Send refuses ${what} (Mensatek downloads the file: the URL is required)`, async () => {
			const result = await run({ operation: 'send', messageType: 'DOCUMENTO', url, options: {} });
			const error = result.error(NAME)?.message ?? String(result.output(NAME)[0]?.json.error);
			expect(error).toMatch(words);
			expect(await sends()).toHaveLength(0);
		});
	}

	it('a URL variable of a template gets the same check', async () => {
		const result = await run({
			operation: 'send',
			messageType: 'PLANTILLA',
			templateId: { __rl: true, mode: 'id', value: '610000000000003' },
			templateVariables: { mappingMode: 'defineBelow', value: { Variable_Cabecera_image: 'banner.jpg', Nombre: 'Ana' }, matchingColumns: [], schema: [] },
		});
		const error = result.error(NAME)?.message ?? String(result.output(NAME)[0]?.json.error);
		expect(error).toMatch(/Template Variables → Variable_Cabecera_image "banner.jpg" is not a public http\(s\)/);
		expect(await sends()).toHaveLength(0);
	});
});
