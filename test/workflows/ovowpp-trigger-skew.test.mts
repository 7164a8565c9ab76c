// The OvoWpp polling trigger when the service's time stamps are off: messages stamped hours in the
// future or in the past, stamps out of order, and n8n restarting (state reloaded from its saved
// JSON) in between. Each test keeps the list of events that really happened and asserts that the
// polls, all together, emitted each of them exactly once. Times are stamped through the sandbox's
// `at` control (sandbox/providers/ovowpp.mjs, POST /_sandbox/ovowpp/incoming).
import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import type { PollResult, WorkflowJson } from '../helpers/harness';
import { pollNode } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const NAME = 'OvoWpp Trigger';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function trigger(options: IDataObject = {}): WorkflowJson {
	return {
		nodes: [
			{
				name: NAME,
				type: 'n8n-nodes-whatsapp-gateways.ovoWppTrigger',
				typeVersion: 1,
				parameters: { events: ['newConversation', 'conversationUpdated'], options },
				credentials: { ovoWppApi: { id: '1', name: 'sandbox' } },
			},
		],
		connections: {},
	};
}

/** The service's time `offset` ms from now, as the `at` of a message. */
const at = (offset: number) => new Date(Date.now() + offset).toISOString();

/**
 * One active trigger and the truth to hold it to: `happened` lists every event the inbox went
 * through, `emitted` every event the polls gave out. Consecutive messages into one conversation
 * between two polls are one event (the node emits a conversation once per poll, latest state).
 */
class Inbox {
	happened: string[] = [];
	emitted: string[] = [];
	private pending = new Map<string, string>();
	private customers = new Set<number>(); // every customer number that wrote (the seeded contacts use others)
	private last!: PollResult;
	constructor(private workflow: WorkflowJson) {}

	async activate() {
		this.last = await this.poll();
		expect(this.last.items).toBeNull();
	}

	/** Customer `n` writes (a new conversation unless it wrote before), stamped `offset` from now, or now. */
	async write(n: number, offset?: number) {
		const known = this.customers.has(n);
		this.customers.add(n);
		const name = `Customer${n} Test`;
		await sandbox.control('POST', 'ovowpp/incoming', {
			mobile_code: '34',
			mobile: String(600000000 + n),
			message: `Hello ${n}`,
			firstname: `Customer${n}`,
			lastname: 'Test',
			...(offset === undefined ? {} : { at: at(offset) }),
		});
		if (!this.pending.has(name)) this.pending.set(name, known ? 'conversationUpdated' : 'newConversation');
	}

	/** A poll of the same active workflow, or after a restart (a new workflow object from the saved JSON). */
	async poll(restart = false): Promise<PollResult> {
		const credentials = { ovoWppApi: sandbox.credentials('ovoWppApi') };
		const options = !this.last
			? {}
			: restart
				? { staticData: JSON.parse(JSON.stringify(this.last.staticData)) as IDataObject }
				: { workflow: this.last.workflow };
		this.last = await pollNode(this.workflow, credentials, options);
		for (const item of this.last.items ?? []) {
			this.emitted.push(`${item.json.event} ${(item.json.contact as IDataObject).full_name}`);
		}
		for (const [name, event] of this.pending) this.happened.push(`${event} ${name}`);
		this.pending.clear();
		return this.last;
	}

	/** Every event emitted exactly once: nothing lost, nothing doubled. */
	expectEachOnce() {
		expect([...this.emitted].sort()).toEqual([...this.happened].sort());
	}
}

/** An inbox with more conversations than one list page holds, all recently active. */
async function busyInbox(inbox: Inbox, count = 60) {
	for (let n = 0; n < count; n++) await inbox.write(n);
	await inbox.activate();
	inbox.happened = []; // what came before activation is not an event to emit
}

// Generous: each test writes some 70 messages and polls several times; a loaded machine must finish.
describe('OvoWpp Trigger with the service clock off', { timeout: 300_000 }, () => {
	it('a message stamped 2 h in the future hides no later event (new conversations by id, updates by change)', async () => {
		const inbox = new Inbox(trigger());
		await busyInbox(inbox);
		await inbox.write(3, 2 * HOUR); // the future stamp: Customer3 sits at the top for two hours
		await inbox.poll();
		for (let n = 100; n < 110; n++) await inbox.write(n); // ten new customers, stamped now
		await inbox.write(7); // and an update
		await inbox.poll(true); // after a restart
		await inbox.write(3); // Customer3 writes again, stamped now: earlier than its last stamp
		await inbox.write(111);
		await inbox.poll();
		await inbox.poll(true);
		expect(inbox.happened).toHaveLength(14);
		inbox.expectEachOnce();
	});

	it('messages stamped 2 h in the past: an update of a recent conversation, and a new one within the tolerance', async () => {
		const inbox = new Inbox(trigger({ clockTolerance: 180 }));
		await busyInbox(inbox);
		await inbox.write(59, -2 * HOUR); // the newest conversation drops below the 60 others, to page 2
		await inbox.write(200, -2 * HOUR); // a new customer, stamped 2 h back: also on page 2
		await inbox.poll();
		await inbox.write(10, -2 * HOUR);
		await inbox.poll(true);
		await inbox.write(59); // back to now
		await inbox.poll();
		expect(inbox.happened).toHaveLength(4);
		inbox.expectEachOnce();
	});

	it('a recently active conversation stamped 2 h back is found with the default tolerance too', async () => {
		const inbox = new Inbox(trigger());
		await busyInbox(inbox);
		await inbox.write(58, -2 * HOUR);
		await inbox.poll(true);
		await inbox.poll();
		expect(inbox.happened).toEqual(['conversationUpdated Customer58 Test']);
		inbox.expectEachOnce();
	});

	it('messages stamped 10 min in the past: a new conversation and an update, with the defaults', async () => {
		const inbox = new Inbox(trigger());
		await busyInbox(inbox);
		await inbox.write(300, -10 * MINUTE);
		await inbox.write(20, -10 * MINUTE);
		await inbox.poll();
		await inbox.write(301, -10 * MINUTE);
		await inbox.poll(true);
		await inbox.poll();
		expect(inbox.happened).toHaveLength(3);
		inbox.expectEachOnce();
	});

	it('stamps out of order, ahead and behind, over several polls and restarts', async () => {
		const inbox = new Inbox(trigger());
		await busyInbox(inbox);
		const rounds: Array<Array<[number, number | undefined]>> = [
			[[5, 5 * MINUTE], [6, -5 * MINUTE], [400, -MINUTE], [7, undefined]],
			[[5, -3 * MINUTE], [401, 30 * MINUTE], [402, -20 * MINUTE], [6, 90 * MINUTE]],
			[[401, -30 * MINUTE], [403, undefined], [8, -45 * MINUTE], [5, undefined]],
			[[6, undefined], [404, 2 * HOUR], [9, -2 * MINUTE]],
		];
		for (const [index, round] of rounds.entries()) {
			for (const [n, offset] of round) await inbox.write(n, offset);
			await inbox.poll(index % 2 === 1);
		}
		await inbox.poll(true);
		expect(inbox.happened).toHaveLength(15);
		inbox.expectEachOnce();
	});
});
