import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { concurrencyOption, showFor, timeoutOption, optionsFor } from '../../../shared/description';
import { InputError, ProviderError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/items';
import { forVersion, locatorField, readLocator } from '../../../shared/locator';
import { checkText, nodeParameter, readCollection, readList, readOption, runNode } from '../../../shared/params';
import { templateVariablesField } from '../../../shared/templateFields';
import { ovoCall, TIMEOUT_MS } from '../../transport';
import type { OvoEnvelope } from '../../transport';
import { FACTS } from '../../facts';
import { phoneFields, readPhone } from '../../helpers/fields';
import { fromNumberOption, recipientOptions, sendCreatingContact } from '../../helpers/recipient';
import { isApproved, templateOfRun, templatePlaceholders } from '../../helpers/templates';

export const option = { name: 'Send Template', value: 'sendTemplate', action: 'Send a template message' };

const show = showFor('message', ['sendTemplate']);

// Version 3 gives each placeholder its own field; the lists of versions 1 and 2 stay, for values
// that come as lists from expressions.
// Named and valued as Wolkvox's Send Template (version 3) names its choice.
const VARIABLE_MODES = [
	{ name: 'Fields', value: 'fields', description: 'A field for each {{n}} of the chosen template, header and body' },
	{ name: 'List', value: 'list', description: 'Values for {{1}}, {{2}}, … given in order, e.g. from expressions' },
];

const variableList = (displayName: string, name: string, description: string, displayOptions: INodeProperties['displayOptions']): INodeProperties => ({
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
	displayOptions,
});

// The lists, as versions 1 and 2 have them, and in version 3 when "List" is chosen (a
// `hide` on the choice would hide them in the earlier versions too: n8n reads its default there).
const variableLists = (versions: number[], extra: Record<string, string[]> = {}): INodeProperties[] => {
	const displayOptions = { show: { ...show?.show, '@version': versions, ...extra } };
	return [
		variableList('Body Variables', 'bodyVariables', 'Values for {{1}}, {{2}}, … of the template body, in order', displayOptions),
		variableList('Header Variables', 'headerVariables', 'Values for {{1}}, … of a text header, in order', displayOptions),
	];
};

export const description: INodeProperties[] = [
	...phoneFields('message', ['sendTemplate']),
	locatorField({
		displayName: 'Template',
		name: 'templateId',
		description: 'An approved template: pick it from the list (search by name), or give its ID',
		searchListMethod: 'searchTemplates',
		byId: { regex: '^\\s*\\d+\\s*$', error: 'A template ID is a number, e.g. 3', placeholder: 'e.g. 3' },
		displayOptions: show,
	}),
	{
		displayName: 'Give Variables As',
		name: 'variablesAs',
		type: 'options',
		options: VARIABLE_MODES,
		default: 'fields',
		description: 'How the values of the template\'s placeholders are given',
		displayOptions: forVersion(show, [3]),
	},
	templateVariablesField({
		displayName: 'Template Variables',
		name: 'templateVariables',
		description: 'A value for each placeholder of the template',
		// The value of the locator is templateId.value.
		dependsOn: ['templateId', 'templateId.value'],
		method: 'getTemplateVariables',
		supportAutoMap: false,
		noFields: { error: 'No variables to fill: choose a template, or this template takes none.' },
		displayOptions: { show: { ...show?.show, '@version': [3], variablesAs: ['fields'] } },
	}),
	...variableLists([1, 2]),
	...variableLists([3], { variablesAs: ['list'] }),
	optionsFor('message', ['sendTemplate'], [
		...recipientOptions,
		fromNumberOption('The connected number to send from. Note: the live service currently ignores it for templates and always uses the default account.'),
		concurrencyOption,
		timeoutOption(TIMEOUT_MS),
	]),
];

const EMPTY_HINT = 'WhatsApp refuses empty template variables: give a value, or remove the variable.';

/** The values of a variable list, each a non-empty text: WhatsApp refuses empty template parameters. */
function listValues(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string): string[] {
	return readList(ctx, `${name}.variable`, itemIndex, label).map((entry, index) =>
		checkText(entry.value, `${label} → Variable ${index + 1}`, { required: true, emptyHint: EMPTY_HINT }),
	);
}

/** The live service sends the template, then fails on its own bug: that answer means "sent". */
function isSentDespiteError(error: unknown): boolean {
	return error instanceof ProviderError && error.message.includes(FACTS.templateSentDespiteError.value);
}

// Said on each item that meets the service's bug, calmly: the send went out once.
const NO_CONVERSATION_NOTE = 'OvoWpp does not return the conversation of a template send (a known issue of the service); the template was sent once.';

/** Checks the lists of versions 1 and 2 (and version 3's "List") against the template. */
function checkLists(template: IDataObject, lists: { header: string[]; body: string[] }): Array<'header' | 'body'> {
	const { placeholders, unknown } = templatePlaceholders(template);
	for (const [part, label, where] of [
		['body', 'Body Variables', `template "${template.name}"`],
		['header', 'Header Variables', `the header of "${template.name}"`],
	] as const) {
		if (unknown.includes(part)) continue;
		const count = placeholders.filter((p) => p.part === part).length;
		const given = lists[part].length;
		if (given !== count) {
			throw new InputError(label, `has ${given} value(s); ${where} has ${count}${part === 'body' ? ' ({{1}}…)' : ''}`, `Give exactly ${count} value(s), in order.`);
		}
	}
	return unknown;
}

/** Version 3's fields: one value per placeholder, by its id (header_1, body_2, …), in order. */
function mappedValues(ctx: IExecuteFunctions, itemIndex: number, template: IDataObject): { header: string[]; body: string[]; unknown: Array<'header' | 'body'> } {
	const given = (nodeParameter(ctx, 'templateVariables.value', itemIndex, {}) ?? {}) as IDataObject;
	const { placeholders, unknown } = templatePlaceholders(template);
	const values = { header: [] as string[], body: [] as string[] };
	for (const placeholder of placeholders) {
		values[placeholder.part].push(
			checkText(given[placeholder.id], `Template Variables → ${placeholder.displayName}`, {
				required: true,
				emptyHint: `Template "${template.name}" needs a value for ${placeholder.displayName}: map one, e.g. from a field of the input. ${EMPTY_HINT}`,
			}),
		);
	}
	return { ...values, unknown };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const phone = readPhone(this, itemIndex);
	const templateId = checkText(readLocator(this, 'templateId', itemIndex).value, 'Template Name or ID', { required: true }).trim();
	if (!/^\d+$/.test(templateId)) {
		throw new InputError('Template Name or ID', `"${templateId}" is not a template ID`, 'Pick an approved template from the list.');
	}
	const mode = runNode(this).typeVersion >= 3 ? readOption(this, 'variablesAs', itemIndex, 'Give Variables As', VARIABLE_MODES) : 'list';
	// The lists are checked before anything is read from the provider.
	const lists =
		mode === 'list'
			? { body: listValues(this, itemIndex, 'bodyVariables', 'Body Variables'), header: listValues(this, itemIndex, 'headerVariables', 'Header Variables') }
			: undefined;

	const template = await templateOfRun(this, templateId);
	if (!template) throw new InputError('Template Name or ID', `${templateId} does not exist in this account`, 'Pick a template from the list.');
	if (!isApproved(template)) {
		throw new InputError('Template Name or ID', `"${template.name}" is ${template.statusName}, not approved`, 'Only approved templates can be sent.');
	}
	// The header and body are read in the shape the service gives (an object with `text`, or a
	// string). Where it gives no text (a body stored raw reads back as null) the count is unknown:
	// list values go as given, and WhatsApp judges them.
	const { header, body, unknown } = lists ? { ...lists, unknown: checkLists(template, lists) } : mappedValues(this, itemIndex, template);

	const options = readCollection(this, 'options', itemIndex, 'Options');
	const fields: Record<string, string | string[]> = { ...phone, template_id: templateId };
	if (body.length) fields.body_variables = body;
	if (header.length) fields.header_variables = header;
	const fromNumber = checkText(options.fromNumber, 'Options → From Number').trim();
	if (fromNumber) fields.from_number = fromNumber;

	let sentDespiteError = false;
	const send = (): Promise<OvoEnvelope> =>
		ovoCall(this, { method: 'POST', path: 'inbox/send-template-message', fields, kind: 'send' }).catch((error: unknown) => {
			if (!isSentDespiteError(error)) return Promise.reject(error);
			// Sent: reported so, and never retried (a retry would send it twice).
			sentDespiteError = true;
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
	const notes: string[] = [];
	if (sentDespiteError) notes.push(NO_CONVERSATION_NOTE);
	if (unknown.length) {
		const what = unknown.join(' and ');
		notes.push(
			lists
				? `OvoWpp did not give the text of this template's ${what}, so the number of its values was not checked.`
				: `OvoWpp did not give the text of this template's ${what}, so it had no fields and no values were sent for it: give them with Give Variables As → List.`,
		);
	}
	if (notes.length) result.serviceNote = notes.join(' ');
	if (contact) result.contactCreated = contact;
	return result;
}
