// A damaged profile picture behind a valid signature is refused before any call (issue 20 item 7):
// on update OvoWpp deletes the current picture before it decodes the new one, then fails (providers.md
// §1 quirk 18). Each file here passes the signature check the node made before.
import { describe, expect, it } from 'vitest';
import { wholeJpeg, wholePng } from '../helpers/images';
import { useSandbox } from '../helpers/sandbox';
import { runOvo } from './ovowpp-helpers';

const sandbox = useSandbox();
const png = wholePng(32, 32);
const jpeg = wholeJpeg();
const flip = (bytes: Buffer, at: number) => {
	const copy = Buffer.from(bytes);
	copy[at] ^= 0xff;
	return copy;
};
const DAMAGED: Array<[string, Buffer, string, RegExp]> = [
	['a PNG cut short', png.subarray(0, png.length - 30), 'cut.png', /IDAT chunk needs \d+ bytes, but the file ends first/],
	['a PNG without its end chunk', png.subarray(0, png.length - 12), 'noend.png', /no end chunk \(IEND\)/],
	['a PNG with a corrupted byte', flip(png, 60), 'flip.png', /IDAT chunk at byte \d+ fails its CRC check/],
	['a JPEG cut short', jpeg.subarray(0, 300), 'cut.jpg', /no end marker \(EOI\)|the file ends first/],
	['a JPEG without its end marker', jpeg.subarray(0, jpeg.length - 2), 'noend.jpg', /no end marker \(EOI\)/],
];
const item = (bytes: Buffer, fileName: string) => ({
	binary: { photo: { base64: bytes.toString('base64'), fileName, mimeType: fileName.endsWith('png') ? 'image/png' : 'image/jpeg' } },
});

describe('OvoWpp contact profile image: a damaged picture is refused before any call', () => {
	it(`Update: ${DAMAGED.map(([what]) => what).join(', ')} are each refused, and the contact keeps its picture`, async () => {
		const { out } = await runOvo(
			sandbox,
			DAMAGED.map(([, bytes, name]) => item(bytes, name)),
			{ resource: 'contact', operation: 'update', contactId: '1', updateFields: { profileImage: 'photo' } },
			{ continueOnFail: true },
		);
		DAMAGED.forEach(([, , name, why], index) => {
			expect(out[index].json.error).toMatch(new RegExp(`^Item ${index + 1}: Update Fields → Profile Image \\(Binary Field\\) "${name.replace('.', '\\.')}" is a damaged picture: `));
			expect(out[index].json.error).toMatch(why);
		});
		expect(await sandbox.requests('ovowpp')).toHaveLength(0);
	});

	it('Create: a damaged picture is refused with no call', async () => {
		const { error } = await runOvo(sandbox, [item(png.subarray(0, png.length - 12), 'ana.png')], {
			resource: 'contact',
			operation: 'create',
			firstName: 'Ana',
			lastName: 'López',
			countryCode: '34',
			mobile: '611222399',
			additionalFields: { profileImage: 'photo' },
		});
		expect(error?.message).toMatch(/Additional Fields → Profile Image \(Binary Field\) "ana\.png" is a damaged picture: it has no end chunk/);
		expect(await sandbox.requests('ovowpp')).toHaveLength(0);
	});

	it('a whole PNG and a whole JPEG are sent', async () => {
		const { out, error } = await runOvo(
			sandbox,
			[item(png, 'ana.png'), item(jpeg, 'ana.jpg')],
			{ resource: 'contact', operation: 'update', contactId: '1', updateFields: { profileImage: 'photo' } },
		);
		expect(error).toBeUndefined();
		expect(out.map((i) => String(i.json.image).split('.').pop())).toEqual(['png', 'jpg']);
	});
});

describe('the sandbox answers a damaged picture as the product does (quirk 18)', () => {
	it('deletes the current picture, then refuses the new one with "Couldn\'t upload your image"', async () => {
		const { baseUrl, clientId, clientSecret } = sandbox.credentials('ovoWppApi');
		const update = (bytes: Buffer, name: string) => {
			const form = new FormData();
			for (const [key, value] of Object.entries({ firstname: 'Maria', lastname: 'Silva', mobile_code: '55', mobile: '11988887777' })) form.append(key, value);
			form.append('profile_image', new Blob([bytes], { type: 'image/png' }), name);
			return fetch(`${baseUrl}/contact/update/1`, { method: 'POST', headers: { 'client-id': clientId, 'client-secret': clientSecret }, body: form }).then((r) => r.json());
		};
		const whole = await update(png, 'a.png');
		expect(whole.status).toBe('success');
		const picture = whole.data.contact.image;
		const damaged = await update(png.subarray(0, png.length - 12), 'b.png');
		expect(damaged).toEqual({ remark: 'image_upload_error', status: 'error', message: ["Couldn't upload your image"] });
		const data = await sandbox.control('GET', 'ovowpp/data');
		expect(data.deletedImages).toEqual([picture]);
		expect(data.contacts.find((c: { id: number }) => c.id === 1).image).toBe(picture);
	});
});
