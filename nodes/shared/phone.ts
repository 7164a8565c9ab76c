import { InputError } from './errors';

/**
 * Normalises a phone number as people type them: spaces, dashes, dots, brackets and a leading
 * `+` or `00` are removed. What remains must be 8–15 digits including the country code (E.164),
 * because the providers cannot be asked whether a number is valid without spending a real call.
 */
export function normalizePhone(raw: unknown, field: string): string {
	const digits = phoneDigits(raw, field);
	checkLength(digits, field, String(raw));
	return digits;
}

/** The digits of a number as typed, or an error naming the field when it holds anything else. */
function phoneDigits(raw: unknown, field: string): string {
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
	if (text.trim() === '') {
		throw new InputError(field, 'is empty', 'Give the number with its country code, e.g. 34612345678.');
	}
	let digits = text.trim().replace(/[\s\-.()/]/g, '');
	if (digits.startsWith('+')) digits = digits.slice(1);
	else if (digits.startsWith('00')) digits = digits.slice(2);
	if (!/^\d+$/.test(digits)) {
		throw new InputError(
			field,
			`"${text}" contains characters that are not digits`,
			'Use only digits, optionally starting with + (e.g. +34 612 345 678).',
		);
	}
	return digits;
}

function checkLength(digits: string, field: string, typed: string): void {
	if (digits.length < 8 || digits.length > 15) {
		throw new InputError(
			field,
			`"${typed}" makes ${digits.length} digits with the country code; an international number has 8 to 15`,
			'Include the country code (e.g. 34 for Spain, 52 for Mexico) and check for missing or extra digits.',
		);
	}
}

/**
 * For providers that take the country code and the national number separately (OvoWpp):
 * both are cleaned, and together they must make a valid international number.
 */
export function normalizeSplitPhone(
	countryCode: unknown,
	mobile: unknown,
	fields: { countryCode: string; mobile: string },
): { countryCode: string; mobile: string } {
	const code = String(countryCode ?? '')
		.trim()
		.replace(/^(\+|00)/, '');
	if (!/^\d{1,4}$/.test(code)) {
		throw new InputError(
			fields.countryCode,
			`"${String(countryCode ?? '')}" is not a country calling code`,
			'Use 1 to 4 digits, e.g. 34 for Spain or 52 for Mexico.',
		);
	}
	let national = phoneDigits(mobile, fields.mobile);
	// A number typed in international form (+34 612…) already carries the code: keep it once.
	if (/^\s*(\+|00)/.test(String(mobile)) && national.startsWith(code)) national = national.slice(code.length);
	checkLength(code + national, fields.mobile, String(mobile));
	return { countryCode: code, mobile: national };
}
