// Laravel's LengthAwarePaginator and the conversation list's tie order.

import { loadFacts } from '../../facts.mjs';
import { fail } from './http.mjs';
import { filled, str } from './values.mjs';

// The facts the node branches on (nodes/OvoWpp/facts.ts): the sandbox answers from the same ones.
const FACTS = await loadFacts('OvoWpp');

export const byLastMessage = (a, b) => {
	// MySQL puts NULLs last in a descending sort.
	if (a.last_message_at === b.last_message_at) return a.id - b.id;
	if (a.last_message_at === null) return 1;
	if (b.last_message_at === null) return -1;
	return a.last_message_at < b.last_message_at ? 1 : -1;
};

/** A 32-bit integer hash (murmur3's finaliser), as an unsigned number. */
export function mix32(h) {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/**
 * Laravel's UrlWindow (3 on each side): every page when there are fewer than 14, else the first or
 * last pages with the current page's neighbours and '...' gaps.
 */
export function urlWindow(page, lastPage) {
	const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
	const side = 3;
	const window = side + 4;
	if (lastPage < side * 2 + 8) return [range(1, lastPage)];
	if (page <= window) return [range(1, window + side), '...', range(lastPage - 1, lastPage)];
	if (page > lastPage - window) return [range(1, 2), '...', range(lastPage - (window + side - 1), lastPage)];
	return [range(1, 2), '...', range(page - side, page + side), '...', range(lastPage - 1, lastPage)];
}

/**
 * A Laravel LengthAwarePaginator over `items`. Under quirks its links carry only `page`, as the
 * product's do; otherwise they keep the other query parameters (like withQueryString()).
 */
export function paginate(ovo, ctx, items, toJson, sql, reorder) {
	const raw = ctx.input.paginate;
	let perPage = 20;
	if (filled(raw) && /^-?\d+(\.\d+)?$/.test(str(raw))) perPage = Math.trunc(Number(str(raw)));
	if (perPage < 0) {
		if (ovo.quirks()) {
			return {
				error: fail('exception', [
					`SQLSTATE[42000]: Syntax error or access violation: 1064 You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near '' at line 1 (Connection: mysql, SQL: ${sql} offset 0)`,
				]),
			};
		}
		perPage = 20;
	}
	if (perPage === 0) perPage = 15; // Laravel falls back to the model's page size
	const pageText = str(ctx.input.page ?? '');
	const page = /^\d+$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1;

	// Sandbox's choice for an [open] fact (paginateMax): a page too large for the host's PHP memory.
	if (ovo.settings.maxPaginate !== null && perPage > ovo.settings.maxPaginate) {
		return {
			error: {
				response: {
					status: 500,
					type: 'text/html; charset=UTF-8',
					body: `PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (sandbox: page of ${perPage} > ovowppMaxPaginate ${ovo.settings.maxPaginate})`,
				},
			},
		};
	}
	if (reorder) items = reorder(ovo, items, page * perPage);
	const total = items.length;
	const lastPage = Math.max(Math.ceil(total / perPage), 1);
	const slice = items.slice((page - 1) * perPage, page * perPage);
	const path = `${ctx.origin}/ovowpp/${ctx.route}`;
	const kept = [];
	if (!ovo.quirks()) for (const [key, value] of ctx.query ?? []) if (key !== 'page') kept.push([key, value]);
	const url = (n) => `${path}?${new URLSearchParams([...kept, ['page', String(n)]])}`;

	const links = [{ url: page > 1 ? url(page - 1) : null, label: '\u2039', active: false }];
	for (const element of urlWindow(page, lastPage)) {
		if (element === '...') links.push({ url: null, label: '...', active: false });
		else for (const n of element) links.push({ url: url(n), label: String(n), active: n === page });
	}
	links.push({ url: page < lastPage ? url(page + 1) : null, label: '\u203a', active: false });

	const from = slice.length ? (page - 1) * perPage + 1 : null;
	return {
		paginator: {
			current_page: page,
			data: slice.map(toJson),
			first_page_url: url(1),
			from,
			last_page: lastPage,
			last_page_url: url(lastPage),
			links,
			next_page_url: page < lastPage ? url(page + 1) : null,
			path,
			per_page: perPage,
			prev_page_url: page > 1 ? url(page - 1) : null,
			to: slice.length ? from + slice.length - 1 : null,
			total,
		},
	};
}

/**
 * The product's conversation order (providers.md quirk 16, [code, real product]): `order by
 * last_message_at desc` and nothing else, so MySQL leaves rows with equal values (NULLs too, which
 * come last) in no defined order. With LIMIT/OFFSET it sorts through a bounded queue of offset + limit
 * rows, so the order of tied rows depends on the page asked for: page 2 is not the continuation of
 * page 1 (rows repeat, others are skipped), while the same page asked again repeats the same split as
 * long as nothing changes, and a page that holds the whole list returns every row once. Emulated by
 * ordering tied rows by a hash of (id, offset + limit, ovowppTieSalt): deterministic for a given request.
 */
export function tieOrder(ovo, items, window) {
	if (ovo.settings.ties !== 'split' || FACTS.conversationOrder.value.unique) return items;
	const rank = (id) => mix32(Math.imul(id, 0x9e3779b1) ^ Math.imul(window + 1, 0x85ebca77) ^ ovo.settings.tieSalt);
	return [...items].sort((a, b) => {
		if (a.last_message_at !== b.last_message_at) return byLastMessage(a, b);
		return rank(a.id) - rank(b.id) || a.id - b.id;
	});
}
