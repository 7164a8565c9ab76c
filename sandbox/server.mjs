// The sandbox: one node:http server that behaves like the providers, for people and for tests.
// Each provider lives in its own module (sandbox/providers/<name>.mjs) and plugs in here; this file
// only routes, parses bodies, injects latency and faults, counts requests and serves /_sandbox/.
import http from 'node:http';
import { isIP } from 'node:net';
import { parseBody } from './body.mjs';
import { renderInbox } from './view.mjs';
import { createPhone } from './phone/phone.mjs';
import { createOvoWpp } from './providers/ovowpp.mjs';
import { createWolkvox } from './providers/wolkvox.mjs';
import { createMensatek } from './providers/mensatek.mjs';

const PROVIDERS = { ovowpp: createOvoWpp, wolkvox: createWolkvox, mensatek: createMensatek };

const DEFAULT_FAULTS = {
	latencyMs: 0, // added before every answer
	errorRate: 0, // share of requests answered 503 without being processed
	dropBeforeRate: 0, // share of requests whose connection is closed without being processed
	dropAfterRate: 0, // share of requests processed, then closed without an answer (fate unknown to the client)
	slowRate: 0, // share of requests delayed by slowMs before being processed
	slowMs: 0,
	// n > 0: a slow request waits until the client gives up on it (closes the connection), then n ms
	// more, and only then is processed: later than the client's Timeout, however slow the machine is.
	// slowMs is then the most it waits for the client: one that never gives up is answered after it.
	slowUntilClosed: 0,
};

/**
 * Deterministic faults, for tests that need "exactly this request" instead of a rate. POST
 * /_sandbox/config { provider, faultRules: [rule, …] } replaces the provider's rules (reset clears
 * them). A rule: { path?: text the request path must contain, field?: a body field, equals?: its value
 * (as text), contains?: text the request's fields (as JSON) contain, nth?: the nth matching request
 * (default 1), times?: how many matches from the nth on it applies to (default 1), fault:
 * 'drop-before' | 'drop-after' | 'error' (503) | 'answer', status?, body? (what 'answer' sends:
 * e.g. the provider's own refusal), holdOthers?: true }. A rule's request skips the configured
 * latency; with holdOthers the provider's other requests also wait until the rule has applied
 * (then for the latency), so that its fault is the first answer the client gets (a client that
 * sends the rule's request only after another answer then waits until the next reset).
 * GET /_sandbox/config shows each rule with `hits`, the requests it applied to.
 */
const RULE_FAULTS = new Set(['drop-before', 'drop-after', 'error', 'answer']);
function faultRule(input) {
	const rule = typeof input === 'string' ? JSON.parse(input) : { ...input };
	if (!RULE_FAULTS.has(rule.fault)) throw new Error(`faultRules: fault must be one of ${[...RULE_FAULTS].join(', ')}`);
	const made = { nth: 1, times: 1, ...rule, seen: 0, hits: 0 };
	let release;
	gates.set(made, { applied: new Promise((resolve) => (release = resolve)), release });
	return made;
}
// rule → { applied: a promise settled once the rule has applied (or was dropped), release() }
const gates = new WeakMap();
function ruleFor(rules, request) {
	for (const rule of rules) {
		if (rule.path && !request.path.includes(rule.path)) continue;
		if (rule.field !== undefined && String(request.body.fields?.[rule.field] ?? '') !== String(rule.equals ?? '')) continue;
		if (rule.contains !== undefined && !JSON.stringify(request.body.fields ?? {}).includes(String(rule.contains))) continue;
		rule.seen++;
		if (rule.seen >= rule.nth && rule.seen < rule.nth + rule.times) {
			rule.hits++;
			gates.get(rule)?.release();
			return rule;
		}
	}
	return null;
}
/** Waits until every holdOthers rule of the list has applied. */
async function heldBy(rules) {
	for (const rule of rules) if (rule.holdOthers && rule.hits === 0) await gates.get(rule)?.applied;
}
const dropRules = (rules) => rules.forEach((rule) => gates.get(rule)?.release());

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves true when the client closes the connection of `res`, false after `ms` if it has not. */
function closedOrAfter(res, ms) {
	return new Promise((resolve) => {
		const timer = setTimeout(() => done(false), ms);
		const closed = () => done(true);
		res.once('close', closed);
		function done(value) {
			clearTimeout(timer);
			res.off('close', closed);
			resolve(value);
		}
	});
}

/**
 * Starts the sandbox. Options: port (0 = any free port), host, latencyMs, faults ({provider: {...}}),
 * quirks (default true: behave like the live services, bugs included), seed (a number for the
 * random fault draws, so a test run can be repeated), logBodies (keep each request's parsed fields in
 * the request log, so a test can tell which request carried what; off by default to spare memory).
 * Returns { url, port, server, state, providers, close() }.
 */
export async function startSandbox(options = {}) {
	const host = options.host ?? '127.0.0.1';
	let random = seededRandom(options.seed ?? Date.now());
	const state = {
		quirks: options.quirks ?? true,
		faults: {},
		canned: {}, // provider → { status, body, type }: the answer every request gets instead (tests of error texts)
		faultRules: {}, // provider → deterministic fault rules (see faultRule)
		messages: [], // every message a provider accepted, in order
		requests: [], // every request, in order: { provider, method, path, status, outcome, at, inFlight, slow?, fields? }
		inFlight: {}, // provider → current count
		maxInFlight: {}, // provider → highest count seen since the last reset
		// provider → { capacity, queue }: serves `capacity` requests at once (0: no limit), queues
		// `queue` more, answers 503 beyond (see capacityGate)
		capacity: {},
		serving: {}, // provider → requests being served now (with a capacity: at most that many)
		maxServing: {}, // provider → highest count served at once since the last reset
		refusedCapacity: {}, // provider → requests answered 503 for want of capacity since the last reset
		nextMessageId: 1,
	};
	for (const name of Object.keys(PROVIDERS)) {
		state.faults[name] = { ...DEFAULT_FAULTS, latencyMs: options.latencyMs ?? 0, ...(options.faults?.[name] ?? {}) };
		state.faultRules[name] = [];
		state.inFlight[name] = 0;
		state.maxInFlight[name] = 0;
		state.capacity[name] = startCapacity(name);
		state.serving[name] = 0;
		state.maxServing[name] = 0;
		state.refusedCapacity[name] = 0;
	}
	const waitingForCapacity = Object.fromEntries(Object.keys(PROVIDERS).map((name) => [name, []]));

	const sandbox = {
		state,
		url: '',
		port: 0,
		/** Records a message a provider accepted; returns the stored entry (with its sandbox id). */
		record(provider, entry) {
			const stored = { id: state.nextMessageId++, provider, at: new Date().toISOString(), ...entry };
			state.messages.push(stored);
			phone?.onRecord(stored);
			return stored;
		},
		/** POSTs JSON or form data to a URL outside the sandbox (used for Mensatek's reports). */
		postTo,
		random: () => random(),
	};

	const providers = {};
	for (const [name, create] of Object.entries(PROVIDERS)) providers[name] = create(sandbox);
	// The phone simulator (/_sandbox/): options.phone = { timeline, wolkvoxWindowHours }, see sandbox/phone.
	const phone = createPhone(sandbox, providers, options.phone);

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (!res.headersSent) sendJson(res, 500, { sandbox_error: String(error?.stack || error) });
			else res.destroy();
		});
	});
	// Idle connections stay open 10 s, like a real API's, so clients that reuse them (fetch, a keep-alive
	// agent) can; headersTimeout stays above it, as Node requires for kept-alive sockets.
	server.keepAliveTimeout = 10_000;
	server.headersTimeout = 60_000;

	async function handle(req, res) {
		const url = new URL(req.url, 'http://sandbox');
		const [, first, ...rest] = url.pathname.split('/');
		// every call that may change something tells the open phone pages to refresh
		if (req.method !== 'GET') res.on('finish', phone.changed);
		if (first === '_sandbox') return control(req, res, url, rest);
		const provider = providers[first];
		if (!provider) return sendJson(res, 404, { sandbox_error: `No provider at /${first}. Try /ovowpp, /wolkvox or /mensatek.` });
		return providerRequest(first, provider, req, res, url, '/' + rest.join('/'));
	}

	/**
	 * A provider with a finite capacity (POST /_sandbox/config { provider, capacity: K, queue: Q }, or
	 * the CLI's --capacity): K requests are served at once (latency and processing), Q more wait for a
	 * place in arrival order, and a request beyond is answered 503 at once, unprocessed, logged with
	 * outcome 'refused-capacity'. Resolves true once the request has a place, false when refused.
	 */
	async function capacityGate(name) {
		const { capacity, queue } = state.capacity[name];
		if (capacity > 0 && state.serving[name] >= capacity) {
			if (waitingForCapacity[name].length >= queue) {
				state.refusedCapacity[name]++;
				return false;
			}
			// The place is handed over by releasePlace, already counted.
			await new Promise((resolve) => waitingForCapacity[name].push(resolve));
		} else state.serving[name]++;
		state.maxServing[name] = Math.max(state.maxServing[name], state.serving[name]);
		return true;
	}
	function releasePlace(name) {
		state.serving[name]--;
		const { capacity } = state.capacity[name];
		while (waitingForCapacity[name].length && (capacity === 0 || state.serving[name] < capacity)) {
			state.serving[name]++;
			waitingForCapacity[name].shift()();
		}
	}

	async function providerRequest(name, provider, req, res, url, path) {
		const faults = state.faults[name];
		const log = { provider: name, method: req.method, path: url.pathname + url.search, status: 0, outcome: 'answered', at: Date.now() };
		state.requests.push(log);
		state.inFlight[name]++;
		state.maxInFlight[name] = Math.max(state.maxInFlight[name], state.inFlight[name]);
		log.inFlight = state.inFlight[name]; // the provider's requests open at its arrival, itself included
		let admitted = null;
		let placed = false;
		try {
			const body = await parseBody(req);
			if (options.logBodies) log.fields = body.fields;
			placed = await capacityGate(name);
			if (!placed) {
				log.outcome = 'refused-capacity';
				return answer(res, log, { status: 503, body: '<html><body><h1>503 Service Unavailable</h1><p>Server busy</p></body></html>', type: 'text/html', headers: { 'retry-after': '1' } });
			}
			const request = {
				method: req.method,
				path,
				query: Object.fromEntries(url.searchParams),
				queryAll: url.searchParams,
				headers: req.headers,
				peer: req.socket.remoteAddress,
				body,
			};
			// A provider may refuse a request on arrival (Wolkvox's two-in-flight rule) before latency.
			admitted = provider.admit ? provider.admit(request) : { ok: true };
			if (!admitted.ok) return answer(res, log, admitted.response);
			const rule = ruleFor(state.faultRules[name], request);
			if (rule) {
				log.rule = rule.fault;
				if (rule.fault === 'drop-before') {
					log.outcome = 'dropped-before';
					return void req.socket.destroy();
				}
				if (rule.fault === 'error') return answer(res, log, { status: 503, body: '<html><body><h1>503 Service Unavailable</h1></body></html>', type: 'text/html' });
				if (rule.fault === 'answer') return answer(res, log, { status: rule.status ?? 200, body: rule.body ?? '' });
				await provider.handle(request);
				log.outcome = 'dropped-after';
				return void req.socket.destroy();
			}
			await heldBy(state.faultRules[name]);
			if (faults.latencyMs) await sleep(faults.latencyMs);
			if (faults.slowRate && random() < faults.slowRate) {
				log.slow = true;
				if (!faults.slowUntilClosed) await sleep(faults.slowMs);
				else if (await closedOrAfter(res, faults.slowMs)) await sleep(faults.slowUntilClosed);
			}
			if (faults.dropBeforeRate && random() < faults.dropBeforeRate) {
				log.outcome = 'dropped-before';
				return void req.socket.destroy();
			}
			if (faults.errorRate && random() < faults.errorRate) {
				return answer(res, log, { status: 503, body: '<html><body><h1>503 Service Unavailable</h1></body></html>', type: 'text/html' });
			}
			const canned = state.canned[name];
			if (canned) return answer(res, log, { status: canned.status ?? 200, body: canned.body ?? '', type: canned.type });
			const response = await provider.handle(request);
			if (faults.dropAfterRate && random() < faults.dropAfterRate) {
				log.outcome = 'dropped-after';
				return void req.socket.destroy();
			}
			return answer(res, log, response);
		} finally {
			state.inFlight[name]--;
			if (placed) releasePlace(name);
			if (admitted?.ok && provider.release) provider.release(admitted);
		}
	}

	async function control(req, res, url, rest) {
		const route = rest.join('/');
		const refusal = crossSite(req);
		if (refusal) return sendJson(res, refusal.status, { sandbox_error: refusal.error });
		if (route === '' || route === 'index.html') return phone.page(res, 'index.html');
		if (rest[0] === 'ui' && req.method === 'GET') return phone.page(res, rest[1]);
		if (rest[0] === 'phone') return phone.handle(req, res, url, rest.slice(1).join('/'));
		const body = req.method === 'POST' ? (await parseBody(req)).fields : {};
		if (route === 'inbox') {
			// the plain list of sent texts, without script
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			return res.end(renderInbox(state));
		}
		if (route === 'messages' && req.method === 'GET') {
			const provider = url.searchParams.get('provider');
			return sendJson(res, 200, { messages: state.messages.filter((m) => !provider || m.provider === provider).map(publicMessage) });
		}
		if (route === 'requests' && req.method === 'GET') {
			const provider = url.searchParams.get('provider');
			return sendJson(res, 200, { requests: state.requests.filter((r) => !provider || r.provider === provider) });
		}
		if (route === 'stats' && req.method === 'GET') {
			return sendJson(res, 200, {
				inFlight: state.inFlight,
				maxInFlight: state.maxInFlight,
				capacity: state.capacity,
				maxServing: state.maxServing,
				refusedCapacity: state.refusedCapacity,
				requests: state.requests.length,
				messages: state.messages.length,
			});
		}
		if (route === 'reset' && req.method === 'POST') {
			reset(body);
			return sendJson(res, 200, { reset: true });
		}
		if (route === 'config' && req.method === 'POST') {
			return sendJson(res, 200, configure(body));
		}
		if (route === 'config' && req.method === 'GET') {
			return sendJson(res, 200, { quirks: state.quirks, faults: state.faults, faultRules: state.faultRules, capacity: state.capacity });
		}
		// Anything else under /_sandbox/<provider>/... is that provider's own control API.
		const [name, ...sub] = rest;
		if (providers[name]?.control) {
			const result = await providers[name].control(req.method, sub.join('/'), body, Object.fromEntries(url.searchParams));
			if (result) return sendJson(res, result.status ?? 200, result.body);
		}
		return sendJson(res, 404, { sandbox_error: `Unknown control route ${req.method} /_sandbox/${route}` });
	}

	/**
	 * The control API changes the sandbox's state, so a page of another site must not drive it through
	 * the user's browser (a form post or a no-cors fetch needs no CORS preflight). A state change is
	 * refused when its Origin (or, without one, its Referer) is not one of the sandbox's own origins,
	 * and when its body is one a browser sends cross-site without a preflight (form, multipart,
	 * text/plain) unless its Origin shows it comes from the sandbox's own page (the phone UI). Tests
	 * and scripts send JSON without an Origin.
	 */
	function crossSite(req) {
		if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
		const origin = req.headers.origin ?? (req.headers.referer ? originOf(req.headers.referer) : undefined);
		if (origin !== undefined && !ownOrigin(origin)) {
			return { status: 403, error: `The control API takes no requests from another site (${origin}).` };
		}
		const type = String(req.headers['content-type'] ?? '').toLowerCase().split(';')[0].trim();
		const simple = type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data' || type === 'text/plain';
		if (simple && !(req.headers.origin && ownOrigin(req.headers.origin))) {
			return { status: 415, error: `The control API takes JSON (content-type application/json), not ${type}.` };
		}
		return null;
	}

	/** Whether an origin is the sandbox's own: http on its port, at its host or a loopback name. */
	function ownOrigin(origin) {
		let parsed;
		try {
			parsed = new URL(origin);
		} catch {
			return false; // "null" (a sandboxed frame, a file) or garbage
		}
		const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
		if (parsed.protocol !== 'http:' || port !== String(sandbox.port)) return false;
		const name = parsed.hostname.replace(/^\[|\]$/g, '');
		const names = new Set([host, 'localhost', '127.0.0.1', '::1']);
		// Listening on every address (0.0.0.0 or ::): reached by one of this machine's addresses. An IP,
		// never a DNS name, which another site could point at this machine (DNS rebinding).
		if ((host === '0.0.0.0' || host === '::') && isIP(name)) return true;
		return names.has(name);
	}

	/** Back to the seeded state: messages, requests, counters, faults and every provider's data. */
	function reset(body = {}) {
		state.messages.length = 0;
		state.requests.length = 0;
		state.nextMessageId = 1;
		for (const name of Object.keys(PROVIDERS)) {
			state.faults[name] = { ...DEFAULT_FAULTS, latencyMs: options.latencyMs ?? 0 };
			dropRules(state.faultRules[name]);
			state.faultRules[name] = [];
			state.maxInFlight[name] = state.inFlight[name];
			state.capacity[name] = startCapacity(name);
			state.maxServing[name] = state.serving[name];
			state.refusedCapacity[name] = 0;
			delete state.canned[name];
			providers[name].reset();
		}
		phone.reset();
		// Quirks go back to the start-up setting unless the reset names them.
		state.quirks = body.quirks !== undefined ? body.quirks !== false && body.quirks !== 'false' : (options.quirks ?? true);
		if (body.seed !== undefined) random = seededRandom(Number(body.seed));
	}

	/** { provider?, quirks?, seed?, latencyMs?, errorRate?, ... , <provider-specific settings> } */
	function configure(body) {
		if (body.quirks !== undefined) state.quirks = body.quirks !== false && body.quirks !== 'false';
		if (body.seed !== undefined) random = seededRandom(Number(body.seed));
		const names = body.provider ? [body.provider] : Object.keys(PROVIDERS);
		for (const name of names) {
			if (!providers[name]) throw new Error(`Unknown provider ${name}`);
			for (const key of Object.keys(DEFAULT_FAULTS)) {
				if (body[key] !== undefined) state.faults[name][key] = Number(body[key]);
			}
			// { cannedAnswer: { status, body, type } } answers every request of the provider with it, unprocessed; null ends it.
			if (body.cannedAnswer !== undefined) {
				if (body.cannedAnswer) state.canned[name] = body.cannedAnswer;
				else delete state.canned[name];
			}
			if (body.faultRules !== undefined) {
				dropRules(state.faultRules[name]);
				state.faultRules[name] = (Array.isArray(body.faultRules) ? body.faultRules : [body.faultRules]).map(faultRule);
			}
			if (body.capacity !== undefined || body.queue !== undefined) state.capacity[name] = capacityOf(body, state.capacity[name]);
			providers[name].configure?.(body);
			if (body.resetStats) {
				state.maxInFlight[name] = state.inFlight[name];
				state.maxServing[name] = state.serving[name];
				state.refusedCapacity[name] = 0;
			}
		}
		return { quirks: state.quirks, faults: state.faults, faultRules: state.faultRules, capacity: state.capacity };
	}

	/** The capacity a provider starts (and is reset) with: options.capacity = { provider: { capacity, queue } }. */
	function startCapacity(name) {
		return capacityOf(options.capacity?.[name] ?? {}, { capacity: 0, queue: 0 });
	}

	await new Promise((resolve) => server.listen(options.port ?? 0, host, resolve));
	sandbox.port = server.address().port;
	sandbox.url = `http://${host}:${sandbox.port}`;
	sandbox.providers = providers;
	sandbox.server = server;
	sandbox.reset = reset;
	sandbox.configure = configure;
	sandbox.close = () =>
		new Promise((resolve) => {
			phone.close();
			server.closeAllConnections?.();
			server.close(() => resolve());
		});
	return sandbox;
}

function answer(res, log, response) {
	const status = response.status ?? 200;
	log.status = status;
	if (response.destroy) {
		log.outcome = 'dropped';
		return void res.destroy();
	}
	const type = response.type ?? 'application/json';
	const payload = typeof response.body === 'string' || Buffer.isBuffer(response.body) ? response.body : JSON.stringify(response.body);
	res.writeHead(status, { 'content-type': type, ...(response.headers ?? {}) });
	res.end(payload);
}

/** { capacity: K (0 or absent: no limit), queue: Q } from a config body, over the current setting. */
function capacityOf(body, current) {
	const number = (value, fallback, field) => {
		if (value === undefined) return fallback;
		const n = Number(value);
		if (!Number.isInteger(n) || n < 0) throw new Error(`${field} must be a whole number ≥ 0, got ${value}`);
		return n;
	};
	return { capacity: number(body.capacity, current.capacity, 'capacity'), queue: number(body.queue, current.queue, 'queue') };
}

function originOf(url) {
	try {
		return new URL(url).origin;
	} catch {
		return 'null';
	}
}

function sendJson(res, status, body) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

/** What /_sandbox/messages shows of a stored message: files without their bytes. */
function publicMessage(message) {
	if (!message.files) return message;
	return { ...message, files: message.files.map((file) => Object.fromEntries(Object.entries(file).filter(([key]) => key !== 'head'))) };
}

async function postTo(url, { json, form, auth, headers = {} } = {}) {
	const init = { method: 'POST', headers: { ...headers } };
	if (auth) init.headers.authorization = 'Basic ' + Buffer.from(`${auth.user}:${auth.password}`).toString('base64');
	if (form) {
		const data = new FormData();
		for (const [key, value] of Object.entries(form)) data.append(key, typeof value === 'string' ? value : JSON.stringify(value));
		init.body = data;
	} else {
		init.headers['content-type'] = 'application/json';
		init.body = JSON.stringify(json);
	}
	const response = await fetch(url, init);
	return { status: response.status, body: await response.text() };
}

/** mulberry32: a small seeded generator, so fault draws can be repeated. */
function seededRandom(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
