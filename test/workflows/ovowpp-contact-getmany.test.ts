// Contact › Get Many pages through the contact list (newest first) and filters it itself, because
// the service's own search is broken: each page's rows are checked once, paging stops as soon as
// the limit is reached, and the rows come out in the list's order.
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';
import { runOvo } from './ovowpp-helpers';

const sandbox = useSandbox();
const listCalls = async () => (await sandbox.requests('ovowpp')).filter((r) => r.path.includes('contact/list'));
const getMany = (parameters: Record<string, unknown>) => runOvo(sandbox, [{}], { resource: 'contact', operation: 'getMany', ...parameters });

// 130 contacts on top of the sandbox's 3: every tenth is a "Target", so the matches are spread over three pages of 50.
const COUNT = 130;
const targets = Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % 10 === 0).reverse();

beforeEach(async () => {
	for (let i = 0; i < COUNT; i++) {
		const lastname = i % 10 === 0 ? 'Target' : 'Other';
		await sandbox.control('POST', 'ovowpp/incoming', { mobile_code: '52', mobile: String(5512340000 + i), message: 'hola', firstname: `Bulk${i}`, lastname });
	}
});

describe('OvoWpp Contact: Get Many', () => {
	it('returns every match over all pages, newest first, with one call per page', async () => {
		const before = (await listCalls()).length;
		const { out, error } = await getMany({ returnAll: true, search: 'TARGET' });
		expect(error).toBeUndefined();
		expect(out.map((i) => i.json.firstname)).toEqual(targets.map((i) => `Bulk${i}`));
		expect((await listCalls()).length - before).toBe(3);
	});

	it('stops paging once the limit is reached, and returns exactly the limit', async () => {
		let before = (await listCalls()).length;
		const three = await getMany({ limit: 3, search: 'target' });
		expect(three.out.map((i) => i.json.firstname)).toEqual(['Bulk120', 'Bulk110', 'Bulk100']);
		// the first page (the 50 newest) already holds five targets
		expect((await listCalls()).length - before).toBe(1);

		before = (await listCalls()).length;
		const seven = await getMany({ limit: 7, search: 'target' });
		expect(seven.out.map((i) => i.json.firstname)).toEqual(targets.slice(0, 7).map((i) => `Bulk${i}`));
		expect((await listCalls()).length - before).toBe(2);
	});

	it('without a search, pages until the limit and returns the newest contacts', async () => {
		const before = (await listCalls()).length;
		const { out } = await getMany({ limit: 60 });
		expect(out).toHaveLength(60);
		expect(out.map((i) => i.json.firstname).slice(0, 2)).toEqual(['Bulk129', 'Bulk128']);
		expect(out[59].json.firstname).toBe('Bulk70');
		expect((await listCalls()).length - before).toBe(2);
		const all = await getMany({ returnAll: true });
		expect(all.out).toHaveLength(COUNT + 3);
		expect(new Set(all.out.map((i) => i.json.id)).size).toBe(COUNT + 3);
	});

	it('searches by number, typed with spaces and a plus sign, on the last page as well', async () => {
		const { out } = await getMany({ returnAll: true, search: '+52 55 1234 0003' });
		expect(out.map((i) => i.json.firstname)).toEqual(['Bulk3']);
		const none = await getMany({ returnAll: true, search: 'nobody-by-this-name' });
		expect(none.out).toEqual([]);
	});
});
