// A Wolkvox send's output keeps whatever Wolkvox's answer holds beyond code, error and msg (issue 23):
// which field, if any, carries the id the webhook notifications use is not documented ([open],
// facts.ts sendAnswerId), so a user can match a notification to a send only with what is passed on.
// The sandbox's answer holds no id (as the documented one); here it is replaced by one that does.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';
import { runWolkvox } from './wolkvox-helpers';

const sandbox = useSandbox();
// Every request gets this answer: Send Template's look-up of the template (list_templates) too, so
// the data also lists the template.
const TEMPLATES = [{ name: 'welcome_message', status: 'APPROVED', category: 'MARKETING', language: 'es', components: [{ type: 'BODY', text: 'Hola' }] }];
const ANSWER = { code: 201, error: null, msg: 'Message has been sent successfully', data: { message_id: 'wamid.HBgMNTczMTAw', status: 'accepted', meta_templates: TEMPLATES }, extra: 'kept' };

describe('Wolkvox Send: the answer kept raw', () => {
	const cases = [
		['Send Text', { resource: 'message', operation: 'send', connectorId: '1001', phone: '+57 310 000 0001', text: 'Hola' }],
		['Send Template', { resource: 'message', operation: 'sendTemplate', connectorId: '1001', phone: '+57 310 000 0001', templateName: 'welcome_message' }],
		['Send Mobile Message', { resource: 'message', operation: 'sendMobile', connectorId: '2001', phone: '+57 310 000 0001', text: 'Hola' }],
	] as const;

	it.each(cases)('%s: data and any other field of the answer are in the output, under answer', async (_, parameters) => {
		await sandbox.config({ provider: 'wolkvox', cannedAnswer: { status: 201, body: ANSWER } });
		const { out, error } = await runWolkvox(sandbox, [{ json: {} }], parameters);
		expect(error).toBeUndefined();
		expect(out[0].json).toMatchObject({ sent: true, code: 201, msg: ANSWER.msg, answer: { data: ANSWER.data, extra: 'kept' } });
	});

	it('an answer with nothing more adds nothing', async () => {
		const { out } = await runWolkvox(sandbox, [{ json: {} }], cases[0][1]);
		expect(out[0].json).toEqual({ sent: true, connectorId: '1001', to: '573100000001', code: 201, msg: ANSWER.msg });
	});
});
