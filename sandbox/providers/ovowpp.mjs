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

import { loadFacts } from '../facts.mjs';

// The facts the node branches on (nodes/OvoWpp/facts.ts): the sandbox answers from the same ones.
const FACTS = await loadFacts('OvoWpp');

const CLIENT_ID = 'ci_HOJTB3RX1D5YFQWNQ2KW';
const CLIENT_SECRET = 'cs_FP5PJQOS9H2C5T8KBID5';
const SEED_TIME = Date.parse('2025-06-01T10:00:00Z');
const DAY = 86400000;
const GRAPH = 'https://graph.facebook.com/v22.0';

const LANGUAGES = { en_US: 26, pt_BR: 79, es: 21 };

// The product looks the country up in a JSON list keyed by ISO code, comparing dial codes with PHP's
// loose `==` (so '+55' finds Brazil) and taking the first hit (so dial code 1 is Canada, not the US).
const COUNTRIES = {
	1: 'Canada', 20: 'Egypt', 27: 'South Africa', 31: 'Netherlands', 32: 'Belgium', 33: 'France', 34: 'Spain',
	39: 'Italy', 41: 'Switzerland', 44: 'United Kingdom', 49: 'Germany', 51: 'Peru', 52: 'Mexico', 53: 'Cuba',
	54: 'Argentina', 55: 'Brazil', 56: 'Chile', 57: 'Colombia', 58: 'Venezuela', 61: 'Australia', 81: 'Japan',
	86: 'China', 91: 'India', 351: 'Portugal', 502: 'Guatemala', 503: 'El Salvador', 504: 'Honduras',
	505: 'Nicaragua', 506: 'Costa Rica', 507: 'Panama', 591: 'Bolivia', 593: 'Ecuador', 595: 'Paraguay',
	598: 'Uruguay', 880: 'Bangladesh', 971: 'United Arab Emirates',
};

// Templates beyond the three recorded ones, so template lists span two pages of 20.
// [name, language, status (0 pending, 1 approved, 2 rejected, 3 disabled), body, account id, other columns]
const EXTRA_TEMPLATES = [
	['appointment_reminder', 'en_US', 1, 'Hello {{1}}, this is a reminder of your appointment on {{2}}.'],
	['rejected_offer', 'en_US', 2, 'Huge discounts today only!'],
	['legacy_notice', 'en_US', 3, 'This template is no longer in use.'],
	['payment_received', 'en_US', 1, 'We received your payment of {{1}}. Thank you!'],
	['recordatorio_cita', 'es', 1, 'Hola {{1}}, le recordamos su cita el {{2}}.'],
	['pago_recibido', 'es', 1, 'Hemos recibido su pago de {{1}}. ¡Gracias!'],
	['pedido_enviado', 'es', 1, 'Hola {{1}}, su pedido {{2}} ha sido enviado.'],
	['confirmacao_pedido', 'pt_BR', 1, 'Olá {{1}}, seu pedido {{2}} foi confirmado.'],
	['codigo_verificacion', 'es', 1, 'Su código de verificación es {{1}}.'],
	['welcome_message', 'en_US', 1, 'Welcome to our service, {{1}}!'],
	['bienvenida', 'es', 1, 'Bienvenido a nuestro servicio, {{1}}.'],
	['feedback_request', 'en_US', 1, 'How was your experience with us? Reply 1 to 5.'],
	['encuesta_satisfaccion', 'es', 1, '¿Cómo fue su experiencia? Responda del 1 al 5.'],
	// A text header with a variable; the real product answers `header` as an object (providers.md §1).
	['delivery_window', 'en_US', 1, 'Your delivery is scheduled between {{1}} and {{2}}.', 1, { header: { text: 'Your delivery {{1}}' }, header_format: 'TEXT' }],
	['factura_disponible', 'es', 1, 'Su factura {{1}} ya está disponible.'],
	['password_reset', 'en_US', 1, 'Use the code {{1}} to reset your password.'],
	['account_update', 'en_US', 1, 'Your account details were updated.'],
	['cita_confirmada', 'es', 1, 'Su cita del {{1}} está confirmada.'],
	['promo_mensual', 'es', 1, 'Este mes: {{1}} de descuento en {{2}}.'],
	['event_invitation', 'en_US', 1, 'You are invited to {{1}} on {{2}}.'],
	['lembrete_pagamento', 'pt_BR', 1, 'Olá {{1}}, seu pagamento vence em {{2}}.'],
	['second_line_hello', 'en_US', 1, 'Hello from our second line!', 2],
];

const DEFAULT_SETTINGS = {
	plan: 'ok',
	userStatus: 1,
	whitelist: ['127.0.0.1', '::1'],
	graph: 'ok',
	interactive: true,
	contactLimit: -1,
	defaultAccount: '+15550001111',
	ties: 'split',
	tieSalt: 0,
	maxPaginate: null,
};

// Media rules of send-message: [field, type-check ('image' | 'file'), allowed extensions, max KB].
const MEDIA_RULES = [
	['image', 'image', ['jpg', 'jpeg', 'png'], 5120],
	['document', 'file', ['pdf', 'doc', 'docx'], 102400],
	['video', 'file', ['mp4'], 16384],
	['audio', 'file', null, 16384],
];
const MESSAGE_TYPES = { text: 1, image: 2, video: 3, document: 4, audio: 5, cta_url: 6, location: 8, interactive_list: 9 };

/** @param {any} sandbox the core's sandbox object (state, record, url) */
export function createOvoWpp(sandbox) {
	let db;
	let settings;
	let lastStamp = 0;
	let queued = []; // incoming messages waiting for a conversation-list page (see `beforeListPage`)

	/** A millisecond clock that never repeats, so last_message_at orders every event strictly. */
	const tick = () => (lastStamp = Math.max(Date.now(), lastStamp + 1));
	const quirks = () => sandbox.state.quirks !== false;

	function reset() {
		settings = structuredClone(DEFAULT_SETTINGS);
		db = seed();
		queued = [];
	}

	function configure(body = {}) {
		if (body.ovowppPlan !== undefined) settings.plan = String(body.ovowppPlan);
		if (body.ovowppUserStatus !== undefined) {
			const value = String(body.ovowppUserStatus);
			settings.userStatus = value === '1' || value === 'active' ? 1 : 0;
		}
		if (body.ovowppWhitelist !== undefined) {
			const list = Array.isArray(body.ovowppWhitelist) ? body.ovowppWhitelist : String(body.ovowppWhitelist).split(',');
			settings.whitelist = list.map((ip) => String(ip).trim()).filter(Boolean);
		}
		if (body.ovowppGraph !== undefined) settings.graph = String(body.ovowppGraph);
		if (body.ovowppInteractive !== undefined) settings.interactive = body.ovowppInteractive !== false && body.ovowppInteractive !== 'false';
		if (body.ovowppContactLimit !== undefined) settings.contactLimit = Number(body.ovowppContactLimit);
		if (body.ovowppDefaultAccount !== undefined) settings.defaultAccount = body.ovowppDefaultAccount || null;
		if (body.ovowppTies !== undefined) settings.ties = body.ovowppTies === 'id' ? 'id' : 'split';
		if (body.ovowppTieSalt !== undefined) settings.tieSalt = Number(body.ovowppTieSalt) || 0;
		if (body.ovowppMaxPaginate !== undefined) settings.maxPaginate = body.ovowppMaxPaginate === null ? null : Number(body.ovowppMaxPaginate);
		for (const account of db.accounts) account.is_default = account.phone_number === settings.defaultAccount ? 1 : 0;
	}

	// ---------------------------------------------------------------- routing, auth, plan

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

		const denied = authenticate(request);
		if (denied) return denied;

		const ctx = {
			input: readInput(request),
			files: request.body?.files ?? [],
			query: request.queryAll,
			origin: `http://${request.headers.host || sandbox.url.replace(/^https?:\/\//, '')}`,
			route,
		};
		const result = hit.action(ctx, safeDecode(hit.m[1] ?? ''));
		return result?.response ? result.response : ok(result); // `response`: an answer other than HTTP 200
	}

	/** The product's API middleware, in its order; the plan checks answer 200 like everything else. */
	function authenticate(request) {
		const id = header(request, 'client-id');
		const secret = header(request, 'client-secret');
		const unauthorized = (...message) => ({ status: 401, body: fail('Unauthorized', message) });
		if (!id) return unauthorized('The client id is required');
		if (!secret) return unauthorized('The client secret is required');
		if (id !== CLIENT_ID || secret !== CLIENT_SECRET) return unauthorized('Invalid credentials');
		if (settings.userStatus !== 1) {
			return unauthorized('The credentials provided do not match the ones associated with this user in our records. Please verify the credentials and try again.');
		}
		const ip = String(request.peer ?? '').replace(/^::ffff:/, '');
		if (!settings.whitelist.includes(ip)) {
			return unauthorized(
				'Access to this API endpoint is restricted to IP addresses that have been explicitly whitelisted.',
				`In order to access this API endpoint, please add your IP address (${ip}) to the white list from the user dashboard.`,
			);
		}
		if (settings.plan === 'none') return ok(fail('subscription_required', ['You cannot proceed without an active plan. Please purchase a plan to continue']));
		if (settings.plan === 'expired') return ok(fail('subscription_required', ['Your plan has expired. Please renew or purchase a new plan to regain access.']));
		if (settings.plan === 'no_api') return ok(fail('not_available', ['Your current plan does not support API access. Please upgrade your plan.']));
		return null;
	}

	// ---------------------------------------------------------------- contacts

	function listContacts(ctx) {
		let contacts = [...db.contacts].sort((a, b) => b.id - a.id);
		const search = str(ctx.input.search);
		if (search) {
			if (quirks()) {
				// The product ANDs a second search over a column that does not exist.
				const s = search;
				return fail('exception', [
					"SQLSTATE[42S22]: Column not found: 1054 Unknown column 'email' in 'WHERE' (Connection: mysql, SQL: select count(*) as aggregate from `contacts` where `user_id` = 1 and " +
						`(\`mobile\` LIKE %${s}% or \`firstname\` LIKE %${s}% or \`lastname\` LIKE %${s}%) and (\`firstname\` LIKE %${s}% or \`lastname\` LIKE %${s}% or \`mobile\` LIKE %${s}% or \`email\` LIKE %${s}%))`,
				]);
			}
			contacts = contacts.filter((c) => like([c.firstname, c.lastname, c.mobile], search));
		}
		const page = paginate(ctx, contacts, (c) => contactJson(c, ctx.origin), 'select * from `contacts` where `user_id` = 1 order by `id` desc');
		if (page.error) return page.error;
		return success('contact-list', ['Contact data fetched successfully.'], { contacts: page.paginator });
	}

	function storeContact(ctx) {
		const { input } = ctx;
		const errors = contactErrors(ctx, null, true);
		if (errors.length) return fail('validation_error', errors);
		if (settings.contactLimit === 0) return fail('contact_limit_error', ['You\u2019ve reached your  contact limit. Please upgrade your plan to continue.']);
		if (!quirks() && settings.contactLimit > 0) settings.contactLimit--;

		const now = stamp(tick());
		const contact = newContact({
			firstname: str(input.firstname),
			lastname: str(input.lastname),
			mobile_code: str(input.mobile_code),
			mobile: str(input.mobile),
			address: addressFrom(input, str(input.mobile_code)),
			created_at: now,
		});
		const image = fileFor(ctx, 'profile_image');
		if (image) contact.image = storedImageName(image);
		// A freshly created Eloquent model serialises only what was set, in this order.
		const json = contactJson(contact, ctx.origin);
		const body = {
			user_id: 1,
			firstname: json.firstname,
			lastname: json.lastname,
			mobile_code: json.mobile_code,
			mobile: json.mobile,
			address: json.address,
			...(image ? { image: contact.image } : {}),
			updated_at: now,
			created_at: now,
			id: contact.id,
			image_src: json.image_src,
			full_name: json.full_name,
		};
		return success('contact_created', ['Contact created successfully'], { contact: body });
	}

	function updateContact(ctx, id) {
		const { input } = ctx;
		const contact = db.contacts.find((c) => String(c.id) === id);
		const partial = !quirks(); // the docs promise a partial update; the product requires everything
		const errors = contactErrors(ctx, contact ?? null, !partial);
		if (errors.length) return fail('validation_error', errors);
		if (!contact) return fail('unknown_contact', ['The contact is not found']);
		if (quirks() && settings.contactLimit > 0) settings.contactLimit--; // every update costs a contact
		// Quirk 18: the product deletes the current picture, then decodes the new one; a damaged file
		// fails and the contact is left pointing at the deleted picture. Nothing else is saved.
		const upload = fileFor(ctx, 'profile_image');
		if (upload && damagedImage(upload)) {
			if (quirks() && contact.image) db.deletedImages.push(contact.image);
			return fail('image_upload_error', ["Couldn't upload your image"]);
		}

		const keep = (field, current) => (partial && !filled(input[field]) ? current : str(input[field]));
		contact.firstname = keep('firstname', contact.firstname);
		contact.lastname = keep('lastname', contact.lastname);
		contact.mobile_code = keep('mobile_code', contact.mobile_code);
		contact.mobile = keep('mobile', contact.mobile);
		const address = addressFrom(input, contact.mobile_code);
		if (partial && contact.address) {
			for (const part of ['city', 'state', 'post_code', 'address']) if (!filled(input[part])) address[part] = contact.address[part];
		}
		contact.address = address; // omitted parts become "" under quirks
		const image = fileFor(ctx, 'profile_image');
		if (image) contact.image = storedImageName(image);
		contact.updated_at = stamp(tick());
		return success('contact_created', [' Contact updated successfully'], { contact: contactJson(contact, ctx.origin) });
	}

	function deleteContact(ctx, id) {
		const contact = db.contacts.find((c) => String(c.id) === id);
		if (!contact) return fail('not_found', ['The contact not found']);
		if (contact.is_blocked) return fail('contact_error', ['Unable to delete contact which is blocked']);
		const conversationIds = db.conversations.filter((c) => c.contact_id === contact.id).map((c) => c.id);
		if (db.messages.some((m) => conversationIds.includes(m.conversation_id))) return fail('contact_error', ['Unable to delete contact with messages']);
		db.contacts = db.contacts.filter((c) => c !== contact);
		db.conversations = db.conversations.filter((c) => !conversationIds.includes(c.id));
		db.notes = db.notes.filter((n) => !conversationIds.includes(n.conversation_id));
		return success('contact_deleted', ['Contact deleted successfully']);
	}

	/** Validation of store/update, in the product's rule order. `required` is false for a partial update. */
	function contactErrors(ctx, self, required) {
		const { input } = ctx;
		const errors = [];
		for (const field of ['firstname', 'lastname']) {
			if (!filled(input[field])) {
				if (required) errors.push(`The ${field} field is required.`);
			} else if (str(input[field]).length > 40) errors.push(`The ${field} must not be greater than 40 characters.`);
		}
		if (!filled(input.mobile_code)) {
			if (required) errors.push('The mobile code field is required.');
		} else if (!quirks() && !/^\d+$/.test(str(input.mobile_code))) errors.push('The mobile code format is invalid.');
		if (!filled(input.mobile)) {
			if (required) errors.push('The mobile field is required.');
		} else if (!/^[0-9]*$/.test(str(input.mobile))) {
			errors.push('The mobile format is invalid.');
		} else {
			const code = filled(input.mobile_code) ? str(input.mobile_code) : self?.mobile_code;
			const taken = db.contacts.some((c) => c !== self && c.mobile === str(input.mobile) && c.mobile_code === code);
			if (taken) errors.push('The mobile has already been taken.');
		}
		errors.push(...fileErrors(ctx, 'profile_image', 'image', ['jpg', 'jpeg', 'png'], null));
		return errors;
	}

	function newContact(fields) {
		const contact = {
			id: db.nextId.contact++,
			user_id: 1,
			firstname: null,
			lastname: null,
			mobile_code: null,
			mobile: null,
			image: null,
			status: 0,
			details: null,
			address: null,
			is_customer: 0,
			is_blocked: 0,
			blocked_by: 0,
			created_at: null,
			updated_at: null,
			...fields,
		};
		contact.updated_at ??= contact.created_at;
		db.contacts.push(contact);
		return contact;
	}

	// ---------------------------------------------------------------- conversations and templates

	function listConversations(ctx) {
		const { input } = ctx;
		const pageNumber = Number(str(input.page)) || 1;
		for (const body of queued.filter((q) => q.beforeListPage === pageNumber)) incoming({ ...body, beforeListPage: undefined });
		queued = queued.filter((q) => q.beforeListPage !== pageNumber);
		let conversations = [...db.conversations].sort(byLastMessage);
		if (filled(input.status)) {
			const status = toInt(input.status); // the product casts, so 'abc' filters on 0
			conversations = conversations.filter((c) => c.status === status);
		}
		const search = str(input.search);
		if (search) {
			conversations = conversations.filter((c) => {
				const contact = contactOf(c);
				// One column at a time (quirk 17): a full name or a number with its country code finds nothing.
				return contact && like(FACTS.conversationSearchColumns.value.map((column) => contact[column]), search);
			});
		}
		const statusSql = filled(input.status) ? ` and \`status\` = ${toInt(input.status)}` : '';
		const page = paginate(ctx, conversations, (c) => conversationJson(c, ctx.origin), `select * from \`conversations\` where \`user_id\` = 1${statusSql} order by \`last_message_at\` desc`, tieOrder);
		if (page.error) return page.error;
		return success('inbox', ['Conversation data fetched successfully'], { conversation: page.paginator });
	}

	function changeConversationStatus(ctx, id) {
		const value = ctx.input.status;
		const errors = [];
		if (!filled(value)) errors.push('The status field is required.');
		else {
			const integer = /^-?\d+$/.test(str(value));
			if (!integer) errors.push('The status must be an integer.');
			const allowed = quirks() ? ['1', '2', '3', '0'] : ['0', '1', '2', '3', '4'];
			if (!allowed.includes(str(value))) errors.push('The selected status is invalid.');
		}
		if (errors.length) return fail('validation_error', errors);
		const conversation = db.conversations.find((c) => String(c.id) === id);
		if (!conversation) return fail('not_found', ['Conversation not found']);
		conversation.status = Number(str(value));
		conversation.updated_at = stamp(tick());
		return success('status_updated', ['Status updated successfully']);
	}

	function conversationDetails(ctx, id) {
		const conversation = db.conversations.find((c) => String(c.id) === id);
		if (!conversation) return fail('not_found', ['Conversation not found']);
		const json = conversationJson(conversation, ctx.origin);
		if (json.contact) json.contact = { ...json.contact, tags: [], lists: [] };
		return success('conversation_details', ['Conversation details fetched successfully.'], { conversation: json });
	}

	function listTemplates(ctx) {
		const page = paginate(ctx, db.templates, templateJson, 'select * from `templates` where `user_id` = 1');
		if (page.error) return page.error;
		return success('inbox', ['Template data fetched successfully'], { templates: page.paginator });
	}

	// ---------------------------------------------------------------- sending

	function sendMessage(ctx) {
		const { input } = ctx;
		const errors = [];
		const content = ['image', 'document', 'video', 'audio', 'cta_url_id', 'latitude', 'longitude', 'interactive_list_id'];
		if (!filled(input.message) && !content.some((field) => filled(input[field]) || fileFor(ctx, field))) {
			errors.push('The message should not be empty.');
		}
		for (const [field, check, mimes, maxKb] of MEDIA_RULES) errors.push(...fileErrors(ctx, field, check, mimes, maxKb));
		for (const field of ['cta_url_id', 'interactive_list_id']) {
			if (filled(input[field]) && !/^-?\d+$/.test(str(input[field]))) errors.push(`The ${field.replace(/_/g, ' ')} must be an integer.`);
		}
		if (!quirks()) {
			// The docs: latitude and longitude come together (the product lets one through alone).
			if (filled(input.longitude) && !filled(input.latitude)) errors.push('The latitude field is required when longitude is not empty.');
			if (filled(input.latitude) && !filled(input.longitude)) errors.push('The longitude field is required when latitude is not empty.');
		}
		errors.push(...phoneErrors(input, !quirks()));
		if (errors.length) return fail('validation_error', errors);

		// from_number must match a connected number exactly; without it the product takes the first account.
		let account;
		if (filled(input.from_number)) account = db.accounts.find((a) => a.phone_number === str(input.from_number));
		else account = quirks() ? db.accounts[0] : defaultAccount() ?? db.accounts[0];
		if (!account) return fail('not_found', ['The whatsapp account is not found']);

		const target = recipient(input);
		if (target.error) return target.error;
		const { contact, conversation } = target;

		const ctaId = filled(input.cta_url_id) && str(input.cta_url_id) !== '0' ? str(input.cta_url_id) : null;
		const listId = filled(input.interactive_list_id) && str(input.interactive_list_id) !== '0' ? str(input.interactive_list_id) : null;
		const cta = ctaId && db.ctaUrls.find((c) => String(c.id) === ctaId);
		if (ctaId && !cta) return fail('not_found', ['The cta url is not found']);
		const list = listId && db.interactiveLists.find((l) => String(l.id) === listId);
		if (listId && !list) return fail('not_found', ['The interactive list is not found']);
		if ((cta || list) && !settings.interactive) {
			return fail('not_found', ['Your current plan does not support interactive messages. Please upgrade your plan.']);
		}

		// The server sends one thing, picked in this order: CTA URL, list, first file, location, text.
		const firstFile = ['image', 'document', 'video', 'audio'].map((field) => fileFor(ctx, field)).find(Boolean);
		const chosenList = cta ? null : list;
		const file = cta || list ? null : firstFile;
		const hasLocation = filled(input.latitude) && filled(input.longitude);
		const kind = cta ? 'cta_url' : chosenList ? 'interactive_list' : file ? file.field : hasLocation ? 'location' : 'text';

		const graphError = metaFailure(account, file ? 'media' : 'messages', false);
		if (graphError) return graphError;

		const now = tick();
		const text = input.message === undefined || input.message === null ? null : str(input.message);
		const media = file ? mediaFields(file, text, now) : {};
		const message = storeMessage({
			user_id: 1,
			whatsapp_account_id: account.id,
			whatsapp_message_id: nextWamid(),
			conversation_id: conversation.id,
			cta_url_id: cta ? cta.id : 0,
			interactive_list_id: chosenList ? chosenList.id : 0,
			type: 1,
			message: text,
			media_id: media.media_id ?? null,
			message_type: MESSAGE_TYPES[kind],
			location: kind === 'location' ? { latitude: str(input.latitude), longitude: str(input.longitude), name: str(input.name ?? ''), address: str(input.address ?? '') } : null,
			media_caption: media.media_caption ?? null,
			media_filename: media.media_filename ?? null,
			media_url: media.media_url ?? null,
			media_path: media.media_path ?? null,
			mime_type: media.mime_type ?? null,
			media_type: media.media_type ?? null,
			agent_id: 0,
			status: 1,
			ordering: stamp(now),
			product_data: null,
			updated_at: stamp(now),
			created_at: stamp(now),
		});
		touch(conversation, now);

		const raw = {};
		for (const field of ['message', 'latitude', 'longitude', 'name', 'address', 'cta_url_id', 'interactive_list_id']) {
			if (filled(input[field])) raw[field] = input[field];
		}
		sandbox.record('ovowpp', {
			to: digits(contact.mobile_code + contact.mobile),
			type: kind,
			...(text !== null && kind !== 'location' ? { text } : {}),
			...(file ? { files: [file] } : {}),
			from: account.phone_number,
			conversationId: conversation.id,
			messageId: message.id,
			content: { ...raw, ...(cta ? { cta_url: cta } : {}), ...(chosenList ? { interactive_list: chosenList } : {}) },
		});
		return success('success', ['Message sent successfully'], { conversation_id: conversation.id, message });
	}

	function sendTemplateMessage(ctx) {
		const { input } = ctx;
		const errors = [];
		if (!filled(input.template_id)) errors.push('The template id field is required.');
		errors.push(...phoneErrors(input, !quirks()));
		if (errors.length) return fail('validation_error', errors);

		const target = recipient(input);
		if (target.error) return target.error;
		const { contact, conversation } = target;

		const template = db.templates.find((t) => String(t.id) === str(input.template_id) && t.status === FACTS.templateApproved.value);
		if (!template) return fail('not_found', ['The template is not found']);

		// The product always sends templates from the default account, whatever from_number says.
		let account = defaultAccount();
		if (!quirks() && filled(input.from_number)) {
			account = db.accounts.find((a) => a.phone_number === str(input.from_number));
			if (!account) return fail('not_found', ['The whatsapp account is not found']);
		}
		if (!account) return fail('not_found', ['Please connect your whatsapp account first']);

		const body = asList(input.body_variables);
		const headerVars = asList(input.header_variables);
		// Meta refuses a send whose parameters do not fit the body or the text header; the product relays
		// error_data.details here. The wording of Meta's details is the sandbox's own.
		for (const [part, given, text] of [['body', body, templateText(template.body)], ['header', headerVars, templateText(template.header)]]) {
			const expected = new Set(text.match(/\{\{\s*\d+\s*\}\}/g) ?? []).size;
			// Header values for a header without placeholders were accepted in the recording (P2-008).
			if (given.length === expected || (part === 'header' && expected === 0)) continue;
			const details = `${part}: number of localizable_params (${given.length}) does not match the expected number of params (${expected})`;
			return fail('exception', [quirks() ? details : '(#132000) Number of parameters does not match the expected number of params']);
		}
		const graphError = metaFailure(account, 'messages', true);
		if (graphError) return graphError;

		const now = tick();
		const stored = storeMessage({
			user_id: 1,
			template_id: template.id,
			whatsapp_account_id: account.id,
			whatsapp_message_id: nextWamid(),
			conversation_id: conversation.id,
			type: 1,
			agent_id: 0,
			status: 1,
			ordering: stamp(now),
			updated_at: stamp(now),
			created_at: stamp(now),
		});
		touch(conversation, now);
		sandbox.record('ovowpp', {
			to: digits(contact.mobile_code + contact.mobile),
			type: 'template',
			template: template.name,
			text: fill(templateText(template.body), body),
			variables: { body, header: headerVars },
			from: account.phone_number,
			conversationId: conversation.id,
			messageId: stored.id,
			content: { template_id: template.id, name: template.name, language: template._language, body_variables: body, header_variables: headerVars },
		});
		// The message went out; the handler then trips over an undefined variable (quirk 1).
		if (quirks()) return fail('exception', [FACTS.templateSentDespiteError.value]);
		return success('template_sent', ['Message sent successfully'], { conversation_id: conversation.id });
	}

	/**
	 * Finds the contact and its conversation for a send. Under quirks a number that is not yet a contact
	 * fails on the conversation insert, and a blocked contact gets a conversation before being refused.
	 */
	function recipient(input) {
		const code = str(input.mobile_code);
		const mobile = str(input.mobile);
		let contact = db.contacts.find((c) => c.mobile_code === code && c.mobile === mobile);
		if (!contact) {
			if (quirks()) {
				const at = sqlTime(Date.now());
				return {
					error: fail('exception', [
						`SQLSTATE[23000]: Integrity constraint violation: 1048 Column 'contact_id' cannot be null (Connection: mysql, SQL: insert into \`conversations\` (\`contact_id\`, \`user_id\`, \`updated_at\`, \`created_at\`) values (?, 1, ${at}, ${at}))`,
					]),
				};
			}
			contact = newContact({ mobile_code: code, mobile, address: addressFrom({}, code), created_at: stamp(tick()) });
		}
		let conversation = db.conversations.find((c) => c.contact_id === contact.id);
		if (contact.is_blocked) {
			if (!conversation && quirks()) newConversation(contact, null);
			return { error: fail('not_found', ['You cannot send or receive messages with this contact because they have been blocked.']) };
		}
		conversation ??= newConversation(contact, null);
		return { contact, conversation };
	}

	/** The error the product relays when Meta cannot be reached or refuses the message, else null. */
	function metaFailure(account, endpoint, isTemplate) {
		if (settings.graph === 'offline') {
			// The template call puts the access token in the URL, and the error shows it (quirk 9).
			const token = isTemplate && quirks() ? `?access_token=${account.access_token}` : '';
			return fail('exception', [
				`cURL error 6: Could not resolve host: graph.facebook.com (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${GRAPH}/${account.phone_number_id}/${endpoint}${token}`,
			]);
		}
		if (settings.graph === 'error') {
			// send-message relays Meta's error.message, send-template-message error.error_data.details (quirk 8).
			const details = 'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.';
			return fail('exception', [isTemplate && quirks() ? details : '(#131030) Recipient phone number not in allowed list']);
		}
		return null;
	}

	function mediaFields(file, caption, now) {
		const id = `SANDBOXMEDIA${String(db.nextId.media++).padStart(4, '0')}`;
		const kind = sniff(file);
		const day = new Date(now).toISOString().slice(0, 10).replace(/-/g, '/');
		return {
			media_id: id,
			media_caption: file.field === 'audio' ? null : caption,
			media_filename: file.field === 'document' ? file.name : null,
			media_url: `https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=${id}`,
			media_path: `1/${day}/${id}.${kind.ext || extension(file.name) || 'bin'}`,
			mime_type: kind.mime === 'text/plain' ? file.type : kind.mime,
			media_type: file.field,
		};
	}

	function storeMessage(fields) {
		const message = { ...fields, id: db.nextId.message++ };
		db.messages.push(message);
		return message;
	}

	/** A message went out: the conversation moves up, and the product flags it for a human reply. */
	function touch(conversation, now) {
		conversation.last_message_at = stamp(now);
		conversation.needs_human_reply = 1;
		conversation.updated_at = stamp(now);
	}

	function newConversation(contact, accountId) {
		const now = stamp(tick());
		const conversation = {
			id: db.nextId.conversation++,
			user_id: 1,
			contact_id: contact.id,
			status: 0,
			whatsapp_account_id: accountId,
			last_message_at: null,
			needs_human_reply: 0,
			created_at: now,
			updated_at: now,
		};
		db.conversations.push(conversation);
		return conversation;
	}

	const defaultAccount = () => db.accounts.find((a) => a.is_default === 1);
	const nextWamid = () => `wamid.SANDBOX${String(db.nextId.wamid++).padStart(6, '0')}`;

	// ---------------------------------------------------------------- shapes

	function contactJson(contact, origin) {
		return {
			id: contact.id,
			user_id: contact.user_id,
			firstname: contact.firstname,
			lastname: contact.lastname,
			mobile_code: contact.mobile_code,
			mobile: contact.mobile,
			image: contact.image,
			status: contact.status,
			details: contact.details,
			address: contact.address ? { ...contact.address } : null,
			is_customer: contact.is_customer,
			is_blocked: contact.is_blocked,
			blocked_by: contact.blocked_by,
			created_at: contact.created_at,
			updated_at: contact.updated_at,
			image_src: `${origin}/ovowpp/assets/images/avatar.jpg`, // always the placeholder through this API
			full_name: `${contact.firstname ?? ''} ${contact.lastname ?? ''}`,
		};
	}

	function conversationJson(conversation, origin) {
		const contact = contactOf(conversation);
		return {
			...conversation,
			contact: contact ? contactJson(contact, origin) : null,
			notes: db.notes.filter((n) => n.conversation_id === conversation.id).map((n) => ({ ...n })),
		};
	}

	const contactOf = (conversation) => db.contacts.find((c) => c.id === conversation.contact_id);

	// ---------------------------------------------------------------- paging

	/**
	 * A Laravel LengthAwarePaginator over `items`. Under quirks its links carry only `page`, as the
	 * product's do; otherwise they keep the other query parameters (like withQueryString()).
	 */
	function paginate(ctx, items, toJson, sql, reorder) {
		const raw = ctx.input.paginate;
		let perPage = 20;
		if (filled(raw) && /^-?\d+(\.\d+)?$/.test(str(raw))) perPage = Math.trunc(Number(str(raw)));
		if (perPage < 0) {
			if (quirks()) {
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
		if (settings.maxPaginate !== null && perPage > settings.maxPaginate) {
			return {
				error: {
					response: {
						status: 500,
						type: 'text/html; charset=UTF-8',
						body: `PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (sandbox: page of ${perPage} > ovowppMaxPaginate ${settings.maxPaginate})`,
					},
				},
			};
		}
		if (reorder) items = reorder(items, page * perPage);
		const total = items.length;
		const lastPage = Math.max(Math.ceil(total / perPage), 1);
		const slice = items.slice((page - 1) * perPage, page * perPage);
		const path = `${ctx.origin}/ovowpp/${ctx.route}`;
		const kept = [];
		if (!quirks()) for (const [key, value] of ctx.query ?? []) if (key !== 'page') kept.push([key, value]);
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
	function tieOrder(items, window) {
		if (settings.ties !== 'split' || FACTS.conversationOrder.value.unique) return items;
		const rank = (id) => mix32(Math.imul(id, 0x9e3779b1) ^ Math.imul(window + 1, 0x85ebca77) ^ settings.tieSalt);
		return [...items].sort((a, b) => {
			if (a.last_message_at !== b.last_message_at) return byLastMessage(a, b);
			return rank(a.id) - rank(b.id) || a.id - b.id;
		});
	}

	// ---------------------------------------------------------------- control API

	function control(method, subpath, body = {}) {
		if (method === 'GET' && subpath === 'data') return { body: dump() };
		if (method === 'POST' && subpath === 'incoming') return incoming(body);
		if (method === 'POST' && subpath === 'contacts') {
			const list = Array.isArray(body.contacts) ? body.contacts : [];
			for (const c of list) newContact({ firstname: c.firstname ?? null, lastname: c.lastname ?? null, mobile_code: digits(c.mobile_code), mobile: digits(c.mobile), created_at: stamp(tick()) });
			return { body: { created: list.length } };
		}
		if (method === 'POST' && subpath === 'message-status') return messageStatus(body);
		return null;
	}

	function dump() {
		const origin = sandbox.url || 'http://127.0.0.1';
		return {
			user: { id: 1, username: 'apitest', status: settings.userStatus, plan: settings.plan, contact_limit: settings.contactLimit },
			settings: structuredClone(settings),
			accounts: structuredClone(db.accounts),
			contacts: db.contacts.map((c) => contactJson(c, origin)),
			conversations: [...db.conversations].sort(byLastMessage).map((c) => conversationJson(c, origin)),
			notes: structuredClone(db.notes),
			messages: structuredClone(db.messages),
			templates: db.templates.map(templateJson),
			ctaUrls: structuredClone(db.ctaUrls),
			interactiveLists: structuredClone(db.interactiveLists),
			deletedImages: [...db.deletedImages],
		};
	}

	/**
	 * Meta reports a sent message's fate: { id (the stored message id), status: 1 sent | 2 delivered |
	 * 3 read | 9 failed }. Only the message row changes: sandbox choice, the product's webhook
	 * handler is not recorded, so the conversation (and the trigger's last_message_at) stays as it is.
	 */
	function messageStatus(body) {
		const message = db.messages.find((m) => String(m.id) === String(body.id));
		if (!message) return { status: 404, body: { error: `No message ${body.id}` } };
		const status = Number(body.status);
		if (![1, 2, 3, 9].includes(status)) return { status: 400, body: { error: 'status must be 1, 2, 3 or 9' } };
		message.status = status;
		message.updated_at = stamp(tick());
		return { body: { message } };
	}

	/** A customer message arrives, as the product's Meta webhook would store it. */
	function incoming(body) {
		const code = digits(body.mobile_code);
		const mobile = digits(body.mobile);
		const text = body.message === undefined ? '' : String(body.message);
		if (!code || !mobile) return { status: 400, body: { error: 'mobile_code and mobile (digits) are required' } };
		const at = body.at === undefined ? undefined : Date.parse(String(body.at));
		if (Number.isNaN(at)) return { status: 400, body: { error: `at must be an ISO date, got ${body.at}` } };
		if (body.beforeListPage !== undefined) {
			queued.push({ ...body, beforeListPage: Number(body.beforeListPage) });
			return { body: { queued: true } };
		}
		const account = body.to_number ? db.accounts.find((a) => a.phone_number === String(body.to_number)) : defaultAccount() ?? db.accounts[0];
		if (!account) return { status: 400, body: { error: `No connected account ${body.to_number}` } };

		let contact = db.contacts.find((c) => c.mobile_code === code && c.mobile === mobile);
		// The webhook names a new contact after the WhatsApp profile and sets nothing else.
		contact ??= newContact({ firstname: body.firstname ?? null, lastname: body.lastname ?? null, mobile_code: code, mobile, created_at: stamp(tick()) });
		const conversation = db.conversations.find((c) => c.contact_id === contact.id) ?? newConversation(contact, account.id);
		const now = at ?? tick();
		const message = storeMessage({
			user_id: 1,
			whatsapp_account_id: account.id,
			whatsapp_message_id: `wamid.INCOMING${String(db.nextId.wamid++).padStart(6, '0')}`,
			conversation_id: conversation.id,
			cta_url_id: 0,
			interactive_list_id: 0,
			type: 2,
			message: text,
			media_id: null,
			message_type: 1,
			location: null,
			media_caption: null,
			media_filename: null,
			media_url: null,
			media_path: null,
			mime_type: null,
			media_type: null,
			...incomingMedia(body.media),
			agent_id: 0,
			status: 2,
			ordering: stamp(now),
			product_data: null,
			updated_at: stamp(now),
			created_at: stamp(now),
		});
		conversation.last_message_at = stamp(now);
		conversation.updated_at = stamp(now);
		const origin = sandbox.url || 'http://127.0.0.1';
		return { body: { conversation: conversationJson(conversation, origin), contact: contactJson(contact, origin), message } };
	}

	/** `media` of an incoming message: { kind: image|video|document|audio, filename, mime, caption? }. */
	function incomingMedia(media) {
		if (!media || !MESSAGE_TYPES[media.kind] || media.kind === 'text') return {};
		const id = `SANDBOXMEDIA${String(db.nextId.media++).padStart(4, '0')}`;
		return {
			message_type: MESSAGE_TYPES[media.kind],
			media_id: id,
			media_caption: media.caption ?? null,
			media_filename: media.kind === 'document' ? String(media.filename ?? '') : null,
			media_url: `https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=${id}`,
			mime_type: media.mime ?? null,
			media_type: media.kind,
		};
	}

	// ---------------------------------------------------------------- seed

	function seed() {
		const at = stamp(SEED_TIME);
		const seededContact = (id, firstname, lastname, code, mobile, country, extra = {}) => ({
			id, user_id: 1, firstname, lastname, mobile_code: code, mobile, image: null, status: 1, details: null,
			address: { city: '', state: '', post_code: '', address: '', country },
			is_customer: 0, is_blocked: 0, blocked_by: 0, created_at: at, updated_at: at, ...extra,
		});
		const template = (id, name, language, status, body, accountId = 1, extra = {}) => ({
			id, user_id: 1, whatsapp_template_id: String(900000000000000 + id), whatsapp_account_id: accountId, name,
			header: null, header_format: null, header_media: null, body, buttons: [], footer: null,
			add_security_recommendation: 0, code_expiration_minutes: null, category_id: 2, language_id: LANGUAGES[language],
			status, rejected_reason: status === 2 ? 'INVALID_FORMAT' : null, created_at: at, updated_at: at,
			_language: language, // not a column; the language code Meta needs
			...extra,
		});
		return {
			accounts: [
				{ id: 1, user_id: 1, phone_number: '+15550001111', phone_number_id: '100000000000002', whatsapp_business_account_id: '200000000000001', business_name: 'Sandbox Main Line', access_token: 'EAATESTACCESSTOKEN123', is_default: 1 },
				{ id: 2, user_id: 1, phone_number: '+15550002222', phone_number_id: '100000000000003', whatsapp_business_account_id: '200000000000001', business_name: 'Sandbox Second Line', access_token: 'EAATESTACCESSTOKEN456', is_default: 0 },
			],
			contacts: [
				seededContact(1, 'Maria', 'Silva', '55', '11988887777', 'Brazil', { address: { city: 'Sao Paulo', state: 'SP', post_code: '01000-000', address: 'Rua A, 1', country: 'Brazil' } }),
				seededContact(2, 'John', 'Doe', '1', '2025550123', 'United States'),
				seededContact(3, 'Blocked', 'Person', '55', '11977776666', 'Brazil', { is_blocked: 1, blocked_by: 1 }),
			],
			conversations: [
				{ id: 1, user_id: 1, contact_id: 1, status: 2, whatsapp_account_id: 1, last_message_at: at, needs_human_reply: 0, created_at: at, updated_at: at },
				{ id: 2, user_id: 1, contact_id: 2, status: 0, whatsapp_account_id: 1, last_message_at: stamp(SEED_TIME - DAY), needs_human_reply: 0, created_at: at, updated_at: at },
			],
			notes: [{ id: 1, user_id: 1, conversation_id: 1, note: 'VIP customer', created_at: at, updated_at: at }],
			messages: [
				{
					id: 1, user_id: 1, whatsapp_account_id: 1, whatsapp_message_id: 'wamid.TESTRECEIVED1', conversation_id: 1, cta_url_id: 0,
					interactive_list_id: 0, type: 2, message: 'Oi, tudo bem?', media_id: null, message_type: 1, location: null, media_caption: null,
					media_filename: null, media_url: null, media_path: null, mime_type: null, media_type: null, agent_id: 0, status: 2,
					ordering: at, product_data: null, updated_at: at, created_at: at,
				},
			],
			templates: [
				template(1, 'hello_world', 'en_US', 1, 'Hello! This is an approved test template.'),
				template(2, 'pending_promo', 'en_US', 0, 'Promo pending approval', 1, { category_id: 1 }),
				template(3, 'order_update', 'pt_BR', 1, 'Hi {{1}}, your order {{2}} is ready.', 1, { header: { text: 'Order update' }, header_format: 'TEXT', footer: 'Thanks' }),
				...EXTRA_TEMPLATES.map(([name, language, status, body, accountId, extra], i) => template(i + 4, name, language, status, body, accountId ?? 1, extra)),
			],
			ctaUrls: [{ id: 1, user_id: 1, name: 'Visit our store', header: null, body: 'See everything we sell', footer: null, button_text: 'Open store', url: 'https://example.com/store' }],
			interactiveLists: [
				{
					id: 1, user_id: 1, name: 'Main menu', header: 'How can we help?', body: 'Pick an option', footer: null, button_text: 'Options',
					sections: [{ title: 'Support', rows: [{ id: 'orders', title: 'My orders' }, { id: 'agent', title: 'Talk to a person' }] }],
				},
			],
			nextId: { contact: 4, conversation: 3, message: 2, media: 1, wamid: 1 },
			deletedImages: [], // pictures deleted by a failed update (quirk 18)
		};
	}

	reset();
	return { handle, reset, configure, control };
}

// ---------------------------------------------------------------- helpers (no state)

const ok = (body) => ({ status: 200, body });
const success = (remark, message, data) => ({ remark, status: 'success', message, ...(data ? { data } : {}) });
const fail = (remark, message) => ({ remark, status: 'error', message });

/** Dates as Laravel serialises them, with milliseconds kept so events stay ordered. */
const stamp = (ms) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
const sqlTime = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

const byLastMessage = (a, b) => {
	// MySQL puts NULLs last in a descending sort.
	if (a.last_message_at === b.last_message_at) return a.id - b.id;
	if (a.last_message_at === null) return 1;
	if (b.last_message_at === null) return -1;
	return a.last_message_at < b.last_message_at ? 1 : -1;
};

/** A 32-bit integer hash (murmur3's finaliser), as an unsigned number. */
function mix32(h) {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

function safeDecode(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

function header(request, name) {
	const value = request.headers?.[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * The request's input as Laravel sees it: query and body merged (body wins), strings trimmed,
 * empty strings turned into null (TrimStrings + ConvertEmptyStringsToNull).
 */
function readInput(request) {
	const input = {};
	for (const [key, value] of request.queryAll ?? []) {
		if (key.endsWith('[]')) (input[key.slice(0, -2)] ??= []).push(value);
		else input[key] = value;
	}
	const fields = request.body?.fields;
	if (fields && typeof fields === 'object' && !Array.isArray(fields)) Object.assign(input, fields);
	return clean(input);
}

function clean(value) {
	if (typeof value === 'string') {
		const trimmed = value.trim();
		return trimmed === '' ? null : trimmed;
	}
	if (Array.isArray(value)) return value.map(clean);
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
	return value;
}

const filled = (v) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
const str = (v) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const digits = (v) => str(v).replace(/\D/g, '');
const asList = (v) => (Array.isArray(v) ? v.map(str) : filled(v) ? [str(v)] : []);
const toInt = (v) => (/^\s*-?\d+/.test(str(v)) ? parseInt(str(v), 10) : 0);
const like = (values, search) => values.some((v) => str(v).toLowerCase().includes(search.toLowerCase()));
const fill = (text, values) => text.replace(/\{\{(\d+)\}\}/g, (whole, n) => values[Number(n) - 1] ?? whole);
const extension = (name) => (/\.([a-z0-9]+)$/i.exec(name ?? '')?.[1] ?? '').toLowerCase();

/** mobile_code and mobile of a send. The product never checks mobile_code (quirk 11); `strict` does. */
function phoneErrors(input, strict) {
	const errors = [];
	if (!filled(input.mobile_code)) errors.push('The mobile code field is required.');
	else if (strict && !/^\d+$/.test(str(input.mobile_code))) errors.push('The mobile code format is invalid.');
	if (!filled(input.mobile)) errors.push('The mobile field is required.');
	else if (!/^[0-9]*$/.test(str(input.mobile))) errors.push('The mobile format is invalid.');
	return errors;
}

function addressFrom(input, mobileCode) {
	return {
		city: str(input.city),
		state: str(input.state),
		post_code: str(input.post_code),
		address: str(input.address),
		country: countryOf(mobileCode),
	};
}

function countryOf(mobileCode) {
	const code = str(mobileCode).trim();
	if (!/^[+-]?\d+(\.\d+)?$/.test(code)) return '';
	return COUNTRIES[Number(code)] ?? '';
}

/** The text of a template's header or body: the product answers an object (`{text: …}`), a string, or null. */
function templateText(part) {
	if (typeof part === 'string') return part;
	const text = part?.[FACTS.templateTextKey.value];
	return typeof text === 'string' ? text : '';
}

function templateJson(template) {
	const json = structuredClone(template);
	delete json._language; // not a column
	return json;
}

/**
 * Whether a JPG/PNG upload is damaged, by the sandbox's own test of what the product's image library
 * fails on (providers.md does not say which damage it detects): a PNG must end with its IEND chunk, a
 * JPEG with its EOI marker. Only files the sandbox holds whole (the first 64 KB) are judged.
 */
function damagedImage(file) {
	const kind = sniff(file).ext;
	if ((kind !== 'png' && kind !== 'jpg') || file.head.length < file.size) return false;
	const tail = file.head.subarray(-12);
	if (kind === 'png') return !tail.equals(Buffer.from('0000000049454e44ae426082', 'hex'));
	return !(tail[10] === 0xff && tail[11] === 0xd9);
}

function storedImageName(file) {
	const hex = Array.from({ length: 23 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
	return `${hex}.${sniff(file).ext || extension(file.name) || 'png'}`;
}

/**
 * Laravel's file rules: `image` wants an image by content, `mimes` checks the extension guessed from the
 * content (not the name), `max` counts kilobytes. A text field where a file belongs fails like a bad file.
 */
function fileErrors(ctx, field, check, mimes, maxKb) {
	const file = ctx.files.find((f) => f.field === field);
	const given = file ?? (filled(ctx.input[field]) ? 'text' : null);
	if (!given) return [];
	const label = field.replace(/_/g, ' ');
	const errors = [];
	const kind = file ? sniff(file) : { ext: '', mime: 'text/plain' };
	if (check === 'image' && !['jpg', 'png', 'gif', 'bmp', 'webp', 'svg'].includes(kind.ext)) errors.push(`The ${label} must be an image.`);
	if (check === 'file' && !file) errors.push(`The ${label} must be a file.`);
	if (mimes && !mimes.includes(kind.ext) && !(kind.ext === 'jpg' && mimes.includes('jpeg'))) {
		errors.push(`The ${label} must be a file of type: ${mimes.join(', ')}.`);
	}
	if (file && maxKb && file.size / 1024 > maxKb) errors.push(`The ${label} must not be greater than ${maxKb} kilobytes.`);
	return errors;
}

/** The one uploaded file for a field, if any. */
function fileFor(ctx, field) {
	return ctx.files.find((f) => f.field === field) ?? null;
}

/** What a file is by its first bytes (like PHP's finfo), with the extension Laravel would guess. */
function sniff(file) {
	const head = Buffer.isBuffer(file.head) ? file.head : Buffer.alloc(0);
	const at = (offset, text) => head.subarray(offset, offset + text.length).toString('latin1') === text;
	if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { ext: 'png', mime: 'image/png' };
	if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { ext: 'jpg', mime: 'image/jpeg' };
	if (at(0, 'GIF8')) return { ext: 'gif', mime: 'image/gif' };
	if (at(0, 'RIFF') && at(8, 'WEBP')) return { ext: 'webp', mime: 'image/webp' };
	if (at(0, 'RIFF') && at(8, 'WAVE')) return { ext: 'wav', mime: 'audio/x-wav' };
	if (at(0, '%PDF')) return { ext: 'pdf', mime: 'application/pdf' };
	if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) return { ext: 'doc', mime: 'application/msword' };
	if (at(0, 'PK\x03\x04')) {
		const isWord = extension(file.name) === 'docx' || head.includes('word/');
		return isWord ? { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } : { ext: 'zip', mime: 'application/zip' };
	}
	if (at(4, 'ftyp')) return at(8, 'M4A') ? { ext: 'm4a', mime: 'audio/mp4' } : at(8, 'qt') ? { ext: 'mov', mime: 'video/quicktime' } : { ext: 'mp4', mime: 'video/mp4' };
	if (at(0, 'ID3') || (head[0] === 0xff && (head[1] & 0xe0) === 0xe0)) return { ext: 'mp3', mime: 'audio/mpeg' };
	if (at(0, 'OggS')) return { ext: 'ogg', mime: 'audio/ogg' };
	if (at(0, '#!AMR')) return { ext: 'amr', mime: 'audio/amr' };
	if (!head.length) return { ext: '', mime: 'application/x-empty' };
	return { ext: 'txt', mime: 'text/plain' };
}

/**
 * Laravel's UrlWindow (3 on each side): every page when there are fewer than 14, else the first or
 * last pages with the current page's neighbours and '...' gaps.
 */
function urlWindow(page, lastPage) {
	const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
	const side = 3;
	const window = side + 4;
	if (lastPage < side * 2 + 8) return [range(1, lastPage)];
	if (page <= window) return [range(1, window + side), '...', range(lastPage - 1, lastPage)];
	if (page > lastPage - window) return [range(1, 2), '...', range(lastPage - (window + side - 1), lastPage)];
	return [range(1, 2), '...', range(page - side, page + side), '...', range(lastPage - 1, lastPage)];
}

/** The HTML 404 the product serves outside /external-api/ (for instance the docs' `/extern-api/` typo). */
function notFoundPage() {
	return {
		status: 404,
		type: 'text/html; charset=UTF-8',
		body: `<!DOCTYPE html>
<html lang="en">

<head>
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <title> OvoWpp - 404</title>
</head>

<body>
    <div class="error-content flex-center flex-column">
        <h2 class="error-content__title">404 Page Not Found</h2>
        <p class="error-content__message">The page you are looking for doesn't exist or another error occurred.</p>
    </div>
</body>

</html>
`,
	};
}
