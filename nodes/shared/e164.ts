/**
 * Country calling codes and national number lengths.
 *
 * Source: ITU-T Recommendation E.164, "List of ITU-T Recommendation E.164 assigned country codes"
 * (Complement to E.164, annexed to the ITU Operational Bulletin), and the national numbering plans
 * that administrations notify to the ITU (https://www.itu.int/oth/T0202.aspx, "National Numbering
 * Plans"). Lengths are those of the national significant number (without the country code and
 * without a trunk prefix such as 0). Where a country writes mobile numbers with an extra digit
 * (Mexico's 1, Argentina's 9), the longer length is included.
 *
 * Every assigned code is listed, so an unassigned one is refused; lengths are given for Spain,
 * every Latin American country, North America, Europe and a few large countries. A code without
 * lengths is checked only against E.164's 15-digit maximum.
 */

/** Assigned country codes (geographic and the non-geographic +8xx services). */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(
	(
		'1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98 ' +
		'211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 247 ' +
		'248 249 250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 266 267 268 269 290 291 297 298 299 ' +
		'350 351 352 353 354 355 356 357 358 359 370 371 372 373 374 375 376 377 378 379 380 381 382 383 385 386 387 389 420 421 423 ' +
		'500 501 502 503 504 505 506 507 508 509 590 591 592 593 594 595 596 597 598 599 ' +
		'670 672 673 674 675 676 677 678 679 680 681 682 683 685 686 687 688 689 690 691 692 ' +
		'800 808 850 852 853 855 856 870 878 880 881 882 883 886 888 ' +
		'960 961 962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 979 991 992 993 994 995 996 998'
	).split(' '),
);

export interface Country {
	name: string;
	/** Shortest and longest national significant number. */
	min: number;
	max: number;
}

const c = (name: string, min: number, max = min): Country => ({ name, min, max });

/** National number lengths by country code (where one code serves several countries, their union). */
export const NATIONAL_LENGTHS: Readonly<Record<string, Country>> = {
	// North America (NANP: US, Canada, the Caribbean incl. Dominican Republic and Puerto Rico).
	'1': c('United States, Canada and the Caribbean (NANP)', 10),
	// Spain and Latin America.
	'34': c('Spain', 9),
	'52': c('Mexico', 10, 11),
	'53': c('Cuba', 6, 8),
	'54': c('Argentina', 10, 11),
	'55': c('Brazil', 10, 11),
	'56': c('Chile', 9),
	'57': c('Colombia', 8, 10),
	'58': c('Venezuela', 10),
	'51': c('Peru', 8, 9),
	'501': c('Belize', 7),
	'502': c('Guatemala', 8),
	'503': c('El Salvador', 8),
	'504': c('Honduras', 8),
	'505': c('Nicaragua', 8),
	'506': c('Costa Rica', 8),
	'507': c('Panama', 7, 8),
	'509': c('Haiti', 8),
	'590': c('Guadeloupe', 9),
	'591': c('Bolivia', 8),
	'592': c('Guyana', 7),
	'593': c('Ecuador', 8, 9),
	'594': c('French Guiana', 9),
	'595': c('Paraguay', 7, 9),
	'596': c('Martinique', 9),
	'597': c('Suriname', 6, 7),
	'598': c('Uruguay', 8),
	'599': c('Curaçao and the Caribbean Netherlands', 7),
	// Europe.
	'7': c('Russia and Kazakhstan', 10),
	'30': c('Greece', 10),
	'31': c('Netherlands', 9),
	'32': c('Belgium', 8, 9),
	'33': c('France', 9),
	'36': c('Hungary', 8, 9),
	'39': c('Italy and Vatican City', 6, 11),
	'40': c('Romania', 9),
	'41': c('Switzerland', 9),
	'43': c('Austria', 4, 13),
	'44': c('United Kingdom', 9, 10),
	'45': c('Denmark', 8),
	'46': c('Sweden', 7, 10),
	'47': c('Norway', 8),
	'48': c('Poland', 9),
	'49': c('Germany', 6, 13),
	'90': c('Turkey', 10),
	'298': c('Faroe Islands', 6),
	'299': c('Greenland', 6),
	'350': c('Gibraltar', 8),
	'351': c('Portugal', 9),
	'352': c('Luxembourg', 4, 11),
	'353': c('Ireland', 7, 9),
	'354': c('Iceland', 7, 9),
	'355': c('Albania', 8, 9),
	'356': c('Malta', 8),
	'357': c('Cyprus', 8),
	'358': c('Finland', 5, 12),
	'359': c('Bulgaria', 7, 9),
	'370': c('Lithuania', 8),
	'371': c('Latvia', 8),
	'372': c('Estonia', 7, 8),
	'373': c('Moldova', 8),
	'374': c('Armenia', 8),
	'375': c('Belarus', 9),
	'376': c('Andorra', 6, 9),
	'377': c('Monaco', 8, 9),
	'378': c('San Marino', 6, 10),
	'380': c('Ukraine', 9),
	'381': c('Serbia', 8, 10),
	'382': c('Montenegro', 8),
	'383': c('Kosovo', 8),
	'385': c('Croatia', 8, 9),
	'386': c('Slovenia', 8),
	'387': c('Bosnia and Herzegovina', 8),
	'389': c('North Macedonia', 8),
	'420': c('Czechia', 9),
	'421': c('Slovakia', 9),
	'423': c('Liechtenstein', 7, 9),
	'994': c('Azerbaijan', 9),
	'995': c('Georgia', 9),
	// A few large countries elsewhere.
	'61': c('Australia', 9),
	'81': c('Japan', 9, 10),
	'86': c('China', 9, 11),
	'91': c('India', 10),
};

/** The country code a number in international form starts with (codes are prefix-free), if any. */
export function countryCodeOf(digits: string): string | undefined {
	for (let size = 1; size <= 3; size++) {
		const prefix = digits.slice(0, size);
		if (COUNTRY_CODES.has(prefix)) return prefix;
	}
	return undefined;
}
