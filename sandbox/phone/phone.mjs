// The phone simulator behind /_sandbox/: what each customer's phone shows, per provider, and the
// customer's side of the conversation. It reads what the providers recorded, keeps each sent
// message's delivery status on a timeline (or set by hand), reports each change the way the
// provider reports it, turns a customer's answer into what the provider would see, and pushes a
// "changed" event to every open page (server-sent events, node:http only).
//
// Routes (under /_sandbox/):
//   GET  ''                     the page (sandbox/ui/index.html); /_sandbox/ui/<file> its CSS and script
//   GET  phone/state            { version, settings, credentials, providers: { ovowpp|wolkvox|mensatek: { customers } } }
//   GET  phone/events           text/event-stream: `event: change` with the state's version after every change
//   POST phone/answer           { provider, phone, text?, name? } or multipart with a `file`: the customer writes
//   POST phone/status           { id, status: sent|delivered|read|failed }: a sent message's fate, by hand
//   POST phone/settings         { deliveredAfterMs?, readAfterMs?, auto?, wolkvoxWindowHours? }
//   GET  phone/media/<id>/<n>   the bytes the sandbox kept of file n of sent message id (first 64 KB)
//   GET  phone/upload/<id>      a file a customer sent from the page
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBody } from '../body.mjs';
import { DEMO_CREDENTIALS, DEMO_CREDENTIAL_NAMES } from '../demo-credentials.mjs';
import { threadsOf } from './threads.mjs';

const UI_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'ui');
const UI_TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };
export const STATUSES = ['sent', 'delivered', 'read', 'failed'];
// OvoWpp's message status column (providers.md §1).
const OVO_STATUS = { sent: 1, delivered: 2, read: 3, failed: 9 };
// Mensatek's Estado values are [open]: 1/2/3 (and 8 for INPUT) are the sandbox's own
// (MENSATEK_ESTADO in providers/mensatek.mjs); 9 for a failed message is the sandbox's choice too.
const MENSATEK_ESTADO = { sent: 1, delivered: 2, read: 3, failed: 9, received: 8 };
const MAX_UPLOAD = 16 * 1024 * 1024;

/**
 * options: { timeline: { deliveredAfterMs, readAfterMs } (absent = statuses move by hand only),
 * wolkvoxWindowHours (24 to enforce Wolkvox's window; 0 or absent = not tracked) }.
 */
export function createPhone(sandbox, providers, options = {}) {
	const start = {
		auto: Boolean(options.timeline),
		deliveredAfterMs: Number(options.timeline?.deliveredAfterMs ?? 2000),
		readAfterMs: Number(options.timeline?.readAfterMs ?? 5000),
		wolkvoxWindowHours: Number(options.wolkvoxWindowHours ?? 0),
	};
	let settings;
	let delivery; // sandbox message id → { status, history: [{ status, at, by, report? }] }
	let inbound; // customer messages of Mensatek and Wolkvox (OvoWpp keeps its own, in its store)
	let uploads; // upload id → { name, type, bytes }
	let timers;
	let version = 0;
	let nextUpload = 1;
	let nextInbound = 1;
	const clients = new Set();
	let pending = null;

	function reset() {
		for (const timer of timers ?? []) clearTimeout(timer);
		timers = new Set();
		settings = { ...start };
		delivery = new Map();
		inbound = [];
		uploads = new Map();
		providers.wolkvox.configure({ wolkvoxWindowHours: settings.wolkvoxWindowHours });
		changed();
	}

	/** Many changes in a burst (a batch of sends) make one event. */
	function changed() {
		if (pending) return;
		pending = setTimeout(() => {
			pending = null;
			version++;
			for (const res of clients) res.write(`event: change\ndata: ${version}\n\n`);
		}, 25);
		pending.unref?.();
	}

	/** Called by the core for every message a provider accepted. */
	function onRecord(message) {
		delivery.set(message.id, { status: 'sent', history: [{ status: 'sent', at: message.at, by: 'provider' }] });
		// A Wolkvox send to a number set to fail (POST /_sandbox/wolkvox/fail-number): accepted, then
		// failed, after the send's own answer.
		if (message.failWith) {
			void Promise.resolve().then(() => setStatus(message.id, 'failed', 'provider').catch(() => {}));
			changed();
			return;
		}
		if (settings.auto) {
			schedule(message.id, 'delivered', settings.deliveredAfterMs);
			schedule(message.id, 'read', Math.max(settings.readAfterMs, settings.deliveredAfterMs));
		}
		changed();
	}

	function schedule(id, status, ms) {
		const timer = setTimeout(() => {
			timers.delete(timer);
			const entry = delivery.get(id);
			// a later status or a failure set by hand wins over the timeline
			if (!entry || entry.status === 'failed' || STATUSES.indexOf(entry.status) >= STATUSES.indexOf(status)) return;
			setStatus(id, status, 'timeline').catch(() => {});
		}, ms);
		timer.unref?.();
		timers.add(timer);
	}

	/** Moves a sent message to a status and reports it like its provider does. */
	async function setStatus(id, status, by = 'hand') {
		if (!STATUSES.includes(status)) return { status: 400, body: { sandbox_error: `status must be one of ${STATUSES.join(', ')}` } };
		const message = sandbox.state.messages.find((m) => String(m.id) === String(id));
		if (!message) return { status: 404, body: { sandbox_error: `No sent message ${id}` } };
		const entry = delivery.get(message.id) ?? { status: 'sent', history: [] };
		delivery.set(message.id, entry);
		entry.status = status;
		const step = { status, at: new Date().toISOString(), by };
		entry.history.push(step);
		step.report = await report(message, status);
		changed();
		return { body: { id: message.id, status, report: step.report } };
	}

	/** What the provider tells the business about a status change. */
	async function report(message, status) {
		if (message.provider === 'ovowpp' && message.messageId) {
			const result = await providers.ovowpp.control('POST', 'message-status', { id: message.messageId, status: OVO_STATUS[status] });
			return result?.status ? `OvoWpp: ${result.body.error}` : `OvoWpp: message ${message.messageId} status ${OVO_STATUS[status]}`;
		}
		if (message.provider === 'mensatek') {
			if (!message.report) return 'Mensatek: not reported (sent with Report=0)';
			const target = (await providers.mensatek.control('GET', 'report-url', {}))?.body?.reportUrl;
			if (!target) return 'Mensatek: no report URL set';
			const fields = mensatekReport(message, 'OUTPUT', MENSATEK_ESTADO[status]);
			const result = await providers.mensatek.control('POST', 'report', fields);
			return `Mensatek: OUTPUT Estado ${fields.Estado} → ${result.body.status || result.body.error}`;
		}
		// Wolkvox's WhatsApp webhook (providers.md §2 Webhooks): see providers/wolkvox.mjs.
		if (message.provider === 'wolkvox') return providers.wolkvox.notifyStatus(message, status);
		return `${message.provider}: no status reports`;
	}

	function mensatekReport(message, Direccion, Estado, extra = {}) {
		const nombre = Object.entries(message.variables ?? {}).find(([k]) => k.toLowerCase() === 'nombre')?.[1];
		return {
			Servicio: 'WHATSAPP',
			Direccion,
			Estado,
			Telefono: message.to,
			NombreDestinatario: String(nombre ?? ''),
			Fecha: spainTime(),
			idMensaje: message.idMensaje,
			Referencia: message.Referencia ?? '',
			Tipo: message.Tipomensaje,
			...extra,
		};
	}

	/** The customer writes: { provider, phone, text, name?, file? }. */
	async function answer({ provider, phone, text = '', name, file }) {
		const digits = String(phone ?? '').replace(/\D/g, '');
		if (!digits) return { status: 400, body: { sandbox_error: 'phone (digits with country code) is required' } };
		if (!String(text).trim() && !file) return { status: 400, body: { sandbox_error: 'Type a message or pick a file' } };
		const upload = file ? storeUpload(file) : null;
		const media = upload && { kind: mediaKind(file.type, file.name), filename: file.name, mime: file.type, caption: text || null };
		const at = new Date().toISOString();
		let result;
		if (provider === 'ovowpp') result = await answerOvoWpp(digits, text, name, media, upload);
		else if (provider === 'mensatek') result = await answerMensatek(digits, text, name, media, upload, at);
		else if (provider === 'wolkvox') result = await answerWolkvox(digits, text, media, upload, at);
		else return { status: 400, body: { sandbox_error: `Unknown provider ${provider}` } };
		changed();
		return result;
	}

	async function answerOvoWpp(digits, text, name, media, upload) {
		const dump = providers.ovowpp.control('GET', 'data').body;
		const contact = dump.contacts.find((c) => `${c.mobile_code}${c.mobile}` === digits);
		// a number the product does not know yet: take the longest dial code of its country list that fits
		const code = contact?.mobile_code ?? guessDialCode(digits);
		const mobile = contact?.mobile ?? digits.slice(code.length);
		const [firstname, ...last] = String(name ?? '').trim().split(/\s+/);
		const result = providers.ovowpp.control('POST', 'incoming', {
			mobile_code: code,
			mobile,
			message: text,
			...(contact || !firstname ? {} : { firstname, lastname: last.join(' ') || null }),
			...(media ? { media } : {}),
		});
		if (result.status) return result;
		if (upload) upload.wamid = result.body.message.whatsapp_message_id;
		return { body: { provider: 'ovowpp', conversation: result.body.conversation.id, message: result.body.message } };
	}

	async function answerMensatek(digits, text, name, media, upload, at) {
		const last = [...sandbox.state.messages].reverse().find((m) => m.provider === 'mensatek' && m.to === digits);
		const id = providers.mensatek.newMessageId();
		// Mensaje is a JSON string [doc]; its shape for media is [open]: the sandbox uses WhatsApp's own
		// ({"type":"image","image":{…}}), with the link where the page serves the file.
		const content = media
			? { type: media.kind, [media.kind]: { filename: media.filename, mime_type: media.mime, caption: media.caption ?? undefined, link: `${sandbox.url}/_sandbox/phone/upload/${upload.id}` } }
			: { type: 'text', text };
		const fields = {
			...mensatekReport(last ?? { to: digits, variables: { Nombre: name ?? '' }, Tipomensaje: '' }, 'INPUT', MENSATEK_ESTADO.received),
			idMensaje: id,
			Tipo: content.type,
			Mensaje: JSON.stringify(content),
		};
		if (!last && name) fields.NombreDestinatario = String(name);
		const entry = { id: `in-${nextInbound++}`, provider: 'mensatek', phone: digits, name: fields.NombreDestinatario, text, media, upload: upload?.id, at };
		inbound.push(entry);
		const target = (await providers.mensatek.control('GET', 'report-url', {}))?.body?.reportUrl;
		if (!target) {
			entry.note = 'No report URL set: nobody was told (POST /_sandbox/mensatek/report-url, or run npm run dev)';
			return { body: { provider: 'mensatek', delivered: false, note: entry.note, report: fields } };
		}
		const result = await providers.mensatek.control('POST', 'report', fields);
		entry.note = `INPUT report → ${result.body.status || result.body.error}`;
		return { body: { provider: 'mensatek', delivered: result.body.status >= 200 && result.body.status < 300, status: result.body.status, error: result.body.error, report: fields } };
	}

	async function answerWolkvox(digits, text, media, upload, at) {
		const last = [...sandbox.state.messages].reverse().find((m) => m.provider === 'wolkvox' && m.to === digits);
		const connector = last?.connector ?? '1001';
		const window = providers.wolkvox.control('POST', 'customer-reply', { connector_id: connector, telephone: digits }).body;
		// Whether Wolkvox's webhook forwards incoming messages is [open]: the sandbox posts them only
		// when its webhook URL was set with messages: true (and errorsOnly: false).
		const posted = providers.wolkvox.notifyMessage({ connector, phone: digits, text, media });
		inbound.push({ id: `in-${nextInbound++}`, provider: 'wolkvox', phone: digits, text, media, upload: upload?.id, at, note: `24 h window open on connector ${connector}${posted ? ` · ${posted}` : ''}` });
		return { body: { provider: 'wolkvox', window, webhook: posted } };
	}

	function storeUpload(file) {
		const id = nextUpload++;
		const upload = { id, name: file.name, type: file.type, bytes: file.bytes };
		uploads.set(id, upload);
		return upload;
	}

	function state() {
		const credentials = Object.entries(DEMO_CREDENTIALS).map(([type, fields]) => ({
			type,
			name: DEMO_CREDENTIAL_NAMES[type] ?? type,
			fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v).replace('{url}', sandbox.url)])),
		}));
		return {
			version,
			settings,
			quirks: sandbox.state.quirks,
			faults: sandbox.state.faults,
			reportUrl: providers.mensatek.control('GET', 'report-url', {}),
			wolkvoxWebhook: providers.wolkvox.control('GET', 'webhook-url', {}, {}).body.webhook,
			credentials,
			providers: threadsOf({ sandbox, providers, delivery, inbound, uploads }),
		};
	}

	async function handle(req, res, url, sub) {
		if (sub === 'events') return events(req, res);
		if (sub === 'state' && req.method === 'GET') {
			const body = state();
			body.reportUrl = (await body.reportUrl)?.body?.reportUrl ?? null;
			return json(res, 200, body);
		}
		let m;
		if (req.method === 'GET' && (m = /^media\/(\d+)\/(\d+)$/.exec(sub))) {
			const file = sandbox.state.messages.find((x) => x.id === Number(m[1]))?.files?.[Number(m[2])];
			if (!file?.head) return json(res, 404, { sandbox_error: 'No such file' });
			res.writeHead(200, { 'content-type': file.type || 'application/octet-stream', 'content-disposition': `inline; filename="${encodeURIComponent(file.name)}"` });
			return res.end(file.head);
		}
		if (req.method === 'GET' && (m = /^upload\/(\d+)$/.exec(sub))) {
			const upload = uploads.get(Number(m[1]));
			if (!upload) return json(res, 404, { sandbox_error: 'No such upload' });
			res.writeHead(200, { 'content-type': upload.type || 'application/octet-stream', 'content-disposition': `inline; filename="${encodeURIComponent(upload.name)}"` });
			return res.end(upload.bytes);
		}
		if (req.method !== 'POST') return json(res, 404, { sandbox_error: `Unknown phone route ${req.method} ${sub}` });
		const body = await readBody(req);
		if (body.error) return json(res, 400, { sandbox_error: body.error });
		let result;
		if (sub === 'answer') result = await answer(body.fields);
		else if (sub === 'status') result = await setStatus(body.fields.id, String(body.fields.status));
		else if (sub === 'settings') result = { body: configure(body.fields) };
		else result = { status: 404, body: { sandbox_error: `Unknown phone route POST ${sub}` } };
		return json(res, result.status ?? 200, result.body);
	}

	function configure(input) {
		for (const key of ['deliveredAfterMs', 'readAfterMs', 'wolkvoxWindowHours']) {
			if (input[key] !== undefined && input[key] !== '') settings[key] = Math.max(0, Number(input[key]) || 0);
		}
		if (input.auto !== undefined) settings.auto = input.auto === true || input.auto === 'true';
		providers.wolkvox.configure({ wolkvoxWindowHours: settings.wolkvoxWindowHours });
		changed();
		return settings;
	}

	/** JSON, or multipart from the page's file picker (the file's bytes are kept, up to 16 MB). */
	async function readBody(req) {
		const type = String(req.headers['content-type'] ?? '');
		if (!type.startsWith('multipart/form-data')) return parseBody(req);
		const chunks = [];
		let size = 0;
		for await (const chunk of req) {
			size += chunk.length;
			if (size > MAX_UPLOAD) return { error: `Files up to ${MAX_UPLOAD / 1024 / 1024} MB` };
			chunks.push(chunk);
		}
		const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': type } }).formData();
		const fields = {};
		for (const [key, value] of form) {
			if (typeof value === 'string') fields[key] = value;
			else if (value.size) fields[key] = { name: value.name, type: value.type || 'application/octet-stream', bytes: Buffer.from(await value.arrayBuffer()) };
		}
		return { fields };
	}

	function events(req, res) {
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
		res.write(`retry: 1000\nevent: change\ndata: ${version}\n\n`);
		clients.add(res);
		const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
		ping.unref?.();
		req.on('close', () => {
			clearInterval(ping);
			clients.delete(res);
		});
	}

	async function page(res, file) {
		const name = path.basename(file || 'index.html');
		try {
			const bytes = await fs.readFile(path.join(UI_DIR, name));
			res.writeHead(200, { 'content-type': UI_TYPES[path.extname(name)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
			return res.end(bytes);
		} catch {
			return json(res, 404, { sandbox_error: `No page file ${name}` });
		}
	}

	function close() {
		for (const timer of timers) clearTimeout(timer);
		if (pending) clearTimeout(pending);
		for (const res of clients) res.end();
		clients.clear();
	}

	reset();
	return { handle, page, onRecord, changed, reset, close, setStatus, answer, configure };
}

function json(res, status, body) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

function mediaKind(type, name) {
	if (/^image\//.test(type)) return 'image';
	if (/^video\//.test(type)) return 'video';
	if (/^audio\//.test(type)) return 'audio';
	return /\.(jpe?g|png|gif|webp)$/i.test(name) ? 'image' : 'document';
}

// Dial codes of the countries the OvoWpp emulation knows, longest first (a new customer's number
// has to be split into mobile_code and mobile, as the product stores them).
const DIAL_CODES = ['1', '20', '27', '31', '32', '33', '34', '39', '41', '44', '49', '51', '52', '53', '54', '55', '56', '57', '58', '61', '81', '86', '91', '351', '502', '503', '504', '505', '506', '507', '591', '593', '595', '598', '880', '971'].sort((a, b) => b.length - a.length);
function guessDialCode(digits) {
	return DIAL_CODES.find((code) => digits.startsWith(code)) ?? digits.slice(0, 2);
}

/** Spain time, `YYYY-MM-DD HH:MM:SS`, as Mensatek reports dates. */
function spainTime(date = new Date()) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
			.formatToParts(date)
			.map((p) => [p.type, p.value]),
	);
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}
