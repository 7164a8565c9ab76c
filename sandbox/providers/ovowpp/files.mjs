// Uploaded files: Laravel's file rules, content sniffing, damaged pictures (stateless).

import { extension, filled } from './values.mjs';

/**
 * Whether a JPG/PNG upload is damaged, by the sandbox's own test of what the product's image library
 * fails on (providers.md does not say which damage it detects): a PNG must end with its IEND chunk, a
 * JPEG with its EOI marker. Only files the sandbox holds whole (the first 64 KB) are judged.
 */
export function damagedImage(file) {
	const kind = sniff(file).ext;
	if ((kind !== 'png' && kind !== 'jpg') || file.head.length < file.size) return false;
	const tail = file.head.subarray(-12);
	if (kind === 'png') return !tail.equals(Buffer.from('0000000049454e44ae426082', 'hex'));
	return !(tail[10] === 0xff && tail[11] === 0xd9);
}

export function storedImageName(file) {
	const hex = Array.from({ length: 23 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
	return `${hex}.${sniff(file).ext || extension(file.name) || 'png'}`;
}

/**
 * Laravel's file rules: `image` wants an image by content, `mimes` checks the extension guessed from the
 * content (not the name), `max` counts kilobytes. A text field where a file belongs fails like a bad file.
 */
export function fileErrors(ctx, field, check, mimes, maxKb) {
	const file = ctx.files.find((f) => f.field === field);
	const given = file ?? (filled(ctx.input[field]) ? 'text' : null);
	if (!given) return [];
	const label = field.replace(/_/g, ' ');
	const errors = [];
	const kind = file ? sniff(file) : { ext: '', mime: 'text/plain' };
	if (check === 'image' && !['jpg', 'png', 'gif', 'bmp', 'webp', 'svg'].includes(kind.ext)) errors.push(`The ${label} must be an image.`);
	if (check === 'file' && !file) errors.push(`The ${label} must be a file.`);
	if (mimes && !mimes.includes(kind.ext) && !(kind.ext === 'jpg' && mimes.includes('jpeg'))) {
		errors.push(`The ${label} must be a file of type: ${mimes.join(', ')}.`);
	}
	if (file && maxKb && file.size / 1024 > maxKb) errors.push(`The ${label} must not be greater than ${maxKb} kilobytes.`);
	return errors;
}

/** The one uploaded file for a field, if any. */
export function fileFor(ctx, field) {
	return ctx.files.find((f) => f.field === field) ?? null;
}

/** What a file is by its first bytes (like PHP's finfo), with the extension Laravel would guess. */
export function sniff(file) {
	const head = Buffer.isBuffer(file.head) ? file.head : Buffer.alloc(0);
	const at = (offset, text) => head.subarray(offset, offset + text.length).toString('latin1') === text;
	if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { ext: 'png', mime: 'image/png' };
	if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { ext: 'jpg', mime: 'image/jpeg' };
	if (at(0, 'GIF8')) return { ext: 'gif', mime: 'image/gif' };
	if (at(0, 'RIFF') && at(8, 'WEBP')) return { ext: 'webp', mime: 'image/webp' };
	if (at(0, 'RIFF') && at(8, 'WAVE')) return { ext: 'wav', mime: 'audio/x-wav' };
	if (at(0, '%PDF')) return { ext: 'pdf', mime: 'application/pdf' };
	if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) return { ext: 'doc', mime: 'application/msword' };
	if (at(0, 'PK\x03\x04')) {
		const isWord = extension(file.name) === 'docx' || head.includes('word/');
		return isWord ? { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } : { ext: 'zip', mime: 'application/zip' };
	}
	if (at(4, 'ftyp')) return at(8, 'M4A') ? { ext: 'm4a', mime: 'audio/mp4' } : at(8, 'qt') ? { ext: 'mov', mime: 'video/quicktime' } : { ext: 'mp4', mime: 'video/mp4' };
	if (at(0, 'ID3') || (head[0] === 0xff && (head[1] & 0xe0) === 0xe0)) return { ext: 'mp3', mime: 'audio/mpeg' };
	if (at(0, 'OggS')) return { ext: 'ogg', mime: 'audio/ogg' };
	if (at(0, '#!AMR')) return { ext: 'amr', mime: 'audio/amr' };
	if (!head.length) return { ext: '', mime: 'application/x-empty' };
	return { ext: 'txt', mime: 'text/plain' };
}
