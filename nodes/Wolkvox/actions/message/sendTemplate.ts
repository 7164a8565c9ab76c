import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor, timeoutOption, optionsFor } from '../../../shared/description';
import { InputError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/items';
import { forVersion, locatorField, readLocator } from '../../../shared/locator';
import { checkText, nodeParameter, readCollection, readList } from '../../../shared/params';
import { checkUrl } from '../../../shared/validation';
import { templateVariablesField } from '../../../shared/templateFields';
import { TIMEOUT_MS, wolkvoxCall } from '../../transport';
import { connectorField, phoneField, readConnectorId, readPhone } from '../../helpers/fields';
import { bodyFieldId, checkCount, checkSeparators, findTemplate, templateVariables } from '../../helpers/templates';
import { answerRest } from '../../helpers/answer';

export const option = {
	name: 'Send Template',
	value: 'sendTemplate',
	description: 'Send an approved template; this opens a conversation',
	action: 'Send a template message',
};

const shown = showFor('message', ['sendTemplate']);

/** The values in order, as a list: versions 1 and 2 always, version 3 when chosen (e.g. for expressions). */
const variablesList: INodeProperties = {
	displayName: 'Variables',
	name: 'templateVariables',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Variable',
	default: {},
	description:
		'Values for {{1}}, {{2}}, … of the template, in order. Their number is checked against the template before sending (its list is read once per run: one call of the daily budget).',
	options: [
		{
			displayName: 'Variable',
			name: 'variable',
			values: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
		},
	],
};

export const description: INodeProperties[] = [
	connectorField('message', ['sendTemplate']),
	phoneField('message', ['sendTemplate']),
	{
		...locatorField({
			displayName: 'Template',
			name: 'templateName',
			description:
				'An approved template of the connector: pick it from the list (loaded for the Connector ID above; each search uses one call of the daily budget), or give its name',
			searchListMethod: 'searchTemplates',
			// Template names have no spaces (Wolkvox's create_template).
			byId: { displayName: 'By Name', regex: '^\\s*\\S+\\s*$', error: 'A template name has no spaces, e.g. order_update', placeholder: 'e.g. order_update' },
			displayOptions: shown,
		}),
		displayOptions: forVersion(shown, [2, 3]),
	},
	{ ...variablesList, displayOptions: forVersion(shown, [1, 2]) },
	// Version 3: a field per variable of the chosen template. Version 2 workflows keep their list.
	{
		displayName: 'Give Variables As',
		name: 'variablesAs',
		type: 'options',
		options: [
			{ name: 'Fields', value: 'fields', description: 'A field for each variable of the template chosen above' },
			{ name: 'List', value: 'list', description: 'Values in order, e.g. when the template is an expression' },
		],
		default: 'fields',
		displayOptions: forVersion(shown, [3]),
	},
	templateVariablesField({
		displayName: 'Variables',
		name: 'variableFields',
		description:
			'A value for each variable of the template. Loading them reads the connector\'s templates: one call of the daily budget each time.',
		dependsOn: ['connectorId', 'templateName.value'],
		method: 'getTemplateFields',
		supportAutoMap: false,
		displayOptions: { show: { ...shown?.show, '@version': [3], variablesAs: ['fields'] } },
	}),
	{ ...variablesList, displayOptions: { show: { ...shown?.show, '@version': [3], variablesAs: ['list'] } } },
	optionsFor('message', ['sendTemplate'], [
		{
			displayName: 'Attachment URL',
			name: 'attachmentUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/files/invoice.pdf',
			description: 'A public link to the image or document of a template with a media header',
		},
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			description: 'Your identification of the customer, stored by Wolkvox with the conversation',
		},
		timeoutOption(TIMEOUT_MS),
	]),
];

/** Whether this item's values come from the fields of version 3 (else from the list). */
function fromFields(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return ctx.getNode().typeVersion >= 3 && nodeParameter(ctx, 'variablesAs', itemIndex, 'fields') === 'fields';
}

const EMPTY_HINT = 'WhatsApp refuses empty template variables: give a value, or remove the variable.';

/** The list's values, in order, each checked. */
function listedValues(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const list = readList(ctx, 'templateVariables.variable', itemIndex, 'Variables → Variable');
	const values = list.map((entry, index) => checkText(entry.value, `Variables → Variable ${index + 1}`, { required: true, emptyHint: EMPTY_HINT }));
	return checkSeparators(values, (index) => `Variables → Variable ${index + 1}`);
}

/**
 * Version 3's fields: one value per body placeholder of the template, in order. A template whose
 * header has variables is refused here: how Wolkvox orders header values in `template_vars` is
 * [open], so the node does not guess it; the list gives them in the order the user knows.
 */
function mappedValues(ctx: IExecuteFunctions, itemIndex: number, template: IDataObject): string[] {
	const name = String(template.name);
	const { body, header } = templateVariables(template);
	if (header) {
		throw new InputError(
			'Variables',
			`cannot be given as fields for template "${name}": its header has variables, and the order Wolkvox expects header and body values in is not documented`,
			'Set Give Variables As to List and give every value in the order your Wolkvox operation expects.',
		);
	}
	const values = Array.from({ length: body }, (_, index) =>
		checkText(nodeParameter(ctx, `variableFields.value.${bodyFieldId(index + 1)}`, itemIndex, ''), `Variables → {{${index + 1}}}`, {
			required: true,
			emptyHint: `Template "${name}" needs a value for {{${index + 1}}}: WhatsApp refuses empty template variables.`,
		}),
	);
	return checkSeparators(values, (index) => `Variables → {{${index + 1}}}`);
}

/** An approved template, which opens a conversation: `send_template_official` [doc]. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const connectorId = readConnectorId(this, itemIndex);
	const telephone = readPhone(this, itemIndex);
	const templateName = checkText(readLocator(this, 'templateName', itemIndex).value, 'Template Name or ID', {
		required: true,
		emptyHint: 'Pick an approved template of the connector from the list.',
	}).trim();
	// The list is checked before the template is read, the fields once it is known.
	const listed = fromFields(this, itemIndex) ? undefined : listedValues(this, itemIndex);
	const options = readCollection(this, 'options', itemIndex, 'Options');
	const attachment = checkUrl(options.attachmentUrl, 'Options → Attachment URL', { optional: true });
	const customerId = checkText(options.customerId, 'Options → Customer ID').trim();
	const template = await findTemplate(this, connectorId, templateName, 'Template Name or ID');
	if (listed) checkCount(template, listed);
	const vars = (listed ?? mappedValues(this, itemIndex, template)).join(';');

	const envelope = await wolkvoxCall(this, {
		api: 'send_template_official',
		method: 'POST',
		// Every field is sent, "" when unused, as the provider's documentation shows.
		params: {
			connector_id: connectorId,
			telephone,
			template_name: templateName,
			template_vars: vars,
			customer_id: customerId,
			url_attach: attachment,
		},
		kind: 'send',
	});
	return {
		sent: true,
		connectorId,
		to: telephone,
		templateName,
		variables: vars ? vars.split(';') : [],
		code: envelope.code,
		msg: envelope.msg,
		...answerRest(envelope),
	};
}
