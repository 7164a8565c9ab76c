// Send and Wait for Response through n8n-core on every provider: the sandbox receives the message,
// the test takes the link out of what the sandbox received, opens it over HTTP, and the waiting
// execution resumes with the answer (see startWaitingWorkflow in the harness).
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';
import type { NodeName } from './send-and-wait-helpers';
import { PROVIDERS, waitingStarter } from './send-and-wait-helpers';

const sandbox = useSandbox();

const approval = (type: 'single' | 'double' = 'double') => ({
	message: 'Approve the refund of order A-1001?',
	responseType: 'approval',
	approvalOptions: { values: { approvalType: type, approveLabel: 'Yes, refund', disapproveLabel: 'No' } },
});

const start = waitingStarter(sandbox, [{ json: { order: 'A-1001' } }]);

const links = (text: string) => [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
const linkAfter = (text: string, label: string) => new RegExp(`${label}: (\\S+)`).exec(text)?.[1];

describe('Send and Wait for Response: the message carries signed links, one answer resumes the execution', () => {
	for (const node of Object.keys(PROVIDERS) as NodeName[]) {
		it(`${node}: sends the message with Approve and Decline links, waits, and resumes with approved: true`, async () => {
			const run = await start(node, approval());
			expect(run.first.error('Ask')).toBeUndefined();
			expect(run.waitTill, 'the execution waits').toBeDefined();
			expect(run.first.run.status).toBe('waiting');

			const sent = await sandbox.messages(PROVIDERS[node].provider);
			expect(sent).toHaveLength(1);
			expect(sent[0].to).toBe(PROVIDERS[node].to);
			expect(sent[0].text).toMatch(/^Approve the refund of order A-1001\?/);
			expect(links(sent[0].text)).toHaveLength(2);
			const approve = linkAfter(sent[0].text, 'Yes, refund')!;
			expect(approve).toMatch(/\/webhook-waiting\/\d+\/[\w-]+\?approved=true&signature=/);

			const page = await fetch(approve);
			expect(page.status).toBe(200);
			expect(await page.text()).toMatch(/Your answer was recorded/);
			const done = await run.finished;
			expect(done.run.status).toBe('success');
			expect(done.output('Ask').map((i) => i.json)).toEqual([{ data: { approved: true } }]);
			expect(await sandbox.messages(PROVIDERS[node].provider)).toHaveLength(1);
		});
	}

	it('the Decline link resumes with approved: false; a second click does not resume again', async () => {
		const run = await start('ovoWpp', approval());
		const [message] = await sandbox.messages('ovowpp');
		const decline = linkAfter(message.text, 'No')!;
		expect(decline).toMatch(/approved=false/);
		expect((await fetch(decline)).status).toBe(200);
		expect((await run.finished).output('Ask').map((i) => i.json)).toEqual([{ data: { approved: false } }]);
		await fetch(linkAfter(message.text, 'Yes, refund')!);
		expect(run.resumes()).toBe(1);
	});

	it('Approve Only sends one link with the default label', async () => {
		await start('mensatek', { message: 'Ok?', responseType: 'approval' });
		const [message] = await sandbox.messages('mensatek');
		expect(message.text).toMatch(/^Ok\?\n\nApprove: https?:\/\/\S+$/);
	});

	it('a link whose query was changed is refused (the signature covers it) and resumes nothing', async () => {
		const run = await start('ovoWpp', approval('single'));
		const [message] = await sandbox.messages('ovowpp');
		const forged = linkAfter(message.text, 'Yes, refund')!.replace('approved=true', 'approved=false');
		expect((await fetch(forged)).status).toBe(401);
		expect(run.resumes()).toBe(0);
	});

	it('a link preview (WhatsApp fetching the link by itself) records no answer', async () => {
		const run = await start('ovoWpp', approval('single'));
		const [message] = await sandbox.messages('ovowpp');
		const preview = await fetch(linkAfter(message.text, 'Yes, refund')!, { headers: { 'user-agent': 'WhatsApp/2.23.20.0 A' } });
		expect(await preview.text()).not.toMatch(/recorded/);
		expect(run.resumes()).toBe(0);
	});

	it('Free Text: the link opens a form with its title and message; the answer resumes the execution', async () => {
		const run = await start('wapiFlow', {
			message: 'What went wrong with the delivery?',
			responseType: 'freeText',
			options: { responseFormTitle: 'Delivery feedback', messageButtonLabel: 'Answer here' },
		});
		const [message] = await sandbox.messages('ovowpp');
		const respond = linkAfter(message.text, 'Answer here')!;
		const form = await fetch(respond);
		const html = await form.text();
		expect(html).toMatch(/<h1>Delivery feedback<\/h1>/);
		expect(html).toMatch(/What went wrong with the delivery\?/);
		expect(html).toMatch(/<form class="card" method="POST">[\s\S]*<textarea name="response" required/);
		expect(run.resumes()).toBe(0);

		const posted = await fetch(respond, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'response=The+box+was+wet' });
		expect(await posted.text()).toMatch(/Your answer was recorded/);
		expect((await run.finished).output('Ask').map((i) => i.json)).toEqual([{ data: { text: 'The box was wet' } }]);
	});

	it('Wolkvox template: the variables carry the link, and the template reaches the customer', async () => {
		const run = await start('wolkvox', {
			...approval('single'),
			messageKind: 'template',
			templateName: 'order_confirmation',
			linkVariables: { variable: [{ content: 'text', value: 'Ana' }, { content: 'approve' }] },
		});
		const [message] = await sandbox.messages('wolkvox');
		expect(message).toMatchObject({ api: 'send_template_official', template: 'order_confirmation' });
		expect(message.variables[0]).toBe('Ana');
		expect((await fetch(message.variables[1])).status).toBe(200);
		expect((await run.finished).output('Ask').map((i) => i.json)).toEqual([{ data: { approved: true } }]);
	});

	it('Mensatek template: the named variables carry the links', async () => {
		const run = await start('mensatek', {
			...approval('single'),
			messageKind: 'template',
			templateId: '610000000000002',
			linkVariables: { variable: [{ name: 'Nombre', content: 'text', value: 'Ana' }, { name: 'Pedido', content: 'approve' }] },
		});
		const [message] = await sandbox.messages('mensatek');
		expect(message).toMatchObject({ type: 'template', template: 'confirmacion_pedido' });
		expect(message.variables.Nombre).toBe('Ana');
		expect((await fetch(message.variables.Pedido)).status).toBe(200);
		expect((await run.finished).output('Ask').map((i) => i.json)).toEqual([{ data: { approved: true } }]);
	});

	it('a template without a variable for a link is refused before anything is sent', async () => {
		const run = await start('wolkvox', {
			...approval('double'),
			messageKind: 'template',
			templateName: 'order_confirmation',
			linkVariables: { variable: [{ content: 'text', value: 'Ana' }, { content: 'approve' }] },
		});
		expect(run.waitTill).toBeUndefined();
		expect(run.first.error('Ask')?.message).toMatch(/Template Variables carry no Decline Link/);
		expect(await sandbox.messages('wolkvox')).toHaveLength(0);
	});

	it('the wait limit: the execution waits until then, and at the limit goes on with the input items', async () => {
		const before = Date.now();
		const run = await start('ovoWpp', { ...approval(), options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' } } } });
		expect(run.waitTill!.getTime()).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
		expect(run.waitTill!.getTime()).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
		const done = await run.resumeAtLimit();
		expect(done.run.status).toBe('success');
		expect(done.output('Ask').map((i) => i.json)).toEqual([{ order: 'A-1001' }]);
		// the link no longer resumes anything
		const [message] = await sandbox.messages('ovowpp');
		await fetch(linkAfter(message.text, 'Yes, refund')!);
		expect(run.resumes()).toBe(1);
	});

	it('a bad recipient is refused before anything is sent, and the execution does not wait', async () => {
		const run = await start('wolkvox', { ...approval(), connectorId: 'line-1' });
		expect(run.waitTill).toBeUndefined();
		expect(run.first.error('Ask')?.message).toMatch(/^Item 1: Connector ID "line-1" is not a connector ID/);
		expect(await sandbox.requests('wolkvox')).toHaveLength(0);
	});

	it('a limit at a date and time in the past is refused before anything is sent', async () => {
		const run = await start('mensatek', { ...approval(), options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2020-01-01T00:00:00Z' } } } });
		expect(run.first.error('Ask')?.message).toMatch(/Max Date and Time 2020-01-01T00:00:00.000Z is in the past/);
		expect(await sandbox.messages('mensatek')).toHaveLength(0);
	});
});

describe('Send and Wait: the message with its links gets the checks Send makes (issue 20 item 2)', () => {
	const links = { ovoWpp: 'ovowpp', wolkvox: 'wolkvox', mensatek: 'mensatek' } as const;
	for (const [node, provider] of Object.entries(links) as Array<[NodeName, string]>) {
		it(`${node}: a message that fits alone but not with its links is refused, nothing is sent, nothing waits`, async () => {
			// 4,000 characters: under WhatsApp's 4,096, over it once the two signed links are added.
			const run = await start(node, { ...approval(), message: 'x'.repeat(4000) });
			expect(run.waitTill).toBeUndefined();
			expect(run.first.error('Ask')?.message).toMatch(/Message has 4\d{3} characters with its links; WhatsApp allows 4096/);
			expect(await sandbox.requests(provider)).toHaveLength(0);
		});
	}

	it('a message at the limit with its links is sent whole', async () => {
		// Find the links' length from a first send, then fill the message up to exactly 4,096.
		await start('ovoWpp', { ...approval('single'), message: 'x' });
		const [first] = await sandbox.messages('ovowpp');
		const extra = [...first.text].length - 1;
		const run = await start('ovoWpp', { ...approval('single'), message: 'y'.repeat(4096 - extra) });
		expect(run.first.error('Ask')).toBeUndefined();
		const sent = await sandbox.messages('ovowpp');
		expect([...sent[1].text].length).toBe(4096);
	});

	it('an empty (blank) message is refused as Send refuses an empty text', async () => {
		const run = await start('wolkvox', { ...approval(), message: '   ' });
		expect(run.waitTill).toBeUndefined();
		expect(run.first.error('Ask')?.message).toMatch(/Message is empty/);
		expect(await sandbox.requests('wolkvox')).toHaveLength(0);
	});
});

describe('Send and Wait Free Text: the answer is checked on the server (adversarial)', () => {
	async function form() {
		const run = await start('ovoWpp', { message: 'Why?', responseType: 'freeText' });
		const [message] = await sandbox.messages('ovowpp');
		return { run, respond: linkAfter(message.text, 'Respond')! };
	}
	const post = (url: string, body: string, type = 'application/x-www-form-urlencoded') =>
		fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

	it('an empty or blank answer gets the form again with a message; the execution keeps waiting', async () => {
		const { run, respond } = await form();
		for (const body of ['response=', 'response=+++%0A', '']) {
			const page = await post(respond, body);
			expect(page.status).toBe(400);
			const html = await page.text();
			expect(html).toMatch(/Please write an answer/);
			expect(html).toMatch(/<form class="card" method="POST">[\s\S]*<textarea name="response" required/);
			expect(html).not.toMatch(/recorded/);
		}
		expect(run.resumes()).toBe(0);
		expect(await (await post(respond, 'response=Late+delivery')).text()).toMatch(/Your answer was recorded/);
		expect((await run.finished).output('Ask').map((i) => i.json)).toEqual([{ data: { text: 'Late delivery' } }]);
	});

	it('a JSON object or array answer is refused (never "[object Object]" or "a,b"); the execution keeps waiting', async () => {
		const { run, respond } = await form();
		for (const answer of [{ a: 1 }, ['a', 'b'], null, true]) {
			const page = await post(respond, JSON.stringify({ response: answer }), 'application/json');
			expect(page.status).toBe(400);
			const html = await page.text();
			expect(html).toMatch(/The answer must be text/);
			expect(html).not.toMatch(/object Object|recorded/);
		}
		expect(run.resumes()).toBe(0);
		await post(respond, JSON.stringify({ response: 'Fine' }), 'application/json');
		expect((await run.finished).output('Ask').map((i) => i.json)).toEqual([{ data: { text: 'Fine' } }]);
	});
});
