// OvoWpp contacts: the profile picture from a binary field, uploaded as the profile_image file.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';
import { wholePng } from '../helpers/images';
import { runOvo } from './ovowpp-helpers';

const sandbox = useSandbox();
// A whole PNG: a signature followed by filler is now refused as damaged (ovowpp-contact-image-damage).
const picture = { binary: { photo: { base64: wholePng(32, 32).toString('base64'), fileName: 'ana.png', mimeType: 'image/png' } } };

describe('OvoWpp contact profile image', () => {
	it('Create uploads the binary field as profile_image (multipart)', async () => {
		const { out, error } = await runOvo(sandbox, [picture], {
			resource: 'contact',
			operation: 'create',
			firstName: 'Ana',
			lastName: 'López',
			countryCode: '34',
			mobile: '611222333',
			additionalFields: { profileImage: 'photo' },
		});
		expect(error).toBeUndefined();
		// the sandbox stores the picture under the type it read from the bytes, as the product does
		expect(out[0].json.image).toMatch(/^[0-9a-f]{23}\.png$/);
	});

	it('Update uploads a new picture and keeps the rest of the contact', async () => {
		const { out: created } = await runOvo(sandbox, [{}], { resource: 'contact', operation: 'create', firstName: 'Ana', lastName: 'López', countryCode: '34', mobile: '611222334' });
		const id = String(created[0].json.id);
		const { out, error } = await runOvo(sandbox, [picture], { resource: 'contact', operation: 'update', contactId: id, updateFields: { profileImage: 'photo' } });
		expect(error).toBeUndefined();
		expect(out[0].json).toMatchObject({ firstname: 'Ana', lastname: 'López', mobile: '611222334' });
		expect(out[0].json.image).toMatch(/\.png$/);
	});

	it('refuses a file that is not JPG or PNG, or a missing binary field, before any call', async () => {
		const pdf = { binary: { photo: { text: '%PDF-1.4', fileName: 'ana.pdf', mimeType: 'application/pdf' } } };
		const base = { resource: 'contact', operation: 'create', firstName: 'Ana', lastName: 'López', countryCode: '34', mobile: '611222335' };
		const bad = await runOvo(sandbox, [pdf], { ...base, additionalFields: { profileImage: 'photo' } });
		expect(bad.error?.message).toMatch(/Profile Image \(Binary Field\) "ana.pdf" is not a JPG or PNG picture/);
		const missing = await runOvo(sandbox, [{}], { ...base, additionalFields: { profileImage: 'photo' } });
		expect(missing.error?.message).toMatch(/Profile Image \(Binary Field\) "photo" holds no file on this item/);
		expect(await sandbox.requests('ovowpp')).toHaveLength(0);
	});
});
