import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';
import { pngBase64, runOvo } from './ovowpp-helpers';

const sandbox = useSandbox();
const maria = { countryCode: '55', mobile: '11 98888-7777' };
const sendCalls = async () => (await sandbox.requests('ovowpp')).filter((r) => r.path.includes('send-message'));

describe('OvoWpp Message: Send', () => {
	it('sends a text to each item, in order, paired', async () => {
		const { out, error } = await runOvo(
			sandbox,
			[{ json: { text: 'Hola 1' } }, { json: { text: 'Hola 2' } }, { json: { text: 'Hola 3' } }],
			{ resource: 'message', operation: 'send', ...maria, messageType: 'text', text: '={{$json.text}}' },
		);
		expect(error).toBeUndefined();
		expect(out.map((i) => i.json.sent)).toEqual([true, true, true]);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.conversationId).toBe(1);
		const messages = await sandbox.messages('ovowpp');
		expect(messages.map((m) => [m.to, m.type, m.text]).sort()).toEqual([
			['5511988887777', 'text', 'Hola 1'],
			['5511988887777', 'text', 'Hola 2'],
			['5511988887777', 'text', 'Hola 3'],
		]);
	});

	it('creates the contact of an unknown number, then sends exactly once', async () => {
		const { out, error } = await runOvo(sandbox, [{}], {
			resource: 'message',
			operation: 'send',
			countryCode: '34',
			mobile: '612 345 678',
			messageType: 'text',
			text: 'Bienvenido',
			options: { newContactFirstName: 'Nuevo' },
		});
		expect(error).toBeUndefined();
		expect(out[0].json).toMatchObject({ sent: true, to: '+34612345678', contactCreated: { firstname: 'Nuevo', lastname: 'WhatsApp' } });
		const messages = await sandbox.messages('ovowpp');
		expect(messages).toHaveLength(1);
		expect(messages[0]).toMatchObject({ to: '34612345678', text: 'Bienvenido' });
		// The refused call, the contact, the one real send.
		expect((await sendCalls()).length).toBe(2);
	});

	it('reports the provider words for an unknown number when Create Contact If Missing is off', async () => {
		const { out } = await runOvo(
			sandbox,
			[{}],
			{
				resource: 'message',
				operation: 'send',
				countryCode: '34',
				mobile: '612345678',
				messageType: 'text',
				text: 'x',
				options: { createContact: false },
			},
			{ continueOnFail: true },
		);
		expect(out[0].json.error).toMatch(/contact_id' cannot be null/);
		expect(out[0].json.error).not.toMatch(/insert into/i); // the SQL is redacted
		expect(await sandbox.messages('ovowpp')).toHaveLength(0);
	});

	it('uploads an image from a binary property as multipart, with its caption', async () => {
		const base64 = pngBase64(200_000);
		const { out, error } = await runOvo(
			sandbox,
			[{ binary: { photo: { base64, fileName: 'promo.png', mimeType: 'image/png' } } }],
			{ resource: 'message', operation: 'send', ...maria, messageType: 'image', binaryProperty: 'photo', caption: 'Oferta' },
		);
		expect(error).toBeUndefined();
		expect(out[0].json.sent).toBe(true);
		const [message] = await sandbox.messages('ovowpp');
		expect(message.type).toBe('image');
		expect(message.files).toEqual([
			expect.objectContaining({
				name: 'promo.png',
				type: 'image/png',
				size: 200_000,
				sha256: createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex'),
			}),
		]);
		expect(message.content.message ?? message.text).toBe('Oferta');
	});

	it('uploads a document from a binary property', async () => {
		const { out, error } = await runOvo(
			sandbox,
			[{ binary: { data: { text: '%PDF-1.4 invoice', fileName: 'invoice.pdf', mimeType: 'application/pdf' } } }],
			{ resource: 'message', operation: 'send', ...maria, messageType: 'document', binaryProperty: 'data' },
		);
		expect(error).toBeUndefined();
		expect(out[0].json.sent).toBe(true);
		const [message] = await sandbox.messages('ovowpp');
		expect(message).toMatchObject({ type: 'document', files: [expect.objectContaining({ name: 'invoice.pdf', size: 16 })] });
	});

	it('refuses an oversized image, a wrong type and a missing file before any call', async () => {
		const { out } = await runOvo(
			sandbox,
			[
				{ binary: { data: { base64: pngBase64(1000), fileName: 'small.png', mimeType: 'image/png' } } },
				{ binary: { data: { base64: pngBase64(6 * 1024 * 1024), fileName: 'big.png', mimeType: 'image/png' } } },
				{ binary: { data: { text: 'GIF89a', fileName: 'anim.gif', mimeType: 'image/gif' } } },
				{},
			],
			{ resource: 'message', operation: 'send', ...maria, messageType: 'image', binaryProperty: 'data' },
			{ continueOnFail: true },
		);
		expect(out[0].json.sent).toBe(true);
		expect(out[1].json.error).toMatch(/Item 2: Input Binary Field "data" holds "big\.png", of 6 MB, over the provider's 5 MB limit/);
		expect(out[1].json.field).toBe('Input Binary Field');
		expect(out[2].json.error).toMatch(/anim\.gif.*not a file type/);
		expect(out[2].json.description).toMatch(/jpg, jpeg, png/);
		expect(out[3].json.error).toMatch(/holds no file/);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect((await sandbox.messages('ovowpp')).map((m) => m.files[0].name)).toEqual(['small.png']);
		expect((await sendCalls()).length).toBe(1);
	});

	it('sends a location, a CTA URL and an interactive list', async () => {
		const base = { resource: 'message', operation: 'send', ...maria };
		expect((await runOvo(sandbox, [{}], { ...base, messageType: 'location', latitude: 40.4168, longitude: -3.7038, locationName: 'Sol' })).error).toBeUndefined();
		expect((await runOvo(sandbox, [{}], { ...base, messageType: 'ctaUrl', ctaUrlId: 1 })).error).toBeUndefined();
		expect((await runOvo(sandbox, [{}], { ...base, messageType: 'interactiveList', interactiveListId: 1 })).error).toBeUndefined();
		const messages = await sandbox.messages('ovowpp');
		expect(messages.map((m) => m.type)).toEqual(['location', 'cta_url', 'interactive_list']);
		expect(messages[0].content).toMatchObject({ latitude: '40.4168', longitude: '-3.7038', name: 'Sol' });
	});

	it('sends from the chosen number', async () => {
		await runOvo(sandbox, [{}], {
			resource: 'message',
			operation: 'send',
			...maria,
			messageType: 'text',
			text: 'from line 2',
			options: { fromNumber: '+15550002222' },
		});
		expect((await sandbox.messages('ovowpp'))[0].from).toBe('+15550002222');
	});

	it('rejects a bad phone number before any call, naming the item and the field', async () => {
		const { error } = await runOvo(sandbox, [{ json: { phone: '612345678' } }, { json: { phone: '12ab' } }], {
			resource: 'message',
			operation: 'send',
			countryCode: '34',
			mobile: '={{$json.phone}}',
			messageType: 'text',
			text: 'x',
			options: { concurrency: 1 },
		});
		expect(error?.message).toMatch(/^Item 2: Phone Number "12ab" contains characters that are not digits/);
		expect(error?.description).toMatch(/Use only digits/);
		// One at a time: item 1 went out before item 2 failed; item 2 never reached the provider.
		expect((await sandbox.messages('ovowpp')).map((m) => m.to)).toEqual(['34612345678']);
		expect((await sendCalls()).length).toBe(2); // item 1 refused as unknown contact, then sent once
	});

	it('keeps order and pairing under Continue On Fail', async () => {
		const { out } = await runOvo(
			sandbox,
			[{ json: { phone: '11988887777' } }, { json: { phone: '1' } }, { json: { phone: '11988887777' } }],
			{ resource: 'message', operation: 'send', countryCode: '55', mobile: '={{$json.phone}}', messageType: 'text', text: 'hi' },
			{ continueOnFail: true },
		);
		expect(out.map((i) => (i.json.error ? 'error' : 'sent'))).toEqual(['sent', 'error', 'sent']);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json.error).toMatch(/Item 2: Phone Number "1" has 1 digits after the country code \+55 \(Brazil\)/);
	});

	it('never re-sends a message whose answer was lost, and says its fate is unknown', async () => {
		await sandbox.config({ provider: 'ovowpp', dropAfterRate: 1 });
		const { out } = await runOvo(
			sandbox,
			[{}],
			{ resource: 'message', operation: 'send', ...maria, messageType: 'text', text: 'once' },
			{ continueOnFail: true },
		);
		expect(out[0].json.delivery).toBe('unknown');
		expect(out[0].json.error).toMatch(/connection was lost/);
		expect(await sandbox.messages('ovowpp')).toHaveLength(1);
		expect((await sendCalls()).length).toBe(1);
	});
});
