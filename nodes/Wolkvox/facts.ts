import type { Facts } from '../shared/facts';

// Wolkvox facts the node and the sandbox rely on, tagged as providers.md (§2) tags them. Pure data:
// the sandbox loads this file too (sandbox/facts.mjs), so it imports types only. Texts are matched
// case-insensitively as parts of Wolkvox's `msg`.
export const FACTS = {
	successCode: {
		tag: 'doc',
		value: 201,
		source: 'providers.md §2 Transport: "Success is code 201"; the HTTP status matches `code` [doc][code]',
	},
	successText: {
		tag: 'doc',
		value: 'Message has been sent successfully',
		source: 'providers.md §2 Transport: success is code 201, "Message has been sent successfully" (seeds/wolkvox-send-message-official.txt)',
	},
	requiredText: {
		tag: 'doc',
		value: 'SOME PARAMETERS ARE REQUIRED',
		source: 'providers.md §2 Transport, Errors [doc]: 400 `BAD REQUEST` (`SOME PARAMETERS ARE REQUIRED`)',
	},
	noTokenText: {
		tag: 'doc',
		value: 'PLEASE ENTER THE WOLKVOX-TOKEN',
		source: 'providers.md §2 Transport, Errors [doc]: 401 `UNAUTHORIZED` (`PLEASE ENTER THE WOLKVOX-TOKEN`)',
	},
	badTokenText: {
		tag: 'doc',
		value: 'PLEASE VALIDATE TOKEN',
		source: 'providers.md §2 Transport, Errors [doc]: 403 `FORBIDDEN` (`PLEASE VALIDATE TOKEN`)',
	},
	unknownApiText: {
		tag: 'doc',
		value: 'THE API YOU WANT TO CONSULT DOES NOT EXIST',
		source: 'providers.md §2 Transport: unknown api name: 400 with msg `THE API YOU WANT TO CONSULT DOES NOT EXIST` [doc, "API Response Codes"]',
	},
	maxInFlightPerToken: {
		tag: 'doc',
		value: 2,
		source: 'providers.md §2 Transport, Limits [doc]: at most 2 requests in flight per token (seeds/wolkvox-send-message-official.txt)',
	},
	concurrencyText: {
		tag: 'doc',
		value: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN',
		source: 'providers.md §2 Transport, Errors [doc]: 403 `EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)`',
	},
	callSeconds: {
		tag: 'doc',
		value: 60,
		source: 'providers.md §2 Transport, Limits [doc]: 60 s per call (seeds/wolkvox-send-message-official.txt)',
	},
	/** The daily budget belongs to the account (all its tokens together): licences × this many calls. */
	dailyCallsPerLicence: {
		tag: 'doc',
		value: 1000,
		source: 'providers.md §2 Transport, Limits [doc]: "Número de licencias multiplicado por 1000", calls for the account, not a budget per token',
	},
	budgetSpentText: {
		tag: 'doc',
		value: 'TOKEN LIMIT EXCEEDED',
		source: 'providers.md §2 Transport, Limits [doc]: the refusal once the daily budget is spent is `TOKEN LIMIT EXCEEDED` (403)',
	},
	mobileSpacingSeconds: {
		tag: 'doc',
		value: 20,
		source: 'providers.md §2 WhatsApp APIs, send_message_mobil: at most 1 message per customer every 20 s [doc]',
	},
	maintenanceStatus: {
		tag: 'doc',
		value: 403,
		source: 'providers.md §2 Transport: every API answers 403 during the provider\'s maintenance windows [doc]',
	},
	/** list_templates' review state of a template that can be sent. */
	templateApproved: {
		tag: 'doc',
		value: 'APPROVED',
		source: 'providers.md §2 WhatsApp APIs, list_templates: status APPROVED/PENDING/REJECTED [doc]',
	},
	// [open] below: the node never branches on these; the sandbox's choices are marked `sandbox`.
	mobileSpacingRefusal: {
		tag: 'open',
		sandbox: 'ONLY ONE MESSAGE PER CUSTOMER EVERY 20 SECONDS',
		source: 'providers.md §2 WhatsApp APIs, send_message_mobil: the answer to a message inside the 20 s is [open]',
	},
	maintenanceText: {
		tag: 'open',
		sandbox: 'SERVICE UNDER MAINTENANCE, PLEASE TRY AGAIN LATER',
		source: 'providers.md §2 Transport, Limits: the maintenance-window 403\'s text is [open]',
	},
	/** Sandbox: an unknown path of the API answers a 404 page, never an envelope. */
	notFoundEnvelope: {
		tag: 'open',
		sandbox: false,
		source: 'providers.md §2 Transport: whether `whatsapp.php` ever answers 404 with an envelope is [open]',
	},
	uploadMediaField: {
		tag: 'open',
		sandbox: 'sample_handle',
		source: 'providers.md §2 WhatsApp APIs, upload_media: the field name in `data` is [open]',
	},
	// ---- WhatsApp webhook (the Wolkvox Trigger) ----
	webhookSetup: {
		tag: 'doc',
		value: {
			path: 'Settings → Omni Channel → WhatsApp → edit the account → ⋮ → Configure webhook',
			errorsOnlySwitch: 'Error when sending message',
			connectors: 'Cloud API connectors only',
		},
		source: 'providers.md §2 Webhooks [doc, Wolkvox help centre]: one webhook per WhatsApp account, set in wolkvox Manager; the switch *Error when sending message* sends only delivery errors; only for Cloud API connectors; may be billed',
	},
	webhookErrorCodes: {
		tag: 'doc',
		value: [131026, 131042],
		source: 'providers.md §2 Webhooks: it forwards Meta\'s notifications "with Meta\'s error codes (131026, 131042, …)" [doc]',
	},
	// The trigger reads Meta's Cloud API shape (entry[].changes[].value.statuses/messages/errors) when a
	// body has it and passes anything else through whole: it never depends on this being true.
	webhookPayload: {
		tag: 'open',
		sandbox: { object: 'whatsapp_business_account', field: 'messages' },
		source: 'providers.md §2 Webhooks: no payload sample is documented; presumed Meta\'s Cloud API webhook format [open]; anything else must be passed through raw',
	},
	webhookAuth: {
		tag: 'open',
		// The sandbox posts with no credentials unless its control API is given a header or a Basic user.
		sandbox: { header: null, basic: null },
		source: 'providers.md §2 Webhooks: no authentication and no signature are documented [open]',
	},
	webhookWithoutSwitch: {
		tag: 'open',
		// The sandbox, with errorsOnly off, posts every status (sent, delivered, read, failed) and, when
		// asked, the customer's messages.
		sandbox: { statuses: ['sent', 'delivered', 'read', 'failed'], messagesOnRequest: true },
		source: 'providers.md §2 Webhooks: without the switch, whether inbound messages and read receipts are forwarded is [open]',
	},
	sendAnswerId: {
		tag: 'open',
		// The sandbox's send answer holds no message id, as the documented answer (code, error, msg).
		sandbox: false,
		source: 'providers.md §2 Transport: the envelope is code, error, msg, sometimes data [doc]; whether a send answer holds the id the webhook reports use is not documented [open]',
	},
} as const satisfies Facts;
