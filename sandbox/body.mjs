// Request body parsing for the sandbox: JSON, urlencoded and multipart, with files streamed
// through a hash so a 100 MB upload is measured, not held in memory.
import { createHash } from 'node:crypto';

/** Reads the whole body as a Buffer, except multipart which is parsed as it streams. */
export async function parseBody(req) {
	const type = String(req.headers['content-type'] || '').toLowerCase();
	if (type.startsWith('multipart/form-data')) {
		const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers['content-type']);
		if (!boundary) return { kind: 'invalid', fields: {}, files: [], error: 'multipart without boundary' };
		return parseMultipart(req, boundary[1] || boundary[2]);
	}
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const raw = Buffer.concat(chunks);
	const text = raw.toString('utf8');
	if (!raw.length) return { kind: 'empty', fields: {}, files: [], raw: text };
	if (type.includes('json')) {
		try {
			const parsed = JSON.parse(text);
			return { kind: 'json', fields: parsed, files: [], raw: text };
		} catch (error) {
			return { kind: 'invalid', fields: {}, files: [], raw: text, error: error.message };
		}
	}
	if (type.startsWith('application/x-www-form-urlencoded')) {
		return { kind: 'form', fields: parseUrlEncoded(text), files: [], raw: text };
	}
	return { kind: 'text', fields: {}, files: [], raw: text };
}

/** PHP-style form decoding: `a[]=1&a[]=2` → { a: ['1','2'] }; a `+` is a space, as in PHP. */
export function parseUrlEncoded(text) {
	const fields = {};
	for (const [key, value] of new URLSearchParams(text)) addField(fields, key, value);
	return fields;
}

export function addField(fields, key, value) {
	if (key.endsWith('[]')) {
		const name = key.slice(0, -2);
		if (!Array.isArray(fields[name])) fields[name] = [];
		fields[name].push(value);
	} else {
		fields[key] = value;
	}
}

/**
 * A small streaming multipart parser. Text parts become fields; file parts are hashed and
 * counted as they pass, and only their first 64 KiB are kept (enough to check magic bytes).
 */
async function parseMultipart(req, boundary) {
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	const fields = {};
	const files = [];
	let buffer = Buffer.from('\r\n'); // lets the first boundary match the same delimiter
	let part = null; // { headers, name, filename, type, chunks, size, hash, head }
	let done = false;

	const startPart = (headerText) => {
		const headers = {};
		for (const line of headerText.split('\r\n')) {
			const at = line.indexOf(':');
			if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
		}
		const disposition = headers['content-disposition'] || '';
		const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
		const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
		part = {
			name,
			filename,
			type: headers['content-type'] || (filename !== undefined ? 'application/octet-stream' : 'text/plain'),
			chunks: [],
			size: 0,
			hash: createHash('sha256'),
			head: [],
			headSize: 0,
		};
	};
	const feed = (data) => {
		if (!part || !data.length) return;
		part.size += data.length;
		if (part.filename !== undefined) {
			part.hash.update(data);
			if (part.headSize < 65536) {
				part.head.push(data.subarray(0, 65536 - part.headSize));
				part.headSize += Math.min(data.length, 65536 - part.headSize);
			}
		} else {
			part.chunks.push(data);
		}
	};
	const endPart = () => {
		if (!part) return;
		if (part.filename !== undefined) {
			files.push({
				field: part.name.replace(/\[\]$/, ''),
				name: part.filename,
				type: part.type,
				size: part.size,
				sha256: part.hash.digest('hex'),
				head: Buffer.concat(part.head),
			});
		} else {
			addField(fields, part.name, Buffer.concat(part.chunks).toString('utf8'));
		}
		part = null;
	};

	for await (const chunk of req) {
		if (done) continue;
		buffer = Buffer.concat([buffer, chunk]);
		for (;;) {
			if (part === null) {
				// Expect a delimiter followed by headers.
				const at = buffer.indexOf(delimiter);
				if (at < 0) break;
				const afterDelimiter = at + delimiter.length;
				if (buffer.length < afterDelimiter + 2) break;
				if (buffer.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') {
					done = true;
					break;
				}
				const headerEnd = buffer.indexOf('\r\n\r\n', afterDelimiter);
				if (headerEnd < 0) break;
				startPart(buffer.subarray(afterDelimiter + 2, headerEnd).toString('utf8'));
				buffer = buffer.subarray(headerEnd + 4);
				continue;
			}
			const at = buffer.indexOf(delimiter);
			if (at < 0) {
				// Keep a tail that could hold the start of a delimiter.
				const keep = delimiter.length;
				if (buffer.length > keep) {
					feed(buffer.subarray(0, buffer.length - keep));
					buffer = buffer.subarray(buffer.length - keep);
				}
				break;
			}
			feed(buffer.subarray(0, at));
			endPart();
			buffer = buffer.subarray(at);
		}
	}
	if (!done) return { kind: 'invalid', fields, files, error: 'multipart body ended early' };
	return { kind: 'multipart', fields, files };
}
