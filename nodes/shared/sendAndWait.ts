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
import { InputError, toNodeError } from './errors';
import { checkText, kindOf } from './params';
import { answerRecordedPage, freeTextFormPage, ignoredPage } from './sendAndWaitPages';

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
	const common = [limitWaitTime, ...providerOptions].sort((a, b) => a.displayName.localeCompare(b.displayName));
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
						{ displayName: 'Approve Button Label', name: 'approveLabel', type: 'string', default: 'Approve' },
						{
							displayName: 'Decline Button Label',
							name: 'disapproveLabel',
							type: 'string',
							default: 'Decline',
							displayOptions: { show: { approvalType: ['double'] } },
						},
					],
				},
			],
			displayOptions: showWait(resource, { responseType: ['approval'] }),
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: common,
			displayOptions: showWait(resource, { responseType: ['approval'] }),
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: ([
				{ displayName: 'Message Button Label', name: 'messageButtonLabel', type: 'string', default: 'Respond', description: 'The text before the form link in the message' },
				{ displayName: 'Response Form Button Label', name: 'responseFormButtonLabel', type: 'string', default: 'Submit' },
				{
					displayName: 'Response Form Description',
					name: 'responseFormDescription',
					type: 'string',
					default: '',
					description: 'The text above the answer box. Empty: the message.',
				},
				{ displayName: 'Response Form Title', name: 'responseFormTitle', type: 'string', default: '', description: 'The title of the form page' },
				...common,
			] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
			displayOptions: showWait(resource, { responseType: ['freeText'] }),
		},
	];
}

interface SignedContext {
	getSignedResumeUrl?: (parameters?: Record<string, string>) => string;
	setSignatureValidationRequired?: () => void;
}

/**
 * The links to the waiting execution, signed by n8n (1.123 and 2.x): a link without its signature,
 * or with its query changed, is refused by n8n before it reaches the node.
 */
export function resumeLinks(ctx: IExecuteFunctions): WaitLinks {
	const signed = ctx as unknown as SignedContext;
	if (typeof signed.getSignedResumeUrl !== 'function') {
		throw new InputError('Operation', 'needs a newer n8n', 'Send and Wait for Response works on n8n 1.123 or later.');
	}
	// 1.x checks the signature only when the execution asks for it; 2.x always does for Send and Wait.
	if (typeof signed.setSignatureValidationRequired === 'function') signed.setSignatureValidationRequired();
	const link = (parameters: Record<string, string>) => signed.getSignedResumeUrl!.call(ctx, parameters);
	const responseType = ctx.getNodeParameter('responseType', 0, 'approval') as string;
	if (responseType === 'freeText') return { respond: link({}) };
	const approval = ctx.getNodeParameter('approvalOptions.values', 0, {}) as IDataObject;
	const links: WaitLinks = { approve: link({ approved: 'true' }) };
	if (approval.approvalType === 'double') links.decline = link({ approved: 'false' });
	return links;
}

/** The labels shown before each link in the message. */
function labels(ctx: IExecuteFunctions): Required<Record<keyof WaitLinks, string>> {
	const approval = ctx.getNodeParameter('approvalOptions.values', 0, {}) as IDataObject;
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		approve: String(approval.approveLabel || 'Approve'),
		decline: String(approval.disapproveLabel || 'Decline'),
		respond: String(options.messageButtonLabel || 'Respond'),
	};
}

/** The message with the links below it, each after its label: what a free-text send carries. */
export function waitMessage(ctx: IExecuteFunctions, links: WaitLinks, message?: string): WaitMessage {
	const raw = message ?? ctx.getNodeParameter('message', 0, '');
	const text = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '';
	const label = labels(ctx);
	const lines = (['approve', 'decline', 'respond'] as const).filter((key) => links[key]).map((key) => `${label[key]}: ${links[key]}`);
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

const UNIT_MS: Record<string, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** When the wait ends without an answer (n8n's "wait indefinitely" date when there is no limit). */
export function waitLimit(ctx: IExecuteFunctions, now = new Date()): Date {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const limit = (options.limitWaitTime as IDataObject | undefined)?.values as IDataObject | undefined;
	if (!limit) return WAIT_INDEFINITELY;
	if ((limit.limitType ?? 'afterTimeInterval') === 'afterTimeInterval') {
		const amount = Number(limit.resumeAmount ?? 45);
		const unit = UNIT_MS[String(limit.resumeUnit ?? 'minutes')];
		if (!Number.isFinite(amount) || amount <= 0 || !unit) {
			throw new InputError('Options → Limit Wait Time → Amount', `"${limit.resumeAmount}" is not a positive amount`, 'Give a number above 0, or remove the limit.');
		}
		return new Date(now.getTime() + amount * unit);
	}
	const at = new Date(String(limit.maxDateAndTime ?? ''));
	if (Number.isNaN(at.getTime())) {
		throw new InputError('Options → Limit Wait Time → Max Date and Time', `"${limit.maxDateAndTime ?? ''}" is not a date and time`, 'Pick a date and time, or remove the limit.');
	}
	if (at.getTime() <= now.getTime()) {
		throw new InputError('Options → Limit Wait Time → Max Date and Time', `${at.toISOString()} is in the past`, 'Pick a later date and time, or remove the limit.');
	}
	return at;
}

/**
 * The whole operation: checks the limit, builds the links, lets the provider send them (for the
 * first item, as n8n's own Send and Wait nodes do: one message, one answer), then puts the execution
 * to wait. On an answer n8n calls `sendAndWaitWebhook`; at the limit the node passes its input on.
 */
export async function sendAndWait(ctx: IExecuteFunctions, send: (message: WaitMessage) => Promise<void>): Promise<INodeExecutionData[][]> {
	try {
		const waitTill = waitLimit(ctx);
		const message = waitMessage(ctx, resumeLinks(ctx));
		await send(message);
		await ctx.putExecutionToWait(waitTill);
	} catch (error) {
		throw toNodeError(ctx.getNode(), error, 0);
	}
	return [ctx.getInputData()];
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
	const responseType = this.getNodeParameter('responseType', 'approval') as string;
	const agent = String(request.headers?.['user-agent'] ?? '');

	if (responseType === 'freeText') {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const form = (problem?: string) =>
			freeTextFormPage({
				title: String(options.responseFormTitle || ''),
				description: String(options.responseFormDescription || this.getNodeParameter('message', '') || ''),
				buttonLabel: String(options.responseFormButtonLabel || 'Submit'),
				problem,
			});
		if (request.method === 'POST') {
			const body = (this.getBodyData() ?? {}) as IDataObject;
			// n8n hands a urlencoded form over as fields, a multipart one under `data`.
			const fields = (body.data && typeof body.data === 'object' ? body.data : body) as IDataObject;
			const answer: unknown = fields.response;
			// The form's `required` is only the browser's: a post can carry anything. The execution
			// keeps waiting and the person gets the form again, told what to change.
			if (answer !== undefined && typeof answer !== 'string') {
				page(400, form(`The answer must be text, but this one is ${kindOf(answer)}. Please write your answer in the box.`));
				return { noWebhookResponse: true };
			}
			const text = answer ?? '';
			if (text.trim() === '') {
				page(400, form('The answer is empty. Please write an answer.'));
				return { noWebhookResponse: true };
			}
			page(200, answerRecordedPage());
			return { noWebhookResponse: true, workflowData: [[{ json: { data: { text } } }]] };
		}
		page(200, form());
		return { noWebhookResponse: true };
	}

	if (PREVIEW_AGENT.test(agent)) {
		page(200, ignoredPage());
		return { noWebhookResponse: true };
	}
	const query = this.getQueryData() as IDataObject;
	const approved = query.approved === 'true';
	page(200, answerRecordedPage());
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
	const list = ctx.getNodeParameter('linkVariables.variable', 0, []) as Array<{ name?: string; content?: string; value?: unknown }>;
	const names: Record<string, string> = { approve: 'an Approve Link', decline: 'a Decline Link', respond: 'a Response Form Link' };
	const out = list.map((entry, index) => {
		const content = entry.content ?? 'text';
		const field = `Template Variables → Variable ${index + 1}`;
		if (content === 'text') return { name: String(entry.name ?? '').trim(), value: String(entry.value ?? '') };
		const link = links[content as keyof WaitLinks];
		if (!link) {
			throw new InputError(
				field,
				`is ${names[content] ?? content}, which this response type does not offer`,
				content === 'respond' ? 'Use Response Type Free Text, or an Approve Link.' : 'Use Approve and Decline (Approval Options), or another link.',
			);
		}
		return { name: String(entry.name ?? '').trim(), value: link };
	});
	const wanted = Object.keys(links).filter((key) => links[key as keyof WaitLinks]);
	const given = list.map((entry) => entry.content);
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
