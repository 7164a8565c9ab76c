import type { Facts } from '../shared/facts';

// OvoWpp (and its brands) facts the node and the sandbox rely on, tagged as providers.md (§1) tags
// them. Pure data: the sandbox loads this file too (sandbox/facts.mjs), so it imports types only.
export const FACTS = {
	templateApproved: {
		tag: 'code',
		value: 1,
		source: 'providers.md §1 Codes: template `status` 0 pending, 1 approved, 2 rejected, 3 disabled; only approved templates can be sent',
	},
	paginateMax: {
		tag: 'open',
		source: 'providers.md §1 Transport: `paginate` has no maximum in the code; what a very large page costs a live host is [open]',
	},
} as const satisfies Facts;
