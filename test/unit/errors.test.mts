import { describe, expect, it } from 'vitest';
import { redact, redactDeep } from '../../nodes/shared/errors';
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

	it('leaves ordinary text alone', () => {
		expect(redact('The mobile field is required.')).toBe('The mobile field is required.');
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
