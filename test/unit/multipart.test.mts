import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { multipartBody } from '../../nodes/shared/multipart';
import { parseBody } from '../../sandbox/body.mjs';

async function parse(body: Buffer | Readable, headers: Record<string, string>) {
	const stream = Buffer.isBuffer(body) ? Readable.from([body]) : body;
	return parseBody(Object.assign(stream, { headers }));
}

describe('multipartBody', () => {
	it('builds a body a multipart parser reads back, fields and file, with an exact length', async () => {
		const file = Buffer.from('%PDF-1.4 hello');
		const { body, headers } = multipartBody(
			{ mobile_code: '34', body_variables: ['a', 'b "quoted"'] },
			[{ field: 'document', fileName: 'in"voice.pdf', mimeType: 'application/pdf', size: file.length, content: file }],
		);
		expect(Buffer.isBuffer(body)).toBe(true);
		expect(Number(headers['content-length'])).toBe((body as Buffer).length);
		const parsed = await parse(body as Buffer, headers);
		expect(parsed.kind).toBe('multipart');
		expect(parsed.fields).toEqual({ mobile_code: '34', body_variables: ['a', 'b "quoted"'] });
		expect(parsed.files[0]).toMatchObject({ field: 'document', type: 'application/pdf', size: file.length });
	});

	it('streams a file given as a stream, without reading it first', async () => {
		const chunks = [Buffer.alloc(300_000, 1), Buffer.alloc(200_000, 2)];
		let pulled = 0;
		const source = new Readable({
			read() {
				const next = chunks.shift();
				if (next) pulled++;
				this.push(next ?? null);
			},
		});
		const { body, headers } = multipartBody({ a: '1' }, [
			{ field: 'video', fileName: 'clip.mp4', mimeType: 'video/mp4', size: 500_000, content: source as never },
		]);
		expect(Buffer.isBuffer(body)).toBe(false);
		expect(pulled).toBe(0); // nothing read until the request is sent
		const parsed = await parse(body as unknown as Readable, headers);
		expect(parsed.files[0]).toMatchObject({ field: 'video', name: 'clip.mp4', size: 500_000 });
		expect(parsed.fields).toEqual({ a: '1' });
	});
});
