import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { kindOfContent } from '../../nodes/shared/media';
import { headOf } from '../../nodes/shared/multipart';
import { checkBoolean, checkNumber, checkOption, checkText } from '../../nodes/shared/params';

const bytes = (...values: Array<number | string>) => Buffer.concat(values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.from([v]))));

describe('kindOfContent', () => {
	it.each([
		['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 'JFIF')],
		['png', bytes(0x89, 'PNG\r\n\x1a\n', 'IHDR')],
		['pdf', bytes('%PDF-1.7\n')],
		['mp4', bytes(0, 0, 0, 0x20, 'ftypisom')],
		['mp3', bytes('ID3', 4, 0)],
		['mp3', bytes(0xff, 0xfb, 0x90, 0x64)],
		['aac', bytes(0xff, 0xf1, 0x50, 0x80)],
		['amr', bytes('#!AMR\n')],
		['ogg', bytes('OggS', 0)],
		['ole', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)],
		['zip', bytes('PK', 3, 4, '[Content_Types].xml')],
		[undefined, bytes('GIF89a')],
		[undefined, bytes('plain text')],
	])('%s', (kind, head) => expect(kindOfContent(head)).toBe(kind));
});

describe('headOf', () => {
	it('reads only the first chunk of a large stream and closes it', async () => {
		let pulled = 0;
		const stream = new Readable({
			highWaterMark: 64 * 1024,
			read() {
				pulled++;
				this.push(pulled > 1600 ? null : Buffer.alloc(64 * 1024, pulled === 1 ? 0x25 : 0)); // 100 MB in all
			},
		});
		const head = await headOf(stream as never);
		expect(head.length).toBe(1024);
		// Readable may read ahead by one chunk; it never reads the 100 MB.
		expect(pulled).toBeLessThanOrEqual(3);
		expect(stream.destroyed).toBe(true);
	});
});

describe('params', () => {
	it('reads texts, numbers, options and booleans, refusing other types with the field name', () => {
		expect(checkText(5, 'Text')).toBe('5');
		expect(() => checkText(null, 'Text', { required: true })).toThrow('Text is empty (the value is null)');
		expect(() => checkText({}, 'Text')).toThrow('Text must be a text, but is an object');
		expect(() => checkText('abcdef', 'Text', { max: 5, maxSource: 'WhatsApp' })).toThrow('Text has 6 characters; WhatsApp allows 5');
		expect(checkNumber('7', 'Limit', { min: 1, integer: true })).toBe(7);
		expect(() => checkNumber(null, 'Limit')).toThrow('Limit must be a number, but is null');
		expect(() => checkNumber(1.5, 'Limit', { integer: true })).toThrow('Limit must be a whole number, but is 1.5');
		expect(checkOption('a', 'Type', ['a', 'b'])).toBe('a');
		expect(() => checkOption(1, 'Type', ['1', '2'])).toThrow('Type must be one of its options, but is the number 1');
		expect(checkBoolean(undefined, 'Flag', true)).toBe(true);
		expect(() => checkBoolean('yes', 'Flag', true)).toThrow('Flag must be true or false, but is the text "yes"');
	});
});
