// The echo suite: each provider (the sandbox, told to answer with a canned body) echoes the
// credential's secret in its error text, in every form a secret travels in. The node must show the
// provider's words without the secret, in the item error, its description, the thrown error and
// that error's JSON, and in the outputs and warnings of answers that succeed.
import type { INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { chain, runWorkflow } from '../helpers/harness';
import { serialize } from '../helpers/record';
import { useSandbox } from '../helpers/sandbox';
import { holdsSecret, secretMatchers } from '../helpers/secrets-check';
import { itemsNode } from '../helpers/test-nodes';

const sandbox = useSandbox();

// Secrets with the characters that encodings change: / + = & %.
const CORE = 'Adv/S3cr+t=&%K3y9x';

interface Provider {
	name: 'ovowpp' | 'wolkvox' | 'mensatek';
	node: string;
	credential: 'ovoWppApi' | 'wolkvoxApi' | 'mensatekApi';
	field: string;
	secret: string;
	/** Who the secret is the password of, for the HTTP Basic form. */
	user: string;
	parameters: Record<string, unknown>;
	/** The provider's error answer carrying a text. */
	refusal: (text: string) => { status: number; body: unknown };
}

const PROVIDERS: Provider[] = [
	{
		name: 'ovowpp',
		node: 'ovoWpp',
		credential: 'ovoWppApi',
		field: 'clientSecret',
		secret: `cs_${CORE}`,
		user: 'ci_HOJTB3RX1D5YFQWNQ2KW',
		parameters: { resource: 'conversation', operation: 'get', conversationId: '1' },
		refusal: (text) => ({ status: 200, body: { remark: 'validation_error', status: 'error', message: [`Invalid client-secret ${text}`] } }),
	},
	{
		name: 'wolkvox',
		node: 'wolkvox',
		credential: 'wolkvoxApi',
		field: 'token',
		secret: `wv_${CORE}`,
		user: 'wolkvox',
		parameters: { resource: 'template', operation: 'getMany', connectorId: '1001', returnAll: true },
		refusal: (text) => ({ status: 403, body: { code: 403, error: `FORBIDDEN ${text}`, msg: `PLEASE VALIDATE TOKEN ${text}` } }),
	},
	{
		name: 'mensatek',
		node: 'mensatek',
		credential: 'mensatekApi',
		field: 'apiToken',
		secret: `mt_${CORE}`,
		user: 'demo@mensatek.test',
		parameters: { resource: 'account', operation: 'getCredits' },
		refusal: (text) => ({ status: 200, body: [{ Res: -1, Error: `Usuario o token incorrecto: ${text}`, Cred: 0 }] }),
	},
];

const html = (text: string, how: 'dec' | 'hex' | 'mixed') =>
	[...text]
		.map((c, i) => {
			if (/[A-Za-z0-9_]/.test(c)) return c;
			const code = c.charCodeAt(0);
			const mode = how === 'mixed' ? (['dec', 'hex', 'named'] as const)[i % 3] : how;
			if (mode === 'named' && c === '&') return '&amp;';
			if (mode === 'named' && c === '/') return '&sol;';
			return mode === 'hex' ? `&#x${code.toString(16).toUpperCase()};` : `&#${code};`;
		})
		.join('');

/** Every form of a secret the suite echoes. */
function forms(secret: string, user: string): Array<[string, string]> {
	return [
		['raw', secret],
		['URL-encoded (%2F)', encodeURIComponent(secret)],
		['URL-encoded, lower-case hex', encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
		['form-encoded (+)', new URLSearchParams({ s: secret }).toString().slice(2)],
		['double URL-encoded', encodeURIComponent(encodeURIComponent(secret))],
		['base64', Buffer.from(secret).toString('base64')],
		['base64url', Buffer.from(secret).toString('base64url')],
		['base64 of user:secret (Basic)', `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`],
		['HTML decimal references', html(secret, 'dec')],
		['HTML hex references', html(secret, 'hex')],
		['HTML named and numeric, mixed', html(secret, 'mixed')],
		['JSON \\/ escapes', JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/')],
		['JSON \\uXXXX escapes', [...secret].map((c) => (/[A-Za-z0-9]/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('')],
		['a 12-character fragment', secret.slice(3, 15)],
	];
}

function nodeOf(provider: Provider, extra: Record<string, unknown> = {}) {
	return {
		name: 'Node',
		type: `n8n-nodes-whatsapp-gateways.${provider.node}`,
		typeVersion: 1,
		parameters: provider.parameters,
		credentials: { [provider.credential]: { id: '1', name: 'sandbox' } },
		...extra,
	};
}

async function run(provider: Provider, extra: Record<string, unknown> = {}, parameters?: Record<string, unknown>, items: INodeExecutionData[] | Array<{ json: object }> = [{ json: {} }]) {
	const node = nodeOf(provider, extra);
	if (parameters) node.parameters = parameters;
	const result = await runWorkflow(chain(itemsNode(items as never), node), {
		[provider.credential]: { ...sandbox.credentials(provider.credential), [provider.field]: provider.secret },
	});
	return { out: result.output('Node'), error: result.error('Node') };
}

const canned = (provider: Provider, answer: { status: number; body: unknown; type?: string }) =>
	sandbox.config({ provider: provider.name, cannedAnswer: answer });

describe.each(PROVIDERS)('$name echoes its secret in an error', (provider) => {
	const matchers = secretMatchers(provider.secret, [provider.user]);

	it.each(forms(provider.secret, provider.user))('%s: redacted in the item error, its description, the thrown error and its JSON', async (_form, echoed) => {
		await canned(provider, provider.refusal(echoed));
		const soft = await run(provider, { continueOnFail: true });
		expect(soft.out).toHaveLength(1);
		const item = soft.out[0].json;
		expect(item.error).toMatch(/^Item 1: .*\[redacted\]/);
		for (const text of [item.error, item.description, serialize(soft.out)]) expect(holdsSecret(String(text ?? ''), matchers), String(text)).toBe(false);

		const hard = await run(provider);
		expect(hard.error?.message).toMatch(/^Item 1: .*\[redacted\]/);
		for (const text of [hard.error?.message, hard.error?.description, serialize(hard.error)]) {
			expect(holdsSecret(String(text ?? ''), matchers), String(text)).toBe(false);
		}
		// The provider was asked once per run: the text came from its answer.
		expect((await sandbox.requests(provider.name)).length).toBeGreaterThanOrEqual(2);
	});

	it('a secret that straddles the 300-character cut of an unexpected answer is redacted before the cut', async () => {
		// An HTML page (no JSON envelope) whose secret begins 10 characters before the cut.
		const prefix = `<html><body>${'x'.repeat(300 - 10 - 12)}`;
		await canned(provider, { status: 404, body: `${prefix}${provider.secret} and more</body></html>`, type: 'text/html' });
		const { out } = await run(provider, { continueOnFail: true });
		const description = String(out[0].json.description);
		expect(description).toMatch(/The answer began: <html><body>x+\[redacted\]/);
		expect(description).not.toContain(provider.secret.slice(0, 10));
		expect(holdsSecret(serialize(out), matchers)).toBe(false);
	});
});

describe('secrets echoed in answers that succeed', () => {
	it('a Mensatek NoEnviados answer that echoes the token in its Error does not leak it, whatever the item becomes', async () => {
		const mensatek = PROVIDERS[2];
		const matchers = secretMatchers(mensatek.secret, [mensatek.user]);
		const parameters = { resource: 'message', operation: 'send', phone: '={{ $json.phone }}', messageType: 'TEXTO', text: 'Hola' };
		for (const [, echoed] of forms(mensatek.secret, mensatek.user)) {
			// None of one recipient sent, and one of two sent: Mensatek's Error reaches the item either way.
			for (const [enviados, phones] of [[0, ['+34 600 000 001']], [1, ['+34 600 000 001', '+34 600 000 002']]] as const) {
				const answer = { Res: 1, idMensaje: 77, Enviados: enviados, NoEnviados: 1, Error: `No enviado (token ${echoed})`, Cred: 100 };
				await canned(mensatek, { status: 200, body: [answer] });
				const { out } = await run(mensatek, { continueOnFail: true }, parameters, phones.map((phone) => ({ json: { phone } })));
				expect(out).toHaveLength(phones.length);
				expect(serialize(out)).toMatch(/No enviado \(token [^)]*\[redacted\]/);
				expect(holdsSecret(serialize(out), matchers), serialize(out)).toBe(false);
			}
		}
	});

	it('a Wolkvox answer that echoes the token in its msg is redacted in the output', async () => {
		const wolkvox = PROVIDERS[1];
		const matchers = secretMatchers(wolkvox.secret, [wolkvox.user]);
		await canned(wolkvox, { status: 201, body: { code: 201, error: null, msg: `Message has been sent with token ${encodeURIComponent(wolkvox.secret)}` } });
		const { out } = await run(wolkvox, {}, { resource: 'message', operation: 'send', connectorId: '1001', phone: '+57 300 123 4567', text: 'Hola' });
		expect(out[0].json).toMatchObject({ sent: true, msg: 'Message has been sent with token [redacted]' });
		expect(holdsSecret(serialize(out), matchers)).toBe(false);
	});
});
