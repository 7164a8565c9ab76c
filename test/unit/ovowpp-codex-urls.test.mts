// The docs links of the OvoWpp and WapiFlow nodes (their .node.json codex files): n8n appends
// `?utm_source=…` after any `#anchor`, which is then lost, so each link is a page of its own here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const files = ['OvoWpp/OvoWpp', 'OvoWpp/OvoWppTrigger', 'WapiFlow/WapiFlow', 'WapiFlow/WapiFlowTrigger'].map((name) => `nodes/${name}.node.json`);

describe('OvoWpp and WapiFlow docs links', () => {
	it.each(files)('%s links to pages of this repository without an #anchor', (file) => {
		const { resources } = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
		const urls: string[] = [...resources.primaryDocumentation, ...resources.credentialDocumentation].map((entry: { url: string }) => entry.url);
		expect(urls.length).toBeGreaterThan(1);
		for (const url of urls) {
			expect(url).not.toContain('#');
			const m = /^https:\/\/github\.com\/n8n-nodes-whatsapp-gateways\/n8n-nodes-whatsapp-gateways\/blob\/main\/(docs\/.+\.md)$/.exec(url);
			expect(m, url).toBeTruthy();
			expect(fs.existsSync(path.join(root, m![1])), url).toBe(true);
		}
	});
});
