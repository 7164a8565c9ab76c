// A client for n8n's internal REST API, the one its editor uses.

import { OWNER } from './run.mjs';

/**
 * A tiny client for n8n's internal REST API (what the editor uses): owner setup, login cookie,
 * and a few reads. The browser-id header is sent on every call (n8n binds the cookie to it).
 */
export class N8nRest {
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/$/, '');
		this.cookie = '';
		this.browserId = 'n8n-wg-harness';
	}
	async request(method, p, body, { raw = false } = {}) {
		const headers = { 'browser-id': this.browserId, accept: 'application/json' };
		if (this.cookie) headers.cookie = this.cookie;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const r = await fetch(this.baseUrl + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const setCookie = r.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) {
			const m = /^(n8n-auth=[^;]*)/.exec(c);
			if (m) this.cookie = m[1];
		}
		if (raw) return r;
		const text = await r.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		if (!r.ok) {
			const e = new Error(`${method} ${p} → HTTP ${r.status}: ${text.slice(0, 500)}`);
			e.status = r.status;
			e.body = json;
			throw e;
		}
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}
	get(p) {
		return this.request('GET', p);
	}
	post(p, body) {
		return this.request('POST', p, body ?? {});
	}
	patch(p, body) {
		return this.request('PATCH', p, body ?? {});
	}
	/** Set up the owner account if the instance has none, then log in. */
	async ensureOwnerAndLogin(owner = OWNER) {
		const settings = await this.get('/rest/settings');
		const needsSetup = settings?.userManagement?.showSetupOnFirstLoad;
		if (needsSetup) {
			await this.post('/rest/owner/setup', owner);
		}
		await this.login(owner);
		return this;
	}
	async login(owner = OWNER) {
		// 1.x takes { email }, newer versions { emailOrLdapLoginId }; send both
		await this.post('/rest/login', { email: owner.email, emailOrLdapLoginId: owner.email, password: owner.password });
		return this;
	}
}
