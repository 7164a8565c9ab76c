// OvoWpp (and its white-label brands) as the sandbox emulates it: the Laravel "external API" under
// /ovowpp/external-api/..., answering like the recorded real product (docs/ovowpp-recorded-responses.md),
// bugs included while `sandbox.state.quirks` is true (providers.md §1 "Quirks"), and as the docs promise
// when it is false.
//
// Settings (POST /_sandbox/config with {provider: 'ovowpp', ...}; POST /_sandbox/reset restores them):
//   ovowppPlan            'ok' (default) | 'none' (no plan) | 'expired' | 'no_api' (plan without API access)
//   ovowppUserStatus      'active' (default) | 'banned'  (also 1 / 0)
//   ovowppWhitelist       IPs allowed to call, array or comma-separated string (default ['127.0.0.1', '::1'])
//   ovowppGraph           what "Meta" does with sends: 'ok' (default) | 'offline' (cURL error 6, as with no
//                         network) | 'error' (Meta error #131030, recipient not in allowed list)
//   ovowppInteractive     whether the plan allows CTA URL / interactive list messages (default true)
//   ovowppContactLimit    contacts the plan still allows, -1 = unlimited (default -1)
//   ovowppDefaultAccount  phone number of the default WhatsApp account ('+15550001111'), or null for none
//   ovowppTies            'split' (default: the product's behaviour, see `tieOrder`) | 'id' (ties by id, stable)
//   ovowppTieSalt         a number that changes how 'split' orders ties (default 0), so a test can try several
//   ovowppMaxPaginate     lists asked for more rows per page than this fail (default: no limit). What a very
//                         large page costs a live host is [open] (providers.md Transport): sandbox's choice.
//
// Control routes (under /_sandbox/ovowpp/):
//   GET  data      dump of user, settings, accounts, contacts, conversations, notes, messages, templates,
//                  ctaUrls, interactiveLists, deletedImages (pictures a failed update deleted, quirk 18)
//   POST incoming  a customer writes in: { mobile_code, mobile, message, firstname?, lastname?, to_number? }
//                  → { conversation, contact, message }; creates contact and conversation when needed and
//                  moves last_message_at to now (strictly increasing). Status is left alone, as the product's
//                  webhook does (a new conversation starts at 0).
//                  For trigger tests: `at` (ISO time) stamps the message with that time instead of now (the
//                  real product stores whole seconds, so equal last_message_at values are common);
//                  `beforeListPage: n` queues the message until just before the next conversation-list
//                  page n is answered (a customer writing while a poll pages) and answers { queued: true }.
//   POST contacts  many contacts at once, for benchmarks: { contacts: [{ firstname, lastname, mobile_code, mobile }] }
//                  → { created }; no conversation, no duplicate check.
//
// Every accepted send is recorded with sandbox.record('ovowpp', { to, type, text?, template?, variables?,
// files?, from, conversationId, content }).
//
// Files: index.mjs (this: the instance and its routing), settings.mjs, store.mjs (rows, shapes, seed),
// auth.mjs (the API middleware), contacts.mjs, conversations.mjs, templates.mjs, messages.mjs (the two
// sends), paging.mjs (Laravel's paginator, the conversation tie order), control.mjs (/_sandbox/ovowpp/…),
// and stateless helpers: http.mjs (answers, request input), files.mjs (uploads), values.mjs.
// Every handler takes the instance `ovo` ({ sandbox, db, settings, queued, tick(), quirks() }) first.

import { authenticate } from './auth.mjs';
import { changeConversationStatus, conversationDetails, listConversations } from './conversations.mjs';
import { deleteContact, listContacts, storeContact, updateContact } from './contacts.mjs';
import { control } from './control.mjs';
import { fail, notFoundPage, ok, readInput, safeDecode } from './http.mjs';
import { sendMessage, sendTemplateMessage } from './messages.mjs';
import { configure, DEFAULT_SETTINGS } from './settings.mjs';
import { seed } from './store.mjs';
import { listTemplates } from './templates.mjs';

const ROUTES = [
	['GET', /^contact\/list$/, listContacts],
	['POST', /^contact\/store$/, storeContact],
	['POST', /^contact\/update\/([^/]+)$/, updateContact],
	['DELETE', /^contact\/delete\/([^/]+)$/, deleteContact],
	['GET', /^inbox\/conversation-list$/, listConversations],
	['POST', /^inbox\/change-conversation-status\/([^/]+)$/, changeConversationStatus],
	['GET', /^inbox\/conversation-details\/([^/]+)$/, conversationDetails],
	['POST', /^inbox\/send-message$/, sendMessage],
	['POST', /^inbox\/send-template-message$/, sendTemplateMessage],
	['GET', /^inbox\/template-list$/, listTemplates],
];

/** @param {any} sandbox the core's sandbox object (state, record, url) */
export function createOvoWpp(sandbox) {
	let lastStamp = 0;
	const ovo = {
		sandbox,
		db: undefined,
		settings: undefined,
		queued: [], // incoming messages waiting for a conversation-list page (see `beforeListPage`)
		/** A millisecond clock that never repeats, so last_message_at orders every event strictly. */
		tick: () => (lastStamp = Math.max(Date.now(), lastStamp + 1)),
		quirks: () => sandbox.state.quirks !== false,
	};

	function reset() {
		ovo.settings = structuredClone(DEFAULT_SETTINGS);
		ovo.db = seed();
		ovo.queued = [];
	}

	async function handle(request) {
		const route = request.path.replace(/^\/+|\/+$/g, ''); // Laravel ignores surrounding slashes
		if (route !== 'external-api' && !route.startsWith('external-api/')) return notFoundPage();
		const rest = route.slice('external-api/'.length);

		// Routing comes before the auth middleware: unknown paths and wrong methods answer without credentials.
		const matches = ROUTES.map(([method, pattern, action]) => ({ method, action, m: pattern.exec(rest) })).filter((r) => r.m);
		if (!matches.length) return { status: 404, body: fail('not_found', [`The route ${route} could not be found.`]) };
		const method = request.method === 'HEAD' ? 'GET' : request.method;
		const hit = matches.find((r) => r.method === method);
		if (!hit) {
			const allowed = matches.flatMap((r) => (r.method === 'GET' ? ['GET', 'HEAD'] : [r.method]));
			if (method === 'OPTIONS') return { status: 200, body: '', type: 'text/html; charset=UTF-8', headers: { allow: allowed.join(',') } };
			return ok(fail('exception', [`The ${request.method} method is not supported for route ${route}. Supported methods: ${allowed.join(', ')}.`]));
		}

		const denied = authenticate(ovo, request);
		if (denied) return denied;

		const ctx = {
			input: readInput(request),
			files: request.body?.files ?? [],
			query: request.queryAll,
			origin: `http://${request.headers.host || sandbox.url.replace(/^https?:\/\//, '')}`,
			route,
		};
		const result = hit.action(ovo, ctx, safeDecode(hit.m[1] ?? ''));
		return result?.response ? result.response : ok(result); // `response`: an answer other than HTTP 200
	}

	reset();
	return { handle, reset, configure: (body) => configure(ovo, body), control: (method, subpath, body) => control(ovo, method, subpath, body) };
}
