// The phone simulator's API (sandbox/phone), over real HTTP: what a customer's answer becomes for
// each provider, and the Wolkvox window it opens. The page itself is tested in test/browser.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox({ phone: { wolkvoxWindowHours: 24 } });
const answer = (body: Record<string, unknown>) => sandbox.control('POST', 'phone/answer', body);
const reports: Array<{ auth?: string; body: Record<string, unknown> }> = [];
let receiver: http.Server;
let receiverUrl = '';

beforeAll(async () => {
	receiver = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			reports.push({ auth: req.headers.authorization, body: JSON.parse(body) });
			res.end('ok');
		});
	});
	await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
});
afterAll(() => new Promise((r) => receiver.close(r)));

async function wolkvoxText(telephone: string) {
	const { baseUrl, token } = sandbox.credentials('wolkvoxApi');
	const r = await fetch(`${baseUrl}/api/v2/whatsapp.php?api=send_message_official`, {
		method: 'POST',
		headers: { 'wolkvox-token': token, 'content-type': 'application/json' },
		body: JSON.stringify({ connector_id: '1001', telephone, message: 'Free text' }),
	});
	return { status: r.status, body: await r.json() };
}

describe('the sandbox phone: a customer answers', () => {
	it('Wolkvox: free text is refused until the customer writes, then accepted inside the window', async () => {
		const refused = await wolkvoxText('573001112233');
		expect(refused.status).toBe(400);
		expect(refused.body.msg).toMatch(/OUTSIDE THE 24 HOUR WINDOW/);
		expect(await sandbox.messages('wolkvox')).toEqual([]);

		const opened = await answer({ provider: 'wolkvox', phone: '+57 300 111 2233', text: 'Hola' });
		expect(opened.window).toMatchObject({ window: '1001:573001112233', hours: 24 });
		expect((await wolkvoxText('573001112233')).status).toBe(201);
		// another customer's window is still closed
		expect((await wolkvoxText('573009998877')).status).toBe(400);
		const state = await sandbox.control('GET', 'phone/state');
		const thread = state.providers.wolkvox.customers.find((c: { phone: string }) => c.phone === '573001112233');
		expect(thread.messages.map((m: { dir: string; text: string }) => [m.dir, m.text])).toEqual([
			['in', 'Hola'],
			['out', 'Free text'],
		]);
	});

	it('OvoWpp: an incoming message of the conversation, moving last_message_at and updated_at as the trigger reads them', async () => {
		const before = (await sandbox.control('GET', 'ovowpp/data')).conversations.find((c: { id: number }) => c.id === 1);
		const result = await answer({ provider: 'ovowpp', phone: '5511988887777', text: 'Oi de novo' });
		const after = (await sandbox.control('GET', 'ovowpp/data')).conversations.find((c: { id: number }) => c.id === 1);
		expect(result.message).toMatchObject({ type: 2, message: 'Oi de novo', conversation_id: 1, status: 2 });
		expect(after.last_message_at > before.last_message_at).toBe(true);
		expect(after.last_message_at).toBe(result.message.created_at);
		expect(after.updated_at).toBe(result.message.created_at);
		// a number that is not a contact yet: a new contact and conversation, split as the product stores it
		const fresh = await answer({ provider: 'ovowpp', phone: '34699000111', text: 'Hola', name: 'Ana Pérez' });
		const dump = await sandbox.control('GET', 'ovowpp/data');
		const conversation = dump.conversations.find((c: { id: number }) => c.id === fresh.conversation);
		expect(conversation.contact).toMatchObject({ mobile_code: '34', mobile: '699000111', firstname: 'Ana', lastname: 'Pérez' });
	});

	it('Mensatek: an INPUT report with the documented fields to the report URL, with its Basic auth', async () => {
		reports.length = 0;
		await sandbox.control('POST', 'mensatek/report-url', { url: receiverUrl, user: 'u', password: 'p', statuses: [] });
		const result = await answer({ provider: 'mensatek', phone: '34600111222', text: '¿Hay stock?', name: 'Lucía' });
		expect(result).toMatchObject({ delivered: true, status: 200 });
		expect(reports).toHaveLength(1);
		expect(reports[0].auth).toBe('Basic ' + Buffer.from('u:p').toString('base64'));
		const report = reports[0].body;
		expect(Object.keys(report)).toEqual(['Servicio', 'Direccion', 'Estado', 'Telefono', 'NombreDestinatario', 'Fecha', 'idMensaje', 'Referencia', 'Tipo', 'Mensaje']);
		expect(report).toMatchObject({ Servicio: 'WHATSAPP', Direccion: 'INPUT', Estado: 8, Telefono: '34600111222', NombreDestinatario: 'Lucía', Tipo: 'text' });
		expect(JSON.parse(String(report.Mensaje))).toEqual({ type: 'text', text: '¿Hay stock?' });
	});

	it('refuses an answer without text or file, and a status outside sent, delivered, read, failed', async () => {
		await expect(answer({ provider: 'ovowpp', phone: '5511988887777', text: ' ' })).rejects.toThrow(/Type a message or pick a file/);
		await expect(sandbox.control('POST', 'phone/status', { id: 1, status: 'lost' })).rejects.toThrow(/status must be one of sent, delivered, read, failed/);
	});
});

describe('the sandbox phone: what the page shows', () => {
	const chat = async (provider: string, phone: string) =>
		(await sandbox.control('GET', 'phone/state')).providers[provider].customers.find((c: { phone: string }) => c.phone === phone);

	it('cuts a long chat preview at 60 characters with "…" and keeps a short one whole', async () => {
		const long = 'Hola, quería saber si el pedido M-9001 sale hoy o mañana, y a qué hora llega a Bogotá';
		await answer({ provider: 'wolkvox', phone: '573001112233', text: long });
		const preview = (await chat('wolkvox', '573001112233')).last.preview;
		expect(preview).toBe('Hola, quería saber si el pedido M-9001 sale hoy o mañana, y…');
		expect(Array.from(preview)).toHaveLength(60);
		await answer({ provider: 'wolkvox', phone: '573009998877', text: 'Gracias' });
		expect((await chat('wolkvox', '573009998877')).last.preview).toBe('Gracias');
	});

	it('names a file in the preview in words, and serves page, script, styles and inbox without emoji an emoji-less machine shows as boxes', async () => {
		const form = new FormData();
		form.append('provider', 'wolkvox');
		form.append('phone', '573001112233');
		form.append('file', new Blob([Buffer.from('%PDF-1.4\n')], { type: 'application/pdf' }), 'receipt.pdf');
		// multipart as the phone page posts it (its own Origin: the control API refuses other sites' forms)
		const r = await fetch(`${sandbox.url}/_sandbox/phone/answer`, { method: 'POST', headers: { origin: sandbox.url }, body: form });
		expect(r.status).toBe(200);
		expect((await chat('wolkvox', '573001112233')).last.preview).toBe('Document: receipt.pdf');

		// a sent file too, for the inbox view's file line
		const { baseUrl, clientId, clientSecret } = { ...sandbox.credentials('ovoWppApi') };
		const sent = new FormData();
		for (const [k, v] of Object.entries({ mobile_code: '55', mobile: '11988887777' })) sent.append(k, v);
		sent.append('document', new Blob([Buffer.from('%PDF-1.4\n')], { type: 'application/pdf' }), 'invoice.pdf');
		const s = await fetch(`${baseUrl}/inbox/send-message`, { method: 'POST', headers: { 'client-id': clientId, 'client-secret': clientSecret }, body: sent });
		expect(s.status).toBeLessThan(300);
		const pages: Record<string, string> = {};
		for (const path of ['', 'ui/phone.js', 'ui/phone.css', 'inbox', 'phone/state']) pages[path] = await (await fetch(`${sandbox.url}/_sandbox/${path}`)).text();
		expect(pages.inbox).toContain('File: invoice.pdf');
		// pictographs beyond the first plane (📱 📎 📍 📄 …) are in emoji fonts only
		for (const [path, text] of Object.entries(pages)) expect([path, text.match(/[\u{1F000}-\u{1FAFF}]/gu)]).toEqual([path, null]);
		expect(pages['']).toMatch(/<strong class="brand"><svg [^>]*>.*<\/svg> Sandbox phone<\/strong>/);
		expect(pages['']).toMatch(/<label class="icon attach"[^>]*><svg /);
	});
});
