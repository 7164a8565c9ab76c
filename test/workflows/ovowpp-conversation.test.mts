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
