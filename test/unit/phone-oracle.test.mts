// The phone rules (nodes/shared/phone.ts, e164.ts) against libphonenumber as an oracle (a
// devDependency only): every region's example mobile number is accepted in the forms people type,
// and a number libphonenumber calls too short or too long for its calling code is refused.
import { Metadata } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json';
import { getCountries, getExampleNumber, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/metadata.max.json';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, NATIONAL_LENGTHS } from '../../nodes/shared/e164';
import { InputError } from '../../nodes/shared/errors';
import { normalizePhone, normalizeSplitPhone } from '../../nodes/shared/phone';
import { derive } from '../../scripts/e164-table.mjs';

const REGIONS = getCountries();
const SPLIT = { countryCode: 'Country Code', mobile: 'Phone Number' };

/** Every length any region of a calling code has, by libphonenumber (what the package may accept at most). */
function possibleLengths(code: string): Set<number> {
	const meta = new Metadata(metadata);
	const regions: string[] = (metadata.country_calling_codes as Record<string, string[]>)[code] ?? [];
	const lengths = new Set<number>();
	for (const region of regions) {
		meta.selectNumberingPlan(region as CountryCode);
		for (const length of meta.numberingPlan!.possibleLengths()) lengths.add(length);
	}
	return lengths;
}

function refusal(raw: string): InputError | undefined {
	try {
		normalizePhone(raw, 'Phone');
		return undefined;
	} catch (error) {
		if (!(error instanceof InputError)) throw error;
		return error;
	}
}

describe('the example mobile number of every region', () => {
	it('covers every region libphonenumber knows', () => {
		expect(REGIONS.length).toBeGreaterThan(240);
		for (const region of REGIONS) expect(getExampleNumber(region, examples), region).toBeDefined();
	});

	it.each(REGIONS)('%s: accepted as +…, 00…, digits and formatted, all to the same digits', (region) => {
		const example = getExampleNumber(region, examples)!;
		const digits = example.countryCallingCode + example.nationalNumber;
		const forms = [example.number, `00${digits}`, digits, example.formatInternational(), example.formatInternational().replace(/ /g, '-')];
		const wrong = forms
			.map((form) => {
				const error = refusal(form);
				return error ? `${form}: ${error.message}` : normalizePhone(form, 'Phone') === digits ? '' : `${form}: ${normalizePhone(form, 'Phone')}`;
			})
			.filter(Boolean);
		expect(wrong).toEqual([]);
		// And where code and number are given apart (OvoWpp).
		const split = { countryCode: example.countryCallingCode, mobile: example.nationalNumber };
		expect(normalizeSplitPhone(example.countryCallingCode, example.nationalNumber, SPLIT)).toEqual(split);
		expect(normalizeSplitPhone('', example.formatInternational(), SPLIT)).toEqual(split);
	});
});

describe('a digit dropped or added', () => {
	it.each(REGIONS)('%s: refused where libphonenumber says the length is not possible', (region) => {
		const example = getExampleNumber(region, examples)!;
		const code = example.countryCallingCode;
		const national = example.nationalNumber;
		const mutants = new Set<string>();
		for (let i = 0; i < national.length; i++) mutants.add(national.slice(0, i) + national.slice(i + 1));
		for (let i = 0; i <= national.length; i++) for (const digit of '0123456789') mutants.add(national.slice(0, i) + digit + national.slice(i));
		const lengths = possibleLengths(code);
		const wrong: string[] = [];
		for (const mutant of mutants) {
			const verdict = validatePhoneNumberLength(`+${code}${mutant}`);
			// A code several regions share is judged by all of them: the package does not tell
			// the regions apart (that needs each region's leading digits).
			if (!['TOO_SHORT', 'TOO_LONG', 'INVALID_LENGTH'].includes(verdict ?? '') || lengths.has(mutant.length)) continue;
			for (const form of [`+${code}${mutant}`, `${code}${mutant}`]) {
				const error = refusal(form);
				if (!error) wrong.push(`${form} accepted (libphonenumber: ${verdict})`);
				else if (!error.message.includes(form) || !/digits/.test(error.message) || !/digit|country code/i.test(error.hint)) wrong.push(`${form}: unclear refusal "${error.message}" / "${error.hint}"`);
			}
		}
		expect(wrong).toEqual([]);
	});
});

describe('the cases the adversarial run found', () => {
	it.each([
		['+599 9 518 1234', '59995181234'], // Curaçao, 8-digit mobile
		['+290 51234', '29051234'], // St. Helena
		['+690 3010', '6903010'], // Tokelau
	])('accepts %s', (raw, digits) => expect(normalizePhone(raw, 'Phone')).toBe(digits));

	it('refuses a Colombian number one digit short, naming the lengths', () => {
		expect(() => normalizePhone('+57 321123456', 'Phone')).toThrow(/"\+57 321123456" has 9 digits after the country code \+57 \(Colombia\); numbers there have 8 or 10/);
	});
	it('refuses a Mexican number with a digit added at the end', () => {
		expect(() => normalizePhone('+52 2221234567 1', 'Phone')).toThrow(/has 11 digits after the country code \+52 \(Mexico\); numbers there have 10/);
	});
});

describe('the table in nodes/shared/e164.ts', () => {
	it('is what scripts/e164-table.mjs derives from libphonenumber today', () => {
		const derived = derive() as Record<string, { lengths: number[] }>;
		expect([...COUNTRY_CODES].sort()).toEqual(Object.keys(derived).sort());
		const ours = Object.fromEntries(Object.entries(NATIONAL_LENGTHS).map(([code, country]) => [code, [...country.lengths]]));
		expect(ours).toEqual(Object.fromEntries(Object.entries(derived).map(([code, { lengths }]) => [code, lengths])));
	});
	it('never allows a length libphonenumber calls impossible for the code', () => {
		for (const [code, country] of Object.entries(NATIONAL_LENGTHS)) {
			const possible = COUNTRY_CODES.has(code) && possibleLengths(code).size ? possibleLengths(code) : undefined;
			if (possible) for (const length of country.lengths) expect(possible.has(length), `+${code} ${length}`).toBe(true);
		}
	});
});
