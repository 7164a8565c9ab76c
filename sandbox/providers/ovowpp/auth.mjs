// The product's API middleware: client id and secret, user status, IP whitelist, plan.

import { fail, ok } from './http.mjs';

export const CLIENT_ID = 'ci_HOJTB3RX1D5YFQWNQ2KW';

export const CLIENT_SECRET = 'cs_FP5PJQOS9H2C5T8KBID5';

export function header(request, name) {
	const value = request.headers?.[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The product's API middleware, in its order; the plan checks answer 200 like everything else. */
export function authenticate(ovo, request) {
	const id = header(request, 'client-id');
	const secret = header(request, 'client-secret');
	const unauthorized = (...message) => ({ status: 401, body: fail('Unauthorized', message) });
	if (!id) return unauthorized('The client id is required');
	if (!secret) return unauthorized('The client secret is required');
	if (id !== CLIENT_ID || secret !== CLIENT_SECRET) return unauthorized('Invalid credentials');
	if (ovo.settings.userStatus !== 1) {
		return unauthorized('The credentials provided do not match the ones associated with this user in our records. Please verify the credentials and try again.');
	}
	const ip = String(request.peer ?? '').replace(/^::ffff:/, '');
	if (!ovo.settings.whitelist.includes(ip)) {
		return unauthorized(
			'Access to this API endpoint is restricted to IP addresses that have been explicitly whitelisted.',
			`In order to access this API endpoint, please add your IP address (${ip}) to the white list from the user dashboard.`,
		);
	}
	if (ovo.settings.plan === 'none') return ok(fail('subscription_required', ['You cannot proceed without an active plan. Please purchase a plan to continue']));
	if (ovo.settings.plan === 'expired') return ok(fail('subscription_required', ['Your plan has expired. Please renew or purchase a new plan to regain access.']));
	if (ovo.settings.plan === 'no_api') return ok(fail('not_available', ['Your current plan does not support API access. Please upgrade your plan.']));
	return null;
}
