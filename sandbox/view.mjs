// /_sandbox/ in a browser: what each recipient would have received, newest first.
const escape = (text) =>
	String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

export function renderInbox(state) {
	const byRecipient = new Map();
	for (const message of [...state.messages].reverse()) {
		const key = `${message.provider} · ${message.to ?? 'unknown recipient'}`;
		if (!byRecipient.has(key)) byRecipient.set(key, []);
		byRecipient.get(key).push(message);
	}
	const sections = [...byRecipient].map(([recipient, messages]) => {
		const rows = messages.map((m) => {
			const files = (m.files ?? []).map((f) => `<div class="file">File: ${escape(f.name)} (${escape(f.type)}, ${f.size} bytes)</div>`).join('');
			const what = m.text ?? (m.template ? `template ${m.template}${m.variables ? ' ' + JSON.stringify(m.variables) : ''}` : JSON.stringify(m.content ?? {}));
			return `<div class="msg"><span class="meta">#${m.id} · ${escape(m.type ?? '')} · ${escape(m.at)}</span><div>${escape(what)}</div>${files}</div>`;
		});
		return `<section><h2>${escape(recipient)}</h2>${rows.join('')}</section>`;
	});
	return `<!doctype html><html><head><meta charset="utf-8"><title>WhatsApp gateways sandbox</title>
<meta http-equiv="refresh" content="5">
<style>body{font-family:system-ui,sans-serif;background:#ece5dd;margin:0;padding:1rem}h1{font-size:1.2rem}
section{background:#fff;border-radius:8px;padding:.5rem 1rem;margin:.5rem 0;max-width:48rem}h2{font-size:1rem;color:#075e54}
.msg{background:#dcf8c6;border-radius:6px;padding:.4rem .6rem;margin:.3rem 0}.meta{font-size:.75rem;color:#555}.file{font-size:.85rem}</style>
</head><body><h1>WhatsApp gateways sandbox: ${state.messages.length} message(s) sent</h1>
${sections.join('') || '<p>Nothing sent yet. Run a workflow against this sandbox and reload.</p>'}
</body></html>`;
}
