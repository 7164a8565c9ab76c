// The sandbox's phone simulator in Chromium: what a workflow sends appears in its customer's
// thread, WhatsApp-like, with delivery ticks that move live (server-sent events, no reload), and
// every status change is reported the way the provider reports it. Workflows run through n8n-core
// (test/helpers/harness.mts) against the sandbox over real HTTP.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain, runWorkflow } from '../helpers/harness';
import { itemsNode } from '../helpers/test-nodes';
// @ts-ignore plain ESM module without types
import { DEMO_CREDENTIALS } from '../../sandbox/demo-credentials.mjs';
import { eventually, openPhone, type Json } from './helpers';

type Phone = Awaited<ReturnType<typeof openPhone>>;
let phone: Phone;
// a stand-in for the Mensatek Trigger's URL: every report the sandbox posts
const reports: Json[] = [];
let receiver: http.Server;
let receiverUrl = '';

const credentials = (type: keyof typeof DEMO_CREDENTIALS) =>
	Object.fromEntries(Object.entries(DEMO_CREDENTIALS[type] as Record<string, string>).map(([k, v]) => [k, String(v).replace('{url}', phone.sandbox.url)]));

beforeAll(async () => {
	receiver = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			reports.push(JSON.parse(body));
			res.end('ok');
		});
	});
	await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/report`;
	phone = await openPhone();
});

afterAll(async () => {
	await phone?.close();
	await new Promise((r) => receiver?.close(r));
});

async function sendOvoText(text: string) {
	const node = {
		name: 'OvoWpp',
		type: 'n8n-nodes-whatsapp-gateways.ovoWpp',
		typeVersion: 1,
		parameters: { resource: 'message', operation: 'send', countryCode: '55', mobile: '11 98888-7777', messageType: 'text', text },
		credentials: { ovoWppApi: { id: '1', name: 'OvoWpp (sandbox)' } },
	};
	const result = await runWorkflow(chain(itemsNode([{ json: {} }]), node), { ovoWppApi: credentials('ovoWppApi') });
	expect(result.error('OvoWpp')).toBeUndefined();
	expect(result.output('OvoWpp')[0].json.sent).toBe(true);
}

const bubble = (text: string) => phone.page.locator('.bubble.out', { hasText: text });
const ovoMessage = async (text: string) => {
	const dump = await phone.control('GET', 'ovowpp/data');
	return dump.messages.find((m: Json) => m.message === text);
};

describe('the sandbox phone in Chromium', () => {
	it('shows a text a workflow sent in its customer’s thread with one grey tick, then delivered and read ticks set by hand, reported in OvoWpp’s API', async () => {
		await phone.control('POST', 'reset', {});
		const { page } = phone;
		// a marker that a reload would wipe: the updates below must arrive live
		await page.evaluate(() => ((window as Json).__sameDocument = true));
		await sendOvoText('Hola Maria, tu pedido salió hoy https://example.com/track/1');

		await phone.openChat('ovowpp', '5511988887777');
		await expect.poll(() => page.textContent('#thread-name')).toBe('Maria Silva');
		const sent = bubble('tu pedido salió hoy');
		await sent.waitFor();
		expect(await sent.getAttribute('data-status')).toBe('sent');
		expect(await sent.locator('.ticks').textContent()).toBe('✓');
		// the link in the text can be clicked
		expect(await sent.locator('a[href="https://example.com/track/1"]').count()).toBe(1);
		expect((await ovoMessage('Hola Maria, tu pedido salió hoy https://example.com/track/1')).status).toBe(1);

		await sent.locator('summary').click();
		await sent.locator('button[data-set-status="delivered"]').click();
		await page.waitForSelector('.bubble.out[data-status="delivered"] .ticks.delivered');
		expect(await bubble('tu pedido salió hoy').locator('.ticks').textContent()).toBe('✓✓');
		expect((await ovoMessage('Hola Maria, tu pedido salió hoy https://example.com/track/1')).status).toBe(2);

		await bubble('tu pedido salió hoy').locator('button[data-set-status="read"]').click();
		await page.waitForSelector('.bubble.out[data-status="read"] .ticks.read');
		// read ticks are blue, as on a phone
		expect(await page.locator('.ticks.read').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(83, 189, 235)');
		expect((await ovoMessage('Hola Maria, tu pedido salió hoy https://example.com/track/1')).status).toBe(3);
		expect(await page.evaluate(() => (window as Json).__sameDocument)).toBe(true);
		expect(phone.errors).toEqual([]);
	});

	it('moves a new message sent → delivered → read on the timeline set in the controls, and a failure set by hand shows a red mark and status 9', async () => {
		await phone.control('POST', 'reset', {});
		const { page } = phone;
		await page.click('#open-controls');
		await page.check('#auto');
		await page.fill('#deliveredAfterMs', '300');
		await page.fill('#readAfterMs', '600');
		await page.locator('#readAfterMs').dispatchEvent('change');
		await eventually(async () => (await phone.control('GET', 'phone/state')).settings.readAfterMs === 600, 'the timeline setting');
		await page.click('#close-controls');

		await sendOvoText('Second message');
		await phone.openChat('ovowpp', '5511988887777');
		await page.waitForSelector('.bubble.out[data-status="read"] >> text=Second message');
		const state = await phone.control('GET', 'phone/state');
		const maria = state.providers.ovowpp.customers.find((c: Json) => c.phone === '5511988887777');
		const message = maria.messages.find((m: Json) => m.text === 'Second message');
		expect(message.history.map((h: Json) => [h.status, h.by])).toEqual([
			['sent', 'provider'],
			['delivered', 'timeline'],
			['read', 'timeline'],
		]);
		expect((await ovoMessage('Second message')).status).toBe(3);

		await bubble('Second message').locator('summary').click();
		await bubble('Second message').locator('button[data-set-status="failed"]').click();
		await page.waitForSelector('.bubble.out[data-status="failed"] .ticks.failed');
		expect(await bubble('Second message').locator('.ticks').textContent()).toBe('⚠');
		expect((await ovoMessage('Second message')).status).toBe(9);
	});

	it('reports each status change of a Mensatek message sent with reports as an OUTPUT report to the report URL', async () => {
		await phone.control('POST', 'reset', {});
		reports.length = 0;
		// the sandbox's own immediate reports off: the phone reports the statuses as they change
		await phone.control('POST', 'mensatek/report-url', { url: receiverUrl, statuses: [] });
		const node = {
			name: 'Mensatek',
			type: 'n8n-nodes-whatsapp-gateways.mensatek',
			typeVersion: 1,
			parameters: {
				resource: 'message',
				operation: 'send',
				phone: '+34 600 111 222',
				messageType: 'PLANTILLA',
				templateId: '610000000000002',
				templateVariables: { mappingMode: 'defineBelow', value: { Nombre: 'Lucía', Pedido: 'M-9001' }, matchingColumns: [], schema: [] },
				options: { report: true, reference: 'M-9001' },
			},
			credentials: { mensatekApi: { id: '1', name: 'Mensatek (sandbox)' } },
		};
		const result = await runWorkflow(chain(itemsNode([{ json: {} }]), node), { mensatekApi: credentials('mensatekApi') });
		expect(result.error('Mensatek')).toBeUndefined();
		const { page } = phone;
		await phone.openChat('mensatek', '34600111222');
		const sent = bubble('tu pedido M-9001 está confirmado');
		await sent.waitFor();
		// a template shows as the customer reads it: variables filled, its name above
		expect(await sent.locator('.tag').textContent()).toBe('template confirmacion_pedido');
		expect(await page.textContent('#thread-name')).toBe('Lucía');
		expect(reports).toEqual([]);

		await sent.locator('summary').click();
		await sent.locator('button[data-set-status="delivered"]').click();
		await page.waitForSelector('.bubble.out[data-status="delivered"]');
		await bubble('tu pedido M-9001').locator('button[data-set-status="read"]').click();
		await page.waitForSelector('.bubble.out[data-status="read"]');
		await eventually(() => reports.length === 2, 'two OUTPUT reports');
		const idMensaje = (await phone.control('GET', 'messages?provider=mensatek')).messages[0].idMensaje;
		expect(reports).toMatchObject([
			{ Servicio: 'WHATSAPP', Direccion: 'OUTPUT', Estado: 2, Telefono: '34600111222', NombreDestinatario: 'Lucía', idMensaje, Referencia: 'M-9001', Tipo: 'PLANTILLA' },
			{ Direccion: 'OUTPUT', Estado: 3, idMensaje },
		]);
		expect(reports[0].Fecha).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
	});

	it('renders a location, a CTA URL, an interactive list and a document as WhatsApp shows them; a list row answers as the customer', async () => {
		await phone.control('POST', 'reset', {});
		const { baseUrl, clientId, clientSecret } = credentials('ovoWppApi');
		const headers = { 'client-id': clientId, 'client-secret': clientSecret };
		const send = async (body: Json) => {
			const r = await fetch(`${baseUrl}/inbox/send-message`, { method: 'POST', headers, body });
			expect((await r.json()).status).toBe('success');
		};
		const form = (fields: Record<string, string>, file?: [string, Blob, string]) => {
			const data = new FormData();
			for (const [k, v] of Object.entries({ mobile_code: '55', mobile: '11988887777', ...fields })) data.append(k, v);
			if (file) data.append(...file);
			return data;
		};
		await send(form({ latitude: '-23.5614', longitude: '-46.6559', name: 'Tienda Demo', address: 'Av. Paulista, 1000' }));
		await send(form({ cta_url_id: '1' }));
		await send(form({ interactive_list_id: '1' }));
		await send(form({}, ['document', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'invoice.pdf']));

		const { page } = phone;
		await phone.openChat('ovowpp', '5511988887777');
		const location = page.locator('.bubble.out[data-kind="location"] a.loc');
		await location.waitFor();
		expect(await location.textContent()).toContain('-23.5614, -46.6559');
		expect(await location.getAttribute('href')).toContain('mlat=-23.5614&mlon=-46.6559');
		expect(await page.locator('.bubble.out[data-kind="cta_url"] .buttons a').getAttribute('href')).toBe('https://example.com/store');
		const doc = page.locator('.bubble.out[data-kind="document"]');
		expect(await doc.locator('.doc-name').textContent()).toBe('invoice.pdf');
		const download = await doc.locator('a[download]').getAttribute('href');
		expect(await (await fetch(phone.sandbox.url + download)).text()).toBe('%PDF-1.4\n%%EOF\n');

		await page.locator('.bubble.out[data-kind="interactive_list"] button[data-reply="Talk to a person"]').click();
		await page.waitForSelector('.bubble.in >> text="Talk to a person"');
		const dump = await phone.control('GET', 'ovowpp/data');
		expect(dump.messages.at(-1)).toMatchObject({ type: 2, message: 'Talk to a person', conversation_id: 1 });
	});

	it('sends a file picked in the thread as the customer’s message: OvoWpp stores it as received media, the bubble offers it back', async () => {
		await phone.control('POST', 'reset', {});
		const { page } = phone;
		await phone.openChat('ovowpp', '5511988887777');
		await page.setInputFiles('#file', { name: 'receipt.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 receipt\n') });
		await page.fill('#text', 'My receipt');
		await page.click('#send');
		const sent = page.locator('.bubble.in[data-kind="document"]');
		await sent.waitFor();
		expect(await sent.locator('.doc-name').textContent()).toBe('receipt.pdf');
		const href = await sent.locator('a[download]').getAttribute('href');
		expect(await (await fetch(phone.sandbox.url + href)).text()).toBe('%PDF-1.4 receipt\n');
		const dump = await phone.control('GET', 'ovowpp/data');
		expect(dump.messages.at(-1)).toMatchObject({ type: 2, message: 'My receipt', media_type: 'document', message_type: 4, media_filename: 'receipt.pdf', mime_type: 'application/pdf' });
	});

	it('ends a chat preview cut by the list’s width with “…”, and draws its icons as SVG, not emoji (no emoji font needed)', async () => {
		await phone.control('POST', 'reset', {});
		const { page } = phone;
		const { baseUrl, clientId, clientSecret } = credentials('ovoWppApi');
		const text = 'Approve the refund? https://n8n.example/webhook-waiting/42?approved=true';
		const r = await fetch(`${baseUrl}/inbox/send-message`, {
			method: 'POST',
			headers: { 'client-id': clientId, 'client-secret': clientSecret, 'content-type': 'application/json' },
			body: JSON.stringify({ mobile_code: '55', mobile: '11988887777', message: text }),
		});
		expect(r.status).toBeLessThan(300);
		await phone.openChat('ovowpp', '5511988887777');
		const preview = page.locator('#chat-list li[data-phone="5511988887777"] .chat-preview');
		await expect.poll(() => preview.textContent()).toContain('Approve the refund?');
		const cut = await preview.evaluate((e) => {
			const style = getComputedStyle(e);
			const list = document.querySelector('#chat-list')!.getBoundingClientRect();
			// text-overflow draws "…" only on a block box whose content overflows it
			return { overflows: e.scrollWidth > e.clientWidth, ellipsis: style.textOverflow, display: style.display, inside: e.getBoundingClientRect().right <= list.right };
		});
		expect(cut).toEqual({ overflows: true, ellipsis: 'ellipsis', display: 'block', inside: true });
		for (const icon of ['.brand svg', '.attach svg']) expect((await page.locator(icon).boundingBox())!.width).toBeGreaterThan(10);
		// pictographs beyond the first plane (📱 📎 📍 📄 …) need an emoji font
		expect(await page.evaluate(() => document.body.innerText.match(/[\u{1F000}-\u{1FAFF}]/gu))).toBeNull();
	});

	it('fits a phone-sized screen: the chat list, then the thread with a back button', async () => {
		const small = await openPhone({}, { width: 390, height: 844 });
		try {
			// a sandbox of its own, sent to over the API as the node does
			const { baseUrl, clientId, clientSecret } = { ...credentials('ovoWppApi'), baseUrl: `${small.sandbox.url}/ovowpp/external-api` };
			await fetch(`${baseUrl}/inbox/send-message`, {
				method: 'POST',
				headers: { 'client-id': clientId, 'client-secret': clientSecret, 'content-type': 'application/json' },
				body: JSON.stringify({ mobile_code: '55', mobile: '11988887777', message: 'On a small screen' }),
			});
			const { page } = small;
			await small.openChat('ovowpp', '5511988887777');
			await page.waitForSelector('.bubble.out >> text=On a small screen');
			expect(await page.isVisible('#chat-list')).toBe(false);
			const box = await page.locator('.bubble.out').boundingBox();
			expect(box!.x + box!.width).toBeLessThanOrEqual(390);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
			await page.click('#back');
			expect(await page.isVisible('#chat-list')).toBe(true);
		} finally {
			await small.close();
		}
	});
});
