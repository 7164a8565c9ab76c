import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, ResourceMapperValue } from 'n8n-workflow';
import type { BatchEntry, BatchInfo } from '../../../shared/batches';
import { runBatches } from '../../../shared/batches';
import { timeoutOption } from '../../../shared/description';
import { InputError, ProviderError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/items';
import { callOutcome, InFlightLimiter } from '../../../shared/limiter';
import { checkBoolean, checkText, kindOf, nodeParameter, readCollection, readList, readOption, readText, runNode } from '../../../shared/params';
import { normalizePhone } from '../../../shared/phone';
import { checkUrl, WHATSAPP } from '../../../shared/validation';
import { channelOptions, channelParams, checkLinks, JSON_DATA_TYPES, MESSAGE_TYPES, parseJsonObject, phoneField, toSpainTime } from '../../helpers/messageData';
import { checkApproved, readTemplateId, templateInfoOfRun, templateLocator, userVariables } from '../../helpers/templates';
import { templateVariablesField } from '../../../shared/templateFields';
import { mensatekCall, TIMEOUT_MS } from '../../transport';

export const option = { name: 'Send', value: 'send', action: 'Send a message' };

const show = (types?: string[]): INodeProperties['displayOptions'] => ({
	show: { resource: ['message'], operation: ['send'], ...(types ? { messageType: types } : {}) },
});
/**
 * Calls in flight by default. Mensatek documents no limit on simultaneous calls; it documents that
 * a connection making repeated failed calls gets blocked for a while. So few: two calls overlap
 * their waits, and when one fails (the node then starts no further call) at most one more is out.
 */
const CALLS_IN_FLIGHT = 2;
/** The most calls in flight by default: the run starts at CALLS_IN_FLIGHT and adapts (shared/limiter.ts). */
const CALLS_IN_FLIGHT_CEILING = 4;

export const description: INodeProperties[] = [
	phoneField(show()),
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		options: MESSAGE_TYPES,
		default: 'PLANTILLA',
		description:
			'Outside the 24 hours after the recipient last wrote to you, WhatsApp only allows templates. Items with the same message go out together in one call.',
		displayOptions: show(),
	},
	templateLocator('message', 'send'),
	templateVariablesField({
		displayName: 'Template Variables',
		name: 'templateVariables',
		description: "A value for each variable of the template, for this item's recipient",
		// The value of version 2's locator is templateId.value; version 1's field is templateId itself.
		dependsOn: ['templateId', 'templateId.value'],
		method: 'getTemplateVariables',
		supportAutoMap: true,
		// No fields (a template with only the phone, or no template yet): n8n would say so in red
		// with a Retry link; the method's emptyFieldsNotice says it calmly instead.
		noFields: { hide: true },
		// Shown once a template is chosen (a locator's value, or version 1's dropdown), as n8n's own
		// nodes hide a mapper until its source is picked.
		displayOptions: { ...show(['PLANTILLA']), hide: { templateId: [''] } },
	}),
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'The message. {{Name}} placeholders are filled from the Recipient Variables.',
		displayOptions: show(['TEXTO']),
	},
	{
		displayName: 'File URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/catalogue.pdf',
		description: 'A public address Mensatek downloads the image or document from',
		displayOptions: show(['IMAGEN', 'DOCUMENTO']),
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		description: 'Text shown with the image or document',
		displayOptions: show(['IMAGEN', 'DOCUMENTO']),
	},
	{
		displayName: 'Message Data (JSON)',
		name: 'messageData',
		type: 'json',
		default: '{}',
		required: true,
		description:
			"The Datosmensaje object of this message type, passed to Mensatek as it is. Mensatek's documentation does not describe its fields for this type: see the documentation of this package.",
		displayOptions: show(JSON_DATA_TYPES),
	},
	{
		displayName: 'Recipient Variables',
		name: 'recipientVariables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		description:
			"Values for this item's recipient, used by {{Name}} placeholders in the message, or any other per-recipient field Mensatek takes (e.g. a reference of your own for this recipient)",
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
		displayOptions: show(),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(),
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100,
				description:
					'Most recipients in one call. Items with the same message (type, template, content and options) are sent together; each item still gets its own result.',
			},
			{
				displayName: 'Calls In Flight',
				name: 'callsInFlight',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: CALLS_IN_FLIGHT_CEILING,
				description:
					'The most batch calls under way at once; outputs stay in input order. The node starts with 2 and sends more at once while Mensatek answers fast and without failures, fewer as soon as a call is slow or fails. Mensatek documents no limit on simultaneous calls, but blocks for a while a connection that makes repeated failed calls: keep it low.',
			},
			{
				displayName: 'Extra Message Data (JSON)',
				name: 'extraData',
				type: 'json',
				default: '{}',
				description: 'More fields for the Datosmensaje object, added to (and overriding) the ones the node builds',
			},
			...channelOptions,
			{
				displayName: 'Reply To Message ID',
				name: 'replyTo',
				type: 'string',
				default: '',
				description:
					'The idMensaje of a message you received (from the Mensatek Trigger), to answer or react to it. Required for reactions.',
			},
			{
				displayName: 'Request Delivery Reports',
				name: 'report',
				type: 'boolean',
				default: false,
				description:
					"Whether Mensatek should post this message's status changes to the report URL set in its panel (see the Mensatek Trigger node). Incoming messages are reported whatever this says.",
			},
			{
				displayName: 'Schedule For',
				name: 'scheduleAt',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2025-06-01 09:30',
				description:
					'Send later instead of now. Write YYYY-MM-DD HH:MM in Spain time (Europe/Madrid), or use an expression giving a date with its time zone, which is converted to Spain time.',
			},
			{
				displayName: 'User Reference',
				name: 'reference',
				type: 'string',
				default: '',
				description: 'Your own reference for this send; Mensatek returns it in every delivery report (Referencia)',
			},
			timeoutOption(TIMEOUT_MS),
		],
	},
];

/** What one item contributes to a call: its recipient entry; the rest is shared by the batch. */
interface Prepared {
	recipient: IDataObject;
	shared: IDataObject;
	templateName?: string;
}

const RESERVED = ['telefono', 'idmensajerespondido'];

async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<{ key: string; value: Prepared }> {
	const type = readOption(ctx, 'messageType', itemIndex, 'Message Type', MESSAGE_TYPES);
	const options = readCollection(ctx, 'options', itemIndex, 'Options');
	const recipient: IDataObject = { Telefono: normalizePhone(nodeParameter(ctx, 'phone', itemIndex, ''), 'Phone') };

	let data: IDataObject;
	let templateName: string | undefined;
	if (type === 'PLANTILLA') {
		const id = readTemplateId(ctx, itemIndex);
		const { template, variables } = await templateInfoOfRun(ctx, id);
		templateName = String(template.Nombre ?? '');
		checkApproved(template, 'Template Name or ID');
		const values = mappedValues(ctx, itemIndex);
		const names = userVariables(variables).map((v) => String(v.Campo));
		const mode = nodeParameter(ctx, 'templateVariables.mappingMode', itemIndex, 'defineBelow');
		if (mode !== 'autoMapInputData') {
			// The docs allow per-recipient fields besides the template's variables (personalisation,
			// a reference per recipient): a mapped value under another name goes with the recipient.
			for (const [name, value] of Object.entries(values)) {
				if (names.includes(name) || value === undefined || value === null || value === '') continue;
				recipient[recipientKey(name, `Template Variables → ${name}`)] = recipientValue(value, `Template Variables → ${name}`);
			}
		}
		for (const variable of userVariables(variables)) {
			const value = values[variable.Campo];
			const label = `Template Variables → ${variable.Campo}`;
			if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number') {
				throw new InputError(label, `must be a text, but is ${kindOf(value)}`, 'Map a text (or number) for the variable.');
			}
			if (value === undefined || value === null || String(value).trim() === '') {
				throw new InputError(
					label,
					`is missing: template "${templateName}" needs it (variable ${variable.Numero}${variable.Donde ? `, in the ${variable.Donde}` : ''})`,
					`Map a value for every variable of the template, e.g. ${variable.Ejemplo ? `"${variable.Ejemplo}"` : 'from a field of the input'}.`,
				);
			}
			recipient[variable.Campo] = String(variable.Formato).toUpperCase().startsWith('URL') ? checkUrl(String(value), label) : String(value);
		}
		for (const { name, value } of freeVariables(ctx, itemIndex)) {
			if (names.includes(name)) {
				throw new InputError(`Recipient Variables → ${name}`, `is a variable of template "${templateName}"`, 'Give its value in Template Variables instead.');
			}
			recipient[name] = value;
		}
		data = { Plantilla: templateName };
	} else {
		for (const { name, value } of freeVariables(ctx, itemIndex)) recipient[name] = value;
		if (type === 'TEXTO') {
			const text = readText(ctx, 'text', itemIndex, 'Text', { required: true, max: WHATSAPP.textMax, maxSource: WHATSAPP.source, emptyHint: 'Write the message to send.' });
			data = { Texto: text };
		} else if (type === 'IMAGEN' || type === 'DOCUMENTO') {
			data = { URL: checkUrl(readText(ctx, 'url', itemIndex, 'File URL'), 'File URL') };
			const caption = readText(ctx, 'caption', itemIndex, 'Caption', { max: WHATSAPP.captionMax, maxSource: WHATSAPP.source });
			if (caption.trim()) data.Texto = caption;
		} else {
			data = checkLinks(parseJsonObject(nodeParameter(ctx, 'messageData', itemIndex, '{}'), 'Message Data (JSON)'), 'Message Data (JSON)');
		}
	}
	Object.assign(data, checkLinks(parseJsonObject(options.extraData ?? '{}', 'Options → Extra Message Data (JSON)'), 'Options → Extra Message Data (JSON)'));

	const replyTo = checkText(options.replyTo, 'Options → Reply To Message ID').trim();
	if (replyTo && !/^\d+$/.test(replyTo)) {
		throw new InputError('Options → Reply To Message ID', `"${replyTo}" is not a message ID`, 'Use the idMensaje (a number) of a message received through the Mensatek Trigger.');
	}
	if (type === 'REACCION' && !replyTo) {
		throw new InputError('Options → Reply To Message ID', 'is required for a reaction', 'Add the option with the idMensaje of the message you react to.');
	}
	if (replyTo) recipient.idMensajeRespondido = replyTo;

	const shared: IDataObject = {
		Tipomensaje: type,
		Datosmensaje: data,
		Report: checkBoolean(options.report, 'Options → Request Delivery Reports', false) ? 1 : 0,
		...channelParams(options),
	};
	const fecha = toSpainTime(options.scheduleAt, 'Options → Schedule For');
	if (fecha) shared.Fecha = fecha;
	const reference = checkText(options.reference, 'Options → User Reference');
	if (reference) shared.Referenciausuario = reference;
	return { key: JSON.stringify(shared), value: { recipient, shared, templateName } };
}

/** The template variables of an item: mapped below, or taken from the item's fields (auto-map). */
function mappedValues(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const mapper = (runNode(ctx).parameters.templateVariables ?? {}) as Partial<ResourceMapperValue>;
	if (mapper.mappingMode === 'autoMapInputData') return ctx.getInputData()[itemIndex].json;
	const names = Object.keys(mapper.value ?? {});
	// A name that n8n would read as a path (a.b, a[0]) is only reachable through the whole mapper.
	if (names.some((name) => /[.[\]]/.test(name))) {
		return ((ctx.getNodeParameter('templateVariables', itemIndex, {}) as Partial<ResourceMapperValue>).value ?? {}) as IDataObject;
	}
	// Value by value, so that each one that is just an input field is read without n8n's evaluation.
	return Object.fromEntries(names.map((name) => [name, nodeParameter(ctx, `templateVariables.value.${name}`, itemIndex)])) as IDataObject;
}

function freeVariables(ctx: IExecuteFunctions, itemIndex: number): Array<{ name: string; value: string }> {
	const list = readList(ctx, 'recipientVariables.variable', itemIndex, 'Recipient Variables → Variable');
	return list.map(({ name, value }, index) => {
		const clean = recipientKey(checkText(name, `Recipient Variables → Variable ${index + 1} → Name`).trim(), 'Recipient Variables → Name');
		return { name: clean, value: checkLinks(checkText(value, `Recipient Variables → ${clean}`), `Recipient Variables → ${clean}`, clean) };
	});
}

/** A per-recipient field name: one Mensatek can take and the node does not set itself. */
function recipientKey(name: string, field: string): string {
	if (!/^[\p{L}\p{N}_-]+$/u.test(name) || RESERVED.includes(name.toLowerCase())) {
		throw new InputError(
			field,
			name ? `"${name}" cannot be a per-recipient field name` : 'is empty',
			'Use letters, digits, - or _ (the name inside {{ }} in the message); Telefono and idMensajeRespondido are set by the node.',
		);
	}
	return name;
}

/** A per-recipient value: a text or a number, with no script link in it. */
function recipientValue(value: unknown, field: string): string {
	if (typeof value !== 'string' && typeof value !== 'number') throw new InputError(field, `must be a text, but is ${kindOf(value)}`, 'Map a text (or number).');
	return checkLinks(String(value), field, field.split(' → ').pop());
}

/** One EnviarWHATSAPP call for the batch's recipients; what the call shares comes from its first item. */
function call(ctx: IExecuteFunctions, entries: Array<BatchEntry<Prepared>>): Promise<IDataObject> {
	const { shared } = entries[0].value;
	return mensatekCall(ctx, 'EnviarWHATSAPP', { ...shared, Destinatarios: entries.map((e) => e.value.recipient) }, 'send');
}

function settle(entries: Array<BatchEntry<Prepared>>, answer: IDataObject, batch: BatchInfo): Array<ItemResult | Error> {
	const { shared, templateName } = entries[0].value;
	const common: IDataObject = {
		Tipomensaje: shared.Tipomensaje,
		idMensaje: answer.idMensaje ?? null,
		Enviados: answer.Enviados ?? null,
		NoEnviados: answer.NoEnviados ?? null,
		Cred: answer.Cred ?? null,
	};
	if (templateName) common.Plantilla = templateName;
	if (shared.Referenciausuario) common.Referenciausuario = shared.Referenciausuario;
	const fieldsOf = (entry: BatchEntry<Prepared>, position: number): IDataObject => ({
		Telefono: entry.value.recipient.Telefono,
		...common,
		batch: { number: batch.number, of: batch.of, recipients: entries.length, position: position + 1 },
	});

	// Mensatek counts the recipients it sent (Enviados) and did not (NoEnviados) [doc]; it does not
	// say in a structured way which ones. An item is sent only when its recipient surely was.
	const total = entries.length;
	const refused = Number(answer.NoEnviados ?? 0) || 0;
	const sent = answer.Enviados === undefined ? total - refused : Number(answer.Enviados) || 0;
	const words = answer.Error ? String(answer.Error) : '';
	if (refused === 0 && sent >= total) return entries.map((entry, position) => ({ sent: true, ...fieldsOf(entry, position) }));
	if (sent <= 0) {
		// None of the call's recipients was sent: each item is a plain error, nothing went out.
		return entries.map(
			(entry, position) =>
				new ProviderError(words || `Mensatek did not send ${total === 1 ? 'this message' : `any of the ${total} recipients of this call`} (Enviados 0)`, {
					remark: `Res ${answer.Res}`,
					delivery: 'not-sent',
					description: `Mensatek accepted the call${idOf(answer)} but sent none of its ${total === 1 ? 'recipient' : `${total} recipients`} (NoEnviados ${refused}). Check the phone and the variables of ${total === 1 ? 'this item' : 'these items'}.`,
					fields: { sent: false, ...fieldsOf(entry, position) },
				}),
		);
	}
	// Some sent, some not, and nothing says which: every item of the call says so.
	return entries.map(
		(entry, position) =>
			new ProviderError(`Mensatek sent ${sent} of the ${total} recipients of this call and did not say which ${refused || total - sent} it did not send${words ? `: ${words}` : ''} (call ${batch.number} of ${batch.of})`, {
				remark: `Res ${answer.Res}`,
				delivery: 'partial',
				description: `This item's recipient may or may not have received the message. Check the send in the Mensatek panel${idOf(answer)} before sending it again; re-sending the whole call would send the others twice.`,
				fields: { sent: null, ...fieldsOf(entry, position) },
			}),
	);
}

/** " (idMensaje …)" when Mensatek gave the send an id (as idMensaje or Msgid: the transport reads both). */
const idOf = (answer: IDataObject) => (answer.idMensaje === undefined || answer.idMensaje === null ? '' : ` (idMensaje ${String(answer.idMensaje)})`);

export async function run(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const read = (name: string, fallback: number) => {
		const value = items.length ? (nodeParameter(this, `options.${name}`, 0, fallback) as number) : fallback;
		return Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
	};
	return runBatches(
		this,
		(itemIndex) => prepare(this, itemIndex),
		{ call: (entries) => call(this, entries), settle },
		{
			batchSize: read('batchSize', 100),
			limiter: new InFlightLimiter({ initial: CALLS_IN_FLIGHT, max: read('callsInFlight', CALLS_IN_FLIGHT_CEILING) }),
			outcome: (error) => callOutcome(error),
		},
	);
}
