// n8n's scanner ignores inline eslint-disable comments, so an error one hides still fails n8n's
// verification: nodes/ and credentials/ hold none.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..', '..');
const files = (dir: string): string[] =>
	fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

it('no inline eslint-disable in nodes/ or credentials/', () => {
	const found = [...files(path.join(root, 'nodes')), ...files(path.join(root, 'credentials'))]
		.filter((file) => /eslint-disable/.test(fs.readFileSync(file, 'utf8')))
		.map((file) => path.relative(root, file));
	expect(found).toEqual([]);
});
