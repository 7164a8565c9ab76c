// A demo scene for the sandbox phone: sends of every kind through the providers' own HTTP APIs
// (as the nodes make them), a few customer answers and status changes. Used by
// `npm run screenshots` for the README's pictures of the simulator.
import zlib from 'node:zlib';
import { DEMO_CREDENTIALS } from '../sandbox/demo-credentials.mjs';

const OVO = { 'client-id': DEMO_CREDENTIALS.ovoWppApi.clientId, 'client-secret': DEMO_CREDENTIALS.ovoWppApi.clientSecret };

/** A small striped PNG, made here so the scene needs no image file. */
export function demoPng(width = 320, height = 180) {
	const rows = [];
	for (let y = 0; y < height; y++) {
		const row = Buffer.alloc(1 + width * 3);
		for (let x = 0; x < width; x++) {
			const band = Math.floor((x + y) / 24) % 2;
			row.set(band ? [0, 128, 105] : [37, 211, 102], 1 + x * 3);
		}
		rows.push(row);
	}
	const chunk = (type, data) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(zlib.crc32(body) >>> 0);
		return Buffer.concat([len, body, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 2, 0, 0, 0], 8);
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export async function playScene(url) {
	const post = async (path, body, headers = {}) => {
		const init = { method: 'POST', headers: { ...headers } };
		if (body instanceof FormData) init.body = body;
		else {
			init.headers['content-type'] = 'application/json';
			init.body = JSON.stringify(body);
		}
		const res = await fetch(url + path, init);
		const text = await res.text();
		if (!res.ok) throw new Error(`${path} → ${res.status} ${text}`);
		return text;
	};
	const ovo = (path, body) => post(`/ovowpp/external-api/${path}`, body, OVO);
	const maria = { mobile_code: '55', mobile: '11988887777' };

	await post('/_sandbox/phone/settings', { auto: false });
	await ovo('inbox/send-template-message', { ...maria, template_id: 3, body_variables: ['Maria', '#A-1001'], header_variables: [] }).catch(() => {});
	const image = new FormData();
	image.append('mobile_code', '55');
	image.append('mobile', '11988887777');
	image.append('message', 'Your order, packed and ready');
	image.append('image', new Blob([demoPng()], { type: 'image/png' }), 'order.png');
	await ovo('inbox/send-message', image);
	const doc = new FormData();
	doc.append('mobile_code', '55');
	doc.append('mobile', '11988887777');
	doc.append('document', new Blob([PDF], { type: 'application/pdf' }), 'invoice-A-1001.pdf');
	await ovo('inbox/send-message', doc);
	await ovo('inbox/send-message', { ...maria, latitude: '-23.5614', longitude: '-46.6559', name: 'Tienda Demo', address: 'Av. Paulista, 1000' });
	await ovo('inbox/send-message', { ...maria, cta_url_id: 1 });
	await ovo('inbox/send-message', { ...maria, interactive_list_id: 1 });
	await post('/_sandbox/phone/answer', { provider: 'ovowpp', phone: '5511988887777', text: 'Obrigada! When does it arrive?' });
	await ovo('inbox/send-message', { mobile_code: '1', mobile: '2025550123', message: 'Approve the refund? https://n8n.example/webhook-waiting/42?approved=true' });

	const messages = JSON.parse(await (await fetch(`${url}/_sandbox/messages?provider=ovowpp`)).text()).messages;
	const statuses = ['read', 'read', 'read', 'delivered', 'delivered', 'sent', 'failed'];
	for (const [i, m] of messages.entries()) if (statuses[i]) await post('/_sandbox/phone/status', { id: m.id, status: statuses[i] });

	// Mensatek: a template to two customers, one answers
	const auth = 'Basic ' + Buffer.from(`${DEMO_CREDENTIALS.mensatekApi.apiUser}:${DEMO_CREDENTIALS.mensatekApi.apiToken}`).toString('base64');
	await post(
		'/mensatek/v7/EnviarWHATSAPP',
		{
			Resp: 'JSON',
			Tipomensaje: 'PLANTILLA',
			Datosmensaje: { Plantilla: 'confirmacion_pedido' },
			Destinatarios: [
				{ Telefono: '34600111222', Nombre: 'Lucía', Pedido: 'M-9001' },
				{ Telefono: '34611222333', Nombre: 'Javier', Pedido: 'M-9002' },
			],
			Report: 1,
			Referenciausuario: 'M-9001',
		},
		{ authorization: auth },
	);
	await post('/_sandbox/phone/answer', { provider: 'mensatek', phone: '34600111222', text: '¿Puedo recogerlo en tienda?' });

	// Wolkvox: a template with header and footer, then the customer's answer opens the window
	await post('/wolkvox/api/v2/whatsapp.php?api=send_template_official', { connector_id: '1001', telephone: '573001112233', template_name: 'appointment_reminder', template_vars: 'Ana;lunes 3;10:00', customer_id: '', url_attach: '' }, { 'wolkvox-token': DEMO_CREDENTIALS.wolkvoxApi.token });
	await post('/_sandbox/phone/answer', { provider: 'wolkvox', phone: '573001112233', text: 'Perfecto, allí estaré' });
	await post('/_sandbox/phone/settings', { auto: true });
}
