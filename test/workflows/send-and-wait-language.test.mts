// Send and Wait for the customer's language (issue 21): the pages the person opens and the default
// labels of the links in the message, in English, Spanish or Portuguese; n8n's look for the pages;
// and every parameter read through the typed readers, so a bad value is refused with its field
// named and nothing sent. Runs through n8n-core against the sandbox (as send-and-wait.test.mts).
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox';
import type { NodeName } from './send-and-wait-helpers';
import { PROVIDERS, waitingStarter } from './send-and-wait-helpers';

const sandbox = useSandbox();

const start = waitingStarter(sandbox, [{ json: { order: 'A-1001', language: 'fr', lang: 'es', kind: { a: 1 } } }]);

const linkAfter = (text: string, label: string) => new RegExp(`(?:^|\\n)${label}: (\\S+)`).exec(text)?.[1];
const post = (url: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
/** The visible texts of a page: title, headings, paragraphs, button, in order. */
const texts = (html: string) =>
	[...html.matchAll(/<(title|h1|p|button)\b[^>]*>([^<]*)</g)].map((m) => `${m[1]}:${m[2].trim()}`).filter((t) => !t.endsWith(':'));

const LANGUAGES = {
	en: {
		lang: 'en',
		labels: ['Approve', 'Decline', 'Respond'],
		recorded: ['title:Answer recorded', 'h1:Your answer was recorded', 'p:Thank you. You can close this page now.'],
		form: ['title:Your answer', 'h1:Your answer', 'p:Why?', 'button:Submit'],
		empty: 'The answer is empty. Please write an answer.',
		preview: ['title:Waiting for an answer', 'h1:Waiting for an answer', 'p:Open this link in a browser to answer.'],
	},
	es: {
		lang: 'es',
		labels: ['Aprobar', 'Rechazar', 'Responder'],
		recorded: ['title:Respuesta registrada', 'h1:Tu respuesta ha quedado registrada', 'p:Gracias. Ya puedes cerrar esta página.'],
		form: ['title:Tu respuesta', 'h1:Tu respuesta', 'p:Why?', 'button:Enviar'],
		empty: 'La respuesta está vacía. Escribe una respuesta, por favor.',
		preview: ['title:Esperando una respuesta', 'h1:Esperando una respuesta', 'p:Abre este enlace en un navegador para responder.'],
	},
	pt: {
		lang: 'pt-BR',
		labels: ['Aprovar', 'Recusar', 'Responder'],
		recorded: ['title:Resposta registrada', 'h1:Sua resposta foi registrada', 'p:Obrigado. Você já pode fechar esta página.'],
		form: ['title:Sua resposta', 'h1:Sua resposta', 'p:Why?', 'button:Enviar'],
		empty: 'A resposta está vazia. Escreva uma resposta, por favor.',
		preview: ['title:Aguardando uma resposta', 'h1:Aguardando uma resposta', 'p:Abra este link em um navegador para responder.'],
	},
} as const;

describe('Send and Wait: Customer Language sets what the customer sees (issue 21)', () => {
	for (const [code, want] of Object.entries(LANGUAGES)) {
		it(`${code}: the default labels before the links, the recorded page and the link-preview page`, async () => {
			// Approval Options added in the editor: n8n fills the labels' defaults in, which must not hide the language's words.
			const run = await start('ovoWpp', { message: 'Ok?', approvalOptions: { values: { approvalType: 'double' } }, options: { customerLanguage: code } });
			expect(run.first.error('Ask')).toBeUndefined();
			const [message] = await sandbox.messages('ovowpp');
			expect(message.text).toMatch(new RegExp(`^Ok\\?\\n\\n${want.labels[0]}: https?://\\S+\\n\\n${want.labels[1]}: https?://\\S+$`));
			const approve = linkAfter(message.text, want.labels[0])!;

			const preview = await (await fetch(approve, { headers: { 'user-agent': 'WhatsApp/2.23.20.0 A' } })).text();
			expect(texts(preview).slice(0, 3)).toEqual(want.preview);
			const page = await fetch(approve);
			const html = await page.text();
			expect(html).toContain(`<html lang="${want.lang}">`);
			expect(texts(html).slice(0, 3)).toEqual(want.recorded);
			expect((await run.finished).output('Ask').map((i) => i.json)).toEqual([{ data: { approved: true } }]);
		});

		it(`${code}: Free Text's link label, form, refusal of an empty answer, and recorded page`, async () => {
			const run = await start('mensatek', { message: 'Why?', responseType: 'freeText', options: { customerLanguage: code } });
			const [message] = await sandbox.messages('mensatek');
			const respond = linkAfter(message.text, want.labels[2])!;
			expect(respond).toMatch(/^https?:\/\//);
			expect(texts(await (await fetch(respond)).text()).slice(0, 4)).toEqual(want.form);
			const empty = await (await post(respond, 'response=')).text();
			expect(texts(empty)).toContain(`p:${want.empty}`);
			expect(texts(await (await post(respond, 'response=Tarde')).text()).slice(0, 3)).toEqual(want.recorded);
			expect((await run.finished).output('Ask').map((i) => i.json)).toEqual([{ data: { text: 'Tarde' } }]);
		});
	}

	it('labels the user set win over the language\'s words', async () => {
		await start('wolkvox', {
			message: 'Ok?',
			approvalOptions: { values: { approvalType: 'double', approveLabel: 'Sí, reembolsar', disapproveLabel: 'No' } },
			options: { customerLanguage: 'es' },
		});
		const [message] = await sandbox.messages('wolkvox');
		expect(message.text).toMatch(/\n\nSí, reembolsar: https?:\/\/\S+\n\nNo: https?:\/\/\S+$/);
		const run2 = await start('ovoWpp', { message: 'Why?', responseType: 'freeText', options: { customerLanguage: 'pt', messageButtonLabel: 'Conte-nos', responseFormButtonLabel: 'Mandar', responseFormTitle: 'Entrega' } });
		const [, form] = [run2, (await sandbox.messages('ovowpp'))[0]];
		const html = await (await fetch(linkAfter(form.text, 'Conte-nos')!)).text();
		expect(texts(html).slice(0, 4)).toEqual(['title:Entrega', 'h1:Entrega', 'p:Why?', 'button:Mandar']);
	});

	it('the language from an expression on the item: the message and the pages (read again when the link is opened) agree', async () => {
		const run = await start('wolkvox', { message: 'Why?', responseType: 'freeText', options: { customerLanguage: '={{ $json.lang }}' } });
		expect(run.first.error('Ask')).toBeUndefined();
		const [message] = await sandbox.messages('wolkvox');
		const respond = linkAfter(message.text, 'Responder')!;
		expect(texts(await (await fetch(respond)).text()).slice(0, 4)).toEqual(LANGUAGES.es.form);
		expect(texts(await (await post(respond, 'response=Bien')).text()).slice(0, 3)).toEqual(LANGUAGES.es.recorded);
		expect((await run.finished).output('Ask').map((i) => i.json)).toEqual([{ data: { text: 'Bien' } }]);
	});

	it('a saved workflow without the option gets exactly the English of before', async () => {
		const run = await start('mensatek', { message: 'Ok?', responseType: 'approval', approvalOptions: { values: { approvalType: 'double' } } });
		const [message] = await sandbox.messages('mensatek');
		expect(message.text).toMatch(/^Ok\?\n\nApprove: https?:\/\/\S+\n\nDecline: https?:\/\/\S+$/);
		const html = await (await fetch(linkAfter(message.text, 'Approve')!)).text();
		expect(html).toContain('<html lang="en">');
		expect(texts(html).slice(0, 3)).toEqual(LANGUAGES.en.recorded);
		await run.finished;
	});

	it('a wait limit given by an expression as a date ($now.plus, a Luxon DateTime) is taken', async () => {
		const before = Date.now();
		const run = await start('ovoWpp', { message: 'Ok?', options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: "={{ $now.plus(2, 'hours') }}" } } } });
		expect(run.first.error('Ask')).toBeUndefined();
		expect(run.waitTill!.getTime()).toBeGreaterThanOrEqual(before + 2 * 3_600_000 - 1000);
		expect(run.waitTill!.getTime()).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
	});

	it('the pages have n8n\'s look, self-contained: no script, no external file', async () => {
		const run = await start('ovoWpp', { message: 'Why?', responseType: 'freeText' });
		const [message] = await sandbox.messages('ovowpp');
		const respond = linkAfter(message.text, 'Respond')!;
		for (const html of [await (await fetch(respond)).text(), await (await post(respond, 'response=Ok')).text()]) {
			expect(html).toMatch(/class="container"[\s\S]*class="card"/);
			expect(html).toMatch(/background-color:#fbfcfe/i);
			expect(html).not.toMatch(/<script|<link\b|src=|url\(|@import/i);
		}
		await run.finished;
	});
});

describe('Send and Wait reads its parameters with the typed readers: a bad value is refused, named, and nothing is sent', () => {
	const cases: Array<[string, NodeName, Record<string, unknown>, RegExp]> = [
		['an unknown Customer Language', 'ovoWpp', { message: 'Ok?', options: { customerLanguage: '={{ $json.language }}' } }, /^Item 1: Options → Customer Language must be one of its options, but is the text "fr"/],
		['an unknown Response Type', 'wolkvox', { message: 'Ok?', responseType: 'maybe' }, /^Item 1: Response Type must be one of its options, but is the text "maybe"/],
		['an unknown Type of Approval', 'mensatek', { message: 'Ok?', approvalOptions: { values: { approvalType: 'triple' } } }, /^Item 1: Approval Options → Type of Approval must be one of its options/],
		['an object as a button label', 'ovoWpp', { message: 'Ok?', approvalOptions: { values: { approveLabel: '={{ $json.kind }}' } } }, /^Item 1: Approval Options → Approve Button Label must be a text, but is an object/],
		['an object as the form title', 'ovoWpp', { message: 'Why?', responseType: 'freeText', options: { responseFormTitle: '={{ $json.kind }}' } }, /^Item 1: Options → Response Form Title must be a text, but is an object/],
		['a text as the wait amount', 'wolkvox', { message: 'Ok?', options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 'soon', resumeUnit: 'hours' } } } }, /^Item 1: Options → Limit Wait Time → Amount must be a number, but is the text "soon"/],
		['an unknown wait unit', 'mensatek', { message: 'Ok?', options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'weeks' } } } }, /^Item 1: Options → Limit Wait Time → Unit must be one of its options/],
		['an object as the wait limit\'s date', 'ovoWpp', { message: 'Ok?', options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '={{ $json.kind }}' } } } }, /^Item 1: Options → Limit Wait Time → Max Date and Time must be a text, but is an object/],
		['a text that is no date as the wait limit', 'ovoWpp', { message: 'Ok?', options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: 'tomorrow' } } } }, /^Item 1: Options → Limit Wait Time → Max Date and Time "tomorrow" is not a date and time/],
		['an empty template name (Wolkvox)', 'wolkvox', { message: 'Ok?', messageKind: 'template', templateName: '={{ $json.none }}', linkVariables: { variable: [{ content: 'approve' }] } }, /^Item 1: Template is empty/],
		['an object as From Number (OvoWpp)', 'ovoWpp', { message: 'Ok?', options: { fromNumber: '={{ $json.kind }}' } }, /^Item 1: Options → From Number must be a text, but is an object/],
		['an unknown Send As (Wolkvox)', 'wolkvox', { message: 'Ok?', messageKind: 'sms' }, /^Item 1: Send As must be one of its options, but is the text "sms"/],
		['an unknown Send As (Mensatek)', 'mensatek', { message: 'Ok?', messageKind: 'sms' }, /^Item 1: Send As must be one of its options, but is the text "sms"/],
		['an object as a template variable value', 'wolkvox', { message: 'Ok?', messageKind: 'template', templateName: 'order_confirmation', linkVariables: { variable: [{ content: 'text', value: '={{ $json.kind }}' }, { content: 'approve' }] } }, /^Item 1: Template Variables → Variable 1 → Value must be a text, but is an object/],
		['an unknown template variable content', 'wolkvox', { message: 'Ok?', messageKind: 'template', templateName: 'order_confirmation', linkVariables: { variable: [{ content: 'qr' }, { content: 'approve' }] } }, /^Item 1: Template Variables → Variable 1 → Content must be one of its options/],
	];
	for (const [what, node, parameters, error] of cases) {
		it(`${node}: ${what}`, async () => {
			const run = await start(node, parameters);
			expect(run.waitTill).toBeUndefined();
			const failure = run.first.error('Ask') as { message?: string; description?: string } | undefined;
			expect(failure?.message).toMatch(error);
			expect(failure?.description, 'says what to do').toBeTruthy();
			expect(await sandbox.requests(PROVIDERS[node].provider)).toHaveLength(0);
		});
	}
});
