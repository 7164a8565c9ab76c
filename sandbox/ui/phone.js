// The sandbox phone: renders /_sandbox/phone/state, refreshes on every server-sent `change`, and
// posts the customer's answers, status changes and controls back. No framework, no build step.
'use strict';
const $ = (id) => document.getElementById(id);
const esc = (t) => String(t ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const view = { provider: localStorage.getItem('phone.provider') || 'ovowpp', phone: null, state: null, openStatus: null };
const TICKS = { sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠' };
// inline SVG, not emoji: picture, document and pin emoji are empty boxes where no emoji font is installed
const svg = (paths) => `<svg class="ico" viewBox="0 0 24 24" aria-hidden="true">${paths}</svg>`;
const ICONS = { file: svg('<path d="M6 2h8l4 4v16H6z"/><path d="M14 2v4h4"/>'), pin: svg('<path d="M12 22s7-7.5 7-13a7 7 0 0 0-14 0c0 5.5 7 13 7 13z"/><circle cx="12" cy="9" r="2.5"/>') };

async function api(path, body) {
	const init = body === undefined ? {} : body instanceof FormData ? { method: 'POST', body } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
	const res = await fetch('/_sandbox/' + path, init);
	const json = await res.json().catch(() => ({}));
	if (!res.ok) throw new Error(json.sandbox_error || json.error || res.status);
	return json;
}

async function refresh() {
	view.state = await api('phone/state');
	render();
}

function customers() {
	return view.state?.providers[view.provider]?.customers ?? [];
}

function render() {
	document.querySelectorAll('.tabs button').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.provider === view.provider)));
	const list = customers();
	$('no-chats').hidden = list.length > 0;
	$('chat-list').innerHTML = list
		.map((c) => `<li data-phone="${esc(c.phone)}" class="${c.phone === view.phone ? 'active' : ''}">
			<span class="avatar">${esc((c.name || '#').slice(0, 1).toUpperCase())}</span>
			<span class="chat-main"><span class="chat-top"><span class="chat-name">${esc(c.name || '+' + c.phone)}</span><span class="chat-time">${c.last ? time(c.last.at) : ''}</span></span>
			<span class="chat-preview">${c.last ? (c.last.dir === 'out' ? '→ ' : '') + esc(c.last.preview) : ''}</span></span></li>`)
		.join('');
	renderThread();
	renderControls();
}

function renderThread() {
	const chat = customers().find((c) => c.phone === view.phone);
	$('app').classList.toggle('open', Boolean(view.phone));
	$('composer').hidden = !view.phone;
	$('thread-name').textContent = view.phone ? chat?.name || '+' + view.phone : 'Pick a customer';
	$('thread-phone').textContent = view.phone ? `+${view.phone} · ${$('app').dataset.label || providerLabel()}` : '';
	const notes = { wolkvox: 'An answer here opens the 24 h window free text needs. Wolkvox\'s webhook (POST /_sandbox/wolkvox/webhook-url {url}) gets failures, and statuses and answers when chosen: each message\'s history shows what was posted.', mensatek: 'An answer here is posted as an INPUT report to the report URL: the Mensatek Trigger fires.', ovowpp: 'An answer here becomes an incoming message of the conversation: the OvoWpp/WapiFlow Trigger sees it at its next poll.' };
	$('thread-note').hidden = !view.phone;
	$('thread-note').textContent = notes[view.provider];
	const messages = chat?.messages ?? [];
	const box = $('messages');
	const top = box.scrollTop;
	box.innerHTML = messages.map(bubble).join('');
	if (view.stick) box.scrollTop = box.scrollHeight;
	else box.scrollTop = top;
}

const providerLabel = () => ({ ovowpp: 'OvoWpp / WapiFlow', wolkvox: 'Wolkvox', mensatek: 'Mensatek' })[view.provider];
const time = (at) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const linkify = (text) => esc(text).replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}" target="_blank" rel="noopener">${url}</a>`);

function bubble(m) {
	const parts = [];
	if (m.template) parts.push(`<div class="tag">template ${esc(m.template)}</div>`);
	if (m.header) parts.push(`<div class="header">${esc(m.header)}</div>`);
	if (m.media) parts.push(media(m.media));
	if (m.location) {
		const { latitude: lat, longitude: lng } = m.location;
		parts.push(`<a class="loc" target="_blank" rel="noopener" href="https://www.openstreetmap.org/?mlat=${encodeURIComponent(lat)}&mlon=${encodeURIComponent(lng)}#map=16/${encodeURIComponent(lat)}/${encodeURIComponent(lng)}">${ICONS.pin} <b>${esc(m.location.name || 'Location')}</b><br>${esc(m.location.address || '')}<br><span class="sub">${esc(lat)}, ${esc(lng)} · open the map</span></a>`);
	}
	if (m.text) parts.push(`<div class="text">${linkify(m.text)}</div>`);
	if (m.footer) parts.push(`<div class="footer">${esc(m.footer)}</div>`);
	if (m.list) {
		const sections = m.list.sections.map((s) => `${s.title ? `<div class="section-title">${esc(s.title)}</div>` : ''}${(s.rows ?? []).map((r) => `<button type="button" class="reply" data-reply="${esc(r.title)}">${esc(r.title)}${r.description ? `<small>${esc(r.description)}</small>` : ''}</button>`).join('')}`).join('');
		parts.push(`<div class="list-rows"><div class="tag">☰ ${esc(m.list.button || 'List')}</div>${sections}</div>`);
	}
	if (m.buttons?.length) {
		parts.push(`<div class="buttons">${m.buttons.map((b) => (b.type === 'url' ? `<a href="${esc(b.url)}" target="_blank" rel="noopener">↗ ${esc(b.text)}</a>` : `<button type="button" class="reply" data-reply="${esc(b.text)}">↩ ${esc(b.text)}</button>`)).join('')}</div>`);
	}
	if (m.raw && Object.keys(m.raw).length && m.kind !== 'template') parts.push(`<details class="raw"><summary>Datosmensaje</summary><pre>${esc(JSON.stringify(m.raw, null, 1))}</pre></details>`);
	if (m.note) parts.push(`<div class="note">${esc(m.note)}</div>`);
	parts.push(`<div class="meta">${m.dir === 'out' ? status(m) : `<span>${time(m.at)}</span>`}</div>`);
	return `<li class="bubble ${m.dir}" data-id="${esc(m.id)}" data-kind="${esc(m.kind)}"${m.dir === 'out' ? ` data-status="${esc(m.status)}"` : ''}>${parts.join('')}</li>`;
}

function status(m) {
	// ids start again after a reset: the time makes the key unique
	const key = `${m.id}@${m.at}`;
	const open = view.openStatus === key;
	const history = (m.history ?? []).map((h) => `<li>${esc(h.status)} · ${time(h.at)} · ${esc(h.by)}${h.report ? ` · ${esc(h.report)}` : ''}</li>`).join('');
	const buttons = ['sent', 'delivered', 'read', 'failed'].map((s) => `<button type="button" data-set-status="${s}" data-id="${esc(m.id)}" class="${s === m.status ? 'now' : ''}">${s}</button>`).join('');
	return `<details class="st" data-key="${esc(key)}"${open ? ' open' : ''}><summary title="${esc(m.status)}: click to change"><span>${time(m.at)}</span><span class="ticks ${esc(m.status)}" aria-label="${esc(m.status)}">${TICKS[m.status] ?? '?'}</span></summary>
		<div class="st-panel">Set status: ${buttons}<ol>${history}</ol></div></details>`;
}

function media(f) {
	const size = f.size === undefined ? '' : f.size < 1024 ? `${f.size} B` : f.size < 1048576 ? `${(f.size / 1024).toFixed(1)} KB` : `${(f.size / 1048576).toFixed(1)} MB`;
	const cut = f.complete === false ? ' · the sandbox kept the first 64 KB' : '';
	if (!f.url) return `<div class="doc"><span class="doc-icon" title="${esc(f.kind)}">${ICONS.file}</span><span><span class="doc-name">${esc(f.name || f.kind)}</span><br><span class="sub">${esc(f.type || '')} ${size}</span></span></div>`;
	if (f.kind === 'image' && f.complete !== false) return `<a href="${esc(f.url)}" target="_blank" rel="noopener"><img class="media" src="${esc(f.url)}" alt="${esc(f.name || 'image')}"></a>`;
	if (f.kind === 'video' && f.complete !== false) return `<video class="media" controls preload="metadata" src="${esc(f.url)}"></video>`;
	if (f.kind === 'audio' && f.complete !== false) return `<audio controls preload="metadata" src="${esc(f.url)}"></audio>`;
	return `<div class="doc"><span class="doc-icon" title="${esc(f.kind)}">${ICONS.file}</span><span><span class="doc-name">${esc(f.name || f.kind)}</span><br><span class="sub">${esc(f.type || '')} ${size}${cut}</span><br><a href="${esc(f.url)}" download="${esc(f.name || 'file')}" target="_blank" rel="noopener">Download</a></span></div>`;
}

function renderControls() {
	const s = view.state;
	if (!s) return;
	if (document.activeElement?.closest?.('#controls')) return; // do not overwrite what the person is typing
	$('auto').checked = s.settings.auto;
	$('deliveredAfterMs').value = s.settings.deliveredAfterMs;
	$('readAfterMs').value = s.settings.readAfterMs;
	$('wolkvoxWindowHours').value = String(s.settings.wolkvoxWindowHours > 0 ? 24 : 0);
	$('quirks').checked = s.quirks;
	$('faults').innerHTML = Object.entries(s.faults)
		.map(([p, f]) => `<tr data-provider="${p}"><th>${p}</th><td><input type="number" min="0" step="100" data-key="latencyMs" value="${f.latencyMs}"></td><td><input type="number" min="0" max="1" step="0.05" data-key="errorRate" value="${f.errorRate}"></td><td><input type="number" min="0" max="1" step="0.05" data-key="dropAfterRate" value="${f.dropAfterRate}" title="closed after processing"></td></tr>`)
		.join('');
	const r = s.reportUrl;
	$('report-url').textContent = r ? `Reports go to ${r.url} (${r.format}${r.user ? `, Basic auth as ${r.user}` : ''}).` : 'No report URL set: answers and status changes of Mensatek reach nobody. npm run dev sets it to the example trigger workflow; or POST /_sandbox/mensatek/report-url {url, user, password}.';
	const w = s.wolkvoxWebhook;
	$('report-url').textContent += w
		? ` Wolkvox notifications go to ${w.url} (${w.errorsOnly ? 'delivery errors only' : `all statuses${w.messages ? ' and answers' : ''}`}).`
		: ' No Wolkvox webhook URL set: POST /_sandbox/wolkvox/webhook-url {url, errorsOnly, messages}.';
	$('credentials').innerHTML = s.credentials
		.map((c) => `<div class="cred"><b>${esc(c.name)}</b> <span class="sub">(${esc(c.type)})</span><dl>${Object.entries(c.fields).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl></div>`)
		.join('');
}

// ---- events

document.querySelector('.tabs').addEventListener('click', (e) => {
	const b = e.target.closest('button[data-provider]');
	if (!b) return;
	view.provider = b.dataset.provider;
	localStorage.setItem('phone.provider', view.provider);
	view.phone = null;
	render();
});
$('chat-list').addEventListener('click', (e) => {
	const li = e.target.closest('li[data-phone]');
	if (!li) return;
	view.phone = li.dataset.phone;
	view.stick = true;
	render();
});
// stay at the newest message unless the person scrolled up (images load after the render)
$('messages').addEventListener('scroll', () => {
	const box = $('messages');
	view.stick = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
});
$('messages').addEventListener('load', () => view.stick && ($('messages').scrollTop = $('messages').scrollHeight), true);
$('back').addEventListener('click', () => {
	view.phone = null;
	render();
});
$('new-chat').addEventListener('submit', (e) => {
	e.preventDefault();
	const phone = e.target.phone.value.replace(/\D/g, '');
	if (!phone) return;
	view.phone = phone;
	e.target.reset();
	render();
	$('text').focus();
});
$('file').addEventListener('change', () => {
	const f = $('file').files[0];
	$('file-name').hidden = !f;
	$('file-name').textContent = f ? `Attached: ${f.name} (${f.size} bytes), sent with the answer` : '';
});
$('composer').addEventListener('submit', async (e) => {
	e.preventDefault();
	const text = $('text').value;
	const file = $('file').files[0];
	if (!text.trim() && !file) return;
	await sendAnswer(text, file);
	$('text').value = '';
	$('file').value = '';
	$('file-name').hidden = true;
});
async function sendAnswer(text, file) {
	const form = new FormData();
	form.append('provider', view.provider);
	form.append('phone', view.phone);
	form.append('text', text);
	if (file) form.append('file', file);
	view.stick = true;
	try {
		await api('phone/answer', form);
	} catch (error) {
		alert(`The answer was not delivered: ${error.message}`);
	}
	await refresh();
}
$('messages').addEventListener('click', async (e) => {
	const set = e.target.closest('button[data-set-status]');
	if (set) {
		await api('phone/status', { id: Number(set.dataset.id), status: set.dataset.setStatus });
		return refresh();
	}
	const reply = e.target.closest('button[data-reply]');
	if (reply) return sendAnswer(reply.dataset.reply);
});
$('messages').addEventListener('toggle', (e) => {
	if (!e.target.matches('details.st')) return;
	const key = e.target.dataset.key;
	if (e.target.open) view.openStatus = key;
	else if (view.openStatus === key) view.openStatus = null;
}, true);
$('open-controls').addEventListener('click', () => {
	$('controls').hidden = false;
	renderControls();
});
$('close-controls').addEventListener('click', () => ($('controls').hidden = true));
$('controls').addEventListener('change', async (e) => {
	const t = e.target;
	if (['auto', 'deliveredAfterMs', 'readAfterMs', 'wolkvoxWindowHours'].includes(t.id)) {
		await api('phone/settings', { auto: $('auto').checked, deliveredAfterMs: $('deliveredAfterMs').value, readAfterMs: $('readAfterMs').value, wolkvoxWindowHours: $('wolkvoxWindowHours').value });
	} else if (t.id === 'quirks') {
		await api('config', { quirks: t.checked });
	} else if (t.dataset.key) {
		await api('config', { provider: t.closest('tr').dataset.provider, [t.dataset.key]: Number(t.value) });
	}
	t.blur();
	refresh();
});
$('reset').addEventListener('click', async () => {
	if (!confirm('Forget every message, status and setting of the sandbox?')) return;
	await api('reset', {});
	view.phone = null;
	refresh();
});

// ---- live updates

function connect() {
	const events = new EventSource('/_sandbox/phone/events');
	events.addEventListener('change', (e) => {
		$('live').classList.add('on');
		if (view.state && String(view.state.version) === e.data) return;
		refresh().catch(() => {});
	});
	events.onerror = () => $('live').classList.remove('on');
}
connect();
refresh();
