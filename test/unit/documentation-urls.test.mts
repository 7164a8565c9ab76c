// n8n opens a credential's documentationUrl with `?utm_source=…` appended, after any `#anchor`, which
// the browser then no longer finds: every link must point at a page of its own, without an anchor.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/* eslint-disable @typescript-eslint/no-explicit-any */
const root = path.resolve(import.meta.dirname, '../..');
const { credentials } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).n8n as { credentials: string[] };

describe('Documentation links', () => {
	it.each(credentials.map((file) => path.basename(file, '.js')))('%s links to a page without an #anchor, in this repository', async (file) => {
		const mod = await import(`../../credentials/${file}.ts`);
		const Cls = mod[file.split('.')[0]];
		const url: string = new Cls().documentationUrl;
		expect(url).not.toContain('#');
		// a page of this repository that exists
		const m = /^https:\/\/github\.com\/n8n-nodes-whatsapp-gateways\/n8n-nodes-whatsapp-gateways\/blob\/main\/(.+)$/.exec(url);
		expect(m, url).toBeTruthy();
		expect(fs.existsSync(path.join(root, m![1])), url).toBe(true);
	});
});
