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
	paginateMax: {
		tag: 'open',
		source: 'providers.md §1 Transport: `paginate` has no maximum in the code; what a very large page costs a live host is [open]',
	},
} as const satisfies Facts;
