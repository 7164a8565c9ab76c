// The phone's view of each provider: customers (number, name when known) and, for each, the thread
// in time order, every message turned into what WhatsApp would show (a "bubble"):
//   { id, dir: 'out'|'in', at, status?, history?, kind, header?, text?, footer?, media?, location?,
//     buttons?: [{ type: 'url'|'reply', text, url? }], list?: { button, sections }, note?, raw? }
// Built from what the providers recorded (sandbox.state.messages) and, for OvoWpp, from its own
// store (its conversations, contacts and received messages, as the API shows them).

const PROVIDERS = ['ovowpp', 'wolkvox', 'mensatek'];
const MEDIA_KINDS = ['image', 'video', 'audio', 'document'];

export function threadsOf({ sandbox, providers, delivery, inbound, uploads }) {
	const out = {};
	const ovo = providers.ovowpp.control('GET', 'data').body;
	const wolkvoxTemplates = providers.wolkvox.control('GET', 'templates', {}, {}).body.connectors;
	for (const provider of PROVIDERS) {
		const customers = new Map(); // phone → { phone, name, messages }
		const customer = (phone, name) => {
			const key = String(phone);
			if (!customers.has(key)) customers.set(key, { phone: key, name: name || null, messages: [] });
			const c = customers.get(key);
			if (name && !c.name) c.name = name;
			return c;
		};
		if (provider === 'ovowpp') {
			// every conversation of the product is a chat, seeded ones included
			const contacts = new Map(ovo.contacts.map((c) => [c.id, c]));
			const phoneOf = new Map();
			for (const conversation of ovo.conversations) {
				const contact = contacts.get(conversation.contact_id);
				if (!contact) continue;
				const phone = `${contact.mobile_code}${contact.mobile}`;
				phoneOf.set(conversation.id, phone);
				customer(phone, `${contact.firstname ?? ''} ${contact.lastname ?? ''}`.trim());
			}
			for (const m of ovo.messages.filter((x) => x.type === 2)) {
				const phone = phoneOf.get(m.conversation_id);
				if (phone) customer(phone).messages.push(ovoIncoming(m, uploads));
			}
		}
		for (const m of sandbox.state.messages.filter((x) => x.provider === provider)) {
			const name = provider === 'mensatek' ? nameFrom(m.variables) : null;
			const bubble = sent(m, { ovo, wolkvoxTemplates, mensatek: providers.mensatek });
			const d = delivery.get(m.id);
			if (provider === 'ovowpp' && m.messageId) {
				const row = ovo.messages.find((x) => x.id === m.messageId);
				if (row) bubble.providerStatus = row.status;
			}
			customer(m.to ?? 'unknown', name).messages.push({ ...bubble, status: d?.status ?? 'sent', history: d?.history ?? [] });
		}
		for (const m of inbound.filter((x) => x.provider === provider)) {
			const bubble = { id: m.id, dir: 'in', at: m.at, kind: m.media ? m.media.kind : 'text', text: m.text || null, note: m.note };
			if (m.media) bubble.media = { kind: m.media.kind, name: m.media.filename, type: m.media.mime, size: uploads.get(m.upload)?.bytes.length, url: `/_sandbox/phone/upload/${m.upload}`, complete: true };
			customer(m.phone, m.name).messages.push(bubble);
		}
		const list = [...customers.values()].map((c) => {
			c.messages.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
			const last = c.messages.at(-1);
			return { ...c, last: last ? { at: last.at, preview: preview(last), dir: last.dir } : null };
		});
		list.sort((a, b) => String(b.last?.at ?? '').localeCompare(String(a.last?.at ?? '')));
		out[provider] = { customers: list };
	}
	return out;
}

const nameFrom = (variables) => {
	const hit = Object.entries(variables ?? {}).find(([k]) => k.toLowerCase() === 'nombre');
	return hit ? String(hit[1]) : null;
};

/** The chat list's line under a name: the text cut at 60 characters with "…", or what was sent (plain words, no emoji: no emoji font on many machines). */
function preview(bubble) {
	if (bubble.text) return clip(bubble.text.replace(/\s+/g, ' ').trim(), 60);
	if (bubble.media) return `${KIND_NAMES[bubble.media.kind] ?? 'File'}: ${bubble.media.name ?? bubble.media.kind}`;
	if (bubble.location) return 'Location';
	return bubble.kind;
}

const KIND_NAMES = { image: 'Photo', video: 'Video', audio: 'Audio', document: 'Document', sticker: 'Sticker' };

/** At most `max` characters (code points, so an emoji is never split), the last one "…" when cut. */
export function clip(text, max) {
	const chars = Array.from(text);
	return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** Laravel's stamp (…Z with microseconds) → ISO. */
const iso = (stamp) => (stamp ? new Date(String(stamp).replace(/(\.\d{3})\d+Z$/, '$1Z')).toISOString() : new Date(0).toISOString());

function ovoIncoming(m, uploads) {
	const bubble = { id: `ovo-${m.id}`, dir: 'in', at: iso(m.created_at), kind: m.media_type ?? 'text', text: m.message || null };
	if (m.media_type) {
		const upload = [...uploads.values()].find((u) => u.wamid === m.whatsapp_message_id);
		bubble.media = { kind: m.media_type, name: upload?.name ?? m.media_filename, type: m.mime_type, size: upload?.bytes.length, url: upload ? `/_sandbox/phone/upload/${upload.id}` : null, complete: true };
	}
	return bubble;
}

/** A sent message as the customer's phone shows it. */
function sent(m, context) {
	const bubble = { id: m.id, dir: 'out', at: m.at, kind: m.type ?? 'text', text: m.text ?? null };
	const files = m.files ?? [];
	if (files.length) {
		const f = files[0];
		const kind = MEDIA_KINDS.includes(f.field) ? f.field : kindOf(f.type, f.name);
		bubble.media = { kind, name: f.name, type: f.type, size: f.size, url: `/_sandbox/phone/media/${m.id}/0`, complete: f.size <= 65536 };
		bubble.kind = kind;
	}
	if (m.provider === 'ovowpp') ovoSent(m, bubble, context.ovo);
	else if (m.provider === 'wolkvox') wolkvoxSent(m, bubble, context.wolkvoxTemplates);
	else mensatekSent(m, bubble);
	return bubble;
}

function ovoSent(m, bubble, ovo) {
	const c = m.content ?? {};
	if (m.type === 'template') {
		const t = ovo.templates.find((x) => x.name === m.template);
		bubble.template = m.template;
		bubble.header = t?.header?.text ? fillNumbered(t.header.text, m.variables?.header ?? []) : null;
		bubble.footer = t?.footer ?? null;
	} else if (m.type === 'location') {
		bubble.location = { latitude: c.latitude, longitude: c.longitude, name: c.name ?? null, address: c.address ?? null };
		bubble.text = null;
	} else if (m.type === 'cta_url' && c.cta_url) {
		bubble.header = c.cta_url.header ?? null;
		bubble.text = c.cta_url.body ?? m.text ?? null;
		bubble.footer = c.cta_url.footer ?? null;
		bubble.buttons = [{ type: 'url', text: c.cta_url.button_text, url: c.cta_url.url }];
	} else if (m.type === 'interactive_list' && c.interactive_list) {
		const l = c.interactive_list;
		bubble.header = l.header ?? null;
		bubble.text = l.body ?? m.text ?? null;
		bubble.footer = l.footer ?? null;
		bubble.list = { button: l.button_text, sections: l.sections ?? [] };
	}
}

function wolkvoxSent(m, bubble, connectors) {
	if (m.type === 'template') {
		const t = connectors?.[m.connector]?.templates.find((x) => x.name === m.template);
		const header = t?.components.find((c) => c.type === 'HEADER');
		bubble.template = m.template;
		bubble.header = header?.format === 'TEXT' || header?.text ? header.text : null;
		bubble.footer = t?.components.find((c) => c.type === 'FOOTER')?.text ?? null;
		const buttons = t?.components.find((c) => c.type === 'BUTTONS')?.buttons ?? [];
		if (buttons.length) bubble.buttons = buttons.map((b) => ({ type: b.url ? 'url' : 'reply', text: b.text, url: b.url }));
	}
	const url = m.url ?? m.content?.url_attach;
	if (url) bubble.media = { kind: kindOf('', url), name: url.split('/').pop(), url, external: true, complete: true };
	if (m.type === 'media') bubble.kind = bubble.media?.kind ?? 'document';
}

// Mensatek's Datosmensaje shapes are [open] beyond PLANTILLA: the phone shows the usual names it
// finds (Texto, URL, Latitud/Longitud, Botones, Opciones…) and the raw object under the bubble.
function mensatekSent(m, bubble) {
	const d = lower(m.Datosmensaje ?? {});
	bubble.raw = m.Datosmensaje;
	if (m.type === 'template') {
		bubble.template = m.template;
		const header = Object.entries(m.variables ?? {}).find(([k]) => /cabecera|header/i.test(k));
		if (header && /^https?:\/\//.test(String(header[1]))) {
			bubble.media = { kind: 'image', name: String(header[1]).split('/').pop(), url: String(header[1]), external: true, complete: true };
			bubble.text = (bubble.text ?? '').replace(/^\[imagen [^\]]*\]\s*/, '');
		}
		return;
	}
	const url = d.url ?? d.enlace ?? d.link;
	if (url && ['image', 'document'].includes(m.type)) {
		bubble.media = { kind: m.type, name: d.nombrearchivo ?? d.filename ?? String(url).split('/').pop(), url: String(url), external: true, complete: true };
	}
	if (m.type === 'location' || d.latitud !== undefined) {
		bubble.location = { latitude: d.latitud ?? d.latitude, longitude: d.longitud ?? d.longitude, name: d.nombre ?? null, address: d.direccion ?? null };
	}
	const buttons = d.botones ?? d.buttons;
	if (Array.isArray(buttons)) {
		bubble.buttons = buttons.map((b) => (typeof b === 'object' && b ? { type: b.URL || b.url ? 'url' : 'reply', text: String(b.Texto ?? b.texto ?? b.Titulo ?? b.title ?? b.text ?? ''), url: b.URL ?? b.url } : { type: 'reply', text: String(b) }));
	}
	if (m.type === 'cta_buttons' && d.url && !bubble.buttons) bubble.buttons = [{ type: 'url', text: String(d.textoboton ?? d.boton ?? 'Open'), url: String(d.url) }];
	const options = d.opciones ?? d.secciones ?? d.sections;
	if (m.type === 'list' && Array.isArray(options)) {
		const rows = options.map((o, i) => (typeof o === 'object' && o ? { id: String(o.id ?? i + 1), title: String(o.Titulo ?? o.titulo ?? o.title ?? o.Texto ?? ''), description: o.Descripcion ?? o.description } : { id: String(i + 1), title: String(o) }));
		bubble.list = { button: String(d.boton ?? d.textoboton ?? 'Options'), sections: [{ title: '', rows }] };
	}
	if (bubble.text === null && d.texto !== undefined) bubble.text = String(d.texto);
	bubble.header = d.cabecera ?? null;
	bubble.footer = d.pie ?? null;
}

const lower = (object) => Object.fromEntries(Object.entries(object).map(([k, v]) => [k.toLowerCase(), v]));
const fillNumbered = (text, values) => String(text).replace(/\{\{(\d+)\}\}/g, (all, n) => values[n - 1] ?? all);

function kindOf(type, name) {
	if (/^image\//.test(type) || /\.(jpe?g|png|gif|webp)(\?|$)/i.test(name)) return 'image';
	if (/^video\//.test(type) || /\.(mp4|3gp|mov)(\?|$)/i.test(name)) return 'video';
	if (/^audio\//.test(type) || /\.(mp3|ogg|opus|m4a|amr|aac|wav)(\?|$)/i.test(name)) return 'audio';
	return 'document';
}
