import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor, timeoutOption, optionsFor } from '../../../shared/description';
import { InputError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/items';
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
		displayOptions: showFor('message', ['sendTemplate']),
	},
	{
		displayName: 'Variables',
		name: 'templateVariables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Variable',
		default: {},
		description: 'Values for {{1}}, {{2}}, … of the template, in order',
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
function templateVars(ctx: IExecuteFunctions, itemIndex: number): string {
	const list = ctx.getNodeParameter('templateVariables.variable', itemIndex, []) as Array<{ value: unknown }>;
	const values = list.map((entry) => String(entry.value ?? ''));
	values.forEach((value, index) => {
		if (value.includes(';')) {
			throw new InputError(
				`Variable ${index + 1}`,
				`contains ";", which Wolkvox uses to separate variables`,
				'Replace the ";" with "," or another character.',
			);
		}
		if (!value.trim()) {
			throw new InputError(`Variable ${index + 1}`, 'is empty', 'WhatsApp refuses empty template variables: give a value, or remove the variable.');
		}
	});
	return values.join(';');
}

/** An approved template, which opens a conversation: `send_template_official` [doc]. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const connectorId = readConnectorId(this, itemIndex);
	const telephone = readPhone(this, itemIndex);
	const templateName = String(this.getNodeParameter('templateName', itemIndex, '') ?? '').trim();
	if (!templateName) throw new InputError('Template', 'is empty', 'Pick an approved template of the connector from the list.');
	const vars = templateVars(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const attachment = checkUrl(options.attachmentUrl, 'Attachment URL');

	const envelope = await wolkvoxCall(this, {
		api: 'send_template_official',
		method: 'POST',
		// Every field is sent, "" when unused, as the provider's documentation shows.
		params: {
			connector_id: connectorId,
			telephone,
			template_name: templateName,
			template_vars: vars,
			customer_id: String(options.customerId ?? '').trim(),
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
