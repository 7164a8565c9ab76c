// The OvoWpp / WapiFlow polling triggers, polled through n8n-core's PollContext against the sandbox.
// Customer messages come in through the sandbox's control API; status changes go through the real
// API route. Static data is carried between polls the way n8n does: the same workflow object while
// active, or the saved JSON after a restart.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import type { PollResult, WorkflowJson } from '../helpers/harness';
import { pollNode } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const NAME = 'OvoWpp Trigger';
const SEED_MARK = '2025-06-01T10:00:00.000000Z'; // Maria's last message in the seeded inbox
const SEED_BEFORE = '2025-05-31T10:00:00.000000Z'; // John's

function trigger(parameters: IDataObject, brand: 'ovoWpp' | 'wapiFlow' = 'ovoWpp'): WorkflowJson {
	const credential = `${brand}Api`;
	return {
		nodes: [
			{
				name: NAME,
				type: `n8n-nodes-whatsapp-gateways.${brand}Trigger`,
				typeVersion: 1,
				parameters,
				credentials: { [credential]: { id: '1', name: 'sandbox' } },
			},
		],
		connections: {},
	};
}

const ALL_EVENTS = ['newConversation', 'conversationUpdated', 'statusChanged'];
const poll = (workflow: WorkflowJson, options: Parameters<typeof pollNode>[2] = {}) =>
	pollNode(workflow, { ovoWppApi: sandbox.credentials('ovoWppApi') }, options);
/** The same active workflow polls again (its static data stays in memory). */
const again = (previous: PollResult) => poll({ nodes: [], connections: {} }, { workflow: previous.workflow });
const state = (result: PollResult) => result.staticData[`node:${NAME}`] as IDataObject;

/** A customer writes in; number `n` is a new customer unless it wrote before. */
function customerWrites(n: number, extra: IDataObject = {}) {
	return sandbox.control('POST', 'ovowpp/incoming', {
		mobile_code: '34',
		mobile: String(600000000 + n),
		message: `Hello ${n}`,
		firstname: `Customer${n}`,
		lastname: 'Test',
		...extra,
	});
}
const mariaWrites = (extra: IDataObject = {}) =>
	sandbox.control('POST', 'ovowpp/incoming', { mobile_code: '55', mobile: '11988887777', message: 'Oi de novo', ...extra });
const johnWrites = (extra: IDataObject = {}) =>
	sandbox.control('POST', 'ovowpp/incoming', { mobile_code: '1', mobile: '2025550123', message: 'Hi again', ...extra });

/** Changes a conversation's status through the API route a person (or the action node) uses. */
async function changeStatus(id: number, status: number) {
	const { baseUrl, clientId, clientSecret } = sandbox.credentials('ovoWppApi');
	const response = await fetch(`${baseUrl}/inbox/change-conversation-status/${id}`, {
		method: 'POST',
		headers: { 'client-id': clientId, 'client-secret': clientSecret, 'content-type': 'application/x-www-form-urlencoded' },
		body: `status=${status}`,
	});
	expect(await response.json()).toMatchObject({ status: 'success', remark: 'status_updated' });
}

/** The provider calls made by `action`, as the sandbox logged them (method and path with query). */
async function callsDuring(action: () => Promise<unknown>): Promise<string[]> {
	const before = (await sandbox.requests('ovowpp')).length;
	await action();
	return (await sandbox.requests('ovowpp')).slice(before).map((r) => `${r.method} ${r.path.replace('/ovowpp/external-api/', '')}`);
}

// One page of 1000 per poll: the list is ordered by last_message_at only, and separate pages split ties differently.
const LIST_PAGE = (page: number, size = 1000) => `GET inbox/conversation-list?page=${page}&paginate=${size}`;
const summary = (items: INodeExecutionData[] | null) =>
	(items ?? []).map((item) => `${item.json.event} ${(item.json.contact as IDataObject).full_name}`);

describe('OvoWpp Trigger', () => {
	it('emits nothing on the first poll and remembers where the inbox stands; manual mode shows the latest conversation', async () => {
		const workflow = trigger({ events: ['newConversation', 'conversationUpdated'] });
		let first!: PollResult;
		const calls = await callsDuring(async () => (first = await poll(workflow)));
		expect(first.items).toBeNull();
		expect(calls).toEqual([LIST_PAGE(1)]);
		expect(state(first)).toEqual({ ref: SEED_BEFORE, floor: SEED_BEFORE, maxId: 2, bottom: '', seen: [[1, SEED_MARK, 2], [2, SEED_BEFORE, 0]] });

		const manual = await poll(workflow, { mode: 'manual', staticData: first.staticData });
		expect(manual.items).toHaveLength(1);
		expect(manual.items![0].json).toMatchObject({
			event: 'newConversation',
			id: 1,
			status: 2,
			statusName: 'pending',
			last_message_at: SEED_MARK,
			contact: { full_name: 'Maria Silva', mobile_code: '55', mobile: '11988887777' },
			notes: [{ note: 'VIP customer' }],
		});
		// A test run in the editor must not move the active workflow's mark.
		expect(manual.changed).toBe(false);
		expect(manual.staticData).toEqual(first.staticData);

		// Manual mode with no state yet does not set one either: the first real poll still starts clean.
		const fresh = await poll(workflow, { mode: 'manual' });
		expect(fresh.items?.map((i) => i.json.id)).toEqual([1]);
		expect(fresh.changed).toBe(false);
		expect(state(fresh) ?? {}).toEqual({});
	});

	it('emits every conversation that moved since the last poll, across pages, once each and oldest first', async () => {
		for (let n = 0; n < 60; n++) await customerWrites(n); // the inbox already holds more than a page
		const active = await poll(trigger({ events: ['newConversation', 'conversationUpdated'] }));
		expect(active.items).toBeNull();

		for (let n = 60; n < 120; n++) await customerWrites(n); // more new conversations than a page holds
		await johnWrites();
		let result!: PollResult;
		const calls = await callsDuring(async () => (result = await again(active)));

		// 122 conversations, more than pages of 50 held: one page holds them all, read in one consistent call.
		expect(calls).toEqual([LIST_PAGE(1)]);
		const expected = [...Array.from({ length: 60 }, (_, i) => `newConversation Customer${60 + i} Test`), 'conversationUpdated John Doe'];
		expect(summary(result.items)).toEqual(expected);
		expect(result.items![0].json).toMatchObject({ status: 0, statusName: 'none', contact: { mobile: '600000060' }, notes: [] });

		const quiet = await again(result);
		expect(quiet.items).toBeNull();
	});

	it('emits a status change with the previous status, once, and filters on the new status', async () => {
		const active = await poll(trigger({ events: ALL_EVENTS }));
		await changeStatus(1, 1); // Maria: pending → done

		const changed = await again(active);
		expect(changed.items).toHaveLength(1); // her last message did not move: no Conversation Updated
		expect(changed.items![0].json).toMatchObject({
			event: 'statusChanged',
			id: 1,
			status: 1,
			statusName: 'done',
			previousStatus: 2,
			previousStatusName: 'pending',
			contact: { full_name: 'Maria Silva' },
		});
		expect((await again(changed)).items).toBeNull();

		const onlyImportant = await poll(trigger({ events: ['statusChanged'], options: { statuses: ['3'] } }));
		await changeStatus(2, 1); // John: none → done (filtered out, but remembered)
		const skipped = await again(onlyImportant);
		expect(skipped.items).toBeNull();
		await changeStatus(2, 3); // done → important
		const important = await again(skipped);
		expect(important.items?.map((i) => [i.json.id, i.json.previousStatusName, i.json.statusName])).toEqual([[2, 'done', 'important']]);
	});

	it('makes exactly one call and rewrites nothing when nothing changed', async () => {
		const active = await poll(trigger({ events: ALL_EVENTS }));
		let quiet!: PollResult;
		const calls = await callsDuring(async () => (quiet = await again(active)));
		expect(quiet.items).toBeNull();
		expect(calls).toEqual([LIST_PAGE(1)]);
		expect(quiet.changed).toBe(false);
		expect(quiet.staticData).toEqual(active.staticData);
	});

	it('keeps its state across a restart: what came in meanwhile is emitted by the first poll after it', async () => {
		const workflow = trigger({ events: ['newConversation', 'conversationUpdated'] });
		const beforeRestart = await poll(workflow);
		const saved = JSON.parse(JSON.stringify(beforeRestart.staticData)) as IDataObject;

		await customerWrites(1);
		await mariaWrites();
		const restarted = await poll(workflow, { staticData: saved }); // a new workflow object from the saved data
		expect(summary(restarted.items)).toEqual(['newConversation Customer1 Test', 'conversationUpdated Maria Silva']);
		expect(state(restarted).seen).toHaveLength(3);

		const next = await poll(workflow, { staticData: restarted.staticData });
		expect(next.items).toBeNull();
	});

	it('emits a conversation updated twice between polls once, with its latest state', async () => {
		const active = await poll(trigger({ events: ALL_EVENTS.slice(0, 2) }));
		await mariaWrites({ message: 'first' });
		const second = await mariaWrites({ message: 'second' });
		await changeStatus(1, 3);

		const result = await again(active);
		expect(result.items).toHaveLength(1);
		expect(result.items![0].json).toMatchObject({
			event: 'conversationUpdated',
			id: 1,
			last_message_at: second.conversation.last_message_at,
			status: 3,
			statusName: 'important',
		});
		expect((await again(result)).items).toBeNull();
	});

	it('leaves changes made while it pages to the next poll, and emits nothing twice', async () => {
		// A host that refuses pages above 50 rows: the poll falls back to walking pages of 50.
		await sandbox.control('POST', 'config', { provider: 'ovowpp', ovowppMaxPaginate: 50 });
		for (let n = 0; n < 60; n++) await customerWrites(n);
		const active = await poll(trigger({ events: ['newConversation', 'conversationUpdated'] }));
		for (let n = 60; n < 120; n++) await customerWrites(n);
		// Between the poll's first and second page: John (deep down the list) and a new customer write.
		// Both jump to the top, which pushes the end of page 1 onto page 2.
		expect(await johnWrites({ beforeListPage: 2 })).toEqual({ queued: true });
		expect(await customerWrites(500, { beforeListPage: 2 })).toEqual({ queued: true });

		const during = await again(active);
		const ids = during.items!.map((i) => i.json.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(summary(during.items)).toEqual(Array.from({ length: 60 }, (_, i) => `newConversation Customer${60 + i} Test`));

		const after = await again(during);
		expect(summary(after.items)).toEqual(['conversationUpdated John Doe', 'newConversation Customer500 Test']);
		expect((await again(after)).items).toBeNull();
	});

	it('emits a conversation whose last message falls in the same second as the mark', async () => {
		// The real service stores whole seconds: another conversation can reach the mark's second later.
		const active = await poll(trigger({ events: ['newConversation', 'conversationUpdated'] }));
		expect(state(active)).toMatchObject({ seen: [[1, SEED_MARK, 2], [2, SEED_BEFORE, 0]] });

		const newcomer = await customerWrites(7, { at: SEED_MARK });
		expect(newcomer.conversation.last_message_at).toBe(SEED_MARK);
		const first = await again(active);
		expect(summary(first.items)).toEqual(['newConversation Customer7 Test']); // Maria (at the mark too) is not repeated
		expect(state(first).seen).toContainEqual([newcomer.conversation.id, SEED_MARK, 0]);

		await johnWrites({ at: SEED_MARK });
		const second = await again(first);
		expect(summary(second.items)).toEqual(['conversationUpdated John Doe']);
		expect((await again(second)).items).toBeNull();
	});

	it('skips a poll that starts while the previous one is still running, instead of emitting the same events twice', async () => {
		const active = await poll(trigger({ events: ['newConversation'] }));
		await customerWrites(4);
		let results!: PollResult[];
		const calls = await callsDuring(async () => (results = await Promise.all([again(active), again(active)])));
		expect(results.map((r) => summary(r.items))).toEqual([['newConversation Customer4 Test'], []]);
		expect(calls).toEqual([LIST_PAGE(1)]);
		expect((await again(active)).items).toBeNull(); // and the lock is released
	});

	it('reports the provider refusing the poll, and catches up once it answers again', async () => {
		const active = await poll(trigger({ events: ['newConversation'] }));
		await customerWrites(3);
		await sandbox.config({ provider: 'ovowpp', ovowppPlan: 'no_api' });
		await expect(again(active)).rejects.toMatchObject({
			message: 'Your current plan does not support API access. Please upgrade your plan.',
			description: expect.stringContaining('subscription'),
		});
		const kept = JSON.parse(JSON.stringify(active.workflow.staticData)) as IDataObject;
		expect(kept[`node:${NAME}`]).toEqual(state(active));

		await sandbox.config({ provider: 'ovowpp', ovowppPlan: 'ok' });
		expect(summary((await again(active)).items)).toEqual(['newConversation Customer3 Test']);
	});
});

describe('WapiFlow Trigger', () => {
	it('polls with the WapiFlow credential and fetches the details of each conversation when asked', async () => {
		const workflow = trigger({ events: ['newConversation', 'conversationUpdated'], options: { includeDetails: true } }, 'wapiFlow');
		const credentials = { wapiFlowApi: sandbox.credentials('wapiFlowApi') }; // no OvoWpp credential at all
		const active = await pollNode(workflow, credentials);
		const newcomer = await customerWrites(9);
		await mariaWrites();

		let result!: PollResult;
		const calls = await callsDuring(async () => (result = await pollNode(workflow, credentials, { workflow: active.workflow })));
		expect(calls.sort()).toEqual(
			[LIST_PAGE(1), 'GET inbox/conversation-details/1', `GET inbox/conversation-details/${newcomer.conversation.id}`].sort(),
		);
		expect(summary(result.items)).toEqual(['newConversation Customer9 Test', 'conversationUpdated Maria Silva']);
		// The details answer adds the contact's tags and lists, which the list does not carry.
		expect(result.items![1].json).toMatchObject({ id: 1, contact: { tags: [], lists: [] }, notes: [{ note: 'VIP customer' }] });
		expect(result.items![0].json.contact).toMatchObject({ tags: [], lists: [] });
	});
});
