import type { IExecuteFunctions } from 'n8n-workflow';
import { InputError } from './errors';
import type { FileKind } from './media';
import { EXTENSION_OF_MIME, HEAD_BYTES, KIND_NAMES, KIND_OF_EXTENSION, kindOfContent } from './media';

/** The stream n8n gives for a binary kept on disk (community nodes may not import 'stream'). */
export type BinaryStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

export interface FilePart {
	field: string;
	fileName: string;
	mimeType: string;
	size: number;
	/** Either the bytes, or a stream of exactly `size` bytes (a binary n8n keeps on disk). */
	content: Buffer | BinaryStream;
}

export interface MediaRule {
	/** Allowed extensions, lower case without the dot; empty when the provider takes any. */
	extensions: string[];
	/** What the content may be when the extension does not say (e.g. any audio). */
	kinds?: FileKind[];
	maxBytes: number;
}

/** The first bytes of a stream, read without reading the rest; the stream is closed. */
export async function headOf(stream: BinaryStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		chunks.push(Buffer.from(chunk as Buffer));
		size += (chunk as Buffer).length;
		if (size >= HEAD_BYTES) break;
	}
	stream.destroy();
	return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
}

const FIELD = 'Input Binary Field';

/**
 * Reads a file from an item's binary property without loading it when n8n keeps binaries on disk,
 * and checks it against the provider's type and size limits before anything is sent.
 */
export async function binaryFilePart(
	ctx: IExecuteFunctions,
	itemIndex: number,
	binaryProperty: string,
	field: string,
	rule: MediaRule,
	label: string,
): Promise<FilePart> {
	const items = ctx.getInputData();
	const binary = items[itemIndex].binary?.[binaryProperty];
	if (!binary) {
		const available = Object.keys(items[itemIndex].binary ?? {});
		throw new InputError(
			'Input Binary Field',
			`"${binaryProperty}" holds no file on this item`,
			available.length
				? `This item has binary fields: ${available.join(', ')}. Put one of them in Input Binary Field.`
				: 'The item has no binary data. Add a node that reads or downloads the file before this one.',
		);
	}
	// A name without an extension takes the one of its mime type: the provider goes by the extension.
	const typed = binary.fileName || field;
	const hasExtension = /\.[A-Za-z0-9]{1,5}$/.test(typed);
	const fallback = binary.fileExtension || EXTENSION_OF_MIME[(binary.mimeType ?? '').split(';')[0].trim().toLowerCase()] || 'bin';
	const fileName = hasExtension ? typed : `${typed}.${fallback}`;
	const extension = (fileName.split('.').pop() ?? '').toLowerCase();
	const holds = `"${binaryProperty}" holds "${fileName}"`;
	if (rule.extensions.length > 0 && !rule.extensions.includes(extension)) {
		throw new InputError(
			FIELD,
			`${holds}, which is not a file type the provider accepts as ${label}`,
			`Accepted: ${rule.extensions.join(', ')}. Convert the file or pick another message type.`,
		);
	}

	let size: number;
	let content: Buffer | BinaryStream;
	let head: Buffer;
	if (binary.id) {
		const metadata = await ctx.helpers.getBinaryMetadata(binary.id);
		size = Number(metadata.fileSize);
		// Only the first bytes are read to check the type; the upload streams the file again.
		head = size > 0 ? await headOf(await ctx.helpers.getBinaryStream(binary.id)) : Buffer.alloc(0);
		content = await ctx.helpers.getBinaryStream(binary.id);
	} else {
		content = Buffer.from(binary.data, 'base64');
		size = content.length;
		head = content.subarray(0, HEAD_BYTES);
	}
	const refuse = (problem: string, hint: string) => {
		closeFile({ content });
		return new InputError(FIELD, `${holds}, ${problem}`, hint);
	};
	if (size === 0) throw refuse('which is empty', 'Check the node that reads or downloads the file: it produced no bytes.');
	if (size > rule.maxBytes) {
		throw refuse(
			`of ${formatBytes(size)}, over the provider's ${formatBytes(rule.maxBytes)} limit for ${label}`,
			'Compress or shorten the file, or send a link to it as text instead.',
		);
	}
	// The content must be what the name says, and something the provider takes as this type.
	const found = kindOfContent(head);
	const expected = KIND_OF_EXTENSION[extension];
	const allowed = expected ? [expected] : (rule.kinds ?? []);
	if (allowed.length && (!found || !allowed.includes(found))) {
		throw refuse(
			`whose content is ${found ? KIND_NAMES[found] : 'of no type the provider accepts'}, not ${expected ? KIND_NAMES[expected] : label}`,
			'Check the file (a renamed or damaged file is refused by WhatsApp too), or pick the message type that matches it.',
		);
	}
	return { field, fileName, mimeType: binary.mimeType || 'application/octet-stream', size, content };
}

/** Releases a file opened only to be checked. */
export function closeFile(file: Pick<FilePart, 'content'>): void {
	if (!Buffer.isBuffer(file.content)) file.content.destroy();
}

/**
 * A multipart/form-data body as a stream, with its exact length, so large files flow from disk to
 * the socket without being buffered.
 */
export function multipartBody(
	fields: Record<string, string | string[]>,
	files: FilePart[],
): { body: Buffer | BinaryStream; headers: Record<string, string> } {
	const boundary = `----n8nWhatsAppGateways${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	const pieces: Array<Buffer | FilePart> = [];
	const quote = (text: string) => text.replace(/["\r\n]/g, (c) => encodeURIComponent(c));
	for (const [name, value] of Object.entries(fields)) {
		for (const entry of Array.isArray(value) ? value : [value]) {
			const fieldName = Array.isArray(value) ? `${name}[]` : name;
			pieces.push(
				Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(fieldName)}"\r\n\r\n${entry}\r\n`),
			);
		}
	}
	for (const file of files) {
		pieces.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.fileName)}"\r\n` +
					`Content-Type: ${file.mimeType}\r\n\r\n`,
			),
			file,
			Buffer.from('\r\n'),
		);
	}
	pieces.push(Buffer.from(`--${boundary}--\r\n`));
	const length = pieces.reduce((sum, piece) => sum + (Buffer.isBuffer(piece) ? piece.length : piece.size), 0);

	const headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(length) };

	const stream = files.find((file) => !Buffer.isBuffer(file.content))?.content as BinaryStream | undefined;
	if (!stream) {
		// Every file is already in memory (n8n's default binary mode): one buffer is simplest.
		const buffers = pieces.map((piece) => (Buffer.isBuffer(piece) ? piece : (piece.content as Buffer)));
		return { body: Buffer.concat(buffers), headers };
	}
	async function* generate() {
		for (const piece of pieces) {
			if (Buffer.isBuffer(piece)) yield piece;
			else if (Buffer.isBuffer(piece.content)) yield piece.content;
			else yield* piece.content;
		}
	}
	// Readable.from, reached through the file stream's own class (a Readable subclass inherits it).
	const Readable = stream.constructor as unknown as { from: (source: AsyncIterable<Buffer>) => BinaryStream };
	return { body: Readable.from(generate()), headers };
}

export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
	if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
	return `${bytes} bytes`;
}
