import type { Facts } from '../shared/facts';

// OvoWpp (and its brands) facts the node and the sandbox rely on, tagged as providers.md (§1) tags
// them. Pure data: the sandbox loads this file too (sandbox/facts.mjs), so it imports types only.
export const FACTS = {
	templateApproved: {
		tag: 'code',
		value: 1,
		source: 'providers.md §1 Codes: template `status` 0 pending, 1 approved, 2 rejected, 3 disabled; only approved templates can be sent',
	},
	templateStatusNames: {
		tag: 'code',
		value: { 0: 'pending', 1: 'approved', 2: 'rejected', 3: 'disabled' },
		source: 'providers.md §1 Codes: template `status` 0 pending, 1 approved, 2 rejected, 3 disabled',
	},
	templateTextKey: {
		tag: 'code',
		value: 'text',
		source: 'providers.md §1 Template fields: on the real product `header` comes back as an object (`{"text": "Order {{1}}", …}`); header placeholders are counted in `header.text` [code, real product]. A string is read as the text itself',
	},
	templateTextHeader: {
		tag: 'code',
		value: 'TEXT',
		source: 'providers.md §1 ovowpp-recorded-responses.md P1-092: `header_format` "TEXT" for a text header (`header: {"text": "Order update"}`); only a text header takes header_variables',
	},
	templateSentDespiteError: {
		tag: 'code',
		value: 'Undefined variable $conversationId',
		source: 'providers.md §1 quirk 1 and 12: after the template is sent the handler answers `{"remark":"exception",…,"message":["Undefined variable $conversationId"]}` (a PHP text, not localised)',
	},
	profileImageTypes: {
		tag: 'code',
		value: ['jpg', 'jpeg', 'png'],
		source: 'providers.md §1 Endpoints, create contact: optional `profile_image` (jpg/jpeg/png file); quirk 18: a damaged body with a valid signature makes the update delete the old picture, then fail',
	},
	paginateAny: {
		tag: 'code',
		value: true,
		source: 'providers.md §1 Transport: `paginate` has no maximum in the product\'s code: any numeric value is used as is (`getPaginate()`); `paginate=-1` is an SQL error (quirk 6)',
	},
	conversationOrder: {
		tag: 'code',
		value: { column: 'last_message_at', unique: false },
		source: 'providers.md §1 quirk 16: the conversation list is sorted by `last_message_at` only; ties and NULLs across a page boundary make consecutive pages repeat and skip rows [code, real product]',
	},
	contactOrder: {
		tag: 'code',
		value: { column: 'id', unique: true },
		source: 'providers.md §1 Endpoints, list contacts: `data.contacts` = paginator, newest id first',
	},
	conversationSearchColumns: {
		tag: 'code',
		value: ['firstname', 'lastname', 'mobile'],
		source: 'providers.md §1 quirk 17: the conversation `search` matches one column at a time (first name, last name or mobile); "Zeta Unique" or "+44 7700900000" finds nothing [code, real product]',
	},
	conversationStatusNames: {
		tag: 'code',
		value: { 0: 'none', 1: 'done', 2: 'pending', 3: 'important', 4: 'unread' },
		source: 'providers.md §1 Codes: conversation `status` 0 none, 1 done, 2 pending, 3 important, 4 unread (4 is a list filter only: quirk 5, change-conversation-status rejects it)',
	},
	conversationStatusSettable: {
		tag: 'code',
		value: [0, 1, 2, 3],
		source: 'providers.md §1 Endpoints, change status: `status` ∈ {0,1,2,3}; quirk 5: 4 (unread) is rejected',
	},
	paginateMax: {
		tag: 'open',
		source: 'providers.md §1 Transport: `paginate` has no maximum in the code; what a very large page costs a live host is [open]',
	},
	metaErrorRelay: {
		tag: 'code',
		value: '(#',
		source: 'providers.md §1 quirk 8: send-message relays Meta\'s `error.message`, which begins with Meta\'s code as "(#<code>) …" (ovowpp-recorded-responses.md P2-017: "(#131030) Recipient phone number not in allowed list"); send-template-message relays `error_data.details`, without the code',
	},
	metaThroughputRefusal: {
		tag: 'doc',
		value: 130429,
		source: 'providers.md §1 quirk 8 relays Meta\'s error text with its code; 130429 is WhatsApp Cloud API\'s throughput limit ("Rate limit hit") in Meta\'s published error codes, which providers.md does not list',
	},
	metaPairRateRefusal: {
		tag: 'doc',
		value: 131056,
		source: 'providers.md §1 quirk 8 relays Meta\'s error text with its code; 131056 is WhatsApp Cloud API\'s pair rate limit (too many messages from one business number to one user) in Meta\'s published error codes, which providers.md does not list',
	},
} as const satisfies Facts;
