import { describe, expect, it } from 'vitest';
import { NodeOperationError } from 'n8n-workflow';
import { InputError, toNodeError } from '../../nodes/shared/errors';
import { redact, redactAndCut, redactDeep } from '../../nodes/shared/redaction';
import { networkCode } from '../../nodes/shared/http';

describe('redact', () => {
	it('removes access tokens from Graph URLs', () => {
		const text = 'cURL error 6: Could not resolve host (see https://graph.facebook.com/v22.0/100/messages?access_token=EAATESTACCESSTOKEN123&x=1)';
		expect(redact(text)).not.toContain('EAATESTACCESSTOKEN123');
		expect(redact(text)).toContain('access_token=[redacted]');
	});

	it('removes the SQL query of a Laravel error, keeping the recognisable part', () => {
		const text =
			"SQLSTATE[23000]: Integrity constraint violation: 1048 Column 'contact_id' cannot be null (Connection: mysql, SQL: insert into `conversations` (`contact_id`) values (?, 1))";
		const clean = redact(text);
		expect(clean).toContain("Column 'contact_id' cannot be null");
		expect(clean).not.toMatch(/insert into/);
	});

	it('removes the credential values wherever they appear', () => {
		expect(redact('bad secret cs_FP5PJQOS9H2C5T8KBID5 given', ['cs_FP5PJQOS9H2C5T8KBID5'])).toBe('bad secret [redacted] given');
		expect(redactDeep({ a: ['x cs_FP5PJQOS9H2C5T8KBID5'] }, ['cs_FP5PJQOS9H2C5T8KBID5'])).toEqual({ a: ['x [redacted]'] });
	});

	const secret = 'cs_Adv/S3cr+t=&%K3y9x';
	it.each([
		['URL-encoded', encodeURIComponent(secret)],
		['URL-encoded, lower-case hex', encodeURIComponent(secret).toLowerCase()],
		['form-encoded', new URLSearchParams({ s: secret }).toString().slice(2)],
		['double-encoded', encodeURIComponent(encodeURIComponent(secret))],
		['base64', Buffer.from(secret).toString('base64')],
		['base64url', Buffer.from(secret).toString('base64url')],
		['inside a longer base64 text', Buffer.from(`{"k":"${secret}"}`).toString('base64')],
		['HTML references', 'cs_Adv&#47;S3cr&#x2B;t&equals;&amp;&#37;K3y9x'],
		['JSON escapes', 'cs_Adv\\/S3cr\\u002bt=&%K3y9x'],
		['a fragment of 8', 'S3cr+t=&'],
	])('removes the secret written %s', (_name, written) => {
		const clean = redact(`before ${written} after`, [secret]);
		expect(clean).toContain('[redacted]');
		expect(clean).not.toContain('S3cr');
		expect(clean).not.toContain(Buffer.from(secret).toString('base64').slice(4, 16));
	});

	it("removes the base64 of an HTTP Basic pair, but not the user's name on its own", () => {
		const pair = { user: 'demo@mensatek.test', password: 'mt_Tok3n_9f8e7d6c' };
		const header = `Basic ${Buffer.from(`${pair.user}:${pair.password}`).toString('base64')}`;
		expect(redact(`sent ${header}`, [pair])).toBe('sent Basic [redacted]');
		expect(redact('user demo@mensatek.test', [pair])).toBe('user demo@mensatek.test');
	});

	it('does not take a phone number or an ordinary word for a piece of a secret', () => {
		const token = 'a long random password 0123456789';
		expect(redact('call 34612345678 to reset your password', [token])).toBe('call 34612345678 to reset your password');
		expect(redact('token 0123456789 refused', [token])).toBe('token[redacted] refused'); // the space is the secret's too
		expect(redact(`echo ${token}!`, [token])).toBe('echo [redacted]!');
	});

	it('redacts before it cuts, so a secret across the cut is not left half', () => {
		const text = `${'x'.repeat(295)}${secret}`;
		expect(redactAndCut(text, [secret], 300)).toBe(`${'x'.repeat(295)}[reda…`);
		expect(redactAndCut(text, [secret], 300)).not.toContain('cs_Ad');
	});

	it('leaves ordinary text alone', () => {
		expect(redact('The mobile field is required.')).toBe('The mobile field is required.');
	});
});

describe('redactDeep on a large body (the quick test of the whole body first)', () => {
	const secret = 'cs_Adv/S3cr+t=&%Key';
	const user = 'ci_BODYUSER01';
	const page = () => ({
		status: 'success',
		data: {
			contacts: Array.from({ length: 250 }, (_, i) => ({
				id: i,
				firstname: `Bench${i}`,
				mobile: `7${String(i).padStart(8, '0')}`,
				created_at: '2026-12-01T11:34:45.661000Z',
				image_src: 'http://127.0.0.1:8798/ovowpp/assets/images/avatar.jpg',
				details: { note: `note ${i}` },
			})),
		},
	});
	const forms: Array<[string, string]> = [
		['raw', secret],
		['URL-encoded', encodeURIComponent(secret)],
		['form-encoded', new URLSearchParams({ s: secret }).toString().slice(2)],
		['base64', Buffer.from(secret).toString('base64')],
		['base64url', Buffer.from(secret).toString('base64url')],
		['Basic user:secret', `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`],
		['HTML references', [...secret].map((c) => `&#${c.charCodeAt(0)};`).join('')],
		['JSON \\/ escapes', JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/')],
		['a 12-character fragment', secret.slice(3, 15)],
	];

	it.each(forms)('finds the secret %s in one string of 1,500 and redacts it', (_form, echoed) => {
		const body = page();
		body.data.contacts[137].details.note = `echo ${echoed} end`;
		const clean = redactDeep(body, [secret, { user, password: secret }]);
		const text = JSON.stringify(clean);
		expect(text).toContain('[redacted]');
		expect(text).not.toContain(echoed);
		expect(clean.data.contacts[136]).toEqual(page().data.contacts[136]);
	});

	it('gives a body that holds no secret back unchanged', () => {
		expect(redactDeep(page(), [secret, { user, password: secret }])).toEqual(page());
	});
});

describe('toNodeError', () => {
	const node = { id: '1', name: 'N', type: 't', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	it('numbers the item from 1 and leaves no itemIndex for n8n to append', () => {
		const error = toNodeError(node, new InputError('Phone', 'is empty', 'Give it.'), 1);
		expect(error.message).toBe('Item 2: Phone is empty');
		expect(error.context.itemIndex).toBeUndefined();
	});
	it("rewrites n8n's own 0-based suffix", () => {
		const own = new NodeOperationError(node, "The item has no binary field 'data' [item 1]", { itemIndex: 1 });
		const error = toNodeError(node, own, 1);
		expect(error.message).toBe("Item 2: The item has no binary field 'data'");
		expect(error.context.itemIndex).toBeUndefined();
	});
});

describe('networkCode', () => {
	it('finds the code in n8n and axios wrappers', () => {
		expect(networkCode({ httpCode: 'ECONNREFUSED' })).toBe('ECONNREFUSED');
		expect(networkCode({ message: 'x', cause: { code: 'ECONNRESET' } })).toBe('ECONNRESET');
		expect(networkCode({ messages: ['socket hang up'] })).toBe('ECONNRESET');
		expect(networkCode({ message: 'timeout of 100ms exceeded' })).toBe('ETIMEDOUT');
		expect(networkCode({ httpCode: '503', message: 'Service unavailable' })).toBeUndefined();
	});
});
