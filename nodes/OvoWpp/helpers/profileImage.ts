import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InputError } from '../../shared/errors';
import { imageDamage, KIND_OF_EXTENSION, kindOfContent } from '../../shared/media';
import type { FilePart, MediaRule } from '../../shared/multipart';
import { binaryFilePart, closeFile } from '../../shared/multipart';
import { FACTS } from '../facts';

// A contact's picture (Create and Update): the field, the file read and checked before any call.

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

/** The contact's picture: a binary field of the item, uploaded as the `profile_image` file [code]. */
export const profileImageField: INodeProperties = {
	displayName: 'Profile Image (Binary Field)',
	name: 'profileImage',
	type: 'string',
	default: '',
	placeholder: 'e.g. data',
	description: 'The name of the input binary field holding a JPG or PNG picture for the contact',
};

// The service takes jpg, jpeg or png [code]; it states no size limit.
const PROFILE_IMAGE: MediaRule = { extensions: [...FACTS.profileImageTypes.value], maxBytes: Number.MAX_SAFE_INTEGER };

/** The picture as a multipart file, checked once before any call; undefined when none is asked for. */
export async function profileImageFiles(ctx: IExecuteFunctions, itemIndex: number, property: unknown, collection: string): Promise<(() => Promise<FilePart[]>) | undefined> {
	const name = String(property ?? '').trim();
	if (!name) return undefined;
	// Said with this field's name before the shared file reader would speak of "Input Binary Field".
	const binary = ctx.getInputData()[itemIndex].binary?.[name];
	const field = `${collection} → Profile Image (Binary Field)`;
	if (!binary) throw new InputError(field, `"${name}" holds no file on this item`, 'Give the name of a binary field of the item that holds a JPG or PNG picture.');
	const extension = String(binary.fileName ?? '').split('.').pop()?.toLowerCase() || String(binary.fileExtension ?? '').toLowerCase();
	if (!PROFILE_IMAGE.extensions.includes(extension) && !/^image\/(jpeg|png)$/.test(binary.mimeType ?? '')) {
		throw new InputError(field, `"${binary.fileName ?? name}" is not a JPG or PNG picture`, 'OvoWpp takes jpg, jpeg or png pictures: convert the file first.');
	}
	const open = () => binaryFilePart(ctx, itemIndex, name, 'profile_image', PROFILE_IMAGE, 'a profile image');
	closeFile(await open());
	return async () => [await open()];
}
