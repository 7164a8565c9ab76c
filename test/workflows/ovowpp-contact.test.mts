import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';
import { runOvo } from './ovowpp-helpers';

const sandbox = useSandbox();
const contacts = async () => (await sandbox.control('GET', 'ovowpp/data')).contacts as any[];

describe('OvoWpp Contact', () => {
	it('creates a contact from each item', async () => {
		const { out, error } = await runOvo(
			sandbox,
			[{ json: { first: 'Ana', phone: '+34 612-345-678' } }, { json: { first: 'Luis', phone: '612 000 111' } }],
			{
				resource: 'contact',
				operation: 'create',
				firstName: '={{$json.first}}',
				lastName: 'Test',
				countryCode: '34',
				mobile: '={{$json.phone}}',
				additionalFields: { city: 'Madrid' },
			},
		);
		expect(error).toBeUndefined();
		expect(out.map((i) => i.json.firstname)).toEqual(['Ana', 'Luis']);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const created = (await contacts()).filter((c) => c.lastname === 'Test');
		expect(created.map((c) => `${c.mobile_code} ${c.mobile}`).sort()).toEqual(['34 612000111', '34 612345678']);
		expect(created.find((c) => c.firstname === 'Ana').address.city).toBe('Madrid');
	});

	it('refuses a name over 40 characters before calling', async () => {
		const { error } = await runOvo(sandbox, [{}], {
			resource: 'contact',
			operation: 'create',
			firstName: 'x'.repeat(41),
			lastName: 'Test',
			countryCode: '34',
			mobile: '612345678',
		});
		expect(error?.message).toBe('Item 1: First Name has 41 characters; OvoWpp allows 40');
		expect((await sandbox.requests('ovowpp')).length).toBe(0);
	});

	it('changes only the given fields: the rest of the contact is kept', async () => {
		await runOvo(sandbox, [{}], {
			resource: 'contact',
			operation: 'create',
			firstName: 'Ana',
			lastName: 'Keep',
			countryCode: '34',
			mobile: '699111222',
			additionalFields: { city: 'Sevilla', address: 'Calle Sol 1', post_code: '41001', state: 'Andalucía' },
		});
		const id = (await contacts()).find((c) => c.lastname === 'Keep').id;
		const { out, error } = await runOvo(sandbox, [{}], {
			resource: 'contact',
			operation: 'update',
			contactId: String(id),
			updateFields: { city: 'Cádiz' },
		});
		expect(error).toBeUndefined();
		expect(out[0].json).toMatchObject({ id, firstname: 'Ana', lastname: 'Keep' });
		const stored = (await contacts()).find((c) => c.id === id);
		expect(stored).toMatchObject({ firstname: 'Ana', lastname: 'Keep', mobile_code: '34', mobile: '699111222' });
		expect(stored.address).toMatchObject({ city: 'Cádiz', address: 'Calle Sol 1', post_code: '41001', state: 'Andalucía' });
	});

	it('deletes a contact', async () => {
		const { out } = await runOvo(sandbox, [{}], { resource: 'contact', operation: 'delete', contactId: '2' });
		expect(out[0].json).toEqual({ deleted: true, id: 2 });
		expect((await contacts()).map((c) => c.id)).not.toContain(2);
	});

	it('gets one contact by id, and says so when it does not exist', async () => {
		const { out } = await runOvo(sandbox, [{ json: { id: 1 } }, { json: { id: 999 } }], { resource: 'contact', operation: 'get', contactId: '={{$json.id}}' }, { continueOnFail: true });
		expect(out[0].json).toMatchObject({ id: 1, firstname: 'Maria', lastname: 'Silva' });
		expect(out[1].json.error).toMatch(/Item 2: There is no contact with ID 999/);
	});

	it('pages through every contact with paginate on each page, and searches client-side', async () => {
		for (let i = 0; i < 60; i++) {
			await sandbox.control('POST', 'ovowpp/incoming', { mobile_code: '52', mobile: String(5512340000 + i), message: 'hola', firstname: `Cliente${i}`, lastname: 'Bulk' });
		}
		const all = await runOvo(sandbox, [{}], { resource: 'contact', operation: 'getMany', returnAll: true });
		expect(all.out).toHaveLength(63);
		const calls = (await sandbox.requests('ovowpp')).filter((r) => r.path.includes('contact/list'));
		expect(calls.length).toBe(1);
		expect(calls.every((r) => /paginate=5000/.test(r.path) && !/search=/.test(r.path))).toBe(true);

		const limited = await runOvo(sandbox, [{}], { resource: 'contact', operation: 'getMany', limit: 5 });
		expect(limited.out).toHaveLength(5);
		const byName = await runOvo(sandbox, [{}], { resource: 'contact', operation: 'getMany', returnAll: true, search: 'maria' });
		expect(byName.out.map((i) => i.json.full_name)).toEqual(['Maria Silva']);
		const byNumber = await runOvo(sandbox, [{}], { resource: 'contact', operation: 'getMany', returnAll: true, search: '+52 55 1234 0007' });
		expect(byNumber.out.map((i) => i.json.firstname)).toEqual(['Cliente7']);
	});
});
