// Bad input is refused before any call, with an error that names the item (counted from 1, once)
// and the field by the name the user sees. Each refusal is checked against the sandbox's request
// log: no request reached the provider (or, where the node must read the template to know, only
// that read).
import { describe, expect, it } from 'vitest';
import { chain, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import type { ItemSpec } from '../helpers/test-nodes';
import { itemsNode } from '../helpers/test-nodes';
import { pngBase64 } from './ovowpp-helpers';

const sandbox = useSandbox();

type Provider = 'ovoWpp' | 'wolkvox' | 'mensatek';
const CREDENTIAL = { ovoWpp: 'ovoWppApi', wolkvox: 'wolkvoxApi', mensatek: 'mensatekApi' } as const;
const SANDBOX = { ovoWpp: 'ovowpp', wolkvox: 'wolkvox', mensatek: 'mensatek' } as const;

async function run(provider: Provider, parameters: Record<string, unknown>, items: ItemSpec[] = [{ json: {} }], extra: Record<string, unknown> = { continueOnFail: true }) {
	const node = {
		name: 'Node',
		type: `n8n-nodes-whatsapp-gateways.${provider}`,
		typeVersion: 1,
		parameters,
		credentials: { [CREDENTIAL[provider]]: { id: '1', name: 'sandbox' } },
		...extra,
	};
	const result = await runWorkflow(chain(itemsNode(items), node), { [CREDENTIAL[provider]]: sandbox.credentials(CREDENTIAL[provider]) });
	return { out: result.output('Node'), error: result.error('Node') };
}
const requests = async (provider: Provider) => (await sandbox.requests(SANDBOX[provider])).map((r) => r.path);

const ovoText = { resource: 'message', operation: 'send', countryCode: '34', mobile: '612345678', messageType: 'text', text: 'Hola' };
const wolkvoxText = { resource: 'message', operation: 'send', connectorId: '1001', phone: '+57 300 123 4567', text: 'Hola' };
const mensatekText = { resource: 'message', operation: 'send', phone: '+34 600 000 001', messageType: 'TEXTO', text: 'Hola' };
const SEND = { ovoWpp: ovoText, wolkvox: wolkvoxText, mensatek: mensatekText };

describe('values of the wrong type are refused before any call', () => {
	it.each([
		['ovoWpp', 'text', '={{ null }}', /^Item 1: Text is empty \(the value is null\)$/],
		['wolkvox', 'text', '={{ null }}', /^Item 1: Text is empty \(the value is null\)$/],
		['mensatek', 'text', '={{ null }}', /^Item 1: Text is empty \(the value is null\)$/],
		['ovoWpp', 'text', '={{ { a: 1 } }}', /^Item 1: Text must be a text, but is an object$/],
		['mensatek', 'text', '={{ [1, 2] }}', /^Item 1: Text must be a text, but is a list$/],
		['ovoWpp', 'messageType', '={{ null }}', /^Item 1: Message Type must be one of its options, but is null$/],
		['ovoWpp', 'messageType', '={{ 3 }}', /^Item 1: Message Type must be one of its options, but is the number 3$/],
		['ovoWpp', 'mobile', '={{ { n: 612345678 } }}', /^Item 1: Phone Number must be a phone number, but is an object$/],
		['wolkvox', 'connectorId', '={{ { id: 1 } }}', /^Item 1: Connector ID must be a text, but is an object$/],
	] as Array<[Provider, string, string, RegExp]>)('%s %s = %s', async (provider, field, value, message) => {
		const { out } = await run(provider, { ...SEND[provider], [field]: value });
		expect(out[0].json.error).toMatch(message);
		expect(out[0].json.description).toBeTruthy();
		expect(await requests(provider)).toEqual([]);
	});
});

describe('lengths are checked before calling', () => {
	const long = 'a'.repeat(100_000);
	it.each(['ovoWpp', 'wolkvox', 'mensatek'] as Provider[])('%s refuses a 100,000-character text (WhatsApp allows 4,096)', async (provider) => {
		const { out } = await run(provider, { ...SEND[provider], text: long });
		expect(out[0].json.error).toBe('Item 1: Text has 100000 characters; WhatsApp allows 4096');
		expect(await requests(provider)).toEqual([]);
	});

	it('a text of exactly 4,096 characters is sent', async () => {
		const { out } = await run('wolkvox', { ...wolkvoxText, text: 'b'.repeat(4096) });
		expect(out[0].json).toMatchObject({ sent: true });
	});

	it('OvoWpp and Mensatek refuse a caption over 1,024 characters', async () => {
		const image = [{ binary: { data: { base64: pngBase64(2000), fileName: 'a.png', mimeType: 'image/png' } } }];
		const ovo = await run('ovoWpp', { ...ovoText, messageType: 'image', binaryProperty: 'data', caption: 'c'.repeat(1025) }, image);
		expect(ovo.out[0].json.error).toBe('Item 1: Caption has 1025 characters; WhatsApp allows 1024');
		const mt = await run('mensatek', { ...mensatekText, messageType: 'IMAGEN', url: 'https://example.com/a.png', caption: 'c'.repeat(1025) });
		expect(mt.out[0].json.error).toBe('Item 1: Caption has 1025 characters; WhatsApp allows 1024');
		expect([...(await requests('ovoWpp')), ...(await requests('mensatek'))]).toEqual([]);
	});
});

describe('template variables', () => {
	it('OvoWpp refuses an empty or null variable (it would be sent as "")', async () => {
		const { out } = await run('ovoWpp', {
			resource: 'message',
			operation: 'sendTemplate',
			countryCode: '34',
			mobile: '612345678',
			templateId: '1',
			bodyVariables: { variable: [{ value: '={{ null }}' }] },
		});
		expect(out[0].json.error).toBe('Item 1: Body Variables → Variable 1 is empty (the value is null)');
		expect(await requests('ovoWpp')).toEqual([]);
	});

	it('Wolkvox refuses a null variable, and 1 or 3 values for a template of 2, reading only the template list', async () => {
		const base = { resource: 'message', operation: 'sendTemplate', connectorId: '1001', phone: '+57 300 123 4567', templateName: 'order_confirmation' };
		const nullVar = await run('wolkvox', { ...base, templateVariables: { variable: [{ value: 'Ana' }, { value: '={{ null }}' }] } });
		expect(nullVar.out[0].json.error).toBe('Item 1: Variables → Variable 2 is empty (the value is null)');
		expect(await requests('wolkvox')).toEqual([]);

		const values = (n: number) => ({ variable: Array.from({ length: n }, (_, i) => ({ value: `v${i + 1}` })) });
		for (const count of [1, 3]) {
			const result = await run('wolkvox', { ...base, templateVariables: values(count) }, [{ json: {} }, { json: {} }]);
			expect(result.out.map((item) => item.json.error)).toEqual([
				`Item 1: Variables has ${count} value(s); template "order_confirmation" has 2 ({{1}}…)`,
				`Item 2: Variables has ${count} value(s); template "order_confirmation" has 2 ({{1}}…)`,
			]);
		}
		// One list_templates per run (it is how the node knows the count), and no send at all.
		const paths = await requests('wolkvox');
		expect(paths.every((path) => path.includes('api=list_templates'))).toBe(true);
		expect(paths.filter((path) => path.includes('api=list_templates'))).toHaveLength(2);
	});

	it('Mensatek refuses a null value, and sends a name the template does not have with the recipient (per-recipient field)', async () => {
		const send = (value: Record<string, unknown>) =>
			run('mensatek', {
				resource: 'message',
				operation: 'send',
				phone: '+34 600 000 001',
				messageType: 'PLANTILLA',
				templateId: '610000000000002',
				templateVariables: { mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] },
			});
		const empty = await send({ Nombre: '={{ null }}', Pedido: 'A-1' });
		expect(empty.out[0].json.error).toMatch(/^Item 1: Template Variables → Nombre is missing/);
		// Only the template's variables were read; nothing was sent.
		expect((await requests('mensatek')).every((path) => path.endsWith('/GetVariablesPlantillaWhatsapp'))).toBe(true);
		// Mensatek's docs allow per-recipient fields besides the template's variables (issue 20, item 14).
		const extra = await send({ Nombre: 'Ana', Pedido: 'A-1', Cupon: 'X' });
		expect(extra.out[0].json.sent).toBe(true);
		expect((await sandbox.messages('mensatek'))[0].content.recipient).toEqual({ Telefono: '34600000001', Nombre: 'Ana', Pedido: 'A-1', Cupon: 'X' });
	});
});

describe('media are checked by their content', () => {
	const send = (binary: ItemSpec['binary'], messageType = 'image') =>
		run('ovoWpp', { ...ovoText, messageType, binaryProperty: 'data' }, [{ binary }]);

	it('refuses a PDF named a.png and an empty a.png, naming the field and the file', async () => {
		const pdf = await send({ data: { text: '%PDF-1.4 invoice', fileName: 'a.png', mimeType: 'image/png' } });
		expect(pdf.out[0].json.error).toBe('Item 1: Input Binary Field "data" holds "a.png", whose content is a PDF document, not a PNG image');
		const empty = await send({ data: { text: '', fileName: 'a.png', mimeType: 'image/png' } });
		expect(empty.out[0].json.error).toBe('Item 1: Input Binary Field "data" holds "a.png", which is empty');
		expect(await requests('ovoWpp')).toEqual([]);
	});

	it('names the field, not the file, when a document is of a type the provider refuses', async () => {
		const { out } = await send({ data: { text: 'notas', fileName: 'notas.txt', mimeType: 'text/plain' } }, 'document');
		expect(out[0].json.error).toBe('Item 1: Input Binary Field "data" holds "notas.txt", which is not a file type the provider accepts as a document');
		expect(out[0].json.field).toBe('Input Binary Field');
		expect(await requests('ovoWpp')).toEqual([]);
	});

	it('refuses a fake MP4 and an audio that is no audio; sends a DOCX (Office ZIP) as a document', async () => {
		const video = await send({ data: { text: 'not a video at all', fileName: 'clip.mp4', mimeType: 'video/mp4' } }, 'video');
		expect(video.out[0].json.error).toMatch(/holds "clip\.mp4", whose content is of no type the provider accepts, not an MP4/);
		const audio = await send({ data: { text: 'RIFF....WAVEfmt ', fileName: 'voice.wav', mimeType: 'audio/wav' } }, 'audio');
		expect(audio.out[0].json.error).toMatch(/holds "voice\.wav", whose content is of no type the provider accepts, not an audio/);
		expect(await requests('ovoWpp')).toEqual([]);
		const docx = await send({ data: { base64: Buffer.from('PK\x03\x04rest-of-a-docx').toString('base64'), fileName: 'carta.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } }, 'document');
		expect(docx.out[0].json).toMatchObject({ sent: true, messageType: 'document' });
	});

	it('takes the extension from the mime type when the file name has none', async () => {
		const { out } = await send({ data: { base64: pngBase64(3000), fileName: 'photo', mimeType: 'image/png' } });
		expect(out[0].json).toMatchObject({ sent: true, messageType: 'image' });
		const [message] = await sandbox.messages('ovowpp');
		expect(message.files[0]).toMatchObject({ field: 'image', name: 'photo.png' });
	});
});

describe('phone numbers as a user writes them', () => {
	it('OvoWpp sends "+34 612 34 56 78" with Country Code empty', async () => {
		const { out } = await run('ovoWpp', { ...ovoText, countryCode: '', mobile: '+34 612 34 56 78' });
		expect(out[0].json).toMatchObject({ sent: true, to: '+34612345678' });
	});

	it('OvoWpp catches the country code typed again ("34612345678" with Country Code 34)', async () => {
		const { out } = await run('ovoWpp', { ...ovoText, countryCode: '34', mobile: '34612345678' });
		expect(out[0].json.error).toMatch(/^Item 1: Phone Number "34612345678" seems to repeat the country code 34/);
		expect(out[0].json.description).toMatch(/here: 612345678/);
		expect(await requests('ovoWpp')).toEqual([]);
	});

	it.each(['wolkvox', 'mensatek'] as Provider[])('%s refuses "612345678", a number without a country code, with a hint', async (provider) => {
		const { out } = await run(provider, { ...SEND[provider], phone: '612345678' });
		expect(out[0].json.error).toMatch(/^Item 1: Phone(?: Number)? "612345678" is not a complete international number/);
		expect(out[0].json.description).toMatch(/with its country code, e\.g\. \+34 612 345 678/);
		expect(await requests(provider)).toEqual([]);
	});
});

describe('one numbering in errors', () => {
	it('names the item from 1, once, and gives n8n no 0-based index to append', async () => {
		const items = [{ json: { phone: '612345678' } }, { json: { phone: 'abc' } }];
		const { error } = await run('ovoWpp', { ...ovoText, countryCode: '34', mobile: '={{ $json.phone }}' }, items, {});
		expect(error?.message).toMatch(/^Item 2: Phone Number "abc" contains characters that are not digits/);
		expect(error?.message).not.toMatch(/\[item \d+\]/);
		expect(error?.context?.itemIndex).toBeUndefined();
		expect(error?.context?.item).toBe(2);
		// Item 1 went out; item 2 did not.
		expect((await sandbox.messages('ovowpp')).map((m) => m.to)).toEqual(['34612345678']);
	});

	it("rewrites n8n's own errors (an expression that fails) the same way", async () => {
		const items = [{ json: { a: { b: 'x' } } }, { json: {} }];
		const { out } = await run('wolkvox', { ...wolkvoxText, text: '={{ $json.a.b.toUpperCase() }}' }, items);
		expect(out[1].json.error).toMatch(/^Item 2: /);
		expect(String(out[1].json.error)).not.toMatch(/\[item \d+\]/);
	});
});
