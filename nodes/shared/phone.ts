import { COUNTRY_CODES, countryCodeOf, type Country, describeLengths, NATIONAL_LENGTHS } from './e164';
import { InputError } from './errors';
import { kindOf } from './params';

/**
 * Phone numbers as people type them: spaces, dashes, dots, brackets are removed; a leading `+` or
 * `00` means the number carries its own country code. The country code must be an assigned E.164
 * code and the national number must have the length of that country's numbers (nodes/shared/e164.ts),
 * because the providers cannot be asked whether a number is valid without spending a real call.
 */

const EXAMPLE = 'e.g. +34 612 345 678 for Spain or +52 55 1234 5678 for Mexico';

/** The digits of a number as typed, and whether it was written in international form (+ or 00). */
function phoneDigits(raw: unknown, field: string): { digits: string; international: boolean; typed: string } {
	if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') {
		throw new InputError(field, `must be a phone number, but is ${kindOf(raw)}`, `Give the number with its country code, ${EXAMPLE}.`);
	}
	const typed = raw === undefined || raw === null ? '' : String(raw);
	if (typed.trim() === '') {
		throw new InputError(field, 'is empty', `Give the number with its country code, ${EXAMPLE}.`);
	}
	let digits = typed.trim().replace(/[\s\-.()/]/g, '');
	let international = false;
	if (digits.startsWith('+')) {
		digits = digits.slice(1);
		international = true;
	} else if (digits.startsWith('00')) {
		digits = digits.slice(2);
		international = true;
	}
	if (!/^\d+$/.test(digits)) {
		throw new InputError(field, `"${typed}" contains characters that are not digits`, `Use only digits, optionally starting with + (${EXAMPLE}).`);
	}
	return { digits, international, typed };
}

/**
 * The lengths a national number of this code may have: the table's (nodes/shared/e164.ts), within
 * E.164's 15 digits in all. Undefined for a code the table does not have.
 */
function countryOf(code: string): Country | undefined {
	const country = NATIONAL_LENGTHS[code];
	if (!country) return undefined;
	return { name: country.name, lengths: country.lengths.filter((length) => code.length + length <= 15) };
}

/** Whether a national number has a length its country uses. */
function fits(code: string, national: string): boolean {
	return countryOf(code)?.lengths.includes(national.length) ?? false;
}

/** Checks a national number against its country's lengths. */
function checkNational(code: string, national: string, field: string, typed: string): void {
	const country = countryOf(code);
	if (country && !country.lengths.includes(national.length)) {
		throw new InputError(
			field,
			`"${typed}" has ${national.length} digits after the country code +${code} (${country.name}); numbers there have ${describeLengths(country)}`,
			national.length === 0
				? 'Give the number after the country code.'
				: code === '52' && national.length === 11 && national.startsWith('1')
					? 'Leave out the 1 after +52: Mexican numbers have 10 digits, with no 1 for mobiles, since 2019.'
					: 'Check for missing or extra digits, and leave out a national prefix such as 0.',
		);
	}
}

function unknownCode(field: string, typed: string, digits: string, international: boolean): InputError {
	if (!international && digits.startsWith('0')) {
		return new InputError(
			field,
			`"${typed}" starts with 0, a national prefix, and has no country code`,
			`Write it in international form without the 0, ${EXAMPLE}.`,
		);
	}
	return new InputError(
		field,
		`"${typed}" does not start with a country calling code`,
		international
			? `No country has the code +${digits.slice(0, 3)}…: check the first digits (${EXAMPLE}).`
			: `Write it with its country code, ${EXAMPLE}.`,
	);
}

/**
 * A number with its country code, in one field (Wolkvox, Mensatek): the digits of the whole number,
 * country code first. A national number without a country code is refused with a hint.
 */
export function normalizePhone(raw: unknown, field: string): string {
	const { digits, international, typed } = phoneDigits(raw, field);
	const code = countryCodeOf(digits);
	if (!code) throw unknownCode(field, typed, digits, international);
	const national = digits.slice(code.length);
	if (international || fits(code, national)) {
		checkNational(code, national, field, typed);
	} else {
		// Without + or 00 the likeliest mistake is a national number: say so.
		const country = countryOf(code)!;
		throw new InputError(
			field,
			`"${typed}" is not a complete international number (read as +${code} ${national}, which is ${national.length < country.lengths[0] ? 'too short' : national.length > country.lengths[country.lengths.length - 1] ? 'too long' : 'a length not used there'}): numbers of ${country.name} have ${describeLengths(country)} digits after +${code}`,
			`Write it with its country code, ${EXAMPLE}; check for missing or extra digits.`,
		);
	}
	return digits;
}

/**
 * For providers that take the country code and the national number apart (OvoWpp). A number typed
 * in international form (+34 612…) carries its own code: Country Code may then be empty, and must
 * agree when given. A national number that starts with the country code again is caught when the
 * length shows it (34 612 345 678 with Country Code 34).
 */
export function normalizeSplitPhone(
	countryCode: unknown,
	mobile: unknown,
	fields: { countryCode: string; mobile: string },
): { countryCode: string; mobile: string } {
	if (countryCode !== undefined && countryCode !== null && typeof countryCode !== 'string' && typeof countryCode !== 'number') {
		throw new InputError(fields.countryCode, `must be a country calling code, but is ${kindOf(countryCode)}`, 'Use 1 to 3 digits, e.g. 34 for Spain or 52 for Mexico.');
	}
	const typedCode = countryCode === undefined || countryCode === null ? '' : String(countryCode).trim();
	const code = typedCode.replace(/^(\+|00)/, '');
	const { digits, international, typed } = phoneDigits(mobile, fields.mobile);

	if (international) {
		const own = countryCodeOf(digits);
		if (!own) throw unknownCode(fields.mobile, typed, digits, true);
		if (code && code !== own) {
			throw new InputError(
				fields.mobile,
				`"${typed}" has the country code +${own}, but Country Code says ${code}`,
				'Empty Country Code when the number starts with + or 00, or write the number without its country code.',
			);
		}
		checkNational(own, digits.slice(own.length), fields.mobile, typed);
		return { countryCode: own, mobile: digits.slice(own.length) };
	}

	if (!code) {
		throw new InputError(
			fields.countryCode,
			`is empty and "${typed}" has no country code`,
			`Give the Country Code (e.g. 34 for Spain), or write the number in international form, ${EXAMPLE}.`,
		);
	}
	if (!/^\d{1,3}$/.test(code) || !COUNTRY_CODES.has(code)) {
		throw new InputError(
			fields.countryCode,
			`"${typedCode}" is not a country calling code`,
			'Use the digits of an assigned code, e.g. 34 for Spain, 52 for Mexico or 57 for Colombia.',
		);
	}
	const country = countryOf(code);
	const rest = digits.slice(code.length);
	if (country && digits.startsWith(code) && !country.lengths.includes(digits.length) && country.lengths.includes(rest.length)) {
		throw new InputError(
			fields.mobile,
			`"${typed}" seems to repeat the country code ${code}: it has ${digits.length} digits, and numbers of ${country.name} have ${describeLengths(country)}`,
			`Leave the country code out of Phone Number (here: ${rest}), or write the number as +${code} ${rest} and empty Country Code.`,
		);
	}
	checkNational(code, digits, fields.mobile, typed);
	return { countryCode: code, mobile: digits };
}
