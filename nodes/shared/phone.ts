import { COUNTRY_CODES, countryCodeOf, NATIONAL_LENGTHS } from './e164';
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

/** Whether a national number has a length its country uses (and the whole fits E.164's 8 to 15 digits). */
function fits(code: string, national: string): boolean {
	const country = NATIONAL_LENGTHS[code];
	if (country) return national.length >= country.min && national.length <= country.max;
	const total = code.length + national.length;
	return total >= 8 && total <= 15;
}

/** Checks a national number against its country's lengths (and E.164's 15 digits in all). */
function checkNational(code: string, national: string, field: string, typed: string): void {
	const country = NATIONAL_LENGTHS[code];
	const total = code.length + national.length;
	if (country && (national.length < country.min || national.length > country.max)) {
		const lengths = country.min === country.max ? `${country.min}` : `${country.min} to ${country.max}`;
		throw new InputError(
			field,
			`"${typed}" has ${national.length} digits after the country code +${code} (${country.name}); numbers there have ${lengths}`,
			national.length === 0
				? 'Give the number after the country code.'
				: 'Check for missing or extra digits, and leave out a national prefix such as 0.',
		);
	}
	if (!country && (total < 8 || total > 15)) {
		throw new InputError(
			field,
			`"${typed}" makes ${total} digits with the country code +${code}; an international number has 8 to 15`,
			'Check for missing or extra digits.',
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
		throw new InputError(
			field,
			`"${typed}" is not a complete international number (read as +${code} ${digits.slice(code.length)}, which is too ${(NATIONAL_LENGTHS[code] ? national.length < NATIONAL_LENGTHS[code].min : digits.length < 8) ? 'short' : 'long'})`,
			`Write it with its country code, ${EXAMPLE}.`,
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
	const country = NATIONAL_LENGTHS[code];
	const rest = digits.slice(code.length);
	if (country && digits.startsWith(code) && (digits.length < country.min || digits.length > country.max) && rest.length >= country.min && rest.length <= country.max) {
		throw new InputError(
			fields.mobile,
			`"${typed}" seems to repeat the country code ${code}: it has ${digits.length} digits, and numbers of ${country.name} have ${country.min === country.max ? country.min : `${country.min} to ${country.max}`}`,
			`Leave the country code out of Phone Number (here: ${rest}), or write the number as +${code} ${rest} and empty Country Code.`,
		);
	}
	checkNational(code, digits, fields.mobile, typed);
	return { countryCode: code, mobile: digits };
}
