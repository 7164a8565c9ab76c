// The OvoWpp Trigger on the product's conversation order (providers.md quirk 16): `last_message_at`
// only, with tied values split differently by each page request (the sandbox does it as MySQL does,
// sandbox/providers/ovowpp.mjs `tieOrder`). The scenarios of issue 20 item 4: each event that
// happened is emitted exactly once, and nothing that did not happen is emitted.
import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import type { PollResult, WorkflowJson } from '../helpers/harness';
import { pollNode } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const NAME = 'OvoWpp Trigger';
const HOUR = 3_600_000;
const BASE = Date.parse('2026-12-01T10:00:00Z');
const second = (n: number) => new Date(BASE + n * 1000).toISOString().replace(/\.\d{3}Z$/, '.000000Z');

function trigger(): WorkflowJson {
	return {
		nodes: [
			{
				name: NAME,
				type: 'n8n-nodes-whatsapp-gateways.ovoWppTrigger',
				typeVersion: 1,
				parameters: { events: ['newConversation', 'conversationUpdated', 'statusChanged'] },
				credentials: { ovoWppApi: { id: '1', name: 'sandbox' } },
			},
		],
		connections: {},
	};
}

const poll = (previous?: PollResult) =>
	pollNode(previous ? { nodes: [], connections: {} } : trigger(), { ovoWppApi: sandbox.credentials('ovoWppApi') }, previous ? { workflow: previous.workflow } : {});

/** Customer `n` writes, stamped `at`; answers the conversation id. */
async function write(n: number, at: string): Promise<number> {
	const answer = await sandbox.control('POST', 'ovowpp/incoming', {
		mobile_code: '34', mobile: String(600000000 + n), message: `Hi ${n}`, firstname: `Customer${n}`, lastname: 'Test', at,
	});
	return Number(answer.conversation.id);
}

async function changeStatus(id: number, status: number) {
	const { baseUrl, clientId, clientSecret } = sandbox.credentials('ovoWppApi') as Record<string, string>;
	const response = await fetch(`${baseUrl}/inbox/change-conversation-status/${id}`, {
		method: 'POST',
		headers: { 'client-id': clientId, 'client-secret': clientSecret, 'content-type': 'application/x-www-form-urlencoded' },
		body: `status=${status}`,
	});
	expect(await response.json()).toMatchObject({ status: 'success' });
}

const events = (result: PollResult) => (result.items ?? []).map((item) => `${String(item.json.event)} ${String(item.json.id)}`).sort();
const expected = (event: string, ids: number[]) => ids.map((id) => `${event} ${id}`);

describe('OvoWpp Trigger on tied last_message_at', () => {
	it('80 conversations share a second, 60 of them and 8 new ones write in the same second: 68 events, none lost, none invented', async () => {
		const ids: number[] = [];
		for (let n = 0; n < 80; n++) ids.push(await write(n, second(0)));
		const first = await poll();
		expect(first.items).toBeNull();

		const updated = ids.filter((_, i) => i % 4 !== 0).slice(0, 60);
		for (const id of updated) await write(ids.indexOf(id), second(1));
		const created: number[] = [];
		for (let n = 100; n < 108; n++) created.push(await write(n, second(1)));

		const second_ = await poll(first);
		expect(events(second_)).toEqual([...expected('conversationUpdated', updated), ...expected('newConversation', created)].sort());
		expect((await poll(second_)).items).toBeNull();
	});

	it('300 updates in 3 seconds between two polls (and 5 new conversations): all emitted, once each', async () => {
		const ids: number[] = [];
		for (let n = 0; n < 320; n++) ids.push(await write(n, second(n % 4)));
		const first = await poll();
		expect(first.items).toBeNull();

		const updated = ids.slice(0, 300);
		for (const [i, id] of updated.entries()) await write(ids.indexOf(id), second(10 + (i % 3)));
		const created: number[] = [];
		for (let n = 1000; n < 1005; n++) created.push(await write(n, second(12)));

		const next = await poll(first);
		expect(events(next)).toEqual([...expected('conversationUpdated', updated), ...expected('newConversation', created)].sort());
		expect((await poll(next)).items).toBeNull();
	});

	it('on a host that refuses large pages: walks pages of 50, asks for no page twice, invents nothing', async () => {
		await sandbox.control('POST', 'config', { provider: 'ovowpp', ovowppMaxPaginate: 50 });
		const ids: number[] = [];
		for (let n = 0; n < 80; n++) ids.push(await write(n, second(0)));
		const first = await poll();
		expect(first.items).toBeNull();

		const before = (await sandbox.requests('ovowpp')).length;
		const quiet = await poll(first);
		expect(quiet.items).toBeNull(); // the same split as before: nothing is taken for a change
		const pages = (await sandbox.requests('ovowpp')).slice(before).map((r) => new URL(r.path, 'http://x').searchParams).map((q) => `${q.get('page')}/${q.get('paginate')}`);
		expect(pages).toEqual(['1/1000', '1/250', '1/50', '2/50']);

		const updated = ids.slice(0, 10);
		for (const id of updated) await write(ids.indexOf(id), second(1));
		const next = await poll(quiet);
		expect(events(next)).toEqual(expected('conversationUpdated', updated).sort());
		expect((await poll(next)).items).toBeNull();
	});

	it('emits a status change far below the first page, and labels no old conversation new when it reads deeper', async () => {
		// 150 conversations an hour apart: the later created, the longer ago its last message (high ids deep down).
		const ids: number[] = [];
		for (let n = 0; n < 150; n++) ids.push(await write(n, new Date(BASE - n * HOUR).toISOString()));
		const first = await poll();
		expect(first.items).toBeNull();
		expect((first.staticData[`node:${NAME}`] as IDataObject).seen).toHaveLength(152);

		await changeStatus(ids[120], 3);
		const second_ = await poll(first);
		expect(events(second_)).toEqual([`statusChanged ${ids[120]}`]);

		// A remembered conversation gets a message stamped far back: the poll reads deeper to find it.
		await write(3, new Date(BASE - 400 * HOUR).toISOString());
		const third = await poll(second_);
		expect(events(third)).toEqual([`conversationUpdated ${ids[3]}`]);
		expect((await poll(third)).items).toBeNull();
	});
});
