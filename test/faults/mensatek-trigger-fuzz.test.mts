// The Mensatek Trigger against 10,000 generated requests over real HTTP (test/helpers/webhook.mts:
// n8n's body parsing, then the node's webhook() through n8n-core's WebhookContext). Each request is
// built from a seeded generator that knows, by construction, what must happen to it:
// - n8n itself refuses a body sent as application/json that is not JSON (422) before the node runs;
// - the node answers 401 to a request without the right Basic credentials (on the receiver that asks for them);
// - the node answers 400 to a body that holds no report (not JSON or form fields, not objects, no report field);
// - otherwise 200, and it emits exactly the reports whose Direccion is text naming a chosen direction.
// Nothing may throw (n8n would answer 500), nothing may start for a refused request, and every report
// emitted is one that was sent, in its own request's run, in order.
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receiver } from '../helpers/webhook';
import { webhookReceiver } from '../helpers/webhook';

const CASES = 10_000;
const PARALLEL = 32;
const AUTH = { user: 'mensatek-reports', password: 'fuzz-secret-5f2c9e1a7d' };
const REPORT_FIELDS = ['Servicio', 'Direccion', 'Estado', 'Telefono', 'idMensaje'];

/** mulberry32, as the sandbox uses: the same seed gives the same 10,000 requests. */
function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n: number) => Math.floor(next() * n);
	const pick = <T>(list: readonly T[]): T => list[int(list.length)];
	return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

// The three receivers: no auth, Basic auth, and one that only wants incoming messages.
type Target = 'open' | 'auth' | 'input';
const DIRECTIONS: Record<Target, string[]> = { open: ['INPUT', 'OUTPUT'], auth: ['INPUT', 'OUTPUT'], input: ['INPUT'] };

const randomCase = (rng: Rng, text: string) => [...text].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('');
const randomText = (rng: Rng, length: number) => {
	const alphabet = 'abcXYZ019 ñéü€😀"\\\'<>{}[]%&=+;\n\t\u0000\u202e';
	return Array.from({ length }, () => rng.pick([...alphabet])).join('');
};

/** A value of any kind: the wrong types and huge values of the fuzz. */
function anyValue(rng: Rng, depth = 0): unknown {
	switch (rng.int(depth > 2 ? 9 : 12)) {
		case 0: return rng.int(1e6);
		case 1: return rng.pick([-1, 0, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2]);
		case 2: return randomText(rng, rng.int(20));
		case 3: return '';
		case 4: return null;
		case 5: return rng.chance(0.5);
		case 6: return rng.chance(0.02) ? 'x'.repeat(200_000) : randomText(rng, 300);
		case 7: return JSON.stringify({ type: 'text', text: randomText(rng, 10) });
		case 8: return '{"type": "text", "text": ' + randomText(rng, 5); // broken JSON inside a field
		case 9: return Array.from({ length: rng.int(4) }, () => anyValue(rng, depth + 1));
		case 10: return Object.fromEntries(Array.from({ length: rng.int(4) }, (_, i) => [`k${i}`, anyValue(rng, depth + 1)]));
		default: return JSON.stringify(nested(rng.int(300)));
	}
}
const nested = (depth: number): unknown => (depth === 0 ? 'bottom' : { n: nested(depth - 1) });

/** A direction that selects the report, for this receiver, or one that selects nothing. */
function direction(rng: Rng, target: Target, wanted: boolean): { has: boolean; value?: unknown } {
	if (wanted) return { has: true, value: randomCase(rng, rng.pick(DIRECTIONS[target])) };
	const others: unknown[] = ['SALIDA', 'ENTRADA', '', ' INPUT', 'INPUTS', 42, null, true, ['INPUT'], { INPUT: 1 }];
	if (target === 'input') others.push('OUTPUT', 'output');
	return rng.chance(0.3) ? { has: false } : { has: true, value: rng.pick(others) };
}

/** A report with at least one report field (so it is a report), and its own fuzz id. */
function report(rng: Rng, id: string, target: Target, wanted: boolean): IDataObject {
	// The id first: a form of more than 1000 fields loses the rest in n8n's parser, as in this harness.
	const out: IDataObject = { fuzzId: id };
	const dir = direction(rng, target, wanted);
	const fields = REPORT_FIELDS.filter((name) => name !== 'Direccion' && rng.chance(0.6));
	if (!dir.has && fields.length === 0) fields.push(rng.pick(['Servicio', 'Estado', 'Telefono', 'idMensaje']));
	if (dir.has) out[randomCase(rng, 'Direccion')] = dir.value as never;
	for (const name of fields) out[rng.chance(0.2) ? randomCase(rng, name) : name] = anyValue(rng) as never;
	for (let i = rng.int(4); i > 0; i--) {
		const key = rng.pick(['Fecha', 'Mensaje', 'Tipo', 'NombreDestinatario', 'Referencia', '__proto__', 'constructor', 'x y', '', 'ñ']);
		// defineProperty: `out.__proto__ = …` would set the prototype instead of adding the key.
		Object.defineProperty(out, key, { value: anyValue(rng), enumerable: true, writable: true, configurable: true });
	}
	if (rng.chance(0.01)) for (let i = 0; i < 2000; i++) out[`extra${i}`] = i;
	return out;
}

/** Whether a report, as the node will read it, names one of the receiver's directions. */
function selected(sent: IDataObject, target: Target): boolean {
	const key = Object.keys(sent).find((k) => k.toLowerCase() === 'direccion');
	const value = key === undefined ? undefined : sent[key];
	return typeof value === 'string' && DIRECTIONS[target].includes(value.toUpperCase());
}

/** What a form field carries: text. */
const asText = (value: unknown) => (typeof value === 'string' ? value : value === null || typeof value !== 'object' ? String(value) : JSON.stringify(value));

interface Case {
	n: number;
	target: Target;
	kind: string;
	headers: Record<string, string>;
	body?: BodyInit;
	status: 200 | 400 | 401 | 422;
	/** Fuzz ids of the reports that must be emitted, in order (200 only). */
	emitted: string[];
	/** How many reports the request holds (200 only). */
	reports: number;
}

const basic = (user: string, password: string, scheme = 'Basic') => `${scheme} ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function makeCase(rng: Rng, n: number): Case {
	const target = rng.pick<Target>(['open', 'open', 'auth', 'input']);
	const headers: Record<string, string> = {};
	// Authorization: right (three spellings of the scheme) or wrong in many ways; ignored where no auth is asked.
	let authOk = true;
	if (rng.chance(0.5) || target === 'auth') {
		const right = rng.chance(0.6);
		if (right) headers.authorization = basic(AUTH.user, AUTH.password, rng.pick(['Basic', 'basic', 'BASIC']));
		else {
			authOk = false;
			const wrong = rng.pick(['none', 'password', 'user', 'bearer', 'empty', 'nocolon', 'garbage', 'swapped', 'padded']);
			if (wrong === 'password') headers.authorization = basic(AUTH.user, AUTH.password + rng.pick(['x', ' ', '\u00e9']));
			const user = randomCase(rng, 'Mensatek-Reports');
			if (wrong === 'user') headers.authorization = basic(user === AUTH.user ? 'Mensatek-reports' : user, AUTH.password);
			if (wrong === 'bearer') headers.authorization = `Bearer ${AUTH.password}`;
			if (wrong === 'empty') headers.authorization = rng.pick(['Basic', 'Basic ', '']);
			if (wrong === 'nocolon') headers.authorization = `Basic ${Buffer.from(AUTH.user + AUTH.password).toString('base64')}`;
			if (wrong === 'garbage') headers.authorization = `Basic ${randomText(rng, 12).replace(/[^\x21-\x7e]/g, '')}`;
			if (wrong === 'swapped') headers.authorization = basic(AUTH.password, AUTH.user);
			if (wrong === 'padded') headers.authorization = basic(` ${AUTH.user}`, AUTH.password);
			if (headers.authorization === undefined || headers.authorization === '') delete headers.authorization;
		}
	}
	const authRefused = target === 'auth' && !authOk;

	// JSON kinds go as application/json, text/plain, octet-stream or without a content type (see jsonType).
	const kind = rng.pick(['json', 'json', 'json-list', 'latin1', 'bom', 'urlencoded', 'multipart', 'broken-json', 'not-reports', 'no-fields', 'bytes', 'utf16', 'empty', 'form-no-fields']);
	const ids = (count: number) => Array.from({ length: count }, (_, j) => `${n}-${j}`);
	const reportsOf = (count: number) => ids(count).map((id) => report(rng, id, target, rng.chance(0.7)));
	const jsonType = () => rng.pick(['application/json', 'application/json; charset=utf-8', 'text/plain', 'text/plain; charset=utf-8', 'application/octet-stream', '']);
	const withType = (type: string) => {
		if (type) headers['content-type'] = type;
	};
	const isJsonType = () => (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
	let body: BodyInit | undefined;
	let sent: IDataObject[] | undefined; // the reports as the node will see them, when the body is readable
	let n8nRefuses = false;

	if (kind === 'json' || kind === 'json-list' || kind === 'latin1' || kind === 'bom') {
		const reports = reportsOf(kind === 'json-list' ? 1 + rng.int(5) : 1);
		const payload = kind === 'json-list' || rng.chance(0.1) ? reports : reports[0];
		const text = JSON.stringify(payload);
		if (kind === 'bom') {
			// A byte-order mark before JSON sent as text: the node's text reading skips it.
			withType(rng.pick(['text/plain', '']));
			body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
		} else {
			withType(jsonType());
			// latin1: é and ñ arrive as bytes that are not UTF-8; the JSON stays readable.
			const latin1 = () => Buffer.from(text.replace(/[\u0100-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), 'latin1');
			body = kind === 'latin1' ? latin1() : rng.chance(0.5) ? text : Buffer.from(text);
		}
		sent = reports;
	} else if (kind === 'urlencoded' || kind === 'multipart') {
		const one = report(rng, `${n}-0`, target, rng.chance(0.7));
		const fields = Object.entries(one).map(([key, value]) => [key, asText(value)] as [string, string]);
		// A form that repeats Direccion: n8n reads it as a list, which names no direction.
		const repeated = kind === 'urlencoded' && rng.chance(0.05);
		if (repeated) fields.push(['Direccion', 'INPUT'], ['Direccion', 'OUTPUT']);
		const textReport: IDataObject = Object.fromEntries(fields.filter(([key]) => key !== '__proto__'));
		if (repeated) textReport.Direccion = ['INPUT', 'OUTPUT'];
		if (kind === 'urlencoded') body = new URLSearchParams(fields);
		else {
			const form = new FormData();
			for (const [key, value] of fields) form.append(key, value);
			body = form;
		}
		// Keys other than the report fields are free; a report field must be there (it always is).
		sent = [textReport];
		// A form field named __proto__ cannot become a key of a plain object: leave such reports out.
		if (fields.some(([key]) => key === '__proto__')) return makeCase(rng, n);
	} else if (kind === 'broken-json') {
		const text = JSON.stringify(rng.chance(0.5) ? reportsOf(1)[0] : reportsOf(2));
		const broken = rng.pick([
			() => text.slice(0, 1 + rng.int(text.length - 1)),
			() => text + rng.pick(['}', ']', ',', 'x']),
			() => text.replace(/"/g, "'"),
			() => text.replace(/:/, ': NaN, "a":'),
			() => `${text.slice(0, -1)},}`,
			() => `/* report */ ${text}`,
		])();
		let parses = true;
		try {
			JSON.parse(broken);
		} catch {
			parses = false;
		}
		if (parses) return makeCase(rng, n);
		withType(jsonType());
		body = broken;
		n8nRefuses = isJsonType();
	} else if (kind === 'not-reports') {
		const value = rng.pick<unknown>([
			42, 'Estado=8', null, true, [], [1, 2], [[{ Estado: 8 }]], [{ Estado: 8 }, 5], [{ Estado: 8 }, 'x'], [{ Estado: 8 }, null],
		]);
		withType(jsonType());
		body = JSON.stringify(value);
	} else if (kind === 'no-fields') {
		const object = rng.chance(0.1)
			? Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, i]))
			: { Fecha: anyValue(rng), Mensaje: anyValue(rng), fuzzId: `${n}-0`, Estadox: 8, 'Estado ': 8 };
		withType(jsonType());
		body = JSON.stringify(rng.chance(0.3) ? [reportsOf(1)[0], object] : object);
	} else if (kind === 'bytes') {
		withType(rng.pick(['application/octet-stream', 'text/plain', '', 'application/json', 'image/png']));
		body = Buffer.from([0xff, 0xfe, 0x00, ...Array.from({ length: rng.int(2000) }, () => rng.int(256))]);
		n8nRefuses = isJsonType();
	} else if (kind === 'utf16') {
		withType(rng.pick(['text/plain; charset=utf-16le', '', 'application/octet-stream']));
		const text = JSON.stringify(reportsOf(1)[0]);
		body = Buffer.concat([rng.chance(0.5) ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
	} else if (kind === 'empty') {
		withType(jsonType());
		body = rng.chance(0.5) ? '' : undefined;
	} else if (kind === 'form-no-fields') {
		// Forms whose fields are no report's.
		if (rng.chance(0.5)) body = new URLSearchParams(rng.chance(0.5) ? '%%%&=&a=1' : '');
		else {
			const form = new FormData();
			if (rng.chance(0.5)) form.append('foo', 'bar');
			if (rng.chance(0.5)) form.append('Estado', new Blob(['8']), 'estado.txt'); // a file part, not a field
			body = form;
		}
	}

	const status = n8nRefuses ? 422 : authRefused ? 401 : sent ? 200 : 400;
	const emitted = status === 200 && sent ? sent.filter((r) => selected(r, target)).map((r) => String(r.fuzzId)) : [];
	return { n, target, kind, headers, body, status, emitted, reports: sent?.length ?? 0 };
}

describe('Mensatek Trigger: 10,000 generated requests', () => {
	const receivers = {} as Record<Target, Receiver>;
	// Repeats are taken here (the generator repeats reports on purpose): this suite checks reading,
	// test/workflows/mensatek-trigger.test.mts checks Skip Repeated Reports.
	beforeAll(async () => {
		receivers.open = await webhookReceiver({ type: 'mensatekTrigger', parameters: { directions: DIRECTIONS.open, options: { skipRepeated: false } }, credentials: { mensatekWebhookApi: AUTH } });
		receivers.auth = await webhookReceiver({ type: 'mensatekTrigger', parameters: { authentication: 'basicAuth', directions: DIRECTIONS.auth, options: { skipRepeated: false } }, credentials: { mensatekWebhookApi: AUTH } });
		receivers.input = await webhookReceiver({ type: 'mensatekTrigger', parameters: { directions: DIRECTIONS.input, options: { skipRepeated: false } }, credentials: { mensatekWebhookApi: AUTH } });
	});
	afterAll(async () => {
		await Promise.all(Object.values(receivers).map((r) => r.close()));
	});

	it('never throws, refuses with 400/401 (n8n: 422) and starts nothing then, and emits exactly the reports it should', async () => {
		const rng = prng(20_251);
		const cases = Array.from({ length: CASES }, (_, n) => makeCase(rng, n));
		const answers: Array<{ status: number; body: string }> = new Array(CASES);
		let next = 0;
		await Promise.all(
			Array.from({ length: PARALLEL }, async () => {
				while (next < CASES) {
					const c = cases[next++];
					const response = await fetch(receivers[c.target].url, { method: 'POST', headers: c.headers, body: c.body });
					answers[c.n] = { status: response.status, body: await response.text() };
				}
			}),
		);

		const wrongStatus = cases.filter((c) => answers[c.n].status !== c.status).map((c) => ({ n: c.n, kind: c.kind, target: c.target, expected: c.status, got: answers[c.n].status, body: answers[c.n].body.slice(0, 200) }));
		expect(wrongStatus.slice(0, 5)).toEqual([]);
		expect(Object.values(receivers).map((r) => r.thrown)).toEqual([0, 0, 0]);
		// A 200 that starts nothing says how many reports it received.
		for (const c of cases.filter((c) => c.status === 200 && c.emitted.length === 0)) {
			expect(JSON.parse(answers[c.n].body)).toEqual({ received: c.reports, started: 0 });
		}

		// Every run a receiver started is one request's wanted reports, whole and in order; no other runs.
		const runs = Object.values(receivers).flatMap((r) => r.started);
		const expected = new Map(cases.filter((c) => c.emitted.length > 0).map((c) => [c.n, c.emitted]));
		const seen = new Map<number, string[]>();
		for (const run of runs) {
			const ids = run.map((item) => String(item.fuzzId));
			const n = Number(ids[0]?.split('-')[0]);
			expect(seen.has(n), JSON.stringify(run).slice(0, 600)).toBe(false);
			seen.set(n, ids);
		}
		expect(seen).toEqual(expected);
		const items = runs.flat();
		expect(items).toHaveLength([...expected.values()].flat().length);

		const count = (status: number) => cases.filter((c) => c.status === status).length;
		const kinds = Object.fromEntries([...new Set(cases.map((c) => c.kind))].map((k) => [k, cases.filter((c) => c.kind === k).length]));
		// Every outcome was really exercised.
		for (const status of [200, 400, 401, 422]) expect(count(status)).toBeGreaterThan(100);
		console.info(`Trigger fuzz: ${JSON.stringify({ requests: CASES, 200: count(200), 400: count(400), 401: count(401), 422: count(422), runs: runs.length, items: items.length, kinds })}`);
	}, 900_000); // generous: the verdict is what happened to each request, never how fast
});
