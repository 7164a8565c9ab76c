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
