// The Mensatek Trigger receiving real HTTP: the sandbox posts reports the way Mensatek's panel does
// (JSON or form-data, optional Basic auth) to the trigger's webhook(), called through n8n-core's
// WebhookContext behind a node:http server that does what n8n does first (test/helpers/webhook.mts).
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MensatekTrigger } from '../../nodes/Mensatek/MensatekTrigger.node';
import { chain, runWorkflow } from '../helpers/harness';
import { useSandbox } from '../helpers/sandbox';
import { itemsNode } from '../helpers/test-nodes';
import type { Receiver } from '../helpers/webhook';
import { webhookReceiver } from '../helpers/webhook';

const sandbox = useSandbox();
const AUTH = { user: 'mensatek-panel', password: 'a long random password 0123456789' };

const open: Receiver[] = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map((r) => r.close()));
});

async function receiver(parameters: IDataObject = {}, extra: Partial<Parameters<typeof webhookReceiver>[0]> = {}): Promise<Receiver> {
	const handle = await webhookReceiver({
		type: 'mensatekTrigger',
		parameters: { directions: ['INPUT', 'OUTPUT'], options: {}, ...parameters } as INodeParameters,
		credentials: { mensatekWebhookApi: AUTH },
		...extra,
	});
	open.push(handle);
	return handle;
}

/** Sends through the Mensatek node with delivery reports on, as a user would. */
async function send(phones: string[], options: IDataObject = {}) {
	const result = await runWorkflow(
		chain(
			itemsNode(phones.map((phone) => ({ json: { phone } }))),
			{
				name: 'Mensatek',
				type: 'n8n-nodes-whatsapp-gateways.mensatek',
				typeVersion: 1,
				parameters: { resource: 'message', operation: 'send', phone: '={{$json.phone}}', messageType: 'TEXTO', text: 'Hola', options: { report: true, reference: 'ref-1', ...options } },
				credentials: { mensatekApi: { id: '1', name: 'Mensatek sandbox' } },
			},
		),
		{ mensatekApi: sandbox.credentials('mensatekApi') },
	);
	expect(result.error('Mensatek')).toBeUndefined();
	return result.output('Mensatek');
}

/** Waits until the sandbox has delivered `count` reports (it posts them one after another). */
async function delivered(count: number) {
	for (;;) {
		const { reports } = await sandbox.control('GET', 'mensatek/reports');
		if (reports.length >= count && reports.every((r: IDataObject) => r.status || r.error)) return reports as IDataObject[];
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

const report = (extra: IDataObject = {}) => ({
	Servicio: 'WHATSAPP',
	Direccion: 'INPUT',
	Estado: 8,
	Telefono: '34600000001',
	NombreDestinatario: 'Pedro Pérez',
	Fecha: '2025-01-15 11:14:24',
	idMensaje: 10573758,
	Referencia: '',
	Tipo: 'text',
	Mensaje: '{"type":"text","text":"Hola"}',
	...extra,
});
const post = (url: string, body: BodyInit, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', body, headers });
const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

describe('Mensatek Trigger: reports from Mensatek', () => {
	it('emits one item per JSON report, with Mensaje parsed and the raw fields kept', async () => {
		const trigger = await receiver();
		await sandbox.control('POST', 'mensatek/report-url', { url: trigger.url, format: 'json', replies: true });
		const sent = await send(['+34 600 000 001', '+34 600 000 002']);
		const reports = await delivered(8);
		expect(reports.map((r) => r.status)).toEqual(Array(8).fill(200));

		const items = trigger.started.flat();
		expect(trigger.started.every((run) => run.length === 1)).toBe(true);
		const outputs = items.filter((i) => i.Direccion === 'OUTPUT');
		expect(outputs.map((i) => `${i.Telefono}/${i.Estado}`)).toEqual([
			'34600000001/1', '34600000001/2', '34600000001/3', '34600000002/1', '34600000002/2', '34600000002/3',
		]);
		// Status reports carry the send's idMensaje and reference.
		expect(new Set(outputs.map((i) => i.idMensaje))).toEqual(new Set([sent[0].json.idMensaje]));
		expect(outputs.every((i) => i.Referencia === 'ref-1' && i.Servicio === 'WHATSAPP' && i.Fecha)).toBe(true);
		const replies = items.filter((i) => i.Direccion === 'INPUT');
		expect(replies).toHaveLength(2);
		expect(replies[0].Mensaje).toEqual({ type: 'text', text: 'Gracias, lo he recibido' });
		expect(replies[0].MensajeRaw).toBe('{"type":"text","text":"Gracias, lo he recibido"}');
	});

	it('reads form-data reports the same way', async () => {
		const trigger = await receiver();
		await sandbox.control('POST', 'mensatek/report-url', { url: trigger.url, format: 'form', replies: true, statuses: [2] });
		await send(['+34 600 000 003']);
		await delivered(2);
		const [status, reply] = trigger.started.flat();
		// Form fields arrive as text: kept as received.
		expect(status).toMatchObject({ Direccion: 'OUTPUT', Estado: '2', Telefono: '34600000003', Referencia: 'ref-1' });
		expect(reply).toMatchObject({ Direccion: 'INPUT', Estado: '8', Mensaje: { type: 'text', text: 'Gracias, lo he recibido' } });
	});

	it('loses none of a burst of reports', async () => {
		await sandbox.config({ mensatekSpamFailures: 0 });
		const trigger = await receiver();
		await sandbox.control('POST', 'mensatek/report-url', { url: trigger.url, format: 'json', statuses: [2] });
		const phones = Array.from({ length: 200 }, (_, i) => `34611${String(i).padStart(6, '0')}`);
		await send(phones);
		// Meanwhile 200 more arrive at once, as from several Mensatek workers.
		const direct = await Promise.all(phones.map((phone) => post(trigger.url, JSON.stringify(report({ Telefono: phone, idMensaje: 1 })), { 'content-type': 'application/json' })));
		expect(direct.map((r) => r.status)).toEqual(Array(200).fill(200));
		const reports = await delivered(200);
		expect(reports.filter((r) => r.status === 200)).toHaveLength(200);

		const items = trigger.started.flat();
		expect(items).toHaveLength(400);
		expect(new Set(items.filter((i) => i.Direccion === 'OUTPUT').map((i) => i.Telefono)).size).toBe(200);
		expect(new Set(items.filter((i) => i.Direccion === 'INPUT').map((i) => i.Telefono)).size).toBe(200);
	});
});

describe('Mensatek Trigger: authentication', () => {
	it('starts the workflow only with the right user and password, and answers 401 otherwise', async () => {
		const trigger = await receiver({ authentication: 'basicAuth' });
		const cases: Array<[string, IDataObject, number]> = [
			['right', { user: AUTH.user, password: AUTH.password }, 200],
			['wrong password', { user: AUTH.user, password: AUTH.password + 'x' }, 401],
			['wrong user', { user: 'someone', password: AUTH.password }, 401],
			['missing', {}, 401],
		];
		for (const [what, auth, status] of cases) {
			await sandbox.control('POST', 'mensatek/report-url', { url: trigger.url, format: 'json', ...auth });
			const answer = await sandbox.control('POST', 'mensatek/report', report({ Telefono: '34600000009' }));
			expect({ what, status: answer.status }).toEqual({ what, status });
		}
		expect(trigger.started).toHaveLength(1);
		const refused = await post(trigger.url, 'not even a report', { authorization: 'Bearer x', 'content-type': 'text/plain' });
		expect(refused.status).toBe(401); // auth is checked before the body
		expect(refused.headers.get('www-authenticate')).toMatch(/^Basic /);
		expect(trigger.started).toHaveLength(1);
	});
});

describe('Mensatek Trigger: a credential that cannot protect it', () => {
	const incomplete: Array<[string, IDataObject, RegExp]> = [
		['an empty password', { user: 'mensatek-reports', password: '' }, /credential has no password/],
		['an empty user', { user: '', password: AUTH.password }, /credential has no user/],
		['neither', { user: '', password: '' }, /credential has no user and no password/],
	];

	for (const [what, credential, message] of incomplete) {
		it(`refuses ${what} when the workflow is activated, and answers 401 should a request come anyway`, async () => {
			const options = { type: 'mensatekTrigger', parameters: { authentication: 'basicAuth', directions: ['INPUT', 'OUTPUT'], options: {} }, credentials: { mensatekWebhookApi: credential } };
			await expect(webhookReceiver(options)).rejects.toMatchObject({ message: expect.stringMatching(message), description: expect.stringContaining('Mensatek panel') });

			// Defence in depth: a trigger listening without that check still lets nobody in.
			const trigger = await webhookReceiver({ ...options, activate: false });
			open.push(trigger);
			const answers = await Promise.all([
				post(trigger.url, JSON.stringify(report()), { 'content-type': 'application/json', authorization: basic(String(credential.user), String(credential.password)) }),
				post(trigger.url, JSON.stringify(report()), { 'content-type': 'application/json', authorization: basic('', '') }),
				post(trigger.url, JSON.stringify(report()), { 'content-type': 'application/json' }),
			]);
			expect(answers.map((a) => a.status)).toEqual([401, 401, 401]);
			expect(trigger.started).toHaveLength(0);
		});
	}

	it('activates with a complete credential, and without authentication', async () => {
		await receiver({ authentication: 'basicAuth' });
		await receiver({ authentication: 'none' }, { credentials: { mensatekWebhookApi: { user: '', password: '' } } });
	});

	it('shows a notice with Authentication None that anyone with the URL can post reports', () => {
		const notice = new MensatekTrigger().description.properties.find((p) => p.type === 'notice' && p.displayOptions?.show?.authentication);
		expect(notice?.displayOptions?.show?.authentication).toEqual(['none']);
		expect(notice?.displayName).toMatch(/Anyone who knows this URL can post reports/);
	});
});

describe('Mensatek Trigger: repeated reports', () => {
	const json = (body: unknown, auth?: string) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) } });
	const send = async (trigger: Receiver, body: unknown) => {
		const { body: text, headers } = json(body);
		const answer = await post(trigger.url, text, headers);
		return { status: answer.status, body: await answer.json() };
	};
	const emitted = (trigger: Receiver) => trigger.started.flat().map((i) => `${i.idMensaje}/${i.Direccion}/${i.Estado}/${i.Telefono}`);

	it('starts one execution for the same report posted twice, and one for each other status, direction or phone', async () => {
		const trigger = await receiver();
		expect(await send(trigger, report())).toEqual({ status: 200, body: { message: 'Workflow was started' } });
		expect(await send(trigger, report())).toEqual({ status: 200, body: { received: 1, started: 0, repeated: 1 } });
		await send(trigger, report({ Direccion: 'OUTPUT', Estado: 8 }));
		await send(trigger, report({ Estado: 9 }));
		await send(trigger, report({ Telefono: '34600000002' })); // one send call gives all its recipients one id
		await send(trigger, report({ Estado: 9 }));
		await send(trigger, [report(), report({ Estado: 10 }), report({ Estado: 10 })]); // repeats inside one body too
		expect(emitted(trigger)).toEqual([
			'10573758/INPUT/8/34600000001',
			'10573758/OUTPUT/8/34600000001',
			'10573758/INPUT/9/34600000001',
			'10573758/INPUT/8/34600000002',
			'10573758/INPUT/10/34600000001',
		]);
	});

	it('starts one execution for 20 copies of a report posted at once', async () => {
		const trigger = await receiver();
		const answers = await Promise.all(Array.from({ length: 20 }, () => send(trigger, report())));
		expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
		expect(trigger.started).toHaveLength(1);
	});

	it('takes every copy when Skip Repeated Reports is off, and each trigger remembers its own', async () => {
		const off = await receiver({ options: { skipRepeated: false } });
		await send(off, report());
		await send(off, report());
		expect(off.started).toHaveLength(2);
		const other = await receiver();
		await send(other, report());
		expect(other.started).toHaveLength(1);
	});

	it('forgets a report after Forget Reports After, and beyond the last 10,000', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			const trigger = await receiver({ options: { repeatWindow: 30 } });
			await send(trigger, report());
			vi.setSystemTime(Date.now() + 29 * 60000);
			await send(trigger, report()); // within 30 minutes: a repeat
			vi.setSystemTime(Date.now() + 2 * 60000);
			await send(trigger, report()); // 31 minutes after the first: taken again
			expect(trigger.started).toHaveLength(2);
		} finally {
			vi.useRealTimers();
		}

		const trigger = await receiver();
		const many = Array.from({ length: 10001 }, (_, i) => report({ idMensaje: 20000000 + i }));
		await send(trigger, many);
		expect(trigger.started.flat()).toHaveLength(10001);
		await send(trigger, many[10000]); // among the last 10,000: a repeat
		await send(trigger, many[0]); // the oldest was forgotten when the 10,001st came: taken again
		expect(trigger.started.slice(1).flat().map((i) => i.idMensaje)).toEqual([20000000]);
	}, 300_000); // generous: one body of 10,001 reports on a loaded machine
});

describe('Mensatek Trigger: Respond', () => {
	const send = async (trigger: Receiver, body: unknown) => {
		const answer = await post(trigger.url, JSON.stringify(body), { 'content-type': 'application/json' });
		return { status: answer.status, body: await answer.json() };
	};

	it('After the Workflow Has Run: a report the workflow failed on gets an error answer, and its copy sent again is taken', async () => {
		let failures = 1;
		const stored: IDataObject[] = [];
		const trigger = await receiver(
			{ responseMode: 'lastNode' },
			{
				run: async (items) => {
					if (failures-- > 0) throw new Error('could not store the execution'); // n8n's database busy
					stored.push(...items);
				},
			},
		);
		expect(await send(trigger, report())).toEqual({ status: 500, body: { message: 'Error in workflow' } });
		expect(stored).toHaveLength(0);
		// Mensatek (or a person) sends it again: not skipped as a repeat, since it was never stored.
		const again = await send(trigger, report());
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ idMensaje: 10573758, Estado: 8 }); // the last node's first item
		expect(stored).toHaveLength(1);
		// Now it was stored: a third copy is a repeat.
		expect(await send(trigger, report())).toEqual({ status: 200, body: { received: 1, started: 0, repeated: 1 } });
		expect(stored).toHaveLength(1);
	});

	/** A workflow whose first run waits until `release` is called, then succeeds or fails; later runs succeed. */
	function heldRun() {
		let release!: (fail: boolean) => void;
		const gate = new Promise<boolean>((resolve) => (release = resolve));
		const stored: IDataObject[] = [];
		let runs = 0;
		return {
			stored,
			release,
			run: async (items: IDataObject[]) => {
				if (runs++ === 0 && (await gate)) throw new Error('could not store the execution');
				stored.push(...items);
			},
		};
	}
	const until = async (check: () => boolean) => {
		while (!check()) await new Promise((r) => setTimeout(r, 10));
	};

	it('After the Workflow Has Run: a copy that arrives while the first still runs gets 503, and is a repeat once the first was stored', async () => {
		const held = heldRun();
		const trigger = await receiver({ responseMode: 'lastNode' }, { run: held.run });
		const first = send(trigger, report());
		await until(() => trigger.started.length === 1);
		const copy = await post(trigger.url, JSON.stringify(report()), { 'content-type': 'application/json' });
		expect(copy.status).toBe(503);
		expect(copy.headers.get('retry-after')).toBe('10');
		expect(await copy.json()).toEqual({ error: 'A copy of this report is still being handled. Send it again later.' });
		expect(trigger.started).toHaveLength(1);
		held.release(false);
		expect((await first).status).toBe(200);
		expect(await send(trigger, report())).toEqual({ status: 200, body: { received: 1, started: 0, repeated: 1 } });
		expect(held.stored).toHaveLength(1);
	});

	it('After the Workflow Has Run: a copy refused while the first ran is taken when sent again after the first failed', async () => {
		const held = heldRun();
		const trigger = await receiver({ responseMode: 'lastNode' }, { run: held.run });
		const first = send(trigger, report());
		await until(() => trigger.started.length === 1);
		// Another report in the same request as the running copy: nothing of the request is taken.
		const other = { ...report(), idMensaje: 10573759 };
		expect((await post(trigger.url, JSON.stringify([other, report()]), { 'content-type': 'application/json' })).status).toBe(503);
		held.release(true);
		expect((await first).status).toBe(500);
		const again = await send(trigger, [other, report()]);
		expect(again.status).toBe(200);
		expect(trigger.started).toHaveLength(2);
		expect(trigger.started[1].map((item) => item.idMensaje)).toEqual([10573759, 10573758]);
	});

	it('After the Workflow Has Run: when the sender stops waiting, a later copy is a repeat (n8n goes on with the run)', async () => {
		const held = heldRun();
		const trigger = await receiver({ responseMode: 'lastNode' }, { run: held.run });
		const gaveUp = new AbortController();
		const first = fetch(trigger.url, { method: 'POST', body: JSON.stringify(report()), headers: { 'content-type': 'application/json' }, signal: gaveUp.signal });
		await until(() => trigger.started.length === 1);
		gaveUp.abort();
		await expect(first).rejects.toThrow();
		// The server sees the connection close; then a copy comes.
		let answer = await send(trigger, report());
		for (let attempt = 0; answer.status === 503 && attempt < 100; attempt++) answer = await send(trigger, report());
		expect(answer).toEqual({ status: 200, body: { received: 1, started: 0, repeated: 1 } });
		held.release(false);
		await until(() => held.stored.length === 1);
		expect(trigger.started).toHaveLength(1);
	});

	it('Immediately (the default): 200 before the workflow runs, so a failed run is not seen by Mensatek', async () => {
		const trigger = await receiver({}, { run: async () => Promise.reject(new Error('could not store the execution')) });
		expect(await send(trigger, report())).toEqual({ status: 200, body: { message: 'Workflow was started' } });
		expect(trigger.started).toHaveLength(1);
	});
});

describe('Mensatek Trigger: bodies it cannot read', () => {
	const bodies: Array<[string, BodyInit, Record<string, string>]> = [
		['plain text', 'hello', { 'content-type': 'text/plain' }],
		['an empty JSON object', '{}', { 'content-type': 'application/json' }],
		['a JSON list of numbers', '[1, 2]', { 'content-type': 'application/json' }],
		['a JSON string', '"Estado=8"', { 'content-type': 'application/json' }],
		['JSON without any report field', '{"hello": "world"}', { 'content-type': 'application/json' }],
		['an empty body', '', {}],
		['bytes', Buffer.from([0xff, 0x00, 0x13]) as unknown as BodyInit, { 'content-type': 'application/octet-stream' }],
	];
	for (const [what, body, headers] of bodies) {
		it(`answers 400 to ${what} and starts nothing`, async () => {
			const trigger = await receiver();
			const answer = await post(trigger.url, body, headers);
			expect(answer.status).toBe(400);
			expect((await answer.json()).error).toMatch(/report/);
			expect(trigger.started).toHaveLength(0);
		});
	}

	it('answers 400 to form-data without report fields', async () => {
		const trigger = await receiver();
		const form = new FormData();
		form.append('foo', 'bar');
		expect((await post(trigger.url, form)).status).toBe(400);
		expect(trigger.started).toHaveLength(0);
	});

	it('reads a JSON report sent without a content type, and keeps a Mensaje that is not JSON as text', async () => {
		const trigger = await receiver();
		expect((await post(trigger.url, JSON.stringify(report({ Mensaje: 'hola, sin JSON' })))).status).toBe(200);
		expect(trigger.started.flat()[0]).toMatchObject({ Estado: 8, Mensaje: 'hola, sin JSON' });
	});
});

describe('Mensatek Trigger: filters', () => {
	const reports = [
		report({ Direccion: 'INPUT', Estado: 8, Tipo: 'text' }),
		report({ Direccion: 'INPUT', Estado: 8, Tipo: 'image', Mensaje: '{"type":"image"}', idMensaje: 10573759 }), // another incoming message
		report({ Direccion: 'OUTPUT', Estado: 2, Tipo: 'TEXTO', Mensaje: undefined }),
		report({ Direccion: 'OUTPUT', Estado: 3, Tipo: 'TEXTO', Mensaje: undefined }),
	];
	const deliver = async (parameters: IDataObject) => {
		const trigger = await receiver(parameters);
		const answers = [];
		for (const body of reports) answers.push(await post(trigger.url, JSON.stringify(body), { 'content-type': 'application/json' }));
		return { trigger, answers: await Promise.all(answers.map(async (a) => ({ status: a.status, body: await a.json() }))) };
	};
	const started = (trigger: Receiver) => trigger.started.flat().map((i) => `${i.Direccion}/${i.Estado}/${i.Tipo}`);

	it('by direction', async () => {
		const { trigger, answers } = await deliver({ directions: ['OUTPUT'] });
		expect(started(trigger)).toEqual(['OUTPUT/2/TEXTO', 'OUTPUT/3/TEXTO']);
		// Filtered reports are acknowledged (Mensatek delivered them fine) and start nothing.
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
		expect(answers[0].body).toEqual({ received: 1, started: 0 });
	});

	it('by message type, ignoring case', async () => {
		const { trigger } = await deliver({ options: { messageTypes: 'Text, texto' } });
		expect(started(trigger)).toEqual(['INPUT/8/text', 'OUTPUT/2/TEXTO', 'OUTPUT/3/TEXTO']);
	});

	it('by status code', async () => {
		const { trigger } = await deliver({ options: { statusCodes: '3, 8' } });
		expect(started(trigger)).toEqual(['INPUT/8/text', 'INPUT/8/image', 'OUTPUT/3/TEXTO']);
	});

	it('refuses a status filter that is not numbers instead of dropping reports', async () => {
		const { trigger, answers } = await deliver({ options: { statusCodes: 'delivered' } });
		expect(answers.map((a) => a.status)).toEqual([500, 500, 500, 500]);
		expect(answers[0].body.message).toMatch(/Status Codes "delivered" must be whole numbers/);
		expect(trigger.started).toHaveLength(0);
	});
});
