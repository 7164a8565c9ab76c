// Conversation lists on the product's order (providers.md quirk 16): `last_message_at` only, so rows
// that share a value are split differently by each page request (the sandbox does it as MySQL does).
// Get Many (Return All) and the picker read each conversation once, in one large page when the
// service allows it; a walk that may have skipped rows says so.
import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { chain, listSearch, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';
import { ovoNode } from './ovowpp-helpers';

const sandbox = useSandbox();
const STAMPS = ['2026-12-01T10:00:01.000000Z', '2026-12-01T10:00:02.000000Z', '2026-12-01T10:00:03.000000Z', '2026-12-01T10:00:04.000000Z'];
const COUNT = 232; // as in the issue: with the seeded 2, 234 conversations

/** 232 customers write in, 58 in each of four seconds (the product stores whole seconds). */
async function tiedInbox() {
	for (let n = 0; n < COUNT; n++) {
		await sandbox.control('POST', 'ovowpp/incoming', {
			mobile_code: '34', mobile: String(600000000 + n), message: `Hi ${n}`, firstname: `Tied${n}`, lastname: 'Customer', at: STAMPS[n % 4],
		});
	}
}

const listCalls = async () => (await sandbox.requests('ovowpp')).filter((r) => r.path.includes('conversation-list'));

async function getMany(parameters: IDataObject) {
	const before = (await listCalls()).length;
	const result = await runWorkflow(chain(itemsNode([{}]), ovoNode({ resource: 'conversation', operation: 'getMany', ...parameters })), {
		ovoWppApi: sandbox.credentials('ovoWppApi'),
	});
	const run = result.run.data.resultData.runData.OvoWpp[0];
	return {
		ids: result.output('OvoWpp').map((item) => Number(item.json.id)),
		error: result.error('OvoWpp'),
		hints: (run.hints ?? []).map((hint) => hint.message),
		calls: (await listCalls()).slice(before).map((r) => new URL(r.path, 'http://x').searchParams),
	};
}

describe('OvoWpp conversation lists on tied last_message_at', () => {
	it('the sandbox splits ties like the product: pages of 50 repeat and skip rows, one page holding all does not', async () => {
		await tiedInbox();
		const { baseUrl, clientId, clientSecret } = sandbox.credentials('ovoWppApi') as Record<string, string>;
		const page = async (n: number, size: number) => {
			const response = await fetch(`${baseUrl}/inbox/conversation-list?page=${n}&paginate=${size}`, { headers: { 'client-id': clientId, 'client-secret': clientSecret } });
			return ((await response.json()).data.conversation.data as IDataObject[]).map((c) => Number(c.id));
		};
		const walked: number[] = [];
		for (let n = 1; n <= 5; n++) walked.push(...(await page(n, 50)));
		expect(walked).toHaveLength(COUNT + 2);
		expect(new Set(walked).size).toBeLessThan(COUNT + 2); // repeats, hence missing rows
		expect(await page(2, 50)).toEqual(await page(2, 50)); // the same request, the same split
		const one = await page(1, 1000);
		expect(new Set(one).size).toBe(COUNT + 2);
	});

	it('Get Many (Return All) reads every conversation once, in one call', async () => {
		await tiedInbox();
		const { ids, calls, hints, error } = await getMany({ returnAll: true });
		expect(error).toBeUndefined();
		expect(ids).toHaveLength(COUNT + 2);
		expect(new Set(ids).size).toBe(COUNT + 2);
		expect(calls).toHaveLength(1);
		expect(hints).toEqual([]);
	});

	it('when a large page fails, falls back to smaller pages, never hands out a conversation twice, and says rows may be missing', async () => {
		await tiedInbox();
		await sandbox.control('POST', 'config', { provider: 'ovowpp', ovowppMaxPaginate: 100 });
		const { ids, calls, hints, error } = await getMany({ returnAll: true });
		expect(error).toBeUndefined();
		expect(calls.map((q) => `${q.get('page')}/${q.get('paginate')}`)).toEqual(['1/5000', '1/1000', '1/250', '1/50', '2/50', '3/50', '4/50', '5/50']);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.length).toBeLessThan(COUNT + 2); // the product's split lost some: the user is told
		expect(hints).toHaveLength(1);
		expect(hints[0]).toMatch(new RegExp(`${ids.length} of the ${COUNT + 2}`));
	});

	it('the conversation picker lists each conversation once', async () => {
		await tiedInbox();
		const seen: string[] = [];
		let token: string | undefined;
		do {
			const page = await listSearch('ovoWpp', 'searchConversations', { ovoWppApi: sandbox.credentials('ovoWppApi') }, { paginationToken: token });
			seen.push(...page.results.map((r) => String(r.value)));
			token = page.paginationToken as string | undefined;
		} while (token);
		expect(seen).toHaveLength(COUNT + 2);
		expect(new Set(seen).size).toBe(COUNT + 2);
	});

	it('the conversation picker finds a full name and a formatted number (the service matches one column at a time)', async () => {
		await sandbox.control('POST', 'ovowpp/incoming', { mobile_code: '44', mobile: '7700900000', message: 'Hi', firstname: 'Zeta', lastname: 'Unique' });
		for (const filter of ['Zeta Unique', '+44 7700900000', 'zeta', '447700900000', '7700900000']) {
			const { results } = await listSearch('ovoWpp', 'searchConversations', { ovoWppApi: sandbox.credentials('ovoWppApi') }, { filter });
			expect(results.map((r) => r.name), filter).toEqual([expect.stringMatching(/^Zeta Unique \(\+44 7700900000\) #3$/)]);
		}
	});
});
