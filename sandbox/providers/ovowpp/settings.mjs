// The account's settings a test may change (POST /_sandbox/config; the list is in index.mjs).

export const DEFAULT_SETTINGS = {
	plan: 'ok',
	userStatus: 1,
	whitelist: ['127.0.0.1', '::1'],
	graph: 'ok',
	interactive: true,
	contactLimit: -1,
	defaultAccount: '+15550001111',
	ties: 'split',
	tieSalt: 0,
	maxPaginate: null,
};

/** Applies the `ovowpp…` keys of a config body to the instance's settings. */
export function configure(ovo, body = {}) {
	const { settings } = ovo;
	if (body.ovowppPlan !== undefined) settings.plan = String(body.ovowppPlan);
	if (body.ovowppUserStatus !== undefined) {
		const value = String(body.ovowppUserStatus);
		settings.userStatus = value === '1' || value === 'active' ? 1 : 0;
	}
	if (body.ovowppWhitelist !== undefined) {
		const list = Array.isArray(body.ovowppWhitelist) ? body.ovowppWhitelist : String(body.ovowppWhitelist).split(',');
		settings.whitelist = list.map((ip) => String(ip).trim()).filter(Boolean);
	}
	if (body.ovowppGraph !== undefined) settings.graph = String(body.ovowppGraph);
	if (body.ovowppInteractive !== undefined) settings.interactive = body.ovowppInteractive !== false && body.ovowppInteractive !== 'false';
	if (body.ovowppContactLimit !== undefined) settings.contactLimit = Number(body.ovowppContactLimit);
	if (body.ovowppDefaultAccount !== undefined) settings.defaultAccount = body.ovowppDefaultAccount || null;
	if (body.ovowppTies !== undefined) settings.ties = body.ovowppTies === 'id' ? 'id' : 'split';
	if (body.ovowppTieSalt !== undefined) settings.tieSalt = Number(body.ovowppTieSalt) || 0;
	if (body.ovowppMaxPaginate !== undefined) settings.maxPaginate = body.ovowppMaxPaginate === null ? null : Number(body.ovowppMaxPaginate);
	for (const account of ovo.db.accounts) account.is_default = account.phone_number === settings.defaultAccount ? 1 : 0;
}
