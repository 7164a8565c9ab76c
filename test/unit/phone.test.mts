import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, NATIONAL_LENGTHS } from '../../nodes/shared/e164';
import { InputError } from '../../nodes/shared/errors';
import { normalizePhone, normalizeSplitPhone } from '../../nodes/shared/phone';

describe('normalizePhone', () => {
	it.each([
		['+34 612 345 678', '34612345678'],
		['0034-612-345-678', '34612345678'],
		['(52) 55.1234.5678', '525512345678'],
		['+54 9 11 1234 5678', '5491112345678'],
		[573001234567, '573001234567'],
		['+1 (415) 555-0100', '14155550100'],
		['+49 30 1234567', '49301234567'],
	])('cleans %s', (raw, digits) => expect(normalizePhone(raw, 'Phone')).toBe(digits));

	it.each([
		['', /Phone is empty/],
		[undefined, /Phone is empty/],
		[null, /Phone is empty/],
		[{ n: 1 }, /Phone must be a phone number, but is an object/],
		['34 612 ABC', /contains characters that are not digits/],
		// A Spanish national number without its country code reads as +61 (Australia), too short.
		['612345678', /Phone "612345678" is not a complete international number \(read as \+61 2345678, which is too short\)/],
		['0612345678', /starts with 0, a national prefix/],
		['+34 6123 4567', /has 8 digits after the country code \+34 \(Spain\); numbers there have 9/],
		['+999 1234 5678', /does not start with a country calling code/],
		// Mexico's former mobile 1 is gone from its numbering plan (libphonenumber: too long).
		['+52 1 55 1234 5678', /has 11 digits after the country code \+52 \(Mexico\); numbers there have 10$/],
		['1234567890123456', /is not a complete international number/],
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

	it('gives a hint with the international form for a national number', () => {
		try {
			normalizePhone('612345678', 'Phone');
		} catch (error) {
			expect((error as InputError).hint).toMatch(/with its country code, e\.g\. \+34 612 345 678/);
		}
	});
});

describe('normalizeSplitPhone', () => {
	const fields = { countryCode: 'Country Code', mobile: 'Phone Number' };
	it('keeps code and national number apart', () => {
		expect(normalizeSplitPhone('+34', '612 345 678', fields)).toEqual({ countryCode: '34', mobile: '612345678' });
	});
	it('accepts a number typed in international form, with or without Country Code', () => {
		expect(normalizeSplitPhone('34', '+34 612 345 678', fields)).toEqual({ countryCode: '34', mobile: '612345678' });
		expect(normalizeSplitPhone('', '+34 612 34 56 78', fields)).toEqual({ countryCode: '34', mobile: '612345678' });
		expect(normalizeSplitPhone(undefined, '0052 55 1234 5678', fields)).toEqual({ countryCode: '52', mobile: '5512345678' });
	});
	it('refuses an international number whose code disagrees with Country Code', () => {
		expect(() => normalizeSplitPhone('52', '+34 612 345 678', fields)).toThrow(/has the country code \+34, but Country Code says 52/);
	});
	it('does not strip digits that only look like the code', () => {
		expect(normalizeSplitPhone('55', '5512345678', fields)).toEqual({ countryCode: '55', mobile: '5512345678' });
	});
	it('catches the country code typed again in the number', () => {
		expect(() => normalizeSplitPhone('34', '34612345678', fields)).toThrow(/Phone Number "34612345678" seems to repeat the country code 34/);
		expect(() => normalizeSplitPhone('57', '573001234567', fields)).toThrow(/seems to repeat the country code 57/);
	});
	it('refuses a national number without any Country Code, with a hint', () => {
		expect(() => normalizeSplitPhone('', '612345678', fields)).toThrow(/Country Code is empty and "612345678" has no country code/);
	});
	it('refuses a code that is not one', () => {
		expect(() => normalizeSplitPhone('abc', '612345678', fields)).toThrow(/Country Code "abc" is not a country calling code/);
		expect(() => normalizeSplitPhone('999', '612345678', fields)).toThrow(/Country Code "999" is not a country calling code/);
		expect(() => normalizeSplitPhone({}, '612345678', fields)).toThrow(/Country Code must be a country calling code, but is an object/);
	});
	it("checks the national number's length", () => {
		expect(() => normalizeSplitPhone('34', '61', fields)).toThrow(/Phone Number "61" has 2 digits after the country code \+34 \(Spain\)/);
	});
});

describe('the E.164 table', () => {
	// Spain, every Latin American country, North America, and Europe.
	const covered = ['1', '34', '52', '53', '54', '55', '56', '57', '58', '51', '501', '502', '503', '504', '505', '506', '507', '509', '591', '592', '593', '595', '597', '598'];
	const europe = ['30', '31', '32', '33', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49', '351', '352', '353', '354', '355', '356', '357', '358', '359', '370', '371', '372', '373', '375', '376', '377', '378', '380', '381', '382', '383', '385', '386', '387', '389', '420', '421', '423', '7', '90'];
	it.each([...covered, ...europe])('has lengths for +%s', (code) => {
		expect(COUNTRY_CODES.has(code)).toBe(true);
		expect(NATIONAL_LENGTHS[code]).toBeDefined();
	});
	it('has lengths for every assigned code, e.g. Morocco', () => {
		expect(normalizePhone('+212 612 345 678', 'Phone')).toBe('212612345678'); // Morocco
	});
});
