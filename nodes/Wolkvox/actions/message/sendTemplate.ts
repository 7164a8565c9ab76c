import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor, timeoutOption, optionsFor } from '../../../shared/description';
import { InputError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/items';
import { forVersion, locatorField, readLocator, V1 } from '../../../shared/locator';
import { checkText, readCollection, readList } from '../../../shared/params';
import { listTemplates } from '../template/getMany';
import { TIMEOUT_MS, wolkvoxCall } from '../../transport';
import { checkUrl, connectorField, phoneField, readConnectorId, readPhone } from '../fields';

export const description: INodeProperties[] = [
	connectorField('message', ['sendTemplate']),
	phoneField('message', ['sendTemplate']),
	{
		displayName: 'Template Name or ID',
		name: 'templateName',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplates', loadOptionsDependsOn: ['connectorId'] },
		default: '',
		required: true,
		description:
			'An approved template of the connector (the list is loaded for the Connector ID above, which uses one call of the daily budget). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: forVersion(showFor('message', ['sendTemplate']), V1),
	},
	locatorField({
		displayName: 'Template',
		name: 'templateName',
		description:
			'An approved template of the connector: pick it from the list (loaded for the Connector ID above; each search uses one call of the daily budget), or give its name',
		searchListMethod: 'searchTemplates',
		// Template names have no spaces (Wolkvox's create_template).
		byId: { displayName: 'By Name', regex: '^\\s*\\S+\\s*$', error: 'A template name has no spaces, e.g. order_update', placeholder: 'e.g. order_update' },
		displayOptions: showFor('message', ['sendTemplate']),
	}),
	{
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
		displayOptions: showFor('message', ['sendTemplate']),
	},
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

/** The template's variables joined with `;`, as Wolkvox takes them [doc]; each checked first. */
function templateVars(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const list = readList(ctx, 'templateVariables.variable', itemIndex, 'Variables → Variable');
	const values = list.map((entry, index) =>
		checkText(entry.value, `Variables → Variable ${index + 1}`, {
			required: true,
			emptyHint: 'WhatsApp refuses empty template variables: give a value, or remove the variable.',
		}),
	);
	values.forEach((value, index) => {
		if (value.includes(';')) {
			throw new InputError(
				`Variables → Variable ${index + 1}`,
				`contains ";", which Wolkvox uses to separate variables`,
				'Replace the ";" with "," or another character.',
			);
		}
	});
	return values;
}

// The connector's templates, read once per run and connector: each item's variables are counted
// against its template before the send, so a wrong count costs no call of the daily budget.
const templatesOfRun = new WeakMap<object, Map<string, Promise<IDataObject[]>>>();

function templatesOf(ctx: IExecuteFunctions, connectorId: string): Promise<IDataObject[]> {
	let byConnector = templatesOfRun.get(ctx);
	if (!byConnector) templatesOfRun.set(ctx, (byConnector = new Map()));
	let templates = byConnector.get(connectorId);
	if (!templates) byConnector.set(connectorId, (templates = listTemplates(ctx, connectorId)));
	return templates;
}

/** Highest {{n}} in a text: how many values it takes. */
const placeholders = (text: unknown) => Math.max(0, ...[...String(text ?? '').matchAll(/\{\{\s*(\d+)\s*\}\}/g)].map((m) => Number(m[1])));

/**
 * Checks the values against the template's body ({{1}}, {{2}}…) as list_templates gives it. A
 * template whose header also has variables is not checked: how Wolkvox orders those is [open].
 */
async function checkAgainstTemplate(ctx: IExecuteFunctions, connectorId: string, templateName: string, values: string[]): Promise<void> {
	const templates = await templatesOf(ctx, connectorId);
	const template = templates.find((t) => String(t.name ?? '') === templateName);
	if (!template) {
		throw new InputError('Template Name or ID', `"${templateName}" is not a template of connector ${connectorId}`, 'Pick an approved template of the connector from the list.');
	}
	const components = Array.isArray(template.components) ? (template.components as IDataObject[]) : [];
	const part = (type: string) => components.find((c) => String(c.type ?? '').toUpperCase() === type);
	if (placeholders(part('HEADER')?.text) > 0) return;
	const expected = placeholders(part('BODY')?.text);
	if (values.length !== expected) {
		throw new InputError(
			'Variables',
			`has ${values.length} value(s); template "${templateName}" has ${expected} ({{1}}…)`,
			`Give exactly ${expected} value(s), in order.`,
		);
	}
}

/** An approved template, which opens a conversation: `send_template_official` [doc]. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const connectorId = readConnectorId(this, itemIndex);
	const telephone = readPhone(this, itemIndex);
	const templateName = checkText(readLocator(this, 'templateName', itemIndex).value, 'Template Name or ID', {
		required: true,
		emptyHint: 'Pick an approved template of the connector from the list.',
	}).trim();
	const values = templateVars(this, itemIndex);
	const options = readCollection(this, 'options', itemIndex, 'Options');
	const attachment = checkUrl(options.attachmentUrl, 'Options → Attachment URL');
	const customerId = checkText(options.customerId, 'Options → Customer ID').trim();
	await checkAgainstTemplate(this, connectorId, templateName, values);
	const vars = values.join(';');

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
	};
}
