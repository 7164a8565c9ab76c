import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { showFor, timeoutOption, optionsFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { runItems } from '../../../shared/items';
import type { Outcome } from '../../../shared/limiter';
import { callOutcome, IN_FLIGHT_CEILING, InFlightLimiter, inFlightCeilingOption } from '../../../shared/limiter';
import { checkText, concurrencyOf, readCollection, readNumber, readOption, readText } from '../../../shared/params';
import type { FilePart, MediaRule } from '../../../shared/multipart';
import { AUDIO_KINDS } from '../../../shared/media';
import { binaryFilePart, closeFile } from '../../../shared/multipart';
import { ovoCall, TIMEOUT_MS } from '../../transport';
import { FACTS } from '../../facts';
import type { ProviderError } from '../../../shared/errors';
import { WHATSAPP } from '../../../shared/validation';
import { phoneFields, readPhone } from '../../helpers/fields';
import { textMessageField } from '../../../shared/templateFields';
import { fromNumberOption, recipientOptions, sendCreatingContact } from '../../helpers/recipient';

export const option = { name: 'Send', value: 'send', action: 'Send a message' };

/** Where a run's calls in flight start: the former fixed default of Requests In Flight. */
const START_IN_FLIGHT = 5;

const MESSAGE_TYPES = ['audio', 'ctaUrl', 'document', 'image', 'interactiveList', 'location', 'text', 'video'] as const;

const show = (types: string[]) => ({ show: { resource: ['message'], operation: ['send'], messageType: types } });
const MB = 2 ** 20;

// The service's own checks (Laravel validation), made before upload so a bad file costs no call.
const MEDIA_RULES: Record<string, MediaRule & { label: string }> = {
	image: { extensions: ['jpg', 'jpeg', 'png'], maxBytes: 5 * MB, label: 'an image' },
	document: { extensions: ['pdf', 'doc', 'docx'], maxBytes: 100 * MB, label: 'a document' },
	video: { extensions: ['mp4'], maxBytes: 16 * MB, label: 'a video' },
	audio: { extensions: [], kinds: AUDIO_KINDS, maxBytes: 16 * MB, label: 'an audio' },
};

export const description: INodeProperties[] = [
	...phoneFields('message', ['send']),
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		options: [
			{ name: 'Audio', value: 'audio', description: 'An audio file from a binary field (up to 16 MB)' },
			{ name: 'CTA URL', value: 'ctaUrl', description: 'A call-to-action button message set up in the panel' },
			{ name: 'Document', value: 'document', description: 'A PDF, DOC or DOCX file from a binary field (up to 100 MB)' },
			{ name: 'Image', value: 'image', description: 'A JPG or PNG file from a binary field (up to 5 MB)' },
			{ name: 'Interactive List', value: 'interactiveList', description: 'A list message set up in the panel' },
			{ name: 'Location', value: 'location', description: 'A map pin' },
			{ name: 'Text', value: 'text' },
			{ name: 'Video', value: 'video', description: 'An MP4 file from a binary field (up to 16 MB)' },
		],
		default: 'text',
		displayOptions: showFor('message', ['send']),
	},
	textMessageField("The message. WhatsApp only delivers free text within 24 hours of the customer's last message; use Send Template otherwise.", show(['text'])),
	{
		displayName: 'Input Binary Field',
		name: 'binaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to send',
		displayOptions: show(['image', 'document', 'video', 'audio']),
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		description: 'Text shown with the file',
		displayOptions: show(['image', 'document', 'video', 'audio']),
	},
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		typeOptions: { numberPrecision: 7, minValue: -90, maxValue: 90 },
		default: 0,
		required: true,
		displayOptions: show(['location']),
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		typeOptions: { numberPrecision: 7, minValue: -180, maxValue: 180 },
		default: 0,
		required: true,
		displayOptions: show(['location']),
	},
	{
		displayName: 'Location Name',
		name: 'locationName',
		type: 'string',
		default: '',
		displayOptions: show(['location']),
	},
	{
		displayName: 'Location Address',
		name: 'locationAddress',
		type: 'string',
		default: '',
		displayOptions: show(['location']),
	},
	{
		displayName: 'CTA URL ID',
		name: 'ctaUrlId',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		required: true,
		description: 'The ID of the CTA URL message in the panel (the plan must allow interactive messages)',
		displayOptions: show(['ctaUrl']),
	},
	{
		displayName: 'Interactive List ID',
		name: 'interactiveListId',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		required: true,
		description: 'The ID of the list message in the panel (the plan must allow interactive messages)',
		displayOptions: show(['interactiveList']),
	},
	optionsFor('message', ['send'], [
		...recipientOptions,
		fromNumberOption(),
		inFlightCeilingOption(START_IN_FLIGHT),
		timeoutOption(TIMEOUT_MS),
	]),
];

// WhatsApp's own throttling, relayed inside OvoWpp's answer (HTTP 200) as Meta's "(#<code>) …" text.
const THROTTLED = [FACTS.metaThroughputRefusal.value, FACTS.metaPairRateRefusal.value].map((code) => `${FACTS.metaErrorRelay.value}${code})`);

/** A failed send's meaning for the limiter: relayed WhatsApp throttling is a refusal too. */
export function sendOutcome(error: unknown): Outcome {
	return callOutcome(error, (e: ProviderError) => THROTTLED.some((text) => e.message.includes(text)));
}

/** Every item, with as many in flight as the provider takes (nodes/shared/limiter.ts, InFlightLimiter). */
export async function run(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const limiter = new InFlightLimiter({ initial: START_IN_FLIGHT, max: concurrencyOf(this, IN_FLIGHT_CEILING) });
	return runItems(this, (itemIndex) => execute.call(this, itemIndex), { limiter, outcome: sendOutcome });
}

/** The form fields (and file) of one message, checked before anything is sent. */
function content(ctx: IExecuteFunctions, itemIndex: number, type: string): { fields: Record<string, string>; file?: () => Promise<FilePart> } {
	if (type === 'text') {
		const text = readText(ctx, 'text', itemIndex, 'Text', {
			required: true,
			max: WHATSAPP.textMax,
			maxSource: WHATSAPP.source,
			emptyHint: 'Write the message, or pick another message type.',
		});
		return { fields: { message: text } };
	}
	if (type === 'location') {
		const latitude = readNumber(ctx, 'latitude', itemIndex, 'Latitude', { min: -90, max: 90 });
		const longitude = readNumber(ctx, 'longitude', itemIndex, 'Longitude', { min: -180, max: 180 });
		const fields: Record<string, string> = { latitude: String(latitude), longitude: String(longitude) };
		const name = readText(ctx, 'locationName', itemIndex, 'Location Name');
		const address = readText(ctx, 'locationAddress', itemIndex, 'Location Address');
		if (name) fields.name = name;
		if (address) fields.address = address;
		return { fields };
	}
	if (type === 'ctaUrl') return { fields: { cta_url_id: String(readNumber(ctx, 'ctaUrlId', itemIndex, 'CTA URL ID', { min: 1, integer: true })) } };
	if (type === 'interactiveList') {
		return { fields: { interactive_list_id: String(readNumber(ctx, 'interactiveListId', itemIndex, 'Interactive List ID', { min: 1, integer: true })) } };
	}
	const rule = MEDIA_RULES[type];
	const binaryProperty = readText(ctx, 'binaryProperty', itemIndex, 'Input Binary Field', { required: true }).trim();
	const caption = readText(ctx, 'caption', itemIndex, 'Caption', { max: WHATSAPP.captionMax, maxSource: WHATSAPP.source });
	return {
		fields: caption ? { message: caption } : {},
		file: () => binaryFilePart(ctx, itemIndex, binaryProperty, type, rule, rule.label),
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const phone = readPhone(this, itemIndex);
	const type = readOption(this, 'messageType', itemIndex, 'Message Type', MESSAGE_TYPES);
	const message = content(this, itemIndex, type);
	// Open (and check) the file once before the first call: a bad file must cost no call at all.
	if (message.file) closeFile(await message.file());
	const options = readCollection(this, 'options', itemIndex, 'Options');
	const fields: Record<string, string> = { ...phone, ...message.fields };
	const fromNumber = checkText(options.fromNumber, 'Options → From Number').trim();
	if (fromNumber) fields.from_number = fromNumber;

	const { envelope, contact } = await sendCreatingContact(this, itemIndex, phone, () =>
		ovoCall(this, {
			method: 'POST',
			path: 'inbox/send-message',
			fields,
			files: message.file ? async () => [await message.file!()] : undefined,
			kind: 'send',
		}),
	);
	const result: IDataObject = {
		sent: true,
		to: `+${phone.mobile_code}${phone.mobile}`,
		messageType: type,
		conversationId: envelope.data?.conversation_id,
		message: envelope.data?.message,
	};
	if (contact) result.contactCreated = contact;
	return result;
}
