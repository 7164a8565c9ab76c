// Contact › Get Many pages through the contact list (newest first) and filters it itself, because
// the service's own search is broken: each page's rows are checked once, paging stops as soon as
// the limit is reached, and the rows come out in the list's order. Pages are large (the product
// takes any paginate); a host that refuses a large page gets smaller ones, from the row reached.
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';
import { runOvo } from './ovowpp-helpers';

const sandbox = useSandbox();
const listCalls = async () => (await sandbox.requests('ovowpp')).filter((r) => r.path.includes('contact/list'));
const getMany = async (parameters: Record<string, unknown>) => {
	const before = (await listCalls()).length;
	const { out, error } = await runOvo(sandbox, [{}], { resource: 'contact', operation: 'getMany', ...parameters });
	expect(error).toBeUndefined();
	const calls = (await listCalls()).slice(before);
	return { names: out.map((i) => i.json.firstname as string), out, calls };
};

// 600 contacts on top of the sandbox's 3 (603: one page of 5000, or three of 250), every tenth a
// "Target", so the matches are spread over all the pages.
const pages = (calls: { path: string }[]) =>
	calls.map((c) => new URL(c.path, 'http://x').searchParams).map((q) => `${q.get('page')}/${q.get('paginate')}`);
const refuseAbove = (rows: number) => sandbox.control('POST', 'config', { provider: 'ovowpp', ovowppMaxPaginate: rows });
const COUNT = 600;
const bulk = (list: number[]) => list.map((i) => `Bulk${i}`);
const targets = Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % 10 === 0).reverse();

beforeEach(async () => {
	const contacts = Array.from({ length: COUNT }, (_, i) => ({ mobile_code: '52', mobile: String(5512340000 + i), firstname: `Bulk${i}`, lastname: i % 10 === 0 ? 'Target' : 'Other' }));
	await sandbox.control('POST', 'ovowpp/contacts', { contacts });
});

describe('OvoWpp Contact: Get Many', () => {
	it('returns every match, newest first, in one call of a large page', async () => {
		const { names, calls } = await getMany({ returnAll: true, search: 'TARGET' });
		expect(names).toEqual(bulk(targets));
		expect(pages(calls)).toEqual(['1/5000']);
	});

	it('falls back to smaller pages when the host refuses a large one, and asks for no row twice', async () => {
		await refuseAbove(250);
		const { names, calls } = await getMany({ returnAll: true, search: 'TARGET' });
		expect(names).toEqual(bulk(targets));
		expect(pages(calls)).toEqual(['1/5000', '1/1000', '1/250', '2/250', '3/250']);
		// 2,103 contacts: the sizes that failed are not asked again; nine pages of 250 to the end
		await sandbox.control('POST', 'ovowpp/contacts', {
			contacts: Array.from({ length: 1500 }, (_, i) => ({ mobile_code: '52', mobile: String(5517770000 + i), firstname: `More${i}`, lastname: 'Other' })),
		});
		const more = await getMany({ returnAll: true, search: 'bulk590' });
		expect(more.names).toEqual(['Bulk590']);
		expect(pages(more.calls)).toEqual(['1/5000', '1/1000', '1/250', '2/250', '3/250', '4/250', '5/250', '6/250', '7/250', '8/250', '9/250']);
	});

	it('stops paging once the limit is reached, and returns exactly the limit', async () => {
		const three = await getMany({ limit: 3, search: 'target' });
		expect(three.names).toEqual(['Bulk590', 'Bulk580', 'Bulk570']);
		expect(three.calls).toHaveLength(1);

		// pages of 250 (a host that refuses larger ones): the first holds 25 targets, the second the rest
		await refuseAbove(250);
		const thirty = await getMany({ limit: 30, search: 'target' });
		expect(thirty.names).toEqual(bulk(targets.slice(0, 30)));
		expect(pages(thirty.calls)).toEqual(['1/5000', '1/1000', '1/250', '2/250']);
	});

	it('without a search, asks for no more rows than the limit, and pages through all with Return All', async () => {
		const sixty = await getMany({ limit: 60 });
		expect(sixty.names).toEqual(bulk(Array.from({ length: 60 }, (_, i) => COUNT - 1 - i)));
		expect(sixty.calls).toHaveLength(1);
		expect(sixty.calls[0].path).toMatch(/paginate=60/);

		const all = await getMany({ returnAll: true });
		expect(all.out).toHaveLength(COUNT + 3);
		expect(new Set(all.out.map((i) => i.json.id)).size).toBe(COUNT + 3);
		expect(pages(all.calls)).toEqual(['1/5000']);
	});

	it("cleans the rows it keeps of the credential's secrets, although it matches the raw rows", async () => {
		// the Client Secret in a contact's name (a hostile or careless echo), on the second page
		const { clientSecret } = sandbox.credentials('ovoWppApi') as { clientSecret: string };
		await refuseAbove(250);
		await sandbox.control('POST', 'ovowpp/contacts', { contacts: [{ mobile_code: '52', mobile: '5519990000', firstname: `Leak ${clientSecret}`, lastname: 'Target' }] });
		await sandbox.control('POST', 'ovowpp/contacts', {
			contacts: Array.from({ length: 300 }, (_, i) => ({ mobile_code: '52', mobile: String(5518880000 + i), firstname: `Later${i}`, lastname: 'Other' })),
		});
		const { out, calls } = await getMany({ returnAll: true, search: 'leak' });
		expect(out).toHaveLength(1);
		expect(calls.length).toBeGreaterThan(1);
		expect(JSON.stringify(out[0].json)).not.toContain(clientSecret);
		expect(out[0].json.firstname).toMatch(/^Leak /);
	});

	it('searches by number, typed with spaces and a plus sign, on the last page as well', async () => {
		const byNumber = await getMany({ returnAll: true, search: '+52 55 1234 0003' });
		expect(byNumber.names).toEqual(['Bulk3']);
		const none = await getMany({ returnAll: true, search: 'nobody-by-this-name' });
		expect(none.out).toEqual([]);
		expect(none.calls).toHaveLength(1);
	});
});
