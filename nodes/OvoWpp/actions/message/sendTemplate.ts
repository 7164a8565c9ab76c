import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { concurrencyOption, showFor, timeoutOption, optionsFor } from '../../../shared/description';
import { InputError, ProviderError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/items';
import { forVersion, locatorField, readLocator, V1 } from '../../../shared/locator';
import { checkText, readCollection, readList } from '../../../shared/params';
import { ovoCall, TIMEOUT_MS } from '../../transport';
import type { OvoEnvelope } from '../../transport';
import { phoneFields, readPhone } from '../fields';
import { FACTS } from '../../facts';
import { allTemplates, isApproved, templateVariableCounts } from '../template/getMany';
import { fromNumberOption, recipientOptions, sendCreatingContact } from './recipient';

const variableList = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Variable',
	default: {},
	description,
	options: [
		{
			displayName: 'Variable',
			name: 'variable',
			values: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
		},
	],
	displayOptions: showFor('message', ['sendTemplate']),
});

export const description: INodeProperties[] = [
	...phoneFields('message', ['sendTemplate']),
	{
		displayName: 'Template Name or ID',
		name: 'templateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getApprovedTemplates' },
		default: '',
		required: true,
		description:
			'An approved template. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: forVersion(showFor('message', ['sendTemplate']), V1),
	},
	locatorField({
		displayName: 'Template',
		name: 'templateId',
		description: 'An approved template: pick it from the list (search by name), or give its ID',
		searchListMethod: 'searchTemplates',
		byId: { regex: '^\\s*\\d+\\s*$', error: 'A template ID is a number, e.g. 3', placeholder: 'e.g. 3' },
		displayOptions: showFor('message', ['sendTemplate']),
	}),
	variableList('Body Variables', 'bodyVariables', 'Values for {{1}}, {{2}}, … of the template body, in order'),
	variableList('Header Variables', 'headerVariables', 'Values for {{1}}, … of a text header, in order'),
	optionsFor('message', ['sendTemplate'], [
		...recipientOptions,
		fromNumberOption(
			'The connected number to send from. Note: the live service currently ignores it for templates and always uses the default account.',
		),
		concurrencyOption,
		timeoutOption(TIMEOUT_MS),
	]),
];

// The templates, read once per run: each item's template is checked without a call of its own.
const templatesOfRun = new WeakMap<object, Promise<IDataObject[]>>();

/** The values of a variable list, each a non-empty text: WhatsApp refuses empty template parameters. */
function values(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string): string[] {
	return readList(ctx, `${name}.variable`, itemIndex, label).map((entry, index) =>
		checkText(entry.value, `${label} → Variable ${index + 1}`, {
			required: true,
			emptyHint: 'WhatsApp refuses empty template variables: give a value, or remove the variable.',
		}),
	);
}

/** The live service sends the template, then fails on its own bug: that answer means "sent". */
export function isSentDespiteError(error: unknown): boolean {
	return error instanceof ProviderError && error.message.includes(FACTS.templateSentDespiteError.value);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const phone = readPhone(this, itemIndex);
	const templateId = checkText(readLocator(this, 'templateId', itemIndex).value, 'Template Name or ID', { required: true }).trim();
	if (!/^\d+$/.test(templateId)) {
		throw new InputError('Template Name or ID', `"${templateId}" is not a template ID`, 'Pick an approved template from the list.');
	}
	const body = values(this, itemIndex, 'bodyVariables', 'Body Variables');
	const header = values(this, itemIndex, 'headerVariables', 'Header Variables');

	let templates = templatesOfRun.get(this);
	if (!templates) {
		templates = allTemplates(this);
		templatesOfRun.set(this, templates);
	}
	const template = (await templates).find((t) => String(t.id) === templateId);
	if (!template) throw new InputError('Template Name or ID', `${templateId} does not exist in this account`, 'Pick a template from the list.');
	if (!isApproved(template)) {
		throw new InputError('Template Name or ID', `"${template.name}" is ${template.statusName}, not approved`, 'Only approved templates can be sent.');
	}
	// The header and body are read in the shape the service gives (an object with `text`, or a
	// string). Where it gives no text (a body stored raw reads back as null) the count is unknown:
	// the values go as given, and WhatsApp judges them.
	const counts = templateVariableCounts(template);
	const unknown: string[] = [];
	for (const [label, given, count, where] of [
		['Body Variables', body, counts.body, `template "${template.name}"`],
		['Header Variables', header, counts.header, `the header of "${template.name}"`],
	] as const) {
		if (count === undefined) {
			unknown.push(label);
			continue;
		}
		if (given.length !== count) {
			throw new InputError(label, `has ${given.length} value(s); ${where} has ${count}${label === 'Body Variables' ? ' ({{1}}…)' : ''}`, `Give exactly ${count} value(s), in order.`);
		}
	}

	const options = readCollection(this, 'options', itemIndex, 'Options');
	const fields: Record<string, string | string[]> = { ...phone, template_id: templateId };
	if (body.length) fields.body_variables = body;
	if (header.length) fields.header_variables = header;
	const fromNumber = checkText(options.fromNumber, 'Options → From Number').trim();
	if (fromNumber) fields.from_number = fromNumber;

	let note: string | undefined;
	const send = (): Promise<OvoEnvelope> =>
		ovoCall(this, { method: 'POST', path: 'inbox/send-template-message', fields, kind: 'send' }).catch((error: unknown) => {
			if (!isSentDespiteError(error)) return Promise.reject(error);
			note =
				'OvoWpp sent the template, then answered "Undefined variable $conversationId" (a known bug of the service). It was not retried, so it is sent once.';
			return { remark: 'template_sent', status: 'success' } as OvoEnvelope;
		});
	const { envelope, contact } = await sendCreatingContact(this, itemIndex, phone, send);
	const result: IDataObject = {
		sent: true,
		to: `+${phone.mobile_code}${phone.mobile}`,
		templateId: Number(templateId),
		templateName: template.name,
		conversationId: envelope.data?.conversation_id ?? null,
	};
	if (unknown.length) {
		const unread = `OvoWpp did not give the text of this template's ${unknown.map((l) => l.split(' ')[0].toLowerCase()).join(' and ')}, so the number of ${unknown.join(' and ')} was not checked.`;
		note = note ? `${note} ${unread}` : unread;
	}
	if (note) result.note = note;
	if (contact) result.contactCreated = contact;
	return result;
}
