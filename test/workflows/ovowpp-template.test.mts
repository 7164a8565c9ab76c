import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';
import { runOvo } from './ovowpp-helpers';

const sandbox = useSandbox();
const maria = { countryCode: '55', mobile: '11988887777' };
const sendTemplate = (extra: Record<string, unknown>) => ({ resource: 'message', operation: 'sendTemplate', ...maria, ...extra });
const variables = (...values: string[]) => ({ variable: values.map((value) => ({ value })) });

describe('OvoWpp Message: Send Template', () => {
	it('sends once and reports it sent when the service answers its "$conversationId" bug', async () => {
		const { out, error } = await runOvo(
			sandbox,
			[{ json: { name: 'Maria', order: 'A-17' } }],
			sendTemplate({ templateId: '3', bodyVariables: variables('={{$json.name}}', '={{$json.order}}'), headerVariables: {} }),
		);
		expect(error).toBeUndefined();
		expect(out[0].json).toMatchObject({ sent: true, templateId: 3, templateName: 'order_update', conversationId: null });
		expect(out[0].json.serviceNote).toMatch(/known issue of the service.*sent once/);
		const messages = await sandbox.messages('ovowpp');
		expect(messages).toHaveLength(1);
		expect(messages[0]).toMatchObject({ type: 'template', template: 'order_update', variables: { body: ['Maria', 'A-17'] } });
		const calls = (await sandbox.requests('ovowpp')).filter((r) => r.path.includes('send-template-message'));
		expect(calls).toHaveLength(1);
	});

	it('returns the conversation when the service behaves as documented (quirks off)', async () => {
		await sandbox.config({ quirks: false });
		const { out } = await runOvo(sandbox, [{}], sendTemplate({ templateId: '1' }));
		expect(out[0].json).toMatchObject({ sent: true, templateName: 'hello_world', conversationId: 1 });
		expect(out[0].json.serviceNote).toBeUndefined();
	});

	it('checks the variables against the template before calling', async () => {
		const { out } = await runOvo(
			sandbox,
			[{}, {}],
			sendTemplate({ templateId: '={{$itemIndex === 0 ? "3" : "2"}}', bodyVariables: variables('only one') }),
			{ continueOnFail: true },
		);
		expect(out[0].json.error).toMatch(/Item 1: Body Variables has 1 value\(s\); template "order_update" has 2/);
		expect(out[1].json.error).toMatch(/Item 2: Template Name or ID "pending_promo" is pending, not approved/);
		const calls = (await sandbox.requests('ovowpp')).filter((r) => r.path.includes('send-template'));
		expect(calls).toHaveLength(0);
	});

	it('creates a missing contact and sends the template once', async () => {
		const { out } = await runOvo(sandbox, [{}], { ...sendTemplate({ templateId: '1' }), countryCode: '57', mobile: '300 123 4567' });
		expect(out[0].json).toMatchObject({ sent: true, contactCreated: { mobile_code: '57', mobile: '3001234567' } });
		expect((await sandbox.messages('ovowpp')).map((m) => m.to)).toEqual(['573001234567']);
	});

	it('lists only approved templates, from every page, in the dropdown', async () => {
		const { loadOptions } = await import('../helpers/harness');
		const options = await loadOptions('ovoWpp', 'getApprovedTemplates', { ovoWppApi: sandbox.credentials('ovoWppApi') });
		expect(options).toHaveLength(22);
		expect(options.map((o) => o.name)).toContain('second_line_hello (#25)');
		expect(options.map((o) => o.name)).not.toContain('pending_promo (#2)');
		const lists = (await sandbox.requests('ovowpp')).filter((r) => r.path.includes('template-list'));
		expect(lists.every((r) => r.path.includes('paginate='))).toBe(true);
	});
});

describe('OvoWpp Template: Get Many', () => {
	it('returns all approved templates across pages, or up to the limit', async () => {
		const all = await runOvo(sandbox, [{}], { resource: 'template', operation: 'getMany', returnAll: true, status: '1' });
		expect(all.out).toHaveLength(22);
		expect(all.out.every((i) => i.json.statusName === 'approved')).toBe(true);
		const some = await runOvo(sandbox, [{}], { resource: 'template', operation: 'getMany', limit: 3, status: 'any' });
		expect(some.out.map((i) => i.json.name)).toHaveLength(3);
		const rejected = await runOvo(sandbox, [{}], { resource: 'template', operation: 'getMany', returnAll: true, status: '2' });
		expect(rejected.out.map((i) => i.json.name)).toEqual(['rejected_offer']);
	});
});

// The real product returns a template's header as an object ({"text": "…"}), not a string (providers.md §1,
// real product): the sandbox's delivery_window (#17) has a text header with a variable.
describe('OvoWpp Send Template: a text header with a variable (issue 20 item 1)', () => {
	const delivery = { bodyVariables: variables('9:00', '11:00'), headerVariables: variables('A-17') };
	const rl = (value: string) => ({ __rl: true, mode: 'list', value });

	for (const version of [1, 2]) {
		it(`version ${version}: counts the header's {{1}} in header.text and sends header_variables[]`, async () => {
			const templateId = version === 1 ? '17' : rl('17');
			const { out, error } = await runOvo(sandbox, [{}], sendTemplate({ templateId, ...delivery }), { typeVersion: version });
			expect(error).toBeUndefined();
			expect(out[0].json).toMatchObject({ sent: true, templateName: 'delivery_window' });
			const [message] = await sandbox.messages('ovowpp');
			expect(message).toMatchObject({ template: 'delivery_window', variables: { body: ['9:00', '11:00'], header: ['A-17'] } });
			expect(message.content).toMatchObject({ header_variables: ['A-17'], body_variables: ['9:00', '11:00'] });
		});

		it(`version ${version}: a header variable left out is refused before any send (WhatsApp would refuse the send)`, async () => {
			const templateId = version === 1 ? '17' : rl('17');
			const { error } = await runOvo(sandbox, [{}], sendTemplate({ templateId, bodyVariables: delivery.bodyVariables }), { typeVersion: version });
			expect(error?.message).toMatch(/Header Variables has 0 value\(s\); the header of "delivery_window" has 1/);
			expect((await sandbox.requests('ovowpp')).filter((r) => r.path.includes('send-template'))).toHaveLength(0);
		});
	}

	it('the picker shows the header text of an object header, never "[object Object]"', async () => {
		const { loadOptions } = await import('../helpers/harness');
		const options = await loadOptions('ovoWpp', 'getApprovedTemplates', { ovoWppApi: sandbox.credentials('ovoWppApi') });
		const delivery = options.find((o) => o.value === '17')!;
		expect(delivery.description).toBe('Your delivery {{1}} · Your delivery is scheduled between {{1}} and {{2}}.');
		expect(options.map((o) => o.description).join(' ')).not.toMatch(/object Object/);
	});

	it('the sandbox answers the header as an object, as the real product does (P1-092)', async () => {
		const { out } = await runOvo(sandbox, [{}], { resource: 'template', operation: 'getMany', returnAll: true, status: '1' });
		const byName = Object.fromEntries(out.map((i) => [i.json.name, i.json]));
		expect(byName.order_update.header).toEqual({ text: 'Order update' });
		expect(byName.delivery_window).toMatchObject({ header: { text: 'Your delivery {{1}}' }, header_format: 'TEXT' });
	});
});
