// Mensatek API v7, as the sandbox plays it: POST /v7/{Function} under /mensatek, HTTP Basic auth,
// JSON or form bodies with case-insensitive parameter names, answers as a one-element JSON array.
// Facts are in docs/providers.md §3. Where the provider's answer is unknown ([open]) the answer
// here is the sandbox's own choice and says so in a comment; nodes must not depend on those texts.
import { DEMO_CREDENTIALS } from '../demo-credentials.mjs';
import { factValue, loadFacts } from '../facts.mjs';

// The facts the node is built with (nodes/Mensatek/facts.ts): the sandbox answers from the same ones.
const FACTS = await loadFacts('Mensatek');
const NO_CREDIT = FACTS.noCredit.value; // [-2, -5]

const DEFAULTS = {
	credit: 10000,
	costPerMessage: 1, // credit one recipient of a send costs
	spamFailures: 5, // this many failed calls ...
	spamWindowMs: 60_000, // ... within this window ...
	spamBlockMs: 30_000, // ... block the user for this long (0 failures = never block)
	numbersAsStrings: false, // answer "Res": "1" like the docs' examples instead of "Res": 1
	bareObject: false, // answer { … } instead of [ { … } ], as some clients in the wild expect either
	// Phones (digits) that EnviarWHATSAPP counts as not sent (NoEnviados) in an accepted call, e.g. a
	// number without WhatsApp. Set with POST /_sandbox/config { mensatekNotSent: ["346…", …] }.
	// Sandbox choice: the call is still Res 1 (with Enviados 0 if no recipient was sent), as observed.
	notSent: [],
	// How the answers look, as v7 clients in the wild meet them (providers.md §3 Transport, [code, third-party]):
	idField: 'idMensaje', // or 'Msgid': the name of a send's id (clients read idMensaje ?? Msgid)
	noCreditRes: NO_CREDIT[0], // or -5: the Res of "not enough credit"
	bareRefusals: false, // answer a refusal with just its Res as the body (e.g. `-1`), not JSON
	creditAs: 'number', // 'number' (Cred: 9900), 'spanish' (Cred: "9.900,00") or 'saldo' (Saldo: 9900, no Cred)
};

const USERS = { [DEMO_CREDENTIALS.mensatekApi.apiUser.toLowerCase()]: DEMO_CREDENTIALS.mensatekApi.apiToken };

const TYPES = {
	PLANTILLA: 'template',
	TEXTO: 'text',
	IMAGEN: 'image',
	DOCUMENTO: 'document',
	UBICACION: 'location',
	SOLICITARUBICACION: 'location_request',
	LISTA: 'list',
	BOTONESRESPUESTA: 'reply_buttons',
	REACCION: 'reaction',
	BOTONESCTA: 'cta_buttons',
};

// The sandbox's own report statuses: the meaning of Estado is [open] (FACTS.estadoMeanings holds the
// sandbox's choice). 8 on an INPUT report is [doc].
export const MENSATEK_ESTADO = { ...factValue(FACTS.estadoMeanings), RECEIVED: FACTS.incomingEstadoExample.value };

const phoneVar = { Nombre: 'Destinatario', Campo: 'Telefono', Donde: '', Formato: 'TELEFONO', Ejemplo: '34600000000' };
const textVar = (Campo, Donde = 'BODY', Ejemplo = 'Sample value') => ({ Nombre: Campo, Campo, Donde, Formato: 'TEXTO', Ejemplo });

/** Seeded templates, keyed by id. `body` (with {{Campo}} placeholders) is the sandbox's own, for the inbox view. */
function seedTemplates() {
	const t = (Nombre, Categoria, Estado, variables, body) => ({ Nombre, Idioma: 'es', Categoria, Estado, FormatoParametros: 'POSITIONAL', variables: [phoneVar, ...variables], body });
	return {
		610000000000001: t('bienvenida_cliente', 'MARKETING', 'APPROVED', [textVar('Nombre', 'BODY', 'Pedro')], 'Hola {{Nombre}}, bienvenido a Tienda Demo.'),
		610000000000002: t(
			'confirmacion_pedido',
			'UTILITY',
			'APPROVED',
			[textVar('Nombre', 'BODY', 'Pedro'), textVar('Pedido', 'BODY', 'A-1001')],
			'Hola {{Nombre}}, tu pedido {{Pedido}} está confirmado.',
		),
		610000000000003: t(
			'oferta_imagen',
			'MARKETING',
			'APPROVED',
			[
				{ Nombre: 'Header IMAGE', Campo: 'Variable_Cabecera_image', Donde: 'HEADER', Formato: 'URL_IMAGEN', Ejemplo: 'https://www.example.com/img/banner.jpg' },
				textVar('Nombre', 'BODY', 'Pedro'),
			],
			'[imagen {{Variable_Cabecera_image}}] {{Nombre}}, esta oferta es para ti.',
		),
		610000000000004: t('recordatorio_cita', 'UTILITY', 'PENDING', [textVar('Nombre'), textVar('FechaCita', 'BODY', '2025-06-01 10:00')], 'Hola {{Nombre}}, te esperamos el {{FechaCita}}.'),
		610000000000005: t('promo_rechazada', 'MARKETING', 'REJECTED', [textVar('Nombre')], '{{Nombre}}, ¡última oportunidad!'),
	};
}

/** A recipient's value by name, ignoring case (sandbox choice: the docs only promise that for top-level names). */
const valueOf = (object, name) => {
	const key = Object.keys(object).find((k) => k.toLowerCase() === String(name).toLowerCase());
	return key === undefined ? undefined : object[key];
};
const filled = (value) => value !== undefined && value !== null && String(value).trim() !== '';

/** Spain time, `YYYY-MM-DD HH:MM:SS`, as Mensatek reports dates. */
function spainTime(date = new Date()) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
			.formatToParts(date)
			.map((p) => [p.type, p.value]),
	);
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function createMensatek(sandbox) {
	const settings = { ...DEFAULTS };
	let credit, templates, nextId, failures, blockedUntil, reportTarget, deliveries, queue, generation = 0;

	function reset() {
		Object.assign(settings, DEFAULTS);
		credit = settings.credit;
		templates = seedTemplates();
		nextId = 10573758; // the docs' example id, counting up
		failures = new Map(); // user → times of recent failed calls
		blockedUntil = new Map(); // user → time the spam block ends
		reportTarget = null; // { url, format, user, password, replies, delayMs, replyText }
		deliveries = []; // every report delivery attempt, with the receiver's status
		queue = Promise.resolve();
		generation++; // reports still queued from before the reset are dropped, on purpose
	}
	reset();

	/** Who is calling: the Basic auth user, checked against the demo account. */
	function authenticate(headers) {
		const [scheme, encoded] = String(headers.authorization ?? '').split(' ');
		if (scheme?.toLowerCase() !== 'basic' || !encoded) return { ok: false, user: null };
		const decoded = Buffer.from(encoded, 'base64').toString('utf8');
		const at = decoded.indexOf(':');
		const user = (at < 0 ? decoded : decoded.slice(0, at)).toLowerCase();
		const password = at < 0 ? '' : decoded.slice(at + 1);
		return { ok: USERS[user] !== undefined && USERS[user] === password, user };
	}

	async function handle(request) {
		const [, name] = /^\/v7\/([^/]+)\/?$/.exec(request.path) ?? [];
		// Sandbox choice: a path outside /v7/ is [open]; an HTML 404 as a web server would answer.
		if (!name) return { status: 404, type: 'text/html', body: '<html><body><h1>404 Not Found</h1></body></html>' };

		const params = {};
		for (const [key, value] of Object.entries(request.body.fields ?? {})) params[key.toLowerCase()] = value;
		const json = String(params.resp ?? '').toUpperCase() === 'JSON';
		const who = authenticate(request.headers);
		const caller = who.user || `peer:${request.peer}`;

		const until = blockedUntil.get(caller) ?? 0;
		if (Date.now() < until) {
			// Sandbox choice (FACTS.blockedAnswer is [open]): the docs say a spamming connection gets
			// blocked but not how that looks. Here: HTTP 200, Res -1 with the sandbox's own Error text.
			const seconds = Math.ceil((until - Date.now()) / 1000);
			return answer({ Res: FACTS.authError.value, Error: `${factValue(FACTS.blockedAnswer)}. Inténtelo de nuevo en ${seconds} s.` }, json);
		}

		let result;
		// Sandbox choice: the docs require POST; what another method gets is [open].
		if (request.method !== 'POST') result = { Res: FACTS.parameterError.value, Error: 'Las peticiones deben hacerse por POST' };
		// HTTP 200 with Res -1: the docs carry every outcome in Res, none in the HTTP status.
		else if (!who.ok) result = { Res: FACTS.authError.value, Error: 'Error de autenticación: usuario o token API incorrectos' };
		else if (request.body.kind === 'invalid') result = { Res: FACTS.parameterError.value, Error: 'No se ha podido leer el cuerpo de la petición' };
		else if (!FUNCTIONS[name]) result = { Res: FACTS.parameterError.value, Error: `Función desconocida: ${name}` }; // sandbox choice
		else result = FUNCTIONS[name](params);

		if (result.Res <= FACTS.acceptedAbove.value) noteFailure(caller);
		return answer(result, json);
	}

	function noteFailure(caller) {
		if (!settings.spamFailures) return;
		const now = Date.now();
		const recent = (failures.get(caller) ?? []).filter((at) => now - at < settings.spamWindowMs);
		recent.push(now);
		failures.set(caller, recent);
		if (recent.length >= settings.spamFailures) {
			blockedUntil.set(caller, now + settings.spamBlockMs);
			failures.delete(caller);
		}
	}

	/** Resp=JSON → [ {...} ] as in the docs. Sandbox choice: the older TXT/XML/default formats are [open], so those get `Key=value` lines. */
	function answer(result, json) {
		// A body that is just the Res of a refusal has been seen from v7 [code, third-party].
		if (settings.bareRefusals && result.Res <= FACTS.acceptedAbove.value) return { status: 200, type: 'text/html; charset=utf-8', body: String(result.Res) };
		result = shaped(result);
		const out = settings.numbersAsStrings ? Object.fromEntries(Object.entries(result).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v])) : result;
		if (!json) {
			const text = Object.entries(out).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join('\n');
			return { status: 200, type: 'text/plain; charset=utf-8', body: text };
		}
		return { status: 200, body: settings.bareObject ? out : [out] };
	}

	/** The send's id and the credit under the names and in the format the settings choose. */
	function shaped(result) {
		const out = { ...result };
		if ('idMensaje' in out && settings.idField !== 'idMensaje') {
			out[settings.idField] = out.idMensaje;
			delete out.idMensaje;
		}
		if ('Cred' in out && settings.creditAs === 'spanish') {
			out.Cred = new Intl.NumberFormat('es-ES', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: 'always' }).format(out.Cred);
		} else if ('Cred' in out && settings.creditAs === 'saldo') {
			out.Saldo = out.Cred;
			delete out.Cred;
		}
		return out;
	}

	/** Arrays and objects arrive as JSON strings in form bodies (and may in JSON ones). */
	function structured(value) {
		if (typeof value !== 'string') return { value };
		try {
			return { value: JSON.parse(value) };
		} catch {
			return { error: true };
		}
	}

	const paramError = (Error) => ({ Res: FACTS.parameterError.value, Error });
	const templateFields = (id) => {
		const t = templates[id];
		return { Nombre: t.Nombre, Idioma: t.Idioma, Categoria: t.Categoria, Estado: t.Estado, Verificada: t.Estado === 'APPROVED' ? 1 : 0, FormatoParametros: t.FormatoParametros };
	};

	const FUNCTIONS = {
		GetCreditos: () => ({ Res: 1, Cred: credit }),

		GetPlantillasWhatsapp() {
			const list = Object.fromEntries(Object.keys(templates).map((id) => [id, templateFields(id)]));
			return { Res: 1, Total: Object.keys(list).length, Plantillas: list, Cred: credit };
		},

		GetVariablesPlantillaWhatsapp(p) {
			if (!filled(p.idplantilla)) return paramError('Falta parámetro obligatorio: Idplantilla');
			const id = String(p.idplantilla).trim();
			if (!templates[id]) return paramError(`La plantilla ${id} no existe`); // sandbox choice
			const variables = Object.fromEntries(templates[id].variables.map((v, i) => [String(i + 1), { ...v }]));
			return { Res: 1, IdPlantilla: id, ...templateFields(id), Total: templates[id].variables.length, Variables: variables, Cred: credit };
		},

		EnviarWHATSAPP(p) {
			// Every check and text below is the sandbox's; the docs only fix Res -3 with an Error.
			if (!filled(p.destinatarios)) return paramError('Falta parámetro obligatorio: Destinatarios');
			const recipients = structured(p.destinatarios);
			if (recipients.error || !Array.isArray(recipients.value)) return paramError('Destinatarios debe ser un array JSON de destinatarios');
			if (recipients.value.length === 0) return paramError('Destinatarios está vacío');

			if (!filled(p.tipomensaje)) return paramError('Falta parámetro obligatorio: Tipomensaje');
			const tipo = String(p.tipomensaje).trim().toUpperCase(); // the docs' own example writes "Plantilla"
			if (!TYPES[tipo]) return paramError(`Tipomensaje no válido: ${p.tipomensaje}. Valores: ${Object.keys(TYPES).join(', ')}`);

			const data = p.datosmensaje === undefined || p.datosmensaje === '' ? { value: {} } : structured(p.datosmensaje);
			if (data.error || typeof data.value !== 'object' || data.value === null) return paramError('Datosmensaje debe ser un objeto JSON');
			const datos = data.value;

			let template = null;
			if (tipo === 'PLANTILLA') {
				const name = valueOf(datos, 'Plantilla');
				if (!filled(name)) return paramError('Falta Datosmensaje.Plantilla con el nombre de la plantilla');
				template = Object.values(templates).find((t) => t.Nombre === String(name));
				if (!template) return paramError(`La plantilla ${name} no existe`);
				if (template.Estado !== 'APPROVED') return paramError(`La plantilla ${name} no está aprobada (${template.Estado})`);
			}

			const fecha = filled(p.fecha) ? String(p.fecha).trim() : '';
			if (fecha && !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(fecha)) return paramError('Fecha no válida: use YYYY-MM-DD HH:MM');
			const report = String(p.report ?? '0').trim();
			if (report !== '0' && report !== '1') return paramError('Report debe ser 0 o 1');
			const referencia = p.referenciausuario === undefined ? '' : String(p.referenciausuario);
			// Documented types only (array of strings, integer); their meaning is [open]: kept as sent.
			const next = p.siguientecanal === undefined ? undefined : structured(p.siguientecanal);
			if (next && (next.error || !Array.isArray(next.value) || next.value.some((v) => typeof v !== 'string'))) return paramError('Siguientecanal debe ser un array de textos');
			if (p.fixutf8 !== undefined && !/^-?\d+$/.test(String(p.fixutf8))) return paramError('Fixutf8 debe ser un entero');

			// Per recipient: a bad phone or a missing template variable makes that recipient not sent.
			// Sandbox choice (FACTS.failedRecipients is [open]): Error names them, "destinatario <n>: <why>".
			const accepted = [];
			const problems = [];
			let refused = 0; // recipients of settings.notSent: the call stays accepted (Res 1)
			recipients.value.forEach((r, index) => {
				if (typeof r !== 'object' || r === null || Array.isArray(r)) return problems.push(`destinatario ${index + 1}: no es un objeto`);
				const phone = String(valueOf(r, 'Telefono') ?? '');
				// Sandbox choice: digits only, 8–15 with country code; what Mensatek normalises is [open].
				if (!/^\d{8,15}$/.test(phone)) return problems.push(`destinatario ${index + 1}: teléfono no válido (${phone || 'vacío'})`);
				if (settings.notSent.includes(phone)) {
					refused++;
					return problems.push(`destinatario ${index + 1}: el número no tiene WhatsApp`);
				}
				if (template) {
					const missing = template.variables.slice(1).filter((v) => !filled(valueOf(r, v.Campo)) && !filled(valueOf(r, v.Nombre)));
					if (missing.length) return problems.push(`destinatario ${index + 1}: falta la variable ${missing.map((v) => v.Campo).join(', ')}`);
				}
				accepted.push({ phone, recipient: r });
			});
			if (accepted.length === 0 && refused === 0) return { Res: FACTS.parameterError.value, Error: problems.join('; '), Cred: credit, Enviados: 0, NoEnviados: problems.length };

			const cost = accepted.length * settings.costPerMessage;
			if (credit < cost) return { Res: settings.noCreditRes, Error: `Créditos insuficientes: el envío necesita ${cost} y quedan ${credit}`, Cred: credit };
			credit -= cost;

			const idMensaje = nextId++;
			const shared = { idMensaje, Referencia: referencia, Tipomensaje: tipo, Datosmensaje: datos, Fecha: fecha };
			for (const { phone, recipient } of accepted) {
				const variables = Object.fromEntries(Object.entries(recipient).filter(([k]) => k.toLowerCase() !== 'telefono'));
				sandbox.record('mensatek', {
					to: phone,
					type: TYPES[tipo],
					text: messageText(tipo, datos, template, recipient),
					template: template?.Nombre,
					variables,
					...shared,
					report: report === '1',
					content: {
						recipient,
						Tipomensaje: p.tipomensaje,
						Datosmensaje: datos,
						Fecha: fecha,
						Referenciausuario: referencia,
						Report: report,
						...(next ? { Siguientecanal: next.value } : {}),
						...(p.fixutf8 !== undefined ? { Fixutf8: Number(p.fixutf8) } : {}),
					},
				});
			}
			// A scheduled send (Fecha) is recorded and reported at once: the sandbox does not wait.
			if (report === '1' && reportTarget) queueReports(accepted, shared);

			const result = { Res: 1, idMensaje, Cred: credit, Enviados: accepted.length, NoEnviados: problems.length };
			return problems.length ? { ...result, Error: problems.join('; ') } : result;
		},
	};

	/** What the recipient would read, for the inbox view; `{{Variable}}` filled from the recipient. */
	function messageText(tipo, datos, template, recipient) {
		const fill = (text) => String(text).replace(/\{\{([^}]+)\}\}/g, (all, name) => valueOf(recipient, name.trim()) ?? all);
		if (template) return fill(template.body);
		const text = valueOf(datos, 'Texto') ?? valueOf(datos, 'Mensaje');
		return text === undefined ? undefined : fill(text);
	}

	// ---- Real-time reports -------------------------------------------------------------------

	function queueReports(accepted, shared) {
		const target = reportTarget;
		const mine = generation;
		for (const { phone, recipient } of accepted) {
			// Fields in the docs' order. Sandbox choice: the profile name is the recipient's Nombre.
			const report = (Direccion, Estado, extra) => ({
				Servicio: 'WHATSAPP',
				Direccion,
				Estado,
				Telefono: phone,
				NombreDestinatario: String(valueOf(recipient, 'Nombre') ?? ''),
				Fecha: spainTime(),
				idMensaje: shared.idMensaje,
				Referencia: shared.Referencia,
				Tipo: shared.Tipomensaje,
				...extra,
			});
			for (const estado of target.statuses) enqueue(mine, target, () => report('OUTPUT', estado));
			if (target.replies) {
				// Sandbox choice: an incoming message carries its own new id (the typing and media
				// functions take "the id received in the inbound webhook"), and the send's Referencia.
				const text = JSON.stringify({ type: 'text', text: target.replyText });
				enqueue(mine, target, () => report('INPUT', MENSATEK_ESTADO.RECEIVED, { idMensaje: nextId++, Tipo: 'text', Mensaje: text }));
			}
		}
	}

	/** One chain for all reports: they arrive in order, each awaited, none lost; failures are logged. */
	function enqueue(mine, target, build) {
		queue = queue.then(async () => {
			if (mine !== generation) return;
			if (target.delayMs) await sleep(target.delayMs);
			if (mine !== generation) return;
			await deliver(target, build());
		});
	}

	async function deliver(target, report) {
		const entry = { at: new Date().toISOString(), url: target.url, format: target.format, report, status: 0 };
		deliveries.push(entry);
		try {
			const auth = target.user ? { user: target.user, password: target.password ?? '' } : undefined;
			const response = await sandbox.postTo(target.url, target.format === 'form' ? { form: report, auth } : { json: report, auth });
			entry.status = response.status;
			entry.response = response.body.slice(0, 500);
		} catch (error) {
			entry.error = String(error?.cause?.message ?? error?.message ?? error);
		}
		return entry;
	}

	// ---- Sandbox control -----------------------------------------------------------------------

	/** POST /_sandbox/config { provider: 'mensatek', mensatekCredit, mensatekCostPerMessage, ... } */
	function configure(config) {
		const mine = config.provider === 'mensatek';
		const pick = (key) => config[`mensatek${key[0].toUpperCase()}${key.slice(1)}`] ?? (mine ? config[key] : undefined);
		for (const key of ['costPerMessage', 'spamFailures', 'spamWindowMs', 'spamBlockMs']) {
			if (pick(key) !== undefined) settings[key] = Number(pick(key));
		}
		for (const key of ['numbersAsStrings', 'bareObject', 'bareRefusals']) {
			if (pick(key) !== undefined) settings[key] = pick(key) === true || pick(key) === 'true';
		}
		if (pick('idField') !== undefined) settings.idField = pick('idField') === 'Msgid' ? 'Msgid' : 'idMensaje';
		if (pick('noCreditRes') !== undefined && NO_CREDIT.includes(Number(pick('noCreditRes')))) settings.noCreditRes = Number(pick('noCreditRes'));
		if (pick('creditAs') !== undefined) settings.creditAs = ['spanish', 'saldo'].includes(pick('creditAs')) ? pick('creditAs') : 'number';
		if (pick('notSent') !== undefined) settings.notSent = [].concat(pick('notSent')).map(String);
		if (pick('credit') !== undefined) credit = settings.credit = Number(pick('credit'));
	}

	/** /_sandbox/mensatek/<subpath> */
	async function control(method, subpath, input) {
		if (method === 'POST' && subpath === 'report-url') {
			if (!input.url) {
				reportTarget = null;
				return { body: { reportUrl: null } };
			}
			const format = input.format === 'form' ? 'form' : 'json';
			const statuses = Array.isArray(input.statuses) ? input.statuses.map(Number) : [MENSATEK_ESTADO.SENT, MENSATEK_ESTADO.DELIVERED, MENSATEK_ESTADO.READ];
			reportTarget = {
				url: String(input.url),
				format,
				user: input.user ? String(input.user) : undefined,
				password: input.password === undefined ? undefined : String(input.password),
				replies: input.replies === true || input.replies === 'true',
				replyText: String(input.replyText ?? 'Gracias, lo he recibido'),
				delayMs: Number(input.delayMs ?? 0),
				statuses,
			};
			return { body: { reportUrl: publicTarget() } };
		}
		if (method === 'GET' && subpath === 'report-url') return { body: { reportUrl: publicTarget() } };
		if (method === 'POST' && subpath === 'report') {
			// Post one report made of exactly the given fields, now, and tell what the receiver said.
			if (!reportTarget) return { status: 409, body: { sandbox_error: 'Set a report URL first: POST /_sandbox/mensatek/report-url {url}' } };
			await queue; // after the queued reports, to keep the order
			const entry = await deliver(reportTarget, input);
			return { body: { status: entry.status, response: entry.response, error: entry.error } };
		}
		if (method === 'GET' && subpath === 'reports') return { body: { reports: deliveries } };
		if (method === 'POST' && subpath === 'unblock') {
			failures.clear();
			blockedUntil.clear();
			return { body: { unblocked: true } };
		}
		if (method === 'POST' && subpath === 'credit') {
			credit = Number(input.credit ?? input.cred ?? settings.credit);
			return { body: { Cred: credit } };
		}
		if (method === 'GET' && subpath === 'state') {
			const now = Date.now();
			const blocked = Object.fromEntries([...blockedUntil].filter(([, until]) => until > now).map(([user, until]) => [user, new Date(until).toISOString()]));
			return { body: { settings, Cred: credit, blocked, recentFailures: Object.fromEntries([...failures].map(([u, list]) => [u, list.length])), templates } };
		}
		if (method === 'POST' && subpath === 'template-status') {
			// Play Meta's review: { id, Estado: APPROVED|PENDING|REJECTED|DISABLED|PAUSED }.
			const template = templates[String(input.id)];
			if (!template) return { status: 404, body: { sandbox_error: 'No such template id' } };
			template.Estado = String(input.Estado ?? input.estado ?? 'APPROVED').toUpperCase();
			return { body: { id: String(input.id), ...templateFields(String(input.id)) } };
		}
		return null;
	}

	const publicTarget = () => reportTarget && { ...reportTarget, password: reportTarget.password === undefined ? undefined : '••••' };

	/** A new message id, as an incoming message gets one (the phone simulator's INPUT reports). */
	const newMessageId = () => nextId++;

	return { handle, reset, configure, control, newMessageId };
}
