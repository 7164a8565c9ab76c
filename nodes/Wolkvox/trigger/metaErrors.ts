/**
 * What Meta's WhatsApp error codes mean and what to do about them, one line each. From Meta's public
 * error-code documentation (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes),
 * not from Wolkvox: Wolkvox says only that its webhook forwards Meta's notifications with Meta's
 * error codes (providers.md §2 Webhooks). The trigger adds the line beside the error's raw `title`,
 * `message` and `error_data`, which it keeps; a code not listed here gets no line.
 */
export const META_ERRORS: Readonly<Record<number, { meaning: string; action: string }>> = {
	131000: {
		meaning: 'Something went wrong: the message failed for an unknown reason.',
		action: 'Send it again later; if it keeps failing, check the WhatsApp Business Platform status page and ask Wolkvox.',
	},
	131026: {
		meaning: 'Message undeliverable: the number may not be on WhatsApp, or the recipient has not accepted the current terms or uses an old WhatsApp version.',
		action: 'Check that the number is on WhatsApp; do not resend in a loop, reach the customer another way.',
	},
	131042: {
		meaning: 'Business eligibility payment issue: there is a problem with the payment method of the WhatsApp Business Account.',
		action: 'Fix the payment settings of the WhatsApp Business Account (WhatsApp Manager / Meta Business Suite), then send again.',
	},
	131047: {
		meaning: 'Re-engagement message: more than 24 hours have passed since the customer last wrote, so free text is not allowed.',
		action: 'Send an approved template (Send Template) and wait for the customer to reply before sending free text.',
	},
	131049: {
		meaning: 'Meta chose not to deliver the message, to keep engagement healthy (often a limit on marketing messages per person).',
		action: 'Do not resend at once; wait (Meta suggests days, not minutes) and send fewer marketing messages to this customer.',
	},
	131051: {
		meaning: 'Unsupported message type: the message is of a type WhatsApp does not support.',
		action: 'Send a supported type (text, template, media…).',
	},
	131053: {
		meaning: 'Media upload error: the media of the message could not be uploaded (unsupported type, too large, or the link could not be read).',
		action: "Check the file's type and size and that its link is public; error_data.details tells more.",
	},
	131056: {
		meaning: 'Pair rate limit hit: too many messages from this business number to this customer in a short time.',
		action: 'Wait before sending to this customer again; sends to other customers are not affected.',
	},
	130429: {
		meaning: "Rate limit hit: the Cloud API's throughput limit for this business number was reached.",
		action: 'Send more slowly and retry the failed messages later.',
	},
	368: {
		meaning: 'Temporarily blocked for policy violations: the WhatsApp Business Account has been restricted or disabled.',
		action: 'See the account quality and policy enforcement notices in WhatsApp Manager; resending does not help.',
	},
};
