// Issue 21, OvoWpp: the per-resource layout. An operation file holds its menu entry and imports no
// other operation; each resource's index lists it; methods/ and helpers/ import no actions/; version
// 1's fields live in actions/v1.ts only; one per-run cache helper; WhatsApp's limits from
// shared/validation; one approved check, reading facts.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../nodes/OvoWpp');
const sources = (dir: string): string[] =>
	fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const imports = (file: string) => [...read(file).matchAll(/from '(\.[^']*)'/g)].map((m) => path.join(path.dirname(file), m[1]));
const NODE_FILES = sources('.').filter((f) => !/Trigger|^trigger\//.test(f));

describe('OvoWpp layout', () => {
	const operations = sources('actions').filter((f) => /^actions\/[^/]+\/[^/]+\.ts$/.test(f) && !f.endsWith('/index.ts'));

	it('each operation file holds its menu entry, imports no other operation, and is listed in its resource index', () => {
		expect(operations.length).toBeGreaterThanOrEqual(12);
		for (const file of operations) {
			expect(read(file), file).toMatch(/export const option = /);
			expect(imports(file).filter((target) => target.startsWith('actions/')), `${file} imports an operation`).toEqual([]);
			expect(read(path.join(path.dirname(file), 'index.ts')), `${file} in its menu`).toContain(`from './${path.basename(file, '.ts')}'`);
		}
	});

	it('methods/ and helpers/ import no actions/', () => {
		for (const file of sources('methods').concat(sources('helpers'))) {
			expect(imports(file).filter((target) => target.startsWith('actions')), file).toEqual([]);
		}
	});

	it("version 1's fields are in actions/v1.ts only", () => {
		expect(NODE_FILES.filter((f) => /\bV1\b/.test(read(f)))).toEqual(['actions/v1.ts']);
	});

	it('one per-run cache helper, WhatsApp limits from shared/validation, one approved check reading facts.ts', () => {
		for (const file of NODE_FILES) {
			const text = read(file);
			expect(text, file).not.toMatch(/new WeakMap/);
			expect(text, file).not.toMatch(/\b(4096|1024)\b|TEXT_MAX|CAPTION_MAX/);
		}
		expect(NODE_FILES.filter((f) => f !== 'facts.ts' && read(f).includes('templateApproved'))).toEqual(['helpers/templates.ts']);
	});
});
