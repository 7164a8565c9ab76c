import { describe, expect, it } from 'vitest';
import { InputError } from '../../nodes/shared/errors';
import { normalizePhone, normalizeSplitPhone } from '../../nodes/shared/phone';

describe('normalizePhone', () => {
	it.each([
		['+34 612 345 678', '34612345678'],
		['0034-612-345-678', '34612345678'],
		['(52) 55.1234.5678', '525512345678'],
		[573001234567, '573001234567'],
	])('cleans %s', (raw, digits) => expect(normalizePhone(raw, 'Phone')).toBe(digits));

	it.each([
		['', /Phone is empty/],
		['34 612 ABC', /contains characters that are not digits/],
		['1234567', /makes 7 digits/],
		['1234567890123456', /makes 16 digits/],
		[undefined, /Phone is empty/],
	])('refuses %s with a message naming the field', (raw, message) => {
		expect(() => normalizePhone(raw, 'Phone')).toThrow(message);
		try {
			normalizePhone(raw, 'Phone');
		} catch (error) {
			expect(error).toBeInstanceOf(InputError);
			expect((error as InputError).field).toBe('Phone');
			expect((error as InputError).hint.length).toBeGreaterThan(10);
		}
	});
});

describe('normalizeSplitPhone', () => {
	const fields = { countryCode: 'Country Code', mobile: 'Phone Number' };
	it('keeps code and national number apart', () => {
		expect(normalizeSplitPhone('+34', '612 345 678', fields)).toEqual({ countryCode: '34', mobile: '612345678' });
	});
	it('accepts a number typed in international form', () => {
		expect(normalizeSplitPhone('34', '+34 612 345 678', fields)).toEqual({ countryCode: '34', mobile: '612345678' });
	});
	it('does not strip digits that only look like the code', () => {
		expect(normalizeSplitPhone('55', '5512345678', fields)).toEqual({ countryCode: '55', mobile: '5512345678' });
	});
	it('refuses a code that is not one', () => {
		expect(() => normalizeSplitPhone('abc', '612345678', fields)).toThrow(/Country Code "abc" is not a country calling code/);
	});
	it('checks the length of the whole number', () => {
		expect(() => normalizeSplitPhone('34', '61', fields)).toThrow(/Phone Number "61" makes 4 digits/);
	});
});
