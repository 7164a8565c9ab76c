// Whole or damaged pictures behind a valid signature (issue 20 item 7): imageDamage walks PNG chunks
// (with CRCs) to IEND and JPEG segments to EOI.
import { describe, expect, it } from 'vitest';
import { imageDamage, kindOfContent } from '../../nodes/shared/media';
import { wholeJpeg, wholePng } from '../helpers/images';

describe('imageDamage', () => {
	it('finds a whole PNG and a whole JPEG whole', () => {
		expect(imageDamage(wholePng(), 'png')).toBeUndefined();
		expect(imageDamage(wholeJpeg(), 'jpeg')).toBeUndefined();
	});

	it('finds cut and corrupted files damaged, though their signature is right', () => {
		const png = wholePng();
		const jpeg = wholeJpeg();
		expect(kindOfContent(png.subarray(0, 40))).toBe('png');
		expect(imageDamage(png.subarray(0, png.length - 12), 'png')).toMatch(/no end chunk \(IEND\)/);
		expect(imageDamage(png.subarray(0, 40), 'png')).toMatch(/ends inside a chunk header|the file ends first/);
		expect(imageDamage(png.subarray(0, 60), 'png')).toMatch(/IDAT chunk needs \d+ bytes, but the file ends first/);
		const flipped = Buffer.from(png);
		flipped[45] ^= 0xff; // inside IDAT
		expect(imageDamage(flipped, 'png')).toMatch(/IDAT chunk at byte \d+ fails its CRC check/);
		expect(imageDamage(jpeg.subarray(0, jpeg.length - 2), 'jpeg')).toMatch(/no end marker \(EOI\)/);
		expect(imageDamage(jpeg.subarray(0, 100), 'jpeg')).toMatch(/the file ends first|no end marker/);
		expect(imageDamage(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]), 'jpeg')).toBeDefined();
		// A PNG signature followed by filler (what many tests used as "a PNG")
		expect(imageDamage(Buffer.concat([png.subarray(0, 16), Buffer.alloc(2000, 7)]), 'png')).toBeDefined();
	});
});
