/**
 * What a file is, by its first bytes (its "magic number"), so that a PDF named a.png is not sent as
 * an image. The signatures are the formats' own: JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A),
 * PDF (%PDF-), the ISO base media file of MP4/M4A (ftyp at byte 4), MP3 (ID3 tag or an MPEG frame
 * sync), AAC (ADTS sync), AMR (#!AMR), OGG (OggS), and Office documents: the OLE compound file of
 * doc/xls (D0 CF 11 E0 A1 B1 1A E1) and the ZIP container of docx/xlsx (PK 03 04).
 */
export type FileKind = 'jpeg' | 'png' | 'pdf' | 'mp4' | 'mp3' | 'aac' | 'amr' | 'ogg' | 'ole' | 'zip';

/** How many first bytes are read to tell the kind. */
export const HEAD_BYTES = 1024;

const starts = (head: Buffer, bytes: number[], at = 0) => bytes.every((byte, i) => head[at + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

export function kindOfContent(head: Buffer): FileKind | undefined {
	if (starts(head, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	// PDF readers accept the header anywhere in the first 1024 bytes.
	if (head.subarray(0, HEAD_BYTES).includes('%PDF-')) return 'pdf';
	if (starts(head, ascii('ftyp'), 4)) return 'mp4';
	if (starts(head, ascii('ID3'))) return 'mp3';
	if (starts(head, ascii('#!AMR'))) return 'amr';
	if (starts(head, ascii('OggS'))) return 'ogg';
	if (starts(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
	if (starts(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
	// ADTS (AAC): 12 sync bits and layer 00; MPEG audio (MP3): 11 sync bits and a non-zero layer.
	if (head[0] === 0xff && (head[1] & 0xf6) === 0xf0) return 'aac';
	if (head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) !== 0) return 'mp3';
	return undefined;
}

/** The kind each extension's content must have. */
export const KIND_OF_EXTENSION: Record<string, FileKind> = {
	jpg: 'jpeg',
	jpeg: 'jpeg',
	png: 'png',
	pdf: 'pdf',
	mp4: 'mp4',
	m4a: 'mp4',
	mp3: 'mp3',
	aac: 'aac',
	amr: 'amr',
	ogg: 'ogg',
	opus: 'ogg',
	doc: 'ole',
	xls: 'ole',
	docx: 'zip',
	xlsx: 'zip',
};

/** The audio kinds WhatsApp plays (docs/limits.md). */
export const AUDIO_KINDS: FileKind[] = ['aac', 'amr', 'mp3', 'mp4', 'ogg'];

export const KIND_NAMES: Record<FileKind, string> = {
	jpeg: 'a JPEG image',
	png: 'a PNG image',
	pdf: 'a PDF document',
	mp4: 'an MP4 (or M4A) file',
	mp3: 'an MP3 audio',
	aac: 'an AAC audio',
	amr: 'an AMR audio',
	ogg: 'an OGG audio',
	ole: 'an Office 97–2003 document (doc, xls)',
	zip: 'an Office document or ZIP file (docx, xlsx)',
};

/** The extension a file of a mime type gets when its name has none. */
export const EXTENSION_OF_MIME: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'application/pdf': 'pdf',
	'video/mp4': 'mp4',
	'audio/mp4': 'm4a',
	'audio/mpeg': 'mp3',
	'audio/aac': 'aac',
	'audio/amr': 'amr',
	'audio/ogg': 'ogg',
	'application/msword': 'doc',
	'application/vnd.ms-excel': 'xls',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

// CRC-32 (ISO 3309, as PNG uses it), table-driven.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
function crc32(bytes: Buffer): number {
	let c = 0xffffffff;
	for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/**
 * Why a PNG is not whole, or undefined when it is: after the signature, every chunk (length, type,
 * data, CRC) must be complete and its CRC right, IHDR first, at least one IDAT, and IEND reached.
 * The pixels are not decompressed: this finds cut and corrupted files, not every bad encoder.
 */
function pngDamage(file: Buffer): string | undefined {
	let at = 8;
	let first = true;
	let idat = false;
	while (at < file.length) {
		if (at + 12 > file.length) return `it ends inside a chunk header at byte ${at}`;
		const length = file.readUInt32BE(at);
		const type = file.subarray(at + 4, at + 8).toString('latin1');
		if (!/^[A-Za-z]{4}$/.test(type)) return `byte ${at} holds no chunk (type "${type}")`;
		if (first && type !== 'IHDR') return `its first chunk is ${type}, not IHDR`;
		first = false;
		const end = at + 8 + length;
		if (end + 4 > file.length) return `its ${type} chunk needs ${length} bytes, but the file ends first (cut at ${file.length} bytes)`;
		if (crc32(file.subarray(at + 4, end)) !== file.readUInt32BE(end)) return `its ${type} chunk at byte ${at} fails its CRC check (corrupted)`;
		if (type === 'IDAT') idat = true;
		if (type === 'IEND') return idat ? undefined : 'it has no image data (IDAT)';
		at = end + 4;
	}
	return `it has no end chunk (IEND): the file was cut at ${file.length} bytes`;
}

/**
 * Why a JPEG is not whole, or undefined when it is: the marker segments after SOI must be complete,
 * with a frame (SOF) and a scan (SOS) before the end marker (EOI). The scan data is walked to the
 * next marker, not decoded.
 */
function jpegDamage(file: Buffer): string | undefined {
	let at = 2;
	let frame = false;
	let scan = false;
	while (at < file.length) {
		if (file[at] !== 0xff) return `byte ${at} is not a marker (0x${file[at].toString(16)})`;
		while (file[at] === 0xff) at++; // fill bytes
		if (at >= file.length) break;
		const marker = file[at++];
		if (marker === 0xd9) return frame && scan ? undefined : 'it ends (EOI) before any image data';
		if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // no length
		if (at + 2 > file.length) break;
		const length = file.readUInt16BE(at);
		if (length < 2 || at + length > file.length) return `its segment 0xFF${marker.toString(16).toUpperCase()} at byte ${at - 2} needs ${length} bytes, but the file ends first (cut at ${file.length} bytes)`;
		at += length;
		if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) frame = true;
		if (marker === 0xda) {
			if (!frame) return 'its scan comes before any frame header (SOF)';
			scan = true;
			// Entropy-coded data: up to a marker that is neither a stuffed 0xFF00 nor a restart.
			while (at < file.length && !(file[at] === 0xff && file[at + 1] !== 0x00 && !(file[at + 1] >= 0xd0 && file[at + 1] <= 0xd7))) at++;
		}
	}
	return `it has no end marker (EOI): the file was cut at ${file.length} bytes`;
}

/**
 * Why an image of this kind is not whole (a cut or corrupted file behind a valid signature), or
 * undefined when it is whole. Kinds other than PNG and JPEG are not checked.
 */
export function imageDamage(file: Buffer, kind: FileKind | undefined): string | undefined {
	if (kind === 'png') return pngDamage(file);
	if (kind === 'jpeg') return jpegDamage(file);
	return undefined;
}
