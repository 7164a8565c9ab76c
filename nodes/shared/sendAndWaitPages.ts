// The pages a person sees after opening a Send and Wait link: small, self-contained HTML (no
// scripts, no external files), every text from the workflow escaped.

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const STYLE = `body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f5f7;margin:0;padding:24px;color:#222}
main{max-width:480px;margin:40px auto;background:#fff;border-radius:12px;padding:28px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.3rem;margin:0 0 12px}p{line-height:1.45;white-space:pre-wrap}
textarea{width:100%;box-sizing:border-box;min-height:120px;font:inherit;padding:8px;border:1px solid #bbb;border-radius:6px}
button{margin-top:14px;background:#25d366;color:#fff;border:0;border-radius:6px;padding:10px 18px;font:inherit;cursor:pointer}`;

function layout(title: string, body: string): string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** After an answer: it is recorded, nothing more to do. */
export function answerRecordedPage(): string {
	return layout('Answer recorded', '<h1>Your answer was recorded</h1><p>Thank you. You can close this page now.</p>');
}

/** What a link preview (not a person) gets: no answer is recorded. */
export function ignoredPage(): string {
	return layout('Waiting for an answer', '<h1>Waiting for an answer</h1><p>Open this link in a browser to answer.</p>');
}

/** The free-text form; it posts to its own address, which carries the signature. `problem`: why the last answer was refused. */
export function freeTextFormPage(form: { title: string; description: string; buttonLabel: string; problem?: string }): string {
	const title = form.title || 'Your answer';
	const problem = form.problem ? `<p role="alert" style="color:#b00020">${escapeHtml(form.problem)}</p>` : '';
	return layout(
		title,
		`<h1>${escapeHtml(title)}</h1>${form.description ? `<p>${escapeHtml(form.description)}</p>` : ''}${problem}<form method="POST"><textarea name="response" required aria-label="Your answer"></textarea><button type="submit">${escapeHtml(form.buttonLabel)}</button></form>`,
	);
}
