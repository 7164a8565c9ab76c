import { InputError } from '../../../shared/errors';
import { imageDamage, KIND_OF_EXTENSION, kindOfContent } from '../../../shared/media';
import type { FilePart } from '../../../shared/multipart';
import { FACTS } from '../../facts';

const IMAGE_KINDS = new Set(FACTS.profileImageTypes.value.map((extension) => KIND_OF_EXTENSION[extension]));

async function bytesOf(file: FilePart): Promise<Buffer> {
	if (Buffer.isBuffer(file.content)) return file.content;
	const chunks: Buffer[] = [];
	for await (const chunk of file.content) chunks.push(Buffer.from(chunk as Buffer));
	return Buffer.concat(chunks);
}

/**
 * The profile image, refused before any call when it is cut or corrupted behind a valid signature:
 * on update the service deletes the current picture before it decodes the new one, then fails, and
 * the contact is left pointing at a deleted file (providers.md §1 quirk 18).
 */
export async function wholeProfileImage(
	files: (() => Promise<FilePart[]>) | undefined,
	field: string,
): Promise<(() => Promise<FilePart[]>) | undefined> {
	if (!files) return undefined;
	for (const file of await files()) {
		const bytes = await bytesOf(file);
		const kind = kindOfContent(bytes);
		const damage = kind && IMAGE_KINDS.has(kind) ? imageDamage(bytes, kind) : undefined;
		if (damage) {
			throw new InputError(
				field,
				`"${file.fileName}" is a damaged picture: ${damage}`,
				'OvoWpp deletes the contact\'s current picture before it reads the new one, so a damaged file would leave the contact without one. Save or export the picture again (JPG or PNG) and retry.',
			);
		}
	}
	return files;
}
