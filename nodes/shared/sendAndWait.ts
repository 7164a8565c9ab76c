// Send and Wait for Response, shared by every action node: the fields, the links to the waiting
// execution, the wait limit, and the webhook that receives the person's answer and resumes it.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { WAIT_INDEFINITELY } from 'n8n-workflow';
import { optionsCollection } from './description';
import { InputError, toNodeError } from './errors';
import { checkNumber, checkOption, checkText, kindOf, nodeParameter, readCollection, readList } from './params';
import type { CustomerLanguage, FormProblem } from './sendAndWaitPages';
import { answerRecordedPage, CUSTOMER_LANGUAGES, CUSTOMER_TEXTS, freeTextFormPage, ignoredPage } from './sendAndWaitPages';

/** What the typed readers of params.ts need: an execution's context, or a webhook's through `webhookReader`. */
type Reader = Pick<IExecuteFunctions, 'getNodeParameter' | 'getNode'>;

/** n8n recognises a Send and Wait node by this operation value (its waiting-webhook checks read it). */
export const SEND_AND_WAIT = 'sendAndWait';

/**
 * The waiting execution's webhook: `<webhook-waiting>/<execution id>/<node id>`. GET opens a link
 * (approve / decline, or the free-text form), POST sends the form. `restartWebhook` makes n8n route
 * it to the node the execution waits in.
 */
export const SEND_AND_WAIT_WEBHOOKS: IWebhookDescription[] = ['GET', 'POST'].map((httpMethod) => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));

/** What the editor shows on the node while it waits. */
export const SEND_AND_WAIT_TOOLTIP = "={{ $parameter.operation === 'sendAndWait' ? 'The execution continues after the answer' : '' }}";

export interface WaitLinks {
	approve?: string;
	decline?: string;
	respond?: string;
}

/** The message of an approval: the links labelled, one per line. */
export interface WaitMessage {
	/** The message with its links appended (for providers that send free text): check it with `waitText`. */
	text: string;
	links: WaitLinks;
	/** The Message field as the workflow gave it. */
	message: unknown;
}

const showWait = (resource: string, extra: IDataObject = {}): INodeProperties['displayOptions'] => ({
	show: { resource: [resource], operation: [SEND_AND_WAIT], ...extra },
});

const limitWaitTime: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	description: 'Whether the execution goes on without an answer after a time; the node then outputs its input items unchanged',
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					options: [
						{ name: 'After Time Interval', value: 'afterTimeInterval', description: 'Waits for an amount of time' },
						{ name: 'At Specified Time', value: 'atSpecifiedTime', description: 'Waits until a date and time' },
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 45,
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'minutes',
					options: [
						{ name: 'Seconds', value: 'seconds' },
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					description: 'Continue without an answer at this date and time',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

const customerLanguage: INodeProperties = {
	displayName: 'Customer Language',
	name: 'customerLanguage',
	type: 'options',
	default: 'en',
	options: [...CUSTOMER_LANGUAGES],
	description: 'The language of what the person sees: the pages the links open, and the labels before the links in the message unless set here',
};

/** The Options collection of one Response Type, its options in alphabetical order. */
function waitOptions(resource: string, responseType: (typeof RESPONSE_TYPES)[number], options: INodeProperties[]): INodeProperties {
	const sorted = [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return optionsCollection(sorted, showWait(resource, { responseType: [responseType] }));
}

/**
 * Send As of a provider whose Send and Wait can send free text or a template (the template's
 * variables then carry the links); each provider says what each choice sends.
 */
export function sendAsField(resource: string, text: string, template: string): INodeProperties {
	return {
		displayName: 'Send As',
		name: 'messageKind',
		type: 'options',
		default: 'text',
		options: [
			{ name: 'Free Text', value: 'text', description: text },
			{ name: 'Template', value: 'template', description: template },
		],
		displayOptions: showWait(resource),
	};
}

const SEND_AS = [{ name: 'Free Text', value: 'text' }, { name: 'Template', value: 'template' }];

/** The Send As chosen (read with the typed readers): 'text' or 'template'. */
export function readSendAs(ctx: Reader): string {
	return checkOption(nodeParameter(ctx, 'messageKind', 0, 'text'), 'Send As', SEND_AS);
}

/**
 * The fields of Send and Wait after the provider's own recipient fields. `providerOptions` go into
 * the Options collection (sender, timeout, …). `messageShown` limits where the Message field shows
 * (a provider whose template carries the links shows it for free text only).
 */
export function sendAndWaitFields(
	resource: string,
	providerOptions: INodeProperties[],
	messageShown: IDataObject = {},
): INodeProperties[] {
	const common = [customerLanguage, limitWaitTime, ...providerOptions].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return [
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description: "The text sent; the links to answer are added below it, and count toward WhatsApp's 4,096 characters (about 160 for two links)",
			displayOptions: showWait(resource, messageShown),
		},
		{
			displayName: 'Response Type',
			name: 'responseType',
			type: 'options',
			default: 'approval',
			options: [
				{ name: 'Approval', value: 'approval', description: 'The person approves (or declines) with a link' },
				{ name: 'Free Text', value: 'freeText', description: 'The person writes an answer in a form' },
			],
			displayOptions: showWait(resource),
		},
		{
			displayName: 'Approval Options',
			name: 'approvalOptions',
			type: 'fixedCollection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Values',
					name: 'values',
					values: [
						{
							displayName: 'Type of Approval',
							name: 'approvalType',
							type: 'options',
							default: 'single',
							options: [
								{ name: 'Approve Only', value: 'single' },
								{ name: 'Approve and Decline', value: 'double' },
							],
						},
						{
							displayName: 'Approve Button Label',
							name: 'approveLabel',
							type: 'string',
							default: '',
							placeholder: 'Approve',
							description: "The text before the Approve link. Empty: the Customer Language's word (Approve, Aprobar, Aprovar).",
						},
						{
							displayName: 'Decline Button Label',
							name: 'disapproveLabel',
							type: 'string',
							default: '',
							placeholder: 'Decline',
							description: "The text before the Decline link. Empty: the Customer Language's word (Decline, Rechazar, Recusar).",
							displayOptions: { show: { approvalType: ['double'] } },
						},
					],
				},
			],
			displayOptions: showWait(resource, { responseType: ['approval'] }),
		},
		waitOptions(resource, 'approval', common),
		waitOptions(resource, 'freeText', [
			{
				displayName: 'Message Button Label',
				name: 'messageButtonLabel',
				type: 'string',
				default: '',
				placeholder: 'Respond',
				description: "The text before the form link in the message. Empty: the Customer Language's word (Respond, Responder).",
			},
			{
				displayName: 'Response Form Button Label',
				name: 'responseFormButtonLabel',
				type: 'string',
				default: '',
				placeholder: 'Submit',
				description: "The form's button. Empty: the Customer Language's word (Submit, Enviar).",
			},
			{
				displayName: 'Response Form Description',
				name: 'responseFormDescription',
				type: 'string',
				default: '',
				description: 'The text above the answer box. Empty: the message.',
			},
			{ displayName: 'Response Form Title', name: 'responseFormTitle', type: 'string', default: '', description: "The title of the form page. Empty: the Customer Language's \"Your answer\"." },
			...common,
		]),
	];
}

interface SignedContext {
	getSignedResumeUrl?: (parameters?: Record<string, string>) => string;
	setSignatureValidationRequired?: () => void;
}

// The choices of the fields above, for the typed readers' checks (and their error's list).
const RESPONSE_TYPES = ['approval', 'freeText'] as const;
const APPROVAL_TYPES = ['single', 'double'] as const;
const LIMIT_TYPES = ['afterTimeInterval', 'atSpecifiedTime'] as const;
const UNIT_MS: Record<string, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** The node's Send and Wait settings, read and checked with the typed readers before anything is sent. */
interface WaitSettings {
	responseType: (typeof RESPONSE_TYPES)[number];
	/** Approve and Decline (two links) rather than Approve only. */
	double: boolean;
	language: CustomerLanguage;
	/** The labels before each link in the message: the user's, or the language's words. */
	labels: Required<Record<keyof WaitLinks, string>>;
	/** The Options collection as given (the limit, and the provider's own options). */
	options: IDataObject;
	/** The free-text form's texts as the user set them (empty: the page uses the language's words). */
	form: { title: string; description: string; buttonLabel: string };
}

/** A label the user set, or the language's word when it is empty. */
const labelOr = (value: unknown, field: string, fallback: string) => {
	const label = checkText(value, field);
	return label.trim() ? label : fallback;
};

function waitSettings(ctx: Reader): WaitSettings {
	const responseType = checkOption(nodeParameter(ctx, 'responseType', 0, 'approval'), 'Response Type', RESPONSE_TYPES);
	const options = readCollection(ctx, 'options', 0, 'Options');
	const language = checkOption<CustomerLanguage>(options.customerLanguage ?? 'en', 'Options → Customer Language', CUSTOMER_LANGUAGES);
	const words = CUSTOMER_TEXTS[language];
	const optionText = (name: string, field: string) => checkText(options[name], `Options → ${field}`);
	const settings: WaitSettings = {
		responseType,
		double: false,
		language,
		labels: { approve: words.approve, decline: words.decline, respond: words.respond },
		options,
		form: { title: '', description: '', buttonLabel: '' },
	};
	if (responseType === 'freeText') {
		settings.labels.respond = labelOr(options.messageButtonLabel, 'Options → Message Button Label', words.respond);
		settings.form = {
			title: optionText('responseFormTitle', 'Response Form Title'),
			description: optionText('responseFormDescription', 'Response Form Description'),
			buttonLabel: optionText('responseFormButtonLabel', 'Response Form Button Label'),
		};
		return settings;
	}
	const approval = readCollection(ctx, 'approvalOptions.values', 0, 'Approval Options');
	settings.double = checkOption(approval.approvalType ?? 'single', 'Approval Options → Type of Approval', APPROVAL_TYPES) === 'double';
	settings.labels.approve = labelOr(approval.approveLabel, 'Approval Options → Approve Button Label', words.approve);
	settings.labels.decline = labelOr(approval.disapproveLabel, 'Approval Options → Decline Button Label', words.decline);
	return settings;
}

/**
 * The links to the waiting execution, signed by n8n (1.123 and 2.x): a link without its signature,
 * or with its query changed, is refused by n8n before it reaches the node.
 */
function resumeLinks(ctx: IExecuteFunctions, settings: WaitSettings): WaitLinks {
	const signed = ctx as unknown as SignedContext;
	if (typeof signed.getSignedResumeUrl !== 'function') {
		throw new InputError('Operation', 'needs a newer n8n', 'Send and Wait for Response works on n8n 1.123 or later.');
	}
	// 1.x checks the signature only when the execution asks for it; 2.x always does for Send and Wait.
	if (typeof signed.setSignatureValidationRequired === 'function') signed.setSignatureValidationRequired();
	const link = (parameters: Record<string, string>) => signed.getSignedResumeUrl!.call(ctx, parameters);
	if (settings.responseType === 'freeText') return { respond: link({}) };
	const links: WaitLinks = { approve: link({ approved: 'true' }) };
	if (settings.double) links.decline = link({ approved: 'false' });
	return links;
}

/** The message with the links below it, each after its label: what a free-text send carries. */
function waitMessage(ctx: IExecuteFunctions, links: WaitLinks, settings: WaitSettings): WaitMessage {
	// Checked by `waitText` where it is sent (a provider's template send has no Message).
	const raw = nodeParameter(ctx, 'message', 0, '');
	const text = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '';
	const lines = (['approve', 'decline', 'respond'] as const).filter((key) => links[key]).map((key) => `${settings.labels[key]}: ${links[key]}`);
	return { text: [text.trim(), ...lines].filter(Boolean).join('\n\n'), links, message: raw };
}

/**
 * The free text a provider sends: the Message checked as its Send checks a Text, and the length
 * counted on the message WITH its links, since that is the body the person gets (the signed links
 * add some 160 characters: a 5,000-character message went out as 5,159).
 */
export function waitText(message: WaitMessage, max: number, maxSource: string): string {
	const own = checkText(message.message, 'Message', { required: true, emptyHint: 'Write the message the person answers.' });
	const length = [...message.text].length;
	if (length > max) {
		const links = length - [...own.trim()].length;
		throw new InputError(
			'Message',
			`has ${length} characters with its links; ${maxSource} allows ${max}`,
			`The links take ${links} characters: shorten the message to ${Math.max(max - links, 0)} characters or fewer.`,
		);
	}
	return message.text;
}

/** When the wait ends without an answer (n8n's "wait indefinitely" date when there is no limit). */
function waitLimit(options: IDataObject, now = new Date()): Date {
	const field = 'Options → Limit Wait Time';
	const given = options.limitWaitTime;
	if (given === undefined || given === null) return WAIT_INDEFINITELY;
	if (typeof given !== 'object' || Array.isArray(given)) throw new InputError(field, `must be a set of fields, but is ${kindOf(given)}`, 'Set the limit in the node, or remove it.');
	const limit = (given as IDataObject).values as IDataObject | undefined;
	if (!limit) return WAIT_INDEFINITELY;
	if (checkOption(limit.limitType ?? 'afterTimeInterval', `${field} → Limit Type`, LIMIT_TYPES) === 'afterTimeInterval') {
		const amount = checkNumber(limit.resumeAmount ?? 45, `${field} → Amount`);
		const unit = checkOption(limit.resumeUnit ?? 'minutes', `${field} → Unit`, Object.keys(UNIT_MS));
		if (amount <= 0) throw new InputError(`${field} → Amount`, `"${amount}" is not a positive amount`, 'Give a number above 0, or remove the limit.');
		return new Date(now.getTime() + amount * UNIT_MS[unit]);
	}
	// An expression may give a date (a JS Date, or Luxon's DateTime from $now) rather than its text.
	const raw = limit.maxDateAndTime as unknown;
	let text: string;
	if (raw instanceof Date) text = raw.toISOString();
	else if (typeof (raw as { toISO?: unknown })?.toISO === 'function') text = String((raw as { toISO: () => unknown }).toISO());
	else text = checkText(raw, `${field} → Max Date and Time`);
	const at = new Date(text);
	if (Number.isNaN(at.getTime())) {
		throw new InputError(`${field} → Max Date and Time`, `"${text}" is not a date and time`, 'Pick a date and time, or remove the limit.');
	}
	if (at.getTime() <= now.getTime()) {
		throw new InputError(`${field} → Max Date and Time`, `${at.toISOString()} is in the past`, 'Pick a later date and time, or remove the limit.');
	}
	return at;
}

/**
 * The whole operation: checks every setting, builds the links, lets the provider send them (for the
 * first item, as n8n's own Send and Wait nodes do: one message, one answer), then puts the execution
 * to wait. On an answer n8n calls `sendAndWaitWebhook`; at the limit the node passes its input on.
 */
export async function sendAndWait(ctx: IExecuteFunctions, send: (message: WaitMessage) => Promise<void>): Promise<INodeExecutionData[][]> {
	try {
		const settings = waitSettings(ctx);
		const waitTill = waitLimit(settings.options);
		const message = waitMessage(ctx, resumeLinks(ctx, settings), settings);
		await send(message);
		await ctx.putExecutionToWait(waitTill);
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, 0);
	}
	return [ctx.getInputData()];
}

/** The webhook's parameters through the typed readers (a webhook reads without an item index). */
function webhookReader(ctx: IWebhookFunctions): Reader {
	return {
		getNode: () => ctx.getNode(),
		getNodeParameter: ((name: string, _item: number, fallback?: unknown) => ctx.getNodeParameter(name, fallback)) as Reader['getNodeParameter'],
	};
}

// Link previews (WhatsApp's own fetcher, social crawlers) open links by themselves: they must not answer.
const PREVIEW_AGENT = /^WhatsApp\/|facebookexternalhit|facebookcatalog|bot\b|crawler|spider|preview|slurp|embedly|Twitterbot|TelegramBot|Slackbot|Discordbot/i;

/** The webhook of every node with Send and Wait: renders the pages and resumes with the answer. */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const response = this.getResponseObject();
	const page = (status: number, html: string) => {
		response.writeHead(status, {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
			// The pages have no scripts and post only to themselves.
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
		});
		response.end(html);
	};
	// The same settings the send checked (a bad one refused the send, so no link to this exists).
	const reader = webhookReader(this);
	const settings = waitSettings(reader);
	const agent = String(request.headers?.['user-agent'] ?? '');

	if (settings.responseType === 'freeText') {
		const { title, description, buttonLabel } = settings.form;
		const form = (problem?: FormProblem) =>
			freeTextFormPage({
				title,
				description: description || checkText(nodeParameter(reader, 'message', 0, ''), 'Message'),
				buttonLabel,
				problem,
				language: settings.language,
			});
		if (request.method === 'POST') {
			const body = (this.getBodyData() ?? {}) as IDataObject;
			// n8n hands a urlencoded form over as fields, a multipart one under `data`.
			const fields = (body.data && typeof body.data === 'object' ? body.data : body) as IDataObject;
			const answer: unknown = fields.response;
			// The form's `required` is only the browser's: a post can carry anything. The execution
			// keeps waiting and the person gets the form again, told what to change.
			if (answer !== undefined && typeof answer !== 'string') {
				page(400, form({ kind: 'notText', given: kindOf(answer) }));
				return { noWebhookResponse: true };
			}
			const text = answer ?? '';
			if (text.trim() === '') {
				page(400, form({ kind: 'empty' }));
				return { noWebhookResponse: true };
			}
			page(200, answerRecordedPage(settings.language));
			return { noWebhookResponse: true, workflowData: [[{ json: { data: { text } } }]] };
		}
		page(200, form());
		return { noWebhookResponse: true };
	}

	if (PREVIEW_AGENT.test(agent)) {
		page(200, ignoredPage(settings.language));
		return { noWebhookResponse: true };
	}
	const query = this.getQueryData() as IDataObject;
	const approved = query.approved === 'true';
	page(200, answerRecordedPage(settings.language));
	return { noWebhookResponse: true, workflowData: [[{ json: { data: { approved } } }]] };
}

/**
 * Template variables for providers whose template carries the links (outside the 24-hour window
 * only templates reach a person). Each variable is a text or one of the links; `named` adds the
 * variable's name (providers that key variables by name instead of position).
 */
export function linkVariablesField(resource: string, shown: IDataObject, named: boolean): INodeProperties {
	const values: INodeProperties[] = [
		{
			displayName: 'Content',
			name: 'content',
			type: 'options',
			default: 'text',
			options: [
				{ name: 'Text', value: 'text' },
				{ name: 'Approve Link', value: 'approve' },
				{ name: 'Decline Link', value: 'decline', description: 'Only with Approve and Decline' },
				{ name: 'Response Form Link', value: 'respond', description: 'Only with Free Text' },
			],
		},
		{ displayName: 'Value', name: 'value', type: 'string', default: '', displayOptions: { show: { content: ['text'] } } },
	];
	if (named) values.unshift({ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The name of the template variable' });
	return {
		displayName: 'Template Variables',
		name: 'linkVariables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Variable',
		default: {},
		description: named
			? 'The template\'s variables by name; the ones holding a link get the link to the waiting execution'
			: 'Values for {{1}}, {{2}}, … of the template, in order; the ones holding a link get the link to the waiting execution',
		options: [{ displayName: 'Variable', name: 'variable', values }],
		displayOptions: showWait(resource, shown),
	};
}

/** The template variables with the links filled in; refused when a link is missing or not offered. */
export function linkVariables(ctx: IExecuteFunctions, links: WaitLinks): Array<{ name: string; value: string }> {
	const list = readList(ctx, 'linkVariables.variable', 0, 'Template Variables → Variable');
	const names: Record<string, string> = { approve: 'an Approve Link', decline: 'a Decline Link', respond: 'a Response Form Link' };
	const contents = ['text', ...Object.keys(names)];
	const given = list.map((entry, index) => checkOption(entry.content ?? 'text', `Template Variables → Variable ${index + 1} → Content`, contents));
	const out = list.map((entry, index) => {
		const content = given[index];
		const field = `Template Variables → Variable ${index + 1}`;
		const name = checkText(entry.name, `${field} → Name`).trim();
		if (content === 'text') return { name, value: checkText(entry.value, `${field} → Value`) };
		const link = links[content as keyof WaitLinks];
		if (!link) {
			throw new InputError(
				field,
				`is ${names[content]}, which this response type does not offer`,
				content === 'respond' ? 'Use Response Type Free Text, or an Approve Link.' : 'Use Approve and Decline (Approval Options), or another link.',
			);
		}
		return { name, value: link };
	});
	const wanted = Object.keys(links).filter((key) => links[key as keyof WaitLinks]);
	const missing = wanted.filter((key) => !given.includes(key));
	if (missing.length) {
		throw new InputError(
			'Template Variables',
			`carry no ${missing.map((key) => names[key].replace(/^an? /, '')).join(' and no ')}`,
			'The person can only answer through the links: give one template variable (a URL button or text variable) for each.',
		);
	}
	return out;
}
