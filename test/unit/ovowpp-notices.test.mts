// What the user sees in the node (issue 20 items 2 and 6): Update says the service recomputes the
// country (providers.md §1 quirk 14); Send and Wait says every agent of the panel sees the message
// with its links (quirk 19).
import { describe, expect, it } from 'vitest';
import { OvoWpp } from '../../nodes/OvoWpp/OvoWpp.node';

const properties = new OvoWpp().description.properties;
const shownFor = (operation: string) => properties.filter((p) => p.displayOptions?.show?.operation?.includes(operation));

describe('OvoWpp notices', () => {
	it('Update: a notice and the Update Fields description say the country is recomputed from the dial code', () => {
		const update = shownFor('update').filter((p) => p.displayOptions?.show?.resource?.includes('contact'));
		const notice = update.find((p) => p.type === 'notice');
		expect(notice?.displayName).toMatch(/recomputes the address country from the dial code on every save/);
		expect(update.find((p) => p.name === 'updateFields')?.description).toMatch(/except the country/);
	});

	it('Send and Wait: a notice says every agent sees the message, links included', () => {
		const notice = shownFor('sendAndWait').find((p) => p.type === 'notice');
		expect(notice?.displayName).toMatch(/every agent of the panel sees/);
		expect(notice?.displayName).toMatch(/links included/);
	});

	it('every operation says how the node was proven (issue 20: the README, docs/ovowpp.md and the notices agree)', () => {
		const notice = properties.find((p) => p.name === 'provenNotice');
		expect(notice?.type).toBe('notice');
		expect(notice?.displayOptions).toBeUndefined();
		expect(notice?.displayName).toMatch(/product's own public source, run/);
	});
});
