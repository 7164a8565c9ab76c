// Derives the table of national number lengths in nodes/shared/e164.ts from libphonenumber's
// metadata (the libphonenumber-js devDependency). Run `node scripts/e164-table.mjs` to print the
// table's source lines; test/unit/phone-oracle.test.mts fails when e164.ts differs from derive().
import { createRequire } from 'node:module';
import { Metadata } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max.json';

/** Number types a person can be messaged on; pagers, toll-free, premium and shared-cost are left out. */
export const SUBSCRIBER_TYPES = ['FIXED_LINE', 'MOBILE', 'PERSONAL_NUMBER', 'VOIP'];

/** Names for codes that many regions share or that no region has. */
const NAMES = {
	1: 'North America and the Caribbean (NANP)',
	800: 'International Freephone',
	808: 'International Shared Cost Service',
	870: 'Inmarsat',
	878: 'Universal Personal Telecommunications',
	881: 'Global Mobile Satellite System',
	882: 'International Networks',
	883: 'International Networks',
	888: 'United Nations OCHA',
	979: 'International Premium Rate Service',
};

/** The lengths a numbering plan gives its subscriber types, or all of its lengths when it types none. */
function planLengths(plan) {
	const lengths = new Set();
	for (const type of SUBSCRIBER_TYPES) for (const length of plan.type(type)?.possibleLengths() ?? []) lengths.add(length);
	return lengths.size ? lengths : new Set(plan.possibleLengths());
}

/** { code: { regions, lengths } } for every calling code libphonenumber knows (regions empty for +800 and the like). */
export function derive() {
	const meta = new Metadata(metadata);
	const table = {};
	const add = (code, regions, plans) => {
		const lengths = new Set();
		for (const plan of plans) for (const length of planLengths(plan)) lengths.add(length);
		table[code] = { regions, lengths: [...lengths].sort((a, b) => a - b) };
	};
	for (const [code, regions] of Object.entries(metadata.country_calling_codes)) {
		add(code, regions, regions.map((region) => (meta.selectNumberingPlan(region), meta.numberingPlan)));
	}
	for (const code of Object.keys(metadata.nonGeographic)) add(code, [], [(meta.selectNumberingPlan(code), meta.numberingPlan)]);
	return table;
}

function nameOf(code, regions) {
	if (NAMES[code]) return NAMES[code];
	const names = regions.map((region) => new Intl.DisplayNames(['en'], { type: 'region' }).of(region));
	return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const table = derive();
	const codes = Object.keys(table).sort((a, b) => a.length - b.length || Number(a) - Number(b));
	console.log(`\t// derived from libphonenumber-js ${createRequire(import.meta.url)('libphonenumber-js/package.json').version}`);
	for (const code of codes) {
		const { regions, lengths } = table[code];
		console.log(`\t'${code}': c('${nameOf(code, regions).replace(/'/g, "\\'")}', ${lengths.join(', ')}),`);
	}
}
