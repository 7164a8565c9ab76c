// Wolkvox, as the sandbox plays it: /api/v2/whatsapp.php?api=<name> and /api/v2/information.php?api=token_info
// under /wolkvox (standing for https://wv{server}.wolkvox.com). Facts are in docs/providers.md §2.
// Where the provider's answer is unknown ([open]) the answer here is the sandbox's own choice and
// says so in a comment; nodes must not depend on those texts.
import { DEMO_CREDENTIALS } from '../demo-credentials.mjs';
import { factValue, loadFacts } from '../facts.mjs';

// The facts the node is built with (nodes/Wolkvox/facts.ts); for an [open] one, the sandbox's own choice.
const FACTS = await loadFacts('Wolkvox');
const fact = (name) => factValue(FACTS[name]);

const DEFAULTS = {
	// [doc] the account's daily budget: licences × 1000 calls, all its tokens together. The sandbox's
	// account has one licence.
	dailyLimit: fact('dailyCallsPerLicence'),
	maxInFlight: fact('maxInFlightPerToken'), // [doc] two simultaneous requests per token
	mobilIntervalMs: fact('mobileSpacingSeconds') * 1000, // [doc] send_message_mobil: one message per customer every 20 s
	maintenance: false,
	// send_message_official only inside the 24 h window a customer reply opens [doc]. 0 = not tracked,
	// the sandbox's default so suites can send free text without playing a reply first; the phone
	// simulator (sandbox/phone) sets 24 and opens the window when a customer answers.
	windowHours: 0,
};

// A second token of the same account, so tests can show which limits are per token (two in flight)
// and which are the account's (the daily budget).
export const WOLKVOX_TOKENS = {
	[DEMO_CREDENTIALS.wolkvoxApi.token]: 'Demo token (sandbox)',
	wv_demo_token_second_9876543210: 'Second demo token (sandbox)',
};

const body = (code, error, msg, data) => ({ status: code, body: data === undefined ? { code, error, msg } : { code, error, msg, data } });
const SENT = () => body(fact('successCode'), null, fact('successText'));
const OK = (data) => body(200, null, 'OK', data); // sandbox choice: code and msg of a successful read are [open]
const REQUIRED = () => body(400, 'BAD REQUEST', fact('requiredText'));
const badRequest = (msg) => body(400, 'BAD REQUEST', msg);
const UNKNOWN_API = () => badRequest(fact('unknownApiText')); // [doc] "API Response Codes"
const concurrencyRejection = (max) => body(403, 'FORBIDDEN', `${fact('concurrencyText')} (${max})`);

// ---- WhatsApp webhook (providers.md §2 Webhooks) ----------------------------------------------
// Wolkvox forwards "Meta's notifications" to a URL set per WhatsApp account [doc]; the payload is
// [open]. Sandbox choice (facts: webhookPayload): Meta's Cloud API webhook format, as Wolkvox is
// presumed to forward it, with Meta's titles for the error codes it uses.
const META_TITLES = {
	131026: 'Message undeliverable',
	131042: 'Business eligibility payment issue',
	131047: 'Re-engagement message',
	131049: 'This message was not delivered to maintain healthy ecosystem engagement.',
	131053: 'Media upload error',
	131056: '(Business Account, Consumer Account) pair rate limit hit',
	130429: 'Rate limit hit',
};
const BOOT = Date.now().toString(36);
const WABA_ID = '102290129340398'; // sandbox choice: the account id in each entry
const metaNotification = (connectorId, value) => ({
	object: factValue(FACTS.webhookPayload).object,
	entry: [
		{
			id: WABA_ID,
			changes: [
				{
					value: { messaging_product: 'whatsapp', metadata: { display_phone_number: `5760${connectorId}`, phone_number_id: `10654035224${connectorId}` }, ...value },
					field: factValue(FACTS.webhookPayload).field,
				},
			],
		},
	],
});
const unixNow = () => String(Math.floor(Date.now() / 1000));
const metaError = (code) => ({
	code,
	title: META_TITLES[code] ?? 'Something went wrong',
	message: META_TITLES[code] ?? 'Something went wrong',
	error_data: { details: `Sandbox: message failed with Meta error ${code}` },
	href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
});

/** Seeded connectors: 1001 and 1002 are official (WhatsApp Business API) lines, 2001 a mobile one. */
function seedConnectors() {
	const bodyOf = (text) => ({ type: 'BODY', text });
	const template = (name, status, category, components, language = 'es') => ({ name, status, category, language, components });
	return {
		1001: {
			kind: 'official',
			templates: [
				template('order_confirmation', 'APPROVED', 'UTILITY', [bodyOf('Hola {{1}}, tu pedido {{2}} está confirmado.')]),
				template('appointment_reminder', 'APPROVED', 'UTILITY', [
					{ type: 'HEADER', format: 'TEXT', text: 'Recordatorio de cita' },
					bodyOf('Hola {{1}}, te esperamos el {{2}} a las {{3}}.'),
					{ type: 'FOOTER', text: 'Responde CANCELAR para anularla' },
				]),
				template('welcome_message', 'APPROVED', 'MARKETING', [bodyOf('¡Bienvenido a Tienda Demo! Responde a este mensaje para hablar con un agente.')]),
				template('spring_sale', 'PENDING', 'MARKETING', [bodyOf('Hola {{1}}, esta primavera tienes un {{2}} de descuento.')]),
				template('debt_collection', 'REJECTED', 'UTILITY', [bodyOf('{{1}}, tiene una deuda pendiente de {{2}}.')]),
			],
		},
		1002: {
			kind: 'official',
			templates: [
				template('shipping_update', 'APPROVED', 'UTILITY', [bodyOf('Tu envío {{1}} ya está en camino.')], 'es_CO'),
				template('survey_invite', 'PENDING', 'MARKETING', [bodyOf('Hola {{1}}, ¿nos regalas un minuto para una encuesta?')], 'es_CO'),
				template('old_offer', 'REJECTED', 'MARKETING', [bodyOf('Oferta {{1}} solo hoy')], 'es_CO'),
			],
		},
		2001: { kind: 'mobile', templates: [] },
	};
}

/** Highest {{n}} in a template's BODY: how many template_vars it needs. */
function varCount(template) {
	const text = template.components.find((c) => c.type === 'BODY')?.text ?? '';
	return Math.max(0, ...[...text.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1])));
}

function render(template, vars) {
	const text = template.components.find((c) => c.type === 'BODY')?.text ?? '';
	return text.replace(/\{\{(\d+)\}\}/g, (all, n) => vars[n - 1] ?? all);
}

// Sandbox choice: the day rolls over at UTC midnight (Wolkvox's own time zone for the budget is [open]).
const today = () => new Date().toISOString().slice(0, 10);

const APIS = {
	send_message_official: { method: 'POST', required: ['connector_id', 'telephone', 'message'] },
	send_template_official: { method: 'POST', required: ['connector_id', 'telephone', 'template_name'] },
	send_message_mobil: { method: 'POST', required: ['connector_id', 'telephone'] },
	upload_media: { method: 'POST', required: ['connector_id', 'file_url'] },
	list_templates: { method: 'GET', required: ['connector_id'] },
	sync_templates: { method: 'POST', required: ['connector_id'] },
	create_template: { method: 'POST', required: ['connector_id', 'name', 'language', 'category', 'components'] },
	create_utility_template: { method: 'POST', required: ['connector_id', 'name', 'language', 'components'] },
	create_auth_template: { method: 'POST', required: ['connector_id', 'name', 'language', 'components'] },
	edit_template: { method: 'POST', required: ['connector_id', 'name', 'components'] },
};

export function createWolkvox(sandbox) {
	const settings = { ...DEFAULTS };
	let forcedRejections = 0; // the next N requests get the concurrency 403 (control route)
	const inFlight = {}; // token → requests in flight; survives reset() because connections do
	let stats; // token → { maxInFlight, rejected, forced, requests }
	let usage; // { day, byToken: { token → calls counted today } }; the account's use is their sum
	let connectors;
	let lastMobil; // "connector:telephone" → time of the last accepted send_message_mobil
	let mediaCount;
	let windows; // "connector:telephone" → time of the customer's last message
	let webhook; // { url, errorsOnly, messages, header?, basic?, delayMs } or null: where notifications go
	let notifications; // every notification posted, with the receiver's answer
	let failNumbers; // digits → Meta error code: sends to them are accepted, then fail (a webhook error)
	let notifyQueue; // notifications go one after another, in order
	let generation = 0; // a reset drops notifications still queued

	const statsFor = (token) => (stats[token] ??= { maxInFlight: inFlight[token] ?? 0, rejectedConcurrency: 0, forcedRejections: 0, requests: 0 });
	const tokenOf = (request) => String(request.headers['wolkvox-token'] ?? '').trim();
	const usedToday = (token) => {
		if (usage.day !== today()) usage = { day: today(), byToken: {} };
		return usage.byToken[token] ?? 0;
	};
	const accountUsedToday = () => {
		usedToday('');
		return Object.values(usage.byToken).reduce((a, b) => a + b, 0);
	};

	function reset() {
		Object.assign(settings, DEFAULTS);
		forcedRejections = 0;
		stats = {};
		usage = { day: today(), byToken: {} };
		connectors = seedConnectors();
		lastMobil = new Map();
		mediaCount = 0;
		windows = new Map();
		webhook = null;
		notifications = [];
		failNumbers = new Map();
		notifyQueue = Promise.resolve();
		generation++;
	}
	reset();

	/** Posts one notification now (after those queued), records what the receiver answered. */
	function notify(payload, what) {
		const target = webhook;
		const mine = generation;
		const entry = { at: new Date().toISOString(), what, url: target.url, payload, status: 0 };
		notifyQueue = notifyQueue.then(async () => {
			if (mine !== generation) return;
			if (target.delayMs) await new Promise((resolve) => setTimeout(resolve, target.delayMs));
			if (mine !== generation) return;
			notifications.push(entry);
			try {
				const headers = target.header ? { [target.header.name]: target.header.value } : {};
				const response = await sandbox.postTo(target.url, { json: payload, headers, auth: target.basic ?? undefined });
				entry.status = response.status;
				entry.response = response.body.slice(0, 500);
			} catch (error) {
				entry.error = String(error?.cause?.message ?? error?.message ?? error);
			}
		});
		return entry;
	}

	/**
	 * A sent message's status changed (the phone's timeline or a hand): posted like Meta's status
	 * notification when a webhook URL is set for an official connector; with errorsOnly (the switch
	 * "Error when sending message" [doc]) only failures. Returns what the phone shows.
	 */
	function notifyStatus(message, status) {
		if (!webhook) return 'Wolkvox: no webhook URL set (POST /_sandbox/wolkvox/webhook-url {url})';
		if (connectors[String(message.connector)]?.kind !== 'official') return 'Wolkvox: webhooks are for Cloud API connectors only';
		if (webhook.errorsOnly && status !== 'failed') return `Wolkvox: ${status} not sent ("Error when sending message" only)`;
		const code = message.failWith ?? 131026;
		const value = { id: message.wamid, status, timestamp: unixNow(), recipient_id: message.to };
		if (status === 'failed') value.errors = [metaError(code)];
		const entry = notify(metaNotification(message.connector, { statuses: [value] }), `${status} ${message.to}`);
		return `Wolkvox webhook: ${status}${status === 'failed' ? ` (${code})` : ''} → ${entry.url}`;
	}

	/** A customer wrote: posted as Meta's message notification only when chosen (facts: webhookWithoutSwitch). */
	function notifyMessage({ connector = '1001', phone, text, name, media }) {
		if (!webhook || webhook.errorsOnly || !webhook.messages) return null;
		const id = `wamid.sandbox-in-${++inboundCount}`;
		const message = media
			? { from: phone, id, timestamp: unixNow(), type: media.kind, [media.kind]: { mime_type: media.mime, filename: media.filename, caption: media.caption ?? undefined } }
			: { from: phone, id, timestamp: unixNow(), type: 'text', text: { body: text } };
		notify(metaNotification(connector, { contacts: [{ profile: { name: name ?? '' }, wa_id: phone }], messages: [message] }), `message ${phone}`);
		return `Wolkvox webhook: message → ${webhook.url}`;
	}
	let inboundCount = 0;

	/** What a send of an official connector stores: the id Meta's notifications use, and a failure to come. */
	function sent(entry) {
		const stored = sandbox.record('wolkvox', { ...entry, ...(failNumbers.has(entry.to) ? { failWith: failNumbers.get(entry.to) } : {}) });
		// Sandbox choice: Meta's message id, unique across resets of this process.
		stored.wamid = `wamid.sandbox-${BOOT}-${stored.id}`;
		if (webhook && !webhook.errorsOnly && connectors[entry.connector]?.kind === 'official') notifyStatus(stored, 'sent');
		return stored;
	}

	/** On arrival, before the core's latency: the two-in-flight rule and forced rejections. */
	function admit(request) {
		const token = tokenOf(request);
		const known = token in WOLKVOX_TOKENS;
		if (forcedRejections > 0) {
			forcedRejections--;
			const s = statsFor(token || '(none)');
			s.rejectedConcurrency++;
			s.forcedRejections++;
			return { ok: false, response: concurrencyRejection(settings.maxInFlight) };
		}
		// Unknown or missing tokens are answered by handle() (401/403); they hold no slot.
		if (!known) return { ok: true, token: null };
		const s = statsFor(token);
		if ((inFlight[token] ?? 0) >= settings.maxInFlight) {
			s.rejectedConcurrency++;
			return { ok: false, response: concurrencyRejection(settings.maxInFlight) };
		}
		inFlight[token] = (inFlight[token] ?? 0) + 1;
		s.maxInFlight = Math.max(s.maxInFlight, inFlight[token]);
		return { ok: true, token };
	}

	function release(admitted) {
		if (admitted.token) inFlight[admitted.token] = Math.max(0, (inFlight[admitted.token] ?? 0) - 1);
	}

	function handle(request) {
		const [, file] = /^\/api\/v2\/(whatsapp|information)\.php$/.exec(request.path) ?? [];
		// Sandbox choice (facts: notFoundEnvelope is [open]): an unknown path answers a web server's 404
		// page, without Wolkvox's envelope.
		if (!file) return { status: 404, body: '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>', type: 'text/html' };
		// The status of the maintenance 403 is [doc]; its text is the sandbox's choice (facts: maintenanceText).
		if (settings.maintenance) return body(fact('maintenanceStatus'), 'FORBIDDEN', fact('maintenanceText'));

		const token = tokenOf(request);
		if (!token) return body(401, 'UNAUTHORIZED', fact('noTokenText'));
		if (!(token in WOLKVOX_TOKENS)) return body(403, 'FORBIDDEN', fact('badTokenText'));
		// The budget is the account's, all tokens together [doc]. That every admitted call counts,
		// failed ones included, is the sandbox's choice (providers.md is silent).
		if (accountUsedToday() >= settings.dailyLimit) return body(403, 'FORBIDDEN', fact('budgetSpentText'));
		usage.byToken[token] = usedToday(token) + 1;
		statsFor(token).requests++;

		const api = request.query.api;
		if (file === 'information') {
			if (api !== 'token_info') return UNKNOWN_API();
			if (request.method !== 'GET') return wrongMethod('GET');
			// The four fields are [doc]; wrapping them in `data`, and what each counts (the account's
			// limit, this token's calls, all the account's calls), are the sandbox's choices.
			return OK({
				description: WOLKVOX_TOKENS[token],
				token_limit: settings.dailyLimit,
				token_use_today: usedToday(token),
				all_token_today: accountUsedToday(),
			});
		}
		const spec = APIS[api];
		if (!spec) return UNKNOWN_API();
		if (request.method !== spec.method) return wrongMethod(spec.method);

		// JSON body [doc]; the sandbox also takes form fields and, for GET, the query string.
		const params = { ...request.query, ...(request.body.fields ?? {}) };
		delete params.api;
		const missing = spec.required.some((key) => params[key] === undefined || params[key] === null || params[key] === '');
		if (missing) return REQUIRED();
		const connector = connectors[String(params.connector_id)];
		// Sandbox choice: the answer for an unknown connector is [open].
		if (!connector) return badRequest('CONNECTOR NOT FOUND');
		if ('telephone' in params && !/^\d{8,15}$/.test(String(params.telephone))) {
			// Sandbox choice: Wolkvox wants digits only [code]; its answer to anything else is [open].
			return badRequest('INVALID TELEPHONE, USE DIGITS ONLY WITH COUNTRY CODE');
		}
		return ACTIONS[api](params, connector, String(params.connector_id));
	}

	// Sandbox choice: what a wrong HTTP method answers is [open].
	const wrongMethod = (method) => body(405, 'METHOD NOT ALLOWED', `USE ${method} FOR THIS API`);

	const findTemplate = (connector, name) => connector.templates.find((t) => t.name === name);
	const parseJson = (value) => (typeof value === 'string' ? JSON.parse(value) : value);

	const ACTIONS = {
		send_message_official(p, connector, connectorId) {
			const telephone = String(p.telephone);
			const opened = windows.get(`${connectorId}:${telephone}`) ?? -Infinity;
			if (settings.windowHours > 0 && Date.now() - opened > settings.windowHours * 3_600_000) {
				// Sandbox choice: the rule is [doc], Wolkvox's answer to breaking it is [open].
				return badRequest(`OUTSIDE THE ${settings.windowHours} HOUR WINDOW: SEND A TEMPLATE AND WAIT FOR THE CUSTOMER TO REPLY`);
			}
			sent({
				to: telephone,
				type: 'text',
				text: String(p.message),
				api: 'send_message_official',
				connector: connectorId,
				content: { connector_id: p.connector_id, telephone: p.telephone, message: p.message },
			});
			return SENT();
		},

		send_template_official(p, connector, connectorId) {
			const template = findTemplate(connector, String(p.template_name));
			// Sandbox choice: texts for a missing or unapproved template are [open].
			if (!template) return badRequest('TEMPLATE NOT FOUND');
			if (template.status !== 'APPROVED') return badRequest(`TEMPLATE IS NOT APPROVED (${template.status})`);
			const raw = String(p.template_vars ?? '');
			const variables = raw === '' ? [] : raw.split(';');
			// Sandbox choice: Meta refuses a wrong parameter count; Wolkvox's wording of it is [open].
			if (variables.length !== varCount(template)) {
				return badRequest(`TEMPLATE_VARS DOES NOT MATCH THE TEMPLATE (${varCount(template)} EXPECTED, ${variables.length} GIVEN)`);
			}
			sent({
				to: String(p.telephone),
				type: 'template',
				template: template.name,
				variables,
				text: render(template, variables),
				api: 'send_template_official',
				connector: connectorId,
				content: {
					connector_id: p.connector_id,
					telephone: p.telephone,
					template_name: p.template_name,
					template_vars: p.template_vars,
					customer_id: p.customer_id,
					url_attach: p.url_attach,
				},
			});
			return SENT();
		},

		send_message_mobil(p, connector, connectorId) {
			if (!p.message && !p.url_attach) return REQUIRED();
			const key = `${connectorId}:${p.telephone}`;
			const now = Date.now();
			// The rule is [doc]; the answer to breaking it is [open]: status and text are the sandbox's
			// choice (facts: mobileSpacingRefusal), whatever interval a test configures.
			if (now - (lastMobil.get(key) ?? -Infinity) < settings.mobilIntervalMs) {
				return body(403, 'FORBIDDEN', fact('mobileSpacingRefusal'));
			}
			lastMobil.set(key, now);
			sandbox.record('wolkvox', {
				to: String(p.telephone),
				type: p.url_attach ? 'media' : 'text',
				text: p.message ? String(p.message) : undefined,
				url: p.url_attach || undefined,
				api: 'send_message_mobil',
				connector: connectorId,
				content: { connector_id: p.connector_id, telephone: p.telephone, message: p.message, url_attach: p.url_attach },
			});
			return SENT();
		},

		// A Meta sample handle for creating templates [doc]. The field of `data` that holds it, and the
		// code and msg, are the sandbox's choices (facts: uploadMediaField).
		upload_media(p) {
			if (!/^https?:\/\/\S+$/.test(String(p.file_url))) return badRequest('FILE_URL MUST BE AN HTTP(S) URL'); // sandbox choice
			mediaCount++;
			return body(201, null, 'Media has been uploaded successfully', { [fact('uploadMediaField')]: `sandbox-handle-${mediaCount}` });
		},

		list_templates(p, connector) {
			return OK({ meta_templates: connector.templates.map(({ name, components, status, language, category }) => ({ name, components, status, language, category })) });
		},

		// Sandbox choice: which templates a sync returns is [open]; here the approved ones.
		sync_templates(p, connector) {
			return OK(
				connector.templates
					.filter((t) => t.status === 'APPROVED')
					.map((t) => ({ name_template: t.name, body_template: t.components.find((c) => c.type === 'BODY')?.text ?? '', idiom: t.language, category: t.category })),
			);
		},

		create_template: (p, connector) => createTemplate(p, connector, String(p.category).toUpperCase()),
		create_utility_template: (p, connector) => createTemplate(p, connector, 'UTILITY'),
		create_auth_template: (p, connector) => createTemplate(p, connector, 'AUTHENTICATION'),

		edit_template(p, connector) {
			const template = findTemplate(connector, String(p.name));
			if (!template) return badRequest('TEMPLATE NOT FOUND'); // sandbox choice
			const parsed = parseComponents(p.components);
			if (!parsed) return badRequest('COMPONENTS MUST BE AN ARRAY'); // sandbox choice
			template.components = parsed;
			template.status = 'PENDING'; // an edited template goes back to Meta's review
			return body(201, null, 'Template has been edited successfully'); // sandbox choice
		},
	};

	function parseComponents(value) {
		try {
			const parsed = parseJson(value);
			return Array.isArray(parsed) ? parsed : null;
		} catch {
			return null;
		}
	}

	// Sandbox choices throughout: the creation answers are [open]. New templates wait as PENDING.
	function createTemplate(p, connector, category) {
		const name = String(p.name);
		if (!/^[a-z0-9_]+$/.test(name)) return badRequest('NAME MUST BE LOWERCASE WITHOUT SPACES');
		if (findTemplate(connector, name)) return badRequest('TEMPLATE ALREADY EXISTS');
		const parsed = parseComponents(p.components);
		if (!parsed) return badRequest('COMPONENTS MUST BE AN ARRAY');
		connector.templates.push({ name, status: 'PENDING', category, language: String(p.language), components: parsed });
		return body(201, null, 'Template has been created successfully');
	}

	/** POST /_sandbox/config { provider: 'wolkvox', wolkvoxDailyLimit, wolkvoxMaxInFlight, ... } */
	function configure(config) {
		const mine = config.provider === 'wolkvox';
		const pick = (key) => config[`wolkvox${key[0].toUpperCase()}${key.slice(1)}`] ?? (mine ? config[key] : undefined);
		for (const key of ['dailyLimit', 'maxInFlight', 'mobilIntervalMs', 'windowHours']) {
			if (pick(key) !== undefined) settings[key] = Number(pick(key));
		}
		if (pick('maintenance') !== undefined) settings.maintenance = pick('maintenance') === true || pick('maintenance') === 'true';
		if (pick('rejectConcurrency') !== undefined) forcedRejections = Number(pick('rejectConcurrency'));
		if (config.resetStats) for (const token of Object.keys(stats)) stats[token].maxInFlight = inFlight[token] ?? 0;
	}

	/** /_sandbox/wolkvox/<subpath> */
	function control(method, subpath, input, query) {
		if (method === 'GET' && subpath === 'stats') {
			const tokens = {};
			for (const token of new Set([...Object.keys(WOLKVOX_TOKENS), ...Object.keys(stats)])) {
				tokens[token] = { inFlight: inFlight[token] ?? 0, ...statsFor(token), usedToday: usedToday(token), accountUsedToday: accountUsedToday(), dailyLimit: settings.dailyLimit };
			}
			return { body: { settings, pendingForcedRejections: forcedRejections, tokens } };
		}
		if (method === 'POST' && subpath === 'customer-reply') {
			// A customer writes to a connector's number: { connector_id, telephone, at? } opens the window.
			const key = `${input.connector_id ?? '1001'}:${String(input.telephone ?? '').replace(/\D/g, '')}`;
			windows.set(key, input.at ? Date.parse(String(input.at)) : Date.now());
			return { body: { window: key, openedAt: new Date(windows.get(key)).toISOString(), hours: settings.windowHours } };
		}
		if (method === 'POST' && subpath === 'webhook-url') {
			// { url, errorsOnly = true (the Manager switch), messages = false, header: {name, value}, basic: {user, password}, delayMs, failNumbers: {digits: code} }
			if (input.failNumbers) for (const [phone, code] of Object.entries(input.failNumbers)) failNumbers.set(String(phone).replace(/\D/g, ''), Number(code));
			if (!input.url) {
				webhook = null;
				return { body: { webhook: null } };
			}
			webhook = {
				url: String(input.url),
				errorsOnly: input.errorsOnly !== false && input.errorsOnly !== 'false',
				messages: input.messages === true || input.messages === 'true',
				header: input.header?.name ? { name: String(input.header.name), value: String(input.header.value ?? '') } : null,
				basic: input.basic?.user ? { user: String(input.basic.user), password: String(input.basic.password ?? '') } : null,
				delayMs: Number(input.delayMs ?? 0),
			};
			return { body: { webhook: publicWebhook() } };
		}
		if (method === 'GET' && subpath === 'webhook-url') return { body: { webhook: publicWebhook() } };
		if (method === 'POST' && subpath === 'fail-number') {
			// Sends to this number are accepted (201), then fail with a Meta error: { telephone, code = 131026 }.
			const phone = String(input.telephone ?? '').replace(/\D/g, '');
			failNumbers.set(phone, Number(input.code ?? 131026));
			return { body: { failNumbers: Object.fromEntries(failNumbers) } };
		}
		if (method === 'GET' && subpath === 'notifications') return { body: { notifications } };
		if (method === 'POST' && subpath === 'reject-concurrency') {
			forcedRejections = Number(input.count ?? 1);
			return { body: { pendingForcedRejections: forcedRejections } };
		}
		if (method === 'POST' && subpath === 'maintenance') {
			settings.maintenance = input.on !== false && input.on !== 'false';
			return { body: { maintenance: settings.maintenance } };
		}
		if (method === 'POST' && subpath === 'usage') {
			// Pretend a token already spent some of today's budget: { token?, used }.
			const token = input.token ?? DEMO_CREDENTIALS.wolkvoxApi.token;
			usedToday(token);
			usage.byToken[token] = Number(input.used ?? 0);
			return { body: { token, usedToday: usage.byToken[token] } };
		}
		if (method === 'GET' && subpath === 'templates') {
			const id = query.connector_id;
			const list = Object.entries(connectors).filter(([key]) => !id || key === id);
			return { body: { connectors: Object.fromEntries(list.map(([key, c]) => [key, c])) } };
		}
		if (method === 'POST' && subpath === 'template-status') {
			// Play Meta's review: { connector_id, name, status: APPROVED|PENDING|REJECTED }.
			const template = connectors[String(input.connector_id)]?.templates.find((t) => t.name === input.name);
			if (!template) return { status: 404, body: { sandbox_error: 'No such template on that connector' } };
			template.status = String(input.status ?? 'APPROVED').toUpperCase();
			return { body: { template } };
		}
		return null;
	}

	const publicWebhook = () =>
		webhook && { ...webhook, header: webhook.header && { name: webhook.header.name, value: '••••' }, basic: webhook.basic && { user: webhook.basic.user, password: '••••' } };

	/** Whether every queued notification has been posted (tests wait on it). */
	const notificationsDone = () => notifyQueue;

	return { admit, release, handle, reset, configure, control, notifyStatus, notifyMessage, notificationsDone };
}
