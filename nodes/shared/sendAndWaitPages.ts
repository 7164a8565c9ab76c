// The pages a person sees after opening a Send and Wait link, in the customer's language and with
// the look of n8n's own Send and Wait and form pages (n8n's templates/form-trigger.handlebars and
// send-and-wait-no-action-required.handlebars: the same card, colours and sizes). Self-contained:
// no scripts, no external files (n8n's pages load Open Sans from Google; these fall back to the
// system's sans-serif), every text from the workflow escaped.

/** The languages of what the customer sees; the node's own UI stays English. */
export const CUSTOMER_LANGUAGES = [
	{ name: 'English', value: 'en' },
	{ name: 'Portuguese (Brazil)', value: 'pt' },
	{ name: 'Spanish', value: 'es' },
] as const;
export type CustomerLanguage = (typeof CUSTOMER_LANGUAGES)[number]['value'];

interface Texts {
	/** The html `lang` attribute. */
	lang: string;
	approve: string;
	decline: string;
	respond: string;
	recordedTitle: string;
	recorded: string;
	recordedText: string;
	waiting: string;
	waitingText: string;
	formTitle: string;
	submit: string;
	empty: string;
	/** `kind`: what was posted instead, in English words (kindOf); only the English text names it. */
	notText: (kind: string) => string;
	automatedWith: string;
}

// English is word for word what the pages said before the option existed (saved workflows keep it).
// Spanish uses "tú" (as WhatsApp's own Spanish does), Portuguese is Brazil's.
export const CUSTOMER_TEXTS: Record<CustomerLanguage, Texts> = {
	en: {
		lang: 'en',
		approve: 'Approve',
		decline: 'Decline',
		respond: 'Respond',
		recordedTitle: 'Answer recorded',
		recorded: 'Your answer was recorded',
		recordedText: 'Thank you. You can close this page now.',
		waiting: 'Waiting for an answer',
		waitingText: 'Open this link in a browser to answer.',
		formTitle: 'Your answer',
		submit: 'Submit',
		empty: 'The answer is empty. Please write an answer.',
		notText: (kind) => `The answer must be text, but this one is ${kind}. Please write your answer in the box.`,
		automatedWith: 'Automated with',
	},
	es: {
		lang: 'es',
		approve: 'Aprobar',
		decline: 'Rechazar',
		respond: 'Responder',
		recordedTitle: 'Respuesta registrada',
		recorded: 'Tu respuesta ha quedado registrada',
		recordedText: 'Gracias. Ya puedes cerrar esta página.',
		waiting: 'Esperando una respuesta',
		waitingText: 'Abre este enlace en un navegador para responder.',
		formTitle: 'Tu respuesta',
		submit: 'Enviar',
		empty: 'La respuesta está vacía. Escribe una respuesta, por favor.',
		notText: () => 'La respuesta debe ser un texto. Escribe tu respuesta en el recuadro, por favor.',
		automatedWith: 'Automatizado con',
	},
	pt: {
		lang: 'pt-BR',
		approve: 'Aprovar',
		decline: 'Recusar',
		respond: 'Responder',
		recordedTitle: 'Resposta registrada',
		recorded: 'Sua resposta foi registrada',
		recordedText: 'Obrigado. Você já pode fechar esta página.',
		waiting: 'Aguardando uma resposta',
		waitingText: 'Abra este link em um navegador para responder.',
		formTitle: 'Sua resposta',
		submit: 'Enviar',
		empty: 'A resposta está vazia. Escreva uma resposta, por favor.',
		notText: () => 'A resposta deve ser um texto. Escreva sua resposta na caixa, por favor.',
		automatedWith: 'Automatizado com',
	},
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

// n8n's values (form-trigger.handlebars :root); the container is 448 px there, here at most 448 px
// so that it fits a phone, where these links are opened.
const STYLE = `*,::after,::before{box-sizing:border-box;margin:0;padding:0}
body{font-family:'Open Sans',system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;font-weight:400;font-size:12px;display:flex;flex-direction:column;justify-content:start;background-color:#fbfcfe}
.container{margin:auto;text-align:center;padding:24px 16px 0;width:100%;max-width:480px}
.card{padding:24px;background-color:#fff;border:1px solid #dbdfe7;border-radius:8px;box-shadow:0 4px 16px 0 rgba(99,77,255,.06);margin-bottom:16px}
.header h1{color:#525356;font-size:20px;font-weight:400;overflow-wrap:anywhere}
.header p{padding-top:8px;color:#7e8186;font-size:14px;font-weight:400;white-space:pre-line;overflow-wrap:anywhere}
.inputs{padding:24px 0}
textarea{display:block;width:100%;min-height:120px;resize:vertical;border:1px solid #dbdfe7;border-radius:6px;font:inherit;font-size:14px;color:#71747a;background-color:#fff;padding:12px}
textarea:focus{outline:none;border-color:#5a4cc2}
.error{color:#ea1f30;text-align:left;font-size:12px;padding-top:6px}
button{width:100%;height:48px;padding:12px;border-radius:6px;border:0;font:inherit;font-size:14px;font-weight:600;background-color:#ff6d5a;color:#fff;cursor:pointer}
button:hover{opacity:.7}
.n8n-link{padding-bottom:24px}
.n8n-link a{color:#7e8186;font-weight:600;font-size:12px;text-decoration:none}
.n8n-link b{color:#101330;font-size:15px;font-weight:700}`;

function layout(texts: Texts, title: string, card: string): string {
	return (
		`<!DOCTYPE html><html lang="${texts.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
		`<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
		`<body><div class="container"><section>${card}` +
		`<div class="n8n-link"><a href="https://n8n.io/" target="_blank" rel="noopener noreferrer">${texts.automatedWith} <b>n8n</b></a></div>` +
		'</section></div></body></html>'
	);
}

function messageCard(texts: Texts, title: string, heading: string, text: string): string {
	return layout(texts, title, `<div class="card"><div class="header"><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p></div></div>`);
}

/** After an answer: it is recorded, nothing more to do. */
export function answerRecordedPage(language: CustomerLanguage = 'en'): string {
	const t = CUSTOMER_TEXTS[language];
	return messageCard(t, t.recordedTitle, t.recorded, t.recordedText);
}

/** What a link preview (not a person) gets: no answer is recorded. */
export function ignoredPage(language: CustomerLanguage = 'en'): string {
	const t = CUSTOMER_TEXTS[language];
	return messageCard(t, t.waiting, t.waiting, t.waitingText);
}

/** Why a posted answer was refused, in the customer's language. */
export type FormProblem = { kind: 'empty' } | { kind: 'notText'; given: string };

/**
 * The free-text form; it posts to its own address, which carries the signature. Empty title or
 * button label: the language's words. `problem`: why the last answer was refused.
 */
export function freeTextFormPage(form: { title: string; description: string; buttonLabel: string; problem?: FormProblem; language?: CustomerLanguage }): string {
	const t = CUSTOMER_TEXTS[form.language ?? 'en'];
	const title = form.title || t.formTitle;
	const problem = !form.problem ? '' : `<p class="error" role="alert">${escapeHtml(form.problem.kind === 'empty' ? t.empty : t.notText(form.problem.given))}</p>`;
	const description = form.description ? `<p>${escapeHtml(form.description)}</p>` : '';
	return layout(
		t,
		title,
		`<form class="card" method="POST"><div class="header"><h1>${escapeHtml(title)}</h1>${description}</div>` +
			`<div class="inputs"><textarea name="response" required aria-label="${escapeHtml(t.formTitle)}"></textarea>${problem}</div>` +
			`<button type="submit">${escapeHtml(form.buttonLabel || t.submit)}</button></form>`,
	);
}
