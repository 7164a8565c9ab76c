// Wolkvox › Message: each send operation through n8n-core against the sandbox, and the checks made
// before any call (a refused call still spends the daily budget).
import { afterEach, describe, expect, it } from 'vitest';
import { mobileSpacing } from '../../nodes/Wolkvox/actions/message/sendMobile';
import { useSandbox } from '../helpers/sandbox';
import { runWolkvox } from './wolkvox-helpers';

const sandbox = useSandbox();
const messages = () => sandbox.messages('wolkvox');

describe('Wolkvox › Message › Send Template', () => {
	it('sends the template with its variables joined by ";" and every documented field', async () => {
		const { out, error } = await runWolkvox(sandbox, [{ json: { name: 'Ana', order: 'A-77', phone: '+57 (300) 123-4567' } }], {
			resource: 'message',
			operation: 'sendTemplate',
			connectorId: '1001',
			phone: '={{$json.phone}}',
			templateName: 'order_confirmation',
			templateVariables: { variable: [{ value: '={{$json.name}}' }, { value: '={{$json.order}}' }] },
			options: { customerId: 'CRM-42' },
		});
		expect(error).toBeUndefined();
		expect(out).toHaveLength(1);
		expect(out[0].json).toEqual({
			sent: true,
			connectorId: '1001',
			to: '573001234567',
			templateName: 'order_confirmation',
			variables: ['Ana', 'A-77'],
			code: 201,
			msg: 'Message has been sent successfully',
		});
		expect(out[0].pairedItem).toEqual({ item: 0 });
		const [message] = await messages();
		expect(message).toMatchObject({ to: '573001234567', type: 'template', text: 'Hola Ana, tu pedido A-77 está confirmado.' });
		expect(message.content).toEqual({
			connector_id: '1001',
			telephone: '573001234567',
			template_name: 'order_confirmation',
			template_vars: 'Ana;A-77',
			customer_id: 'CRM-42',
			url_attach: '',
		});
	});

	it('sends a template without variables with template_vars "" and an attachment link', async () => {
		const { out, error } = await runWolkvox(sandbox, [{}], {
			resource: 'message',
			operation: 'sendTemplate',
			connectorId: '1001',
			phone: '573001234567',
			templateName: 'welcome_message',
			options: { attachmentUrl: 'https://example.com/logo.png' },
		});
		expect(error).toBeUndefined();
		expect(out[0].json).toMatchObject({ sent: true, variables: [] });
		const [message] = await messages();
		expect(message.content).toMatchObject({ template_vars: '', customer_id: '', url_attach: 'https://example.com/logo.png' });
	});

	it('shows the provider\'s words for a template it refuses, and sends nothing', async () => {
		const { error } = await runWolkvox(sandbox, [{}], {
			resource: 'message',
			operation: 'sendTemplate',
			connectorId: '1001',
			phone: '573001234567',
			templateName: 'spring_sale',
			templateVariables: { variable: [{ value: 'Ana' }, { value: '20 %' }] },
		});
		expect(error?.message).toBe('Item 1: Wolkvox: TEMPLATE IS NOT APPROVED (PENDING)');
		expect(await messages()).toEqual([]);
	});

	it('checks the variables before any call: no ";" inside a value, no empty value', async () => {
		const base = { resource: 'message', operation: 'sendTemplate', connectorId: '1001', phone: '573001234567', templateName: 'order_confirmation' };
		const semicolon = await runWolkvox(sandbox, [{}], { ...base, templateVariables: { variable: [{ value: 'Ana' }, { value: 'A;77' }] } });
		expect(semicolon.error?.message).toBe('Item 1: Variables → Variable 2 contains ";", which Wolkvox uses to separate variables');
		const empty = await runWolkvox(sandbox, [{}], { ...base, templateVariables: { variable: [{ value: ' ' }, { value: 'A-77' }] } });
		expect(empty.error?.message).toBe('Item 1: Variables → Variable 1 is empty');
		expect(await sandbox.requests('wolkvox')).toEqual([]);
	});
});

describe('Wolkvox › Message › Send Text', () => {
	it('sends free text on an official connector', async () => {
		const { out, error } = await runWolkvox(sandbox, [{ json: { to: '0057 300 765 4321' } }], {
			resource: 'message',
			operation: 'send',
			connectorId: '1001',
			phone: '={{$json.to}}',
			text: 'Hola desde n8n',
		});
		expect(error).toBeUndefined();
		expect(out[0].json).toEqual({ sent: true, connectorId: '1001', to: '573007654321', code: 201, msg: 'Message has been sent successfully' });
		const [message] = await messages();
		expect(message.content).toEqual({ connector_id: '1001', telephone: '573007654321', message: 'Hola desde n8n' });
	});

	it('missing or malformed parameters are item errors found before any call', async () => {
		const send = { resource: 'message', operation: 'send' };
		const { out, error } = await runWolkvox(
			sandbox,
			[
				{ json: { connector: '', phone: '573001234567', text: 'a' } },
				{ json: { connector: 'línea 1', phone: '573001234567', text: 'a' } },
				{ json: { connector: '1001', phone: '', text: 'a' } },
				{ json: { connector: '1001', phone: '300-ABC-4567', text: 'a' } },
				{ json: { connector: '1001', phone: '12345', text: 'a' } },
				{ json: { connector: '1001', phone: '573001234567', text: '   ' } },
				{ json: { connector: 1001, phone: 573001234567, text: 'ok' } },
			],
			{ ...send, connectorId: '={{$json.connector}}', phone: '={{$json.phone}}', text: '={{$json.text}}' },
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(out.map((item) => item.json.error ?? 'sent')).toEqual([
			'Item 1: Connector ID is empty',
			'Item 2: Connector ID "línea 1" is not a connector ID',
			'Item 3: Phone Number is empty',
			'Item 4: Phone Number "300-ABC-4567" contains characters that are not digits',
			expect.stringMatching(/^Item 5: Phone Number "12345" is not a complete international number/),
			'Item 6: Text is empty',
			'sent',
		]);
		expect(out.slice(0, 6).map((item) => item.json.field)).toEqual(['Connector ID', 'Connector ID', 'Phone Number', 'Phone Number', 'Phone Number', 'Text']);
		expect(out[0].json.description).toMatch(/numeric ID of the WhatsApp connector/);
		// Only the valid item reached Wolkvox.
		expect((await sandbox.requests('wolkvox')).length).toBe(1);
		expect((await messages()).map((m) => m.to)).toEqual(['573001234567']);
	});
});

describe('Wolkvox › Message › Send Mobile Message', () => {
	afterEach(() => {
		mobileSpacing.ms = 20_000;
	});

	it('sends text and an image link on a mobile connector', async () => {
		const { out, error } = await runWolkvox(sandbox, [{}], {
			resource: 'message',
			operation: 'sendMobile',
			connectorId: '2001',
			phone: '+57 300 111 2233',
			text: 'Su factura',
			attachmentUrl: 'https://example.com/factura.png',
		});
		expect(error).toBeUndefined();
		expect(out[0].json).toMatchObject({ sent: true, to: '573001112233' });
		const [message] = await messages();
		expect(message).toMatchObject({ api: 'send_message_mobil', type: 'media', url: 'https://example.com/factura.png' });
		expect(message.content).toEqual({ connector_id: '2001', telephone: '573001112233', message: 'Su factura', url_attach: 'https://example.com/factura.png' });
	});

	it('needs a text or an attachment, and an attachment must be an http(s) link', async () => {
		const base = { resource: 'message', operation: 'sendMobile', connectorId: '2001', phone: '573001112233' };
		expect((await runWolkvox(sandbox, [{}], base)).error?.message).toBe('Item 1: Text and Attachment URL are both empty');
		expect((await runWolkvox(sandbox, [{}], { ...base, attachmentUrl: 'ftp://x/y.png' })).error?.message).toBe(
			'Item 1: Attachment URL "ftp://x/y.png" is not a public http(s) link',
		);
		expect(await sandbox.requests('wolkvox')).toEqual([]);
	});

	it('spaces messages to the same customer as Wolkvox requires, instead of having them refused', async () => {
		// The node waits the spacing between two messages to one number; the sandbox enforces its own.
		mobileSpacing.ms = 600;
		await sandbox.config({ provider: 'wolkvox', wolkvoxMobilIntervalMs: 500 });
		const started = Date.now();
		const { out, error } = await runWolkvox(
			sandbox,
			// Numbers no other test sent to: the spacing is process-wide, as for every execution of n8n.
			[{ json: { phone: '573004440001', text: 'uno' } }, { json: { phone: '573004440002', text: 'otro' } }, { json: { phone: '573004440001', text: 'dos' } }],
			{ resource: 'message', operation: 'sendMobile', connectorId: '2001', phone: '={{$json.phone}}', text: '={{$json.text}}' },
		);
		expect(error).toBeUndefined();
		expect(out.map((item) => item.json.sent)).toEqual([true, true, true]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(550);
		expect((await messages()).map((m) => m.text).sort()).toEqual(['dos', 'otro', 'uno']);
		// No call was refused for the 20-second rule.
		expect((await sandbox.requests('wolkvox')).map((r) => r.status)).toEqual([201, 201, 201]);
	});
});
