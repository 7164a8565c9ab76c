// OvoWpp contact ids are digits, or they are refused before any call (issue 20, adversarial runs):
// Number() took "0x2", "+2", "2.0" and "1e0" as 2 (DELETE …/contact/delete/2) and rounded ids above 2^53.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';
import { runOvo } from './ovowpp-helpers';

const sandbox = useSandbox();
const BAD = ['0x2', '+2', '2.0', '1e0', '9007199254740993', '-2', '0', '2 3'];

describe('OvoWpp contact ids: digits only', () => {
	for (const operation of ['delete', 'get', 'update']) {
		for (const version of [1, 2]) {
			it(`${operation} (version ${version}): ${BAD.join(', ')} are each refused with no call to the service`, async () => {
				const items = BAD.map((id) => ({ json: { id } }));
				const contactId = version === 1 ? '={{ $json.id }}' : { __rl: true, mode: 'id', value: '={{ $json.id }}' };
				const extra = operation === 'update' ? { updateFields: { city: 'Lima' } } : {};
				const { out } = await runOvo(sandbox, items, { resource: 'contact', operation, contactId, ...extra }, { typeVersion: version, continueOnFail: true });
				expect(out).toHaveLength(BAD.length);
				out.forEach((item, index) => {
					expect(item.json.error).toMatch(new RegExp(`^Item ${index + 1}: Contact ID "${BAD[index].replace(/[+.]/g, '\\$&')}" is not an ID \\(digits only\\)`));
				});
				expect(await sandbox.requests('ovowpp')).toHaveLength(0);
				expect((await sandbox.control('GET', 'ovowpp/data')).contacts.map((c: { id: number }) => c.id)).toEqual([1, 2, 3]);
			});
		}
	}

	it('a plain id with spaces around it still works', async () => {
		const { out, error } = await runOvo(sandbox, [{}], { resource: 'contact', operation: 'delete', contactId: ' 2 ' });
		expect(error).toBeUndefined();
		expect(out[0].json).toEqual({ deleted: true, id: 2 });
	});
});
