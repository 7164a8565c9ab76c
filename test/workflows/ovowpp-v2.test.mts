// Version 2 of the OvoWpp node (resource locators, Simplify) and version 1 workflows saved before it.
import { describe, expect, it } from 'vitest';
import { chain, listSearch, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';
import { runOvo } from './ovowpp-helpers';

const sandbox = useSandbox();
const v2 = { typeVersion: 2 };
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const data = () => sandbox.control('GET', 'ovowpp/data');
const credentials = () => ({ ovoWppApi: sandbox.credentials('ovoWppApi') });

describe('OvoWpp version 1 workflows', () => {
	it('runs a workflow saved with version 1 (plain ID fields, raw output)', async () => {
		// As exported from n8n before version 2: typeVersion 1, IDs as plain strings, no Simplify.
		const json = chain(
			itemsNode([{ json: { template: '1', contact: '1', conversation: '2' } }]),
			{
				name: 'Send',
				type: 'n8n-nodes-whatsapp-gateways.ovoWpp',
				typeVersion: 1,
				parameters: { resource: 'message', operation: 'sendTemplate', countryCode: '55', mobile: '11988887777', templateId: '={{$json.template}}' },
				credentials: { ovoWppApi: { id: '1', name: 'OvoWpp' } },
			},
			{
				name: 'Contact',
				type: 'n8n-nodes-whatsapp-gateways.ovoWpp',
				typeVersion: 1,
				parameters: { resource: 'contact', operation: 'get', contactId: "={{$('Items').item.json.contact}}" },
				credentials: { ovoWppApi: { id: '1', name: 'OvoWpp' } },
			},
			{
				name: 'Status',
				type: 'n8n-nodes-whatsapp-gateways.ovoWpp',
				typeVersion: 1,
				parameters: { resource: 'conversation', operation: 'updateStatus', conversationId: "={{$('Items').item.json.conversation}}", status: '3' },
				credentials: { ovoWppApi: { id: '1', name: 'OvoWpp' } },
			},
		);
		const result = await runWorkflow(json, credentials());
		expect(result.error('Send')).toBeUndefined();
		expect(result.output('Send')[0].json).toMatchObject({ sent: true, templateName: 'hello_world' });
		// Version 1 keeps the raw contact: every field the service gives, e.g. image_src and contact_channel.
		expect(result.output('Contact')[0].json).toMatchObject({ id: 1, firstname: 'Maria', image_src: expect.any(String) });
		expect(result.output('Status')[0].json).toEqual({ id: 2, status: 3, statusName: 'important' });
		expect((await sandbox.messages('ovowpp')).map((m) => [m.type, m.template])).toEqual([['template', 'hello_world']]);
		expect((await data()).conversations.find((c: any) => c.id === 2).status).toBe(3);
	});
});

describe('OvoWpp version 2: resource locators', () => {
	it('sends a template chosen from the list, and one given by ID', async () => {
		const send = (templateId: unknown) => ({ resource: 'message', operation: 'sendTemplate', countryCode: '55', mobile: '11988887777', templateId });
		const fromList = await runOvo(sandbox, [{}], send(rl('list', '1')), v2);
		expect(fromList.error).toBeUndefined();
		const byId = await runOvo(sandbox, [{}], send(rl('id', '1')), v2);
		expect(byId.error).toBeUndefined();
		expect(byId.out[0].json).toMatchObject({ sent: true, templateId: 1, templateName: 'hello_world' });
		expect((await sandbox.messages('ovowpp')).map((m) => m.template)).toEqual(['hello_world', 'hello_world']);
	});

	it('refuses a template ID that is not a number, before any call', async () => {
		const send = (value: string) => ({ resource: 'message', operation: 'sendTemplate', countryCode: '55', mobile: '11988887777', templateId: rl('id', value) });
		// Typed in By ID: the mode's pattern makes n8n refuse to run the workflow at all.
		await expect(runOvo(sandbox, [{}], send('hello'), v2)).rejects.toThrow(/workflow has issues/);
		// From an expression (n8n checks it only at run time): the node refuses the item.
		const { error } = await runOvo(sandbox, [{ json: { t: 'hello' } }], send('={{$json.t}}'), v2);
		expect(error?.message).toBe('Item 1: Template Name or ID "hello" is not a template ID');
		expect(await sandbox.requests('ovowpp')).toHaveLength(0);
	});

	it('gets a contact by phone number, paging the list (the service search is broken), simplified', async () => {
		const { out, error } = await runOvo(sandbox, [{}], { resource: 'contact', operation: 'get', contactId: rl('phone', '+1 (202) 555-0123') }, v2);
		expect(error).toBeUndefined();
		expect(out[0].json).toEqual({
			id: 2,
			firstname: 'John',
			lastname: 'Doe',
			full_name: 'John Doe',
			mobile_code: '1',
			mobile: '2025550123',
			address: expect.any(Object),
			is_blocked: 0,
			updated_at: expect.any(String),
		});
		const calls = await sandbox.requests('ovowpp');
		expect(calls.every((r) => r.path.includes('contact/list') && !r.path.includes('search='))).toBe(true);
	});

	it('gives the raw contact with Simplify off', async () => {
		const { out } = await runOvo(sandbox, [{}], { resource: 'contact', operation: 'get', contactId: rl('list', '1'), simplify: false }, v2);
		expect(out[0].json).toMatchObject({ id: 1, image_src: expect.any(String), user_id: 1 });
		expect(Object.keys(out[0].json).length).toBeGreaterThan(10);
	});

	it('updates a contact chosen from the list and deletes one given by phone number', async () => {
		const update = await runOvo(sandbox, [{}], { resource: 'contact', operation: 'update', contactId: rl('list', '1'), updateFields: { city: 'Recife' } }, v2);
		expect(update.error).toBeUndefined();
		const removed = await runOvo(sandbox, [{}], { resource: 'contact', operation: 'delete', contactId: rl('phone', '0012025550123') }, v2);
		expect(removed.out[0].json).toEqual({ deleted: true, id: 2 });
		const after = await data();
		expect(after.contacts.find((c: any) => c.id === 1).address.city).toBe('Recife');
		expect(after.contacts.map((c: any) => c.id)).not.toContain(2);
		const writes = (await sandbox.requests('ovowpp')).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.split('?')[0]}`);
		expect(writes).toEqual(['POST /ovowpp/external-api/contact/update/1', 'DELETE /ovowpp/external-api/contact/delete/2']);
	});

	it('says which number has no contact, and changes nothing', async () => {
		const { error } = await runOvo(sandbox, [{}], { resource: 'contact', operation: 'delete', contactId: rl('phone', '+34 612 345 678') }, v2);
		expect(error?.message).toBe('Item 1: There is no contact with the number +34612345678');
		expect((await sandbox.requests('ovowpp')).filter((r) => r.method !== 'GET')).toHaveLength(0);
		expect((await data()).contacts).toHaveLength(3);
	});

	it('updates the status of the conversation with a phone number (searched by its mobile)', async () => {
		const { out, error } = await runOvo(sandbox, [{}], { resource: 'conversation', operation: 'updateStatus', conversationId: rl('phone', '+12025550123'), status: '1' }, v2);
		expect(error).toBeUndefined();
		expect(out[0].json).toEqual({ id: 2, status: 1, statusName: 'done' });
		expect((await data()).conversations.find((c: any) => c.id === 2).status).toBe(1);
		const lists = (await sandbox.requests('ovowpp')).filter((r) => r.path.includes('conversation-list'));
		expect(lists[0].path).toMatch(/search=2025550123/);
	});

	it('gets a conversation by ID, simplified by default and raw with Simplify off', async () => {
		const simple = await runOvo(sandbox, [{}], { resource: 'conversation', operation: 'get', conversationId: rl('id', '1') }, v2);
		expect(simple.out[0].json).toEqual({
			id: 1,
			status: 2,
			statusName: 'pending',
			contact_id: 1,
			contactName: 'Maria Silva',
			contactPhone: '+5511988887777',
			last_message_at: expect.any(String),
			needs_human_reply: expect.anything(),
		});
		const raw = await runOvo(sandbox, [{}], { resource: 'conversation', operation: 'get', conversationId: rl('id', '1'), simplify: false }, v2);
		expect(raw.out[0].json).toMatchObject({ id: 1, contact: { firstname: 'Maria' }, notes: expect.any(Array) });
	});

	it('simplifies Get Many of contacts, conversations and templates by default in version 2 only', async () => {
		const contacts = await runOvo(sandbox, [{}], { resource: 'contact', operation: 'getMany', returnAll: true }, v2);
		expect(Object.keys(contacts.out[0].json)).not.toContain('image_src');
		const conversations = await runOvo(sandbox, [{}], { resource: 'conversation', operation: 'getMany', returnAll: true }, v2);
		expect(conversations.out.map((i) => i.json.contactName).sort()).toEqual(['John Doe', 'Maria Silva']);
		const templates = await runOvo(sandbox, [{}], { resource: 'template', operation: 'getMany', limit: 1 }, v2);
		expect(Object.keys(templates.out[0].json).sort()).toEqual(['body', 'footer', 'header', 'header_format', 'id', 'name', 'status', 'statusName'].filter((k) => k in templates.out[0].json).sort());
		expect(templates.out[0].json).not.toHaveProperty('whatsapp_template_id');
		const v1 = await runOvo(sandbox, [{}], { resource: 'template', operation: 'getMany', limit: 1 });
		expect(v1.out[0].json).toHaveProperty('whatsapp_template_id');
	});
});

describe('OvoWpp version 2: From List searches', () => {
	it('lists approved templates, filtered by the text typed', async () => {
		const all = await listSearch('ovoWpp', 'searchTemplates', credentials());
		expect(all.results).toHaveLength(22);
		expect(all.results.map((r) => r.name)).not.toContain('pending_promo (#2)');
		const some = await listSearch('ovoWpp', 'searchTemplates', credentials(), { filter: 'ORDER' });
		expect(some.results).toEqual([{ name: 'order_update (#3)', value: '3' }]);
	});

	it('searches contacts by name or number (filtered here) and pages with a token', async () => {
		const maria = await listSearch('ovoWpp', 'searchContacts', credentials(), { filter: 'mar' });
		expect(maria.results).toEqual([{ name: 'Maria Silva (+55 11988887777)', value: '1' }]);
		const john = await listSearch('ovoWpp', 'searchContacts', credentials(), { filter: '2025550' });
		expect(john.results.map((r) => r.value)).toEqual(['2']);
		expect((await sandbox.requests('ovowpp')).some((r) => r.path.includes('search='))).toBe(false);

		// 1,130 more contacts: without a search the first answer stops after a page of 1000 and hands a token for the rest.
		const contacts = Array.from({ length: 1130 }, (_, i) => ({ firstname: `Bulk${i}`, lastname: 'Person', mobile_code: '34', mobile: String(600000000 + i) }));
		await sandbox.control('POST', 'ovowpp/contacts', { contacts });
		const first = await listSearch('ovoWpp', 'searchContacts', credentials());
		expect(first.results).toHaveLength(1000);
		expect(first.paginationToken).toBe('2');
		const second = await listSearch('ovoWpp', 'searchContacts', credentials(), { paginationToken: first.paginationToken });
		expect(second.results).toHaveLength(133);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((r) => r.value)).size).toBe(1133);
	});

	it('searches conversations with the service search (name or mobile)', async () => {
		const john = await listSearch('ovoWpp', 'searchConversations', credentials(), { filter: 'John' });
		expect(john.results).toEqual([{ name: 'John Doe (+1 2025550123) #2', value: '2' }]);
		const calls = (await sandbox.requests('ovowpp')).filter((r) => r.path.includes('conversation-list'));
		expect(calls[0].path).toMatch(/search=John/);
	});

	it('WapiFlow offers the same searches under its own credential', async () => {
		const result = await listSearch('wapiFlow', 'searchTemplates', { wapiFlowApi: sandbox.credentials('wapiFlowApi') }, { filter: 'hello_world' });
		expect(result.results.map((r) => r.value)).toContain('1');
	});
});
