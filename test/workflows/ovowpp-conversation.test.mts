import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';
import { runOvo } from './ovowpp-helpers';

const sandbox = useSandbox();

describe('OvoWpp Conversation', () => {
	it('lists conversations filtered by status and by search', async () => {
		const pending = await runOvo(sandbox, [{}], { resource: 'conversation', operation: 'getMany', returnAll: true, filters: { status: '2' } });
		expect(pending.out.map((i) => (i.json.contact as any).firstname)).toEqual(['Maria']);
		const john = await runOvo(sandbox, [{}], { resource: 'conversation', operation: 'getMany', returnAll: true, filters: { search: 'John' } });
		expect(john.out.map((i) => i.json.id)).toEqual([2]);
		const calls = (await sandbox.requests('ovowpp')).filter((r) => r.path.includes('conversation-list'));
		expect(calls[0].path).toMatch(/status=2/);
		expect(calls[1].path).toMatch(/search=John/);
	});

	it('gets the details of a conversation, with its notes', async () => {
		const { out } = await runOvo(sandbox, [{}], { resource: 'conversation', operation: 'get', conversationId: '1' });
		expect(out[0].json).toMatchObject({ id: 1, contact: { firstname: 'Maria' } });
		expect((out[0].json.notes as any[]).length).toBe(1);
	});

	it('updates the status by name', async () => {
		const { out } = await runOvo(sandbox, [{}], { resource: 'conversation', operation: 'updateStatus', conversationId: '2', status: '3' });
		expect(out[0].json).toEqual({ id: 2, status: 3, statusName: 'important' });
		const data = await sandbox.control('GET', 'ovowpp/data');
		expect(data.conversations.find((c: any) => c.id === 2).status).toBe(3);
	});

	it('says which conversation does not exist', async () => {
		const { error } = await runOvo(sandbox, [{}], { resource: 'conversation', operation: 'get', conversationId: '404' });
		expect(error?.message).toBe('Item 1: Conversation not found');
	});
});

describe('OvoWpp Conversation IDs', () => {
	// An id is digits, or it is refused before any call (Number() read "0x2" as 2 and rounded ids above 2^53).
	const bad = ['0x2', '+2', '2.0', '1e0', '-2', '0', '9007199254740993', '2 3'];
	for (const operation of ['get', 'updateStatus']) {
		it(`${operation} refuses ${bad.join(', ')} with no call, in version 1 and 2`, async () => {
			// Version 2's By ID field refuses them in the editor; an expression reaches the node.
			for (const [typeVersion, id] of [...bad.map((id) => [1, id] as const), ...bad.map((id) => [2, id] as const)]) {
				const value = typeVersion === 1 ? id : { __rl: true, mode: 'id', value: '={{ $json.id }}' };
				const before = (await sandbox.requests('ovowpp')).length;
				const { error } = await runOvo(sandbox, [{ json: { id } }], { resource: 'conversation', operation, conversationId: value, status: '1' }, { typeVersion });
				expect(error?.message, `${typeVersion} ${id}`).toMatch(/Conversation ID/);
				expect(error?.message).toMatch(/digits only/);
				expect((await sandbox.requests('ovowpp')).length, id).toBe(before);
			}
		});
	}

	it('takes an id with surrounding spaces, and a number', async () => {
		const { out } = await runOvo(sandbox, [{ json: { id: 2 } }], { resource: 'conversation', operation: 'get', conversationId: '={{ $json.id }}' });
		expect(out[0].json).toMatchObject({ id: 2 });
		const spaced = await runOvo(sandbox, [{}], { resource: 'conversation', operation: 'get', conversationId: ' 1 ' });
		expect(spaced.out[0].json).toMatchObject({ id: 1 });
	});
});
