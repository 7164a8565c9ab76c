// The sandbox's OvoWpp: auth and routing, envelopes, paginators, contacts, conversations, templates,
// sends, the live service's quirks (on and off) and the control routes, all over real HTTP and checked
// against docs/ovowpp-recorded-responses.md (request ids such as P1-022 point there).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/server.mjs';

const AUTH = { 'client-id': 'ci_HOJTB3RX1D5YFQWNQ2KW', 'client-secret': 'cs_FP5PJQOS9H2C5T8KBID5' };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const PAGINATOR_KEYS = ['current_page', 'data', 'first_page_url', 'from', 'last_page', 'last_page_url', 'links', 'next_page_url', 'path', 'per_page', 'prev_page_url', 'to', 'total'];
const CONTACT_KEYS = ['id', 'user_id', 'firstname', 'lastname', 'mobile_code', 'mobile', 'image', 'status', 'details', 'address', 'is_customer', 'is_blocked', 'blocked_by', 'created_at', 'updated_at', 'image_src', 'full_name'];

let sandbox: { url: string; close(): Promise<void> };
let api: string; // …/ovowpp/external-api

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, seed: 1 });
	api = `${sandbox.url}/ovowpp/external-api`;
});
afterAll(() => sandbox.close());
beforeEach(() => control('POST', 'reset', { quirks: true }));

type Options = { form?: string; json?: unknown; multipart?: FormData; headers?: Record<string, string> };

/** Calls the emulated API with the demo credentials; `form` is a raw urlencoded string, as curl -d sends it. */
async function call(method: string, path: string, { form, json, multipart, headers = AUTH }: Options = {}) {
	const init: RequestInit = { method, headers: { ...headers } };
	if (form !== undefined) {
		init.body = form;
		(init.headers as Record<string, string>)['content-type'] = 'application/x-www-form-urlencoded';
	} else if (json !== undefined) {
		init.body = JSON.stringify(json);
		(init.headers as Record<string, string>)['content-type'] = 'application/json';
	} else if (multipart) init.body = multipart;
	const response = await fetch(`${api}/${path}`, init);
	const text = await response.text();
	const type = response.headers.get('content-type') ?? '';
	return { status: response.status, type, body: type.includes('json') ? JSON.parse(text) : text };
}
const get = (path: string, options?: Options) => call('GET', path, options);
const post = (path: string, form: string) => call('POST', path, { form });

async function control(method: string, route: string, body?: unknown) {
	const response = await fetch(`${sandbox.url}/_sandbox/${route}`, {
		method,
		headers: body ? { 'content-type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined,
	});
	return { status: response.status, body: await response.json() };
}
const configure = (settings: Record<string, unknown>) => control('POST', 'config', { provider: 'ovowpp', ...settings });
const data = async () => (await control('GET', 'ovowpp/data')).body;
const sent = async () => (await control('GET', 'messages?provider=ovowpp')).body.messages;
const error = (remark: string, ...message: string[]) => ({ remark, status: 'error', message });
const fileForm = (fields: Record<string, string>, files: Record<string, [Buffer, string, string]>) => {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields)) form.append(key, value);
	for (const [key, [bytes, name, type]] of Object.entries(files)) form.append(key, new Blob([bytes], { type }), name);
	return form;
};

describe('auth and routing', () => {
	it('answers 401 in the recorded order: client id, secret, credentials (P1-001…006)', async () => {
		const unauthorized = (message: string) => ({ status: 401, body: error('Unauthorized', message) });
		expect(await get('contact/list', { headers: {} })).toMatchObject(unauthorized('The client id is required'));
		expect(await get('contact/list', { headers: { 'client-id': AUTH['client-id'] } })).toMatchObject(unauthorized('The client secret is required'));
		expect(await get('contact/list', { headers: { 'client-secret': AUTH['client-secret'] } })).toMatchObject(unauthorized('The client id is required'));
		expect(await get('contact/list', { headers: { ...AUTH, 'client-secret': 'cs_WRONGWRONGWRONGWRON' } })).toMatchObject(unauthorized('Invalid credentials'));
		expect(await get('contact/list', { headers: { ...AUTH, 'client-id': 'ci_WRONGWRONGWRONGWRON' } })).toMatchObject(unauthorized('Invalid credentials'));
		const inQuery = await get(`contact/list?client-id=${AUTH['client-id']}&client-secret=${AUTH['client-secret']}`, { headers: {} });
		expect(inQuery).toMatchObject(unauthorized('The client id is required'));
		expect((await get('contact/list', { headers: { 'Client-Id': AUTH['client-id'], 'Client-Secret': AUTH['client-secret'] } })).status).toBe(200);
	});

	it('refuses a banned user with 401 (P1-011)', async () => {
		await configure({ ovowppUserStatus: 'banned' });
		const result = await get('contact/list');
		expect(result.status).toBe(401);
		expect(result.body.message[0]).toMatch(/^The credentials provided do not match/);
	});

	it('refuses an IP outside the whitelist with both messages, naming the caller (P1-008)', async () => {
		await configure({ ovowppWhitelist: ['10.1.2.3'] });
		expect(await get('contact/list')).toMatchObject({
			status: 401,
			body: error(
				'Unauthorized',
				'Access to this API endpoint is restricted to IP addresses that have been explicitly whitelisted.',
				'In order to access this API endpoint, please add your IP address (127.0.0.1) to the white list from the user dashboard.',
			),
		});
		await configure({ ovowppWhitelist: '10.1.2.3,127.0.0.1' });
		expect((await get('contact/list')).status).toBe(200);
	});

	it('answers plan problems with 200 envelopes (P1-012…014)', async () => {
		await configure({ ovowppPlan: 'none' });
		expect(await get('contact/list')).toMatchObject({ status: 200, body: error('subscription_required', 'You cannot proceed without an active plan. Please purchase a plan to continue') });
		await configure({ ovowppPlan: 'expired' });
		expect((await get('contact/list')).body).toEqual(error('subscription_required', 'Your plan has expired. Please renew or purchase a new plan to regain access.'));
		await configure({ ovowppPlan: 'no_api' });
		expect((await get('contact/list')).body).toEqual(error('not_available', 'Your current plan does not support API access. Please upgrade your plan.'));
	});

	it('routes before auth: unknown path 404 JSON, wrong method 200 exception, docs typo HTML 404 (P1-015…021, 056)', async () => {
		expect(await get('contact/nonexistent', { headers: {} })).toMatchObject({
			status: 404,
			body: error('not_found', 'The route external-api/contact/nonexistent could not be found.'),
		});
		expect((await get('inbox/conversation-messages/1')).body).toEqual(error('not_found', 'The route external-api/inbox/conversation-messages/1 could not be found.'));
		expect(await call('POST', 'contact/list')).toMatchObject({
			status: 200,
			body: error('exception', 'The POST method is not supported for route external-api/contact/list. Supported methods: GET, HEAD.'),
		});
		expect((await get('contact/delete/2')).body).toEqual(error('exception', 'The GET method is not supported for route external-api/contact/delete/2. Supported methods: DELETE.'));
		expect((await call('PUT', 'contact/update/4', { form: 'firstname=Ana' })).body.message[0]).toBe(
			'The PUT method is not supported for route external-api/contact/update/4. Supported methods: POST.',
		);
		const typo = await fetch(`${sandbox.url}/ovowpp/extern-api/contact/list`, { headers: AUTH });
		expect(typo.status).toBe(404);
		expect(typo.headers.get('content-type')).toMatch(/^text\/html/);
		expect(await typo.text()).toContain('OvoWpp - 404');
		expect((await get('contact/list/')).body.remark).toBe('contact-list');
	});
});

describe('contact/list and the paginator', () => {
	it('lists newest id first in a Laravel paginator (P1-022)', async () => {
		const { status, body } = await get('contact/list');
		expect(status).toBe(200);
		expect(body).toMatchObject({ remark: 'contact-list', status: 'success', message: ['Contact data fetched successfully.'] });
		const page = body.data.contacts;
		expect(Object.keys(page)).toEqual(PAGINATOR_KEYS);
		expect(page.data.map((c: { id: number }) => c.id)).toEqual([3, 2, 1]);
		expect(Object.keys(page.data[0])).toEqual(CONTACT_KEYS);
		expect(page.data[2]).toMatchObject({
			firstname: 'Maria',
			lastname: 'Silva',
			mobile_code: '55',
			mobile: '11988887777',
			status: 1,
			address: { city: 'Sao Paulo', state: 'SP', post_code: '01000-000', address: 'Rua A, 1', country: 'Brazil' },
			created_at: '2025-06-01T10:00:00.000000Z',
			full_name: 'Maria Silva',
		});
		expect(page.data[0]).toMatchObject({ full_name: 'Blocked Person', is_blocked: 1, blocked_by: 1 });
		expect(page.data[1].address.country).toBe('United States');
		const path = `${api}/contact/list`;
		expect(page).toMatchObject({
			current_page: 1,
			first_page_url: `${path}?page=1`,
			from: 1,
			last_page: 1,
			last_page_url: `${path}?page=1`,
			next_page_url: null,
			path,
			per_page: 20,
			prev_page_url: null,
			to: 3,
			total: 3,
		});
		expect(page.links).toEqual([
			{ url: null, label: '\u2039', active: false },
			{ url: `${path}?page=1`, label: '1', active: true },
			{ url: null, label: '\u203a', active: false },
		]);
	});

	it('pages with paginate and page, and its links drop paginate (P1-023…025, quirk 6)', async () => {
		const path = `${api}/contact/list`;
		const second = (await get('contact/list?paginate=2&page=2')).body.data.contacts;
		expect(second).toMatchObject({ current_page: 2, from: 3, to: 3, last_page: 2, per_page: 2, total: 3, next_page_url: null, prev_page_url: `${path}?page=1` });
		expect(second.data.map((c: { id: number }) => c.id)).toEqual([1]);
		expect(second.links.map((l: { label: string; active: boolean }) => `${l.label}${l.active ? '*' : ''}`)).toEqual(['\u2039', '1', '2*', '\u203a']);
		const beyond = (await get('contact/list?page=2')).body.data.contacts;
		expect(beyond).toMatchObject({ current_page: 2, data: [], from: null, to: null, last_page: 1, prev_page_url: `${path}?page=1` });
	});

	it('reads odd paginate and page values like the product (P1-026, 030…034)', async () => {
		const perPage = async (query: string) => (await get(`contact/list?${query}`)).body.data.contacts.per_page;
		expect(await perPage('paginate=abc')).toBe(20);
		expect(await perPage('paginate=0')).toBe(15);
		expect(await perPage('paginate=1000')).toBe(1000);
		expect((await get('contact/list?page=0')).body.data.contacts.current_page).toBe(1);
		expect((await get('contact/list?page=abc')).body.data.contacts.current_page).toBe(1);
		expect((await get('contact/list?paginate=-1')).body).toEqual(
			error(
				'exception',
				"SQLSTATE[42000]: Syntax error or access violation: 1064 You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near '' at line 1 (Connection: mysql, SQL: select * from `contacts` where `user_id` = 1 order by `id` desc offset 0)",
			),
		);
	});

	it('search fails with the SQL error under quirks (P1-027), and works without them', async () => {
		const failed = await get('contact/list?search=Maria');
		expect(failed.body.remark).toBe('exception');
		expect(failed.body.message[0]).toMatch(/^SQLSTATE\[42S22\]: Column not found: 1054 Unknown column 'email' in 'WHERE'/);
		expect(failed.body.message[0]).toContain('`email` LIKE %Maria%');
		expect((await get('contact/list?search=')).body.remark).toBe('contact-list');

		await control('POST', 'reset', { quirks: false });
		const found = (await get('contact/list?search=silva&paginate=5')).body.data.contacts;
		expect(found.data.map((c: { id: number }) => c.id)).toEqual([1]);
		expect(found.first_page_url).toBe(`${api}/contact/list?search=silva&paginate=5&page=1`); // links keep the query
		expect((await get('contact/list?paginate=-1')).body.data.contacts.per_page).toBe(20);
	});
});

describe('contact/store, update, delete', () => {
	it('creates a contact with the fields a new model serialises (P1-035, 036)', async () => {
		const { body } = await post('contact/store', 'firstname=Ana&lastname=Costa&mobile_code=55&mobile=11955554444&city=Rio&state=RJ&post_code=20000-000&address=Av.%20B,%202');
		expect(body).toMatchObject({ remark: 'contact_created', status: 'success', message: ['Contact created successfully'] });
		expect(Object.keys(body.data.contact)).toEqual(['user_id', 'firstname', 'lastname', 'mobile_code', 'mobile', 'address', 'updated_at', 'created_at', 'id', 'image_src', 'full_name']);
		expect(body.data.contact).toMatchObject({ id: 4, address: { city: 'Rio', state: 'RJ', post_code: '20000-000', address: 'Av. B, 2', country: 'Brazil' }, full_name: 'Ana Costa' });
		expect(body.data.contact.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
		const json = await call('POST', 'contact/store', { json: { firstname: 'Pedro', lastname: 'Alves', mobile_code: '55', mobile: '21966665555' } });
		expect(json.body.data.contact).toMatchObject({ id: 5, address: { city: '', state: '', post_code: '', address: '', country: 'Brazil' } });
		const listed = (await get('contact/list')).body.data.contacts.data;
		expect(listed[0]).toMatchObject({ id: 5, status: 0, image: null, is_blocked: 0 });
	});

	it('reads + as a space, keeps a literal +, never checks mobile_code, maps dial code 1 to Canada (P1-038, 039, 043, 046)', async () => {
		expect((await post('contact/store', 'firstname=Plus&lastname=Code&mobile_code=+55&mobile=11933332222')).body.data.contact.mobile_code).toBe('55');
		expect((await post('contact/store', 'firstname=Literal&lastname=Plus&mobile_code=%2B55&mobile=11933332223')).body.data.contact).toMatchObject({
			mobile_code: '+55',
			address: { country: 'Brazil' },
		});
		expect((await post('contact/store', 'firstname=Same&lastname=Digits&mobile_code=1&mobile=11988887777')).body.data.contact.address.country).toBe('Canada');
		expect((await post('contact/store', 'firstname=Code&lastname=Letters&mobile_code=abc&mobile=11900000003')).body.data.contact).toMatchObject({
			mobile_code: 'abc',
			address: { country: '' },
		});
		await control('POST', 'reset', { quirks: false });
		expect((await post('contact/store', 'firstname=Code&lastname=Letters&mobile_code=abc&mobile=11900000003')).body).toEqual(
			error('validation_error', 'The mobile code format is invalid.'),
		);
	});

	it('validates like the product (P1-040…045)', async () => {
		expect((await post('contact/store', '')).body).toEqual(
			error('validation_error', 'The firstname field is required.', 'The lastname field is required.', 'The mobile code field is required.', 'The mobile field is required.'),
		);
		expect((await post('contact/store', 'mobile_code=55&mobile=11944443333')).body.message).toEqual(['The firstname field is required.', 'The lastname field is required.']);
		expect((await post('contact/store', 'firstname=Dup&lastname=Licate&mobile_code=55&mobile=11988887777')).body).toEqual(error('validation_error', 'The mobile has already been taken.'));
		expect((await post('contact/store', 'firstname=Bad&lastname=Mobile&mobile_code=55&mobile=%2B55%2011%2098888-7777')).body).toEqual(
			error('validation_error', 'The mobile format is invalid.'),
		);
		expect((await post('contact/store', `firstname=${'A'.repeat(41)}&lastname=Long&mobile_code=55&mobile=11900000001`)).body.message).toEqual([
			'The firstname must not be greater than 40 characters.',
		]);
	});

	it('stores a profile image by name but keeps the placeholder image_src (P1-037)', async () => {
		const form = fileForm({ firstname: 'Img', lastname: 'Contact', mobile_code: '1', mobile: '2025550199' }, { profile_image: [PNG, 'small.png', 'image/png'] });
		const { body } = await call('POST', 'contact/store', { multipart: form });
		expect(body.data.contact.image).toMatch(/^[0-9a-f]{23}\.png$/);
		expect(body.data.contact.image_src).toBe(`${sandbox.url}/ovowpp/assets/images/avatar.jpg`);
		const text = fileForm({ firstname: 'Img', lastname: 'Text', mobile_code: '1', mobile: '2025550198' }, { profile_image: [Buffer.from('client-id=x'), 'creds.txt', 'text/plain'] });
		expect((await call('POST', 'contact/store', { multipart: text })).body.message).toEqual([
			'The profile image must be an image.',
			'The profile image must be a file of type: jpg, jpeg, png.',
		]);
	});

	it('update is not partial under quirks: all four fields required, address parts reset (P1-048…055)', async () => {
		expect((await post('contact/update/1', 'firstname=AnaPartial')).body.message).toEqual([
			'The lastname field is required.',
			'The mobile code field is required.',
			'The mobile field is required.',
		]);
		const { body } = await post('contact/update/1', 'firstname=Maria&lastname=Silva&mobile_code=55&mobile=11988887777');
		expect(body).toMatchObject({ remark: 'contact_created', status: 'success', message: [' Contact updated successfully'] });
		expect(Object.keys(body.data.contact)).toEqual(CONTACT_KEYS);
		expect(body.data.contact.address).toEqual({ city: '', state: '', post_code: '', address: '', country: 'Brazil' });
		expect((await post('contact/update/2', 'firstname=John&lastname=Doe&mobile_code=55&mobile=11988887777')).body).toEqual(
			error('validation_error', 'The mobile has already been taken.'),
		);
		expect((await post('contact/update/99999', 'firstname=No&lastname=Body&mobile_code=55&mobile=11900000009')).body).toEqual(error('unknown_contact', 'The contact is not found'));
		expect((await post('contact/update/99999', '')).body.remark).toBe('validation_error');
	});

	it('update is partial without quirks', async () => {
		await control('POST', 'reset', { quirks: false });
		const { body } = await post('contact/update/1', 'lastname=Souza&city=Campinas');
		expect(body.data.contact).toMatchObject({ firstname: 'Maria', lastname: 'Souza', mobile: '11988887777', address: { city: 'Campinas', state: 'SP', address: 'Rua A, 1' } });
	});

	it('counts contact_limit like the product: updates spend it, creates do not (P1-057…059)', async () => {
		await configure({ ovowppContactLimit: 2 });
		await post('contact/store', 'firstname=Limit&lastname=One&mobile_code=55&mobile=11900000011');
		expect((await data()).user.contact_limit).toBe(2);
		await post('contact/update/4', 'firstname=Limit&lastname=Uno&mobile_code=55&mobile=11900000011');
		expect((await data()).user.contact_limit).toBe(1);
		await configure({ ovowppContactLimit: 0 });
		expect((await post('contact/store', 'firstname=Limit&lastname=Two&mobile_code=55&mobile=11900000012')).body).toEqual(
			error('contact_limit_error', 'You\u2019ve reached your  contact limit. Please upgrade your plan to continue.'),
		);
	});

	it('deletes, and refuses blocked contacts and contacts with messages (P1-060…066)', async () => {
		expect((await call('DELETE', 'contact/delete/2')).body).toEqual({ remark: 'contact_deleted', status: 'success', message: ['Contact deleted successfully'] });
		expect((await get('inbox/conversation-list')).body.data.conversation.total).toBe(1); // its empty conversation went with it
		expect((await call('DELETE', 'contact/delete/2')).body).toEqual(error('not_found', 'The contact not found'));
		expect((await call('DELETE', 'contact/delete/abc')).body).toEqual(error('not_found', 'The contact not found'));
		expect((await call('DELETE', 'contact/delete/1')).body).toEqual(error('contact_error', 'Unable to delete contact with messages'));
		expect((await call('DELETE', 'contact/delete/3')).body).toEqual(error('contact_error', 'Unable to delete contact which is blocked'));
	});
});

describe('conversations and templates', () => {
	it('lists conversations newest message first, with contact and notes (P1-067)', async () => {
		const { body } = await get('inbox/conversation-list');
		expect(body).toMatchObject({ remark: 'inbox', status: 'success', message: ['Conversation data fetched successfully'] });
		const page = body.data.conversation;
		expect(Object.keys(page)).toEqual(PAGINATOR_KEYS);
		expect(page.data.map((c: { id: number }) => c.id)).toEqual([1, 2]);
		expect(Object.keys(page.data[0])).toEqual(['id', 'user_id', 'contact_id', 'status', 'whatsapp_account_id', 'last_message_at', 'needs_human_reply', 'created_at', 'updated_at', 'contact', 'notes']);
		expect(page.data[0]).toMatchObject({ status: 2, last_message_at: '2025-06-01T10:00:00.000000Z', contact: { full_name: 'Maria Silva' } });
		expect(page.data[0].notes).toEqual([
			{ id: 1, user_id: 1, conversation_id: 1, note: 'VIP customer', created_at: '2025-06-01T10:00:00.000000Z', updated_at: '2025-06-01T10:00:00.000000Z' },
		]);
		expect(page.data[1]).toMatchObject({ status: 0, last_message_at: '2025-05-31T10:00:00.000000Z', notes: [] });
	});

	it('filters by status (abc means 0) and searches name or mobile (P1-068…077)', async () => {
		const ids = async (query: string) => (await get(`inbox/conversation-list?${query}`)).body.data.conversation.data.map((c: { id: number }) => c.id);
		expect(await ids('status=0')).toEqual([2]);
		expect(await ids('status=1')).toEqual([]);
		expect(await ids('status=2')).toEqual([1]);
		expect(await ids('status=4')).toEqual([]);
		expect(await ids('status=abc')).toEqual([2]);
		expect(await ids('search=Maria')).toEqual([1]);
		expect(await ids('search=2025550123')).toEqual([2]);
		expect(await ids('search=zzz')).toEqual([]);
		const second = (await get('inbox/conversation-list?paginate=1&page=2&status=')).body.data.conversation;
		expect(second).toMatchObject({ current_page: 2, from: 2, to: 2, last_page: 2, per_page: 1, total: 2 });
		const filtered = (await get('inbox/conversation-list?status=0&paginate=1')).body.data.conversation;
		expect(filtered.first_page_url).toBe(`${api}/inbox/conversation-list?page=1`); // quirk 6: status dropped
	});

	it('changes status 0–3, refuses 4 under quirks (P1-078…088)', async () => {
		const change = (form: string, id = 2) => post(`inbox/change-conversation-status/${id}`, form);
		for (const status of [0, 1, 2]) expect((await change(`status=${status}`)).body).toEqual({ remark: 'status_updated', status: 'success', message: ['Status updated successfully'] });
		expect((await change('status=4')).body).toEqual(error('validation_error', 'The selected status is invalid.'));
		expect((await change('')).body).toEqual(error('validation_error', 'The status field is required.'));
		expect((await change('status=abc')).body).toEqual(error('validation_error', 'The status must be an integer.', 'The selected status is invalid.'));
		expect((await call('POST', 'inbox/change-conversation-status/2', { json: { status: 3 } })).body.remark).toBe('status_updated');
		expect((await change('status=1', 99999)).body).toEqual(error('not_found', 'Conversation not found'));
		expect((await post('inbox/change-conversation-status/abc', 'status=1')).body).toEqual(error('not_found', 'Conversation not found'));
		const important = (await get('inbox/conversation-list?status=3')).body.data.conversation.data;
		expect(important.map((c: { id: number; status: number }) => [c.id, c.status])).toEqual([[2, 3]]);

		await control('POST', 'reset', { quirks: false });
		expect((await change('status=4')).body.remark).toBe('status_updated');
	});

	it('shows conversation details with tags and lists, without messages (P1-089…091)', async () => {
		const { body } = await get('inbox/conversation-details/1');
		expect(body).toMatchObject({ remark: 'conversation_details', status: 'success', message: ['Conversation details fetched successfully.'] });
		expect(body.data.conversation.contact).toMatchObject({ id: 1, tags: [], lists: [] });
		expect(body.data.conversation.notes).toHaveLength(1);
		expect(body.data.conversation.messages).toBeUndefined();
		expect((await get('inbox/conversation-details/99999')).body).toEqual(error('not_found', 'Conversation not found'));
	});

	it('lists all 25 templates over two pages, any status, with the recorded fields (P1-092…094)', async () => {
		const first = (await get('inbox/template-list')).body;
		expect(first).toMatchObject({ remark: 'inbox', status: 'success', message: ['Template data fetched successfully'] });
		const page = first.data.templates;
		expect(page).toMatchObject({ per_page: 20, total: 25, last_page: 2, next_page_url: `${api}/inbox/template-list?page=2` });
		expect(page.data.slice(0, 3)).toMatchObject([
			{ id: 1, name: 'hello_world', status: 1, language_id: 26, whatsapp_template_id: '900000000000001' },
			{ id: 2, name: 'pending_promo', status: 0 },
			{ id: 3, name: 'order_update', status: 1, header: { text: 'Order update' }, header_format: 'TEXT', body: 'Hi {{1}}, your order {{2}} is ready.', footer: 'Thanks' },
		]);
		expect(Object.keys(page.data[0])).toEqual([
			'id', 'user_id', 'whatsapp_template_id', 'whatsapp_account_id', 'name', 'header', 'header_format', 'header_media', 'body', 'buttons', 'footer',
			'add_security_recommendation', 'code_expiration_minutes', 'category_id', 'language_id', 'status', 'rejected_reason', 'created_at', 'updated_at',
		]);
		expect((await get('inbox/template-list?page=2')).body.data.templates.data).toHaveLength(5);
		const { templates } = await data();
		expect(templates.filter((t: { status: number }) => t.status === 1).length).toBeGreaterThanOrEqual(22);
	});

	it('windows long link lists like Laravel', async () => {
		const labels = async (page: number) =>
			(await get(`inbox/template-list?paginate=1&page=${page}`)).body.data.templates.links.map((l: { label: string }) => l.label).join(' ');
		expect(await labels(1)).toBe('\u2039 1 2 3 4 5 6 7 8 9 10 ... 24 25 \u203a');
		expect(await labels(12)).toBe('\u2039 1 2 ... 9 10 11 12 13 14 15 ... 24 25 \u203a');
		expect(await labels(25)).toBe('\u2039 1 2 ... 16 17 18 19 20 21 22 23 24 25 \u203a');
	});
});

describe('inbox/send-message', () => {
	it('sends text and answers with the stored message (P2-001)', async () => {
		const { body } = await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&message=Hello%20from%20the%20API');
		expect(body).toMatchObject({ remark: 'success', status: 'success', message: ['Message sent successfully'], data: { conversation_id: 1 } });
		expect(Object.keys(body.data.message)).toEqual([
			'user_id', 'whatsapp_account_id', 'whatsapp_message_id', 'conversation_id', 'cta_url_id', 'interactive_list_id', 'type', 'message', 'media_id',
			'message_type', 'location', 'media_caption', 'media_filename', 'media_url', 'media_path', 'mime_type', 'media_type', 'agent_id', 'status',
			'ordering', 'product_data', 'updated_at', 'created_at', 'id',
		]);
		expect(body.data.message).toMatchObject({ whatsapp_account_id: 1, type: 1, message: 'Hello from the API', message_type: 1, status: 1, id: 2 });
		expect(body.data.message.whatsapp_message_id).toMatch(/^wamid\./);
		expect(await sent()).toMatchObject([
			{ provider: 'ovowpp', to: '5511988887777', type: 'text', text: 'Hello from the API', from: '+15550001111', conversationId: 1, content: { message: 'Hello from the API' } },
		]);
		const conversation = (await get('inbox/conversation-details/1')).body.data.conversation;
		expect(conversation).toMatchObject({ needs_human_reply: 1, last_message_at: body.data.message.created_at });
	});

	it('moves the conversation to the top of the list', async () => {
		await call('POST', 'inbox/send-message', { json: { mobile_code: '1', mobile: '2025550123', message: 'Hello JSON' } });
		const ids = (await get('inbox/conversation-list')).body.data.conversation.data.map((c: { id: number }) => c.id);
		expect(ids).toEqual([2, 1]);
	});

	it('fails on a number that is not a contact and creates nothing under quirks (P1-097, quirk 2)', async () => {
		const { body } = await post('inbox/send-message', 'mobile_code=55&mobile=11911112222&message=Hi');
		expect(body.remark).toBe('exception');
		expect(body.message[0]).toMatch(/^SQLSTATE\[23000\]: Integrity constraint violation: 1048 Column 'contact_id' cannot be null \(Connection: mysql, SQL: insert into `conversations`/);
		const dump = await data();
		expect([dump.contacts.length, dump.conversations.length, dump.messages.length]).toEqual([3, 2, 1]);
		expect(await sent()).toEqual([]);
	});

	it('creates the contact and conversation for a new number without quirks (the docs)', async () => {
		await control('POST', 'reset', { quirks: false });
		const { body } = await post('inbox/send-message', 'mobile_code=55&mobile=11911112222&message=Hi');
		expect(body).toMatchObject({ remark: 'success', data: { conversation_id: 3 } });
		const dump = await data();
		expect(dump.contacts.find((c: { mobile: string }) => c.mobile === '11911112222')).toMatchObject({ id: 4, mobile_code: '55', address: { country: 'Brazil' } });
	});

	it('validates content, phone and files (P1-101, 104…106)', async () => {
		expect((await post('inbox/send-message', 'mobile_code=55&mobile=11988887777')).body).toEqual(error('validation_error', 'The message should not be empty.'));
		expect((await post('inbox/send-message', 'message=hi')).body).toEqual(error('validation_error', 'The mobile code field is required.', 'The mobile field is required.'));
		expect((await post('inbox/send-message', 'mobile_code=55&mobile=%2B5511988887777&message=hi')).body).toEqual(error('validation_error', 'The mobile format is invalid.'));
		const text = fileForm({ mobile_code: '55', mobile: '11988887777' }, { image: [Buffer.from('client-id=x'), 'creds.txt', 'text/plain'] });
		expect((await call('POST', 'inbox/send-message', { multipart: text })).body).toEqual(
			error('validation_error', 'The image must be an image.', 'The image must be a file of type: jpg, jpeg, png.'),
		);
		const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
		const tooBig = fileForm({ mobile_code: '55', mobile: '11988887777' }, { image: [big, 'big.png', 'image/png'] });
		expect((await call('POST', 'inbox/send-message', { multipart: tooBig })).body).toEqual(error('validation_error', 'The image must not be greater than 5120 kilobytes.'));
		const exe = fileForm({ mobile_code: '55', mobile: '11988887777' }, { document: [Buffer.from('MZ\x90\x00binary'), 'tool.pdf', 'application/pdf'], video: [PNG, 'clip.mp4', 'video/mp4'] });
		expect((await call('POST', 'inbox/send-message', { multipart: exe })).body.message).toEqual([
			'The document must be a file of type: pdf, doc, docx.',
			'The video must be a file of type: mp4.',
		]);
		expect(await sent()).toEqual([]);
	});

	it('sends an image with its caption and records the file without its bytes (P2-004)', async () => {
		const form = fileForm({ mobile_code: '55', mobile: '11988887777', message: 'caption here' }, { image: [PNG, 'small.png', 'image/png'] });
		const { body } = await call('POST', 'inbox/send-message', { multipart: form });
		expect(body.data.message).toMatchObject({ message: 'caption here', message_type: 2, media_caption: 'caption here', mime_type: 'image/png', media_type: 'image' });
		expect(body.data.message.media_path).toMatch(/^1\/\d{4}\/\d\d\/\d\d\/\w+\.png$/);
		const [message] = await sent();
		expect(message).toMatchObject({ type: 'image', text: 'caption here', files: [{ field: 'image', name: 'small.png', type: 'image/png', size: PNG.length }] });
		expect(message.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(message.files[0].head).toBeUndefined();
	});

	it('sends documents, video and audio; the first file wins', async () => {
		const pdf = Buffer.from('%PDF-1.4\n%\xe2\xe3\n');
		const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(8)]);
		const both = fileForm({ mobile_code: '55', mobile: '11988887777' }, { video: [mp4, 'clip.mp4', 'video/mp4'], document: [pdf, 'invoice.pdf', 'application/pdf'] });
		const { body } = await call('POST', 'inbox/send-message', { multipart: both });
		expect(body.data.message).toMatchObject({ message_type: 4, media_type: 'document', media_filename: 'invoice.pdf', mime_type: 'application/pdf' });
		const audio = fileForm({ mobile_code: '55', mobile: '11988887777' }, { audio: [Buffer.from('ID3\x03\x00'), 'note.mp3', 'audio/mpeg'] });
		expect((await call('POST', 'inbox/send-message', { multipart: audio })).body.data.message).toMatchObject({ message_type: 5, media_type: 'audio' });
		expect((await sent()).map((m: { type: string }) => m.type)).toEqual(['document', 'audio']);
	});

	it('sends a location; latitude alone sends an empty text under quirks (P2-005, 006)', async () => {
		const location = await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&latitude=-23.5505&longitude=-46.6333&name=Praca%20da%20Se&address=Sao%20Paulo');
		expect(location.body.data.message).toMatchObject({
			message: null,
			message_type: 8,
			location: { latitude: '-23.5505', longitude: '-46.6333', name: 'Praca da Se', address: 'Sao Paulo' },
		});
		const alone = await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&latitude=-23.5505');
		expect(alone.body.data.message).toMatchObject({ message: null, message_type: 1, location: null });
		expect((await sent()).map((m: { type: string }) => m.type)).toEqual(['location', 'text']);

		await control('POST', 'reset', { quirks: false });
		expect((await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&latitude=-23.5505')).body).toEqual(
			error('validation_error', 'The longitude field is required when latitude is not empty.'),
		);
	});

	it('refuses a blocked contact after creating its conversation under quirks (P1-107, quirk 10)', async () => {
		const blocked = error('not_found', 'You cannot send or receive messages with this contact because they have been blocked.');
		expect((await post('inbox/send-message', 'mobile_code=55&mobile=11977776666&message=hi')).body).toEqual(blocked);
		expect((await data()).conversations.find((c: { contact_id: number }) => c.contact_id === 3)).toMatchObject({ id: 3, status: 0, last_message_at: null });
		await control('POST', 'reset', { quirks: false });
		expect((await post('inbox/send-message', 'mobile_code=55&mobile=11977776666&message=hi')).body).toEqual(blocked);
		expect((await data()).conversations).toHaveLength(2);
	});

	it('uses from_number only on an exact match; a raw + arrives as a space (P1-108, 109)', async () => {
		expect((await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&message=hi&from_number=%2B19999999999')).body).toEqual(
			error('not_found', 'The whatsapp account is not found'),
		);
		expect((await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&message=hi&from_number=+15550002222')).body.remark).toBe('not_found');
		const second = await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&message=hi&from_number=%2B15550002222');
		expect(second.body.data.message.whatsapp_account_id).toBe(2);
		expect((await sent())[0].from).toBe('+15550002222');
	});

	it('sends without from_number from the first account, not the default one, under quirks (quirk 7)', async () => {
		const from = async () => (await sent()).map((m: { from: string }) => m.from);
		await configure({ ovowppDefaultAccount: '+15550002222' });
		await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&message=first');
		expect(await from()).toEqual(['+15550001111']);
		await control('POST', 'reset', { quirks: false });
		await configure({ ovowppDefaultAccount: '+15550002222' });
		await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&message=default');
		expect(await from()).toEqual(['+15550002222']);
		expect((await data()).messages.at(-1).whatsapp_account_id).toBe(2);
	});

	it('sends CTA URL and interactive lists with known ids, in the product order (P1-110, 111)', async () => {
		expect((await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&cta_url_id=999')).body).toEqual(error('not_found', 'The cta url is not found'));
		expect((await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&interactive_list_id=999')).body).toEqual(
			error('not_found', 'The interactive list is not found'),
		);
		expect((await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&cta_url_id=x')).body).toEqual(error('validation_error', 'The cta url id must be an integer.'));
		const form = fileForm({ mobile_code: '55', mobile: '11988887777', cta_url_id: '1', interactive_list_id: '1', message: 'look' }, { image: [PNG, 'a.png', 'image/png'] });
		expect((await call('POST', 'inbox/send-message', { multipart: form })).body.data.message).toMatchObject({ message_type: 6, cta_url_id: 1, interactive_list_id: 0, media_id: null });
		expect((await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&interactive_list_id=1')).body.data.message).toMatchObject({ message_type: 9, interactive_list_id: 1 });
		expect((await sent()).map((m: { type: string; files?: unknown }) => [m.type, m.files])).toEqual([
			['cta_url', undefined],
			['interactive_list', undefined],
		]);
		await configure({ ovowppInteractive: false });
		expect((await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&cta_url_id=1')).body).toEqual(
			error('not_found', 'Your current plan does not support interactive messages. Please upgrade your plan.'),
		);
	});

	it('relays Meta failures: cURL error offline, error.message on a Meta error (P1-095, 099, P2-017)', async () => {
		await configure({ ovowppGraph: 'offline' });
		expect((await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&message=hi')).body).toEqual(
			error(
				'exception',
				'cURL error 6: Could not resolve host: graph.facebook.com (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://graph.facebook.com/v22.0/100000000000002/messages',
			),
		);
		const form = fileForm({ mobile_code: '55', mobile: '11988887777' }, { image: [PNG, 'a.png', 'image/png'] });
		expect((await call('POST', 'inbox/send-message', { multipart: form })).body.message[0]).toMatch(/\/100000000000002\/media$/);
		await configure({ ovowppGraph: 'error' });
		expect((await post('inbox/send-message', 'mobile_code=55&mobile=11988887777&message=hi')).body).toEqual(error('exception', '(#131030) Recipient phone number not in allowed list'));
		expect(await sent()).toEqual([]);
	});
});

describe('inbox/send-template-message', () => {
	it('sends, then answers the Undefined variable exception under quirks (P2-007, 008, quirk 1)', async () => {
		const { body } = await post('inbox/send-template-message', 'template_id=3&mobile_code=55&mobile=11988887777&body_variables[]=Maria&body_variables[]=%23123&header_variables[]=Order');
		expect(body).toEqual(error('exception', 'Undefined variable $conversationId'));
		expect(await sent()).toMatchObject([
			{
				to: '5511988887777',
				type: 'template',
				template: 'order_update',
				text: 'Hi Maria, your order #123 is ready.',
				variables: { body: ['Maria', '#123'], header: ['Order'] },
				from: '+15550001111',
				conversationId: 1,
				content: { template_id: 3, language: 'pt_BR' },
			},
		]);
		const dump = await data();
		expect(dump.messages.at(-1)).toMatchObject({ template_id: 3, conversation_id: 1, type: 1, status: 1 });
		expect(dump.conversations[0]).toMatchObject({ id: 1, needs_human_reply: 1 });
	});

	it('answers template_sent with the conversation id without quirks', async () => {
		await control('POST', 'reset', { quirks: false });
		const { body } = await call('POST', 'inbox/send-template-message', { json: { template_id: 3, mobile_code: '1', mobile: '2025550123', body_variables: ['John', '#456'] } });
		expect(body).toEqual({ remark: 'template_sent', status: 'success', message: ['Message sent successfully'], data: { conversation_id: 2 } });
	});

	it('validates and finds only approved templates (P1-115…120)', async () => {
		const notFound = error('not_found', 'The template is not found');
		expect((await post('inbox/send-template-message', 'template_id=2&mobile_code=55&mobile=11988887777')).body).toEqual(notFound);
		expect((await post('inbox/send-template-message', 'template_id=9999&mobile_code=55&mobile=11988887777')).body).toEqual(notFound);
		expect((await post('inbox/send-template-message', 'mobile_code=55&mobile=11988887777')).body).toEqual(error('validation_error', 'The template id field is required.'));
		expect((await post('inbox/send-template-message', '')).body.message).toEqual(['The template id field is required.', 'The mobile code field is required.', 'The mobile field is required.']);
		expect((await post('inbox/send-template-message', 'template_id=1&mobile_code=55&mobile=11933334444')).body.message[0]).toContain("Column 'contact_id' cannot be null");
		expect((await post('inbox/send-template-message', 'template_id=1&mobile_code=55&mobile=11977776666')).body.message[0]).toMatch(/have been blocked/);
		expect(await sent()).toEqual([]);
	});

	it('ignores from_number under quirks and honours it without (P2-010, quirk 7)', async () => {
		await post('inbox/send-template-message', 'template_id=1&mobile_code=55&mobile=11988887777&from_number=%2B15550002222');
		await configure({ ovowppDefaultAccount: null });
		expect((await post('inbox/send-template-message', 'template_id=1&mobile_code=55&mobile=11988887777')).body).toEqual(
			error('not_found', 'Please connect your whatsapp account first'),
		);
		expect((await sent()).map((m: { from: string }) => m.from)).toEqual(['+15550001111']);

		await control('POST', 'reset', { quirks: false });
		await post('inbox/send-template-message', 'template_id=1&mobile_code=55&mobile=11988887777&from_number=%2B15550002222');
		expect((await sent()).map((m: { from: string }) => m.from)).toEqual(['+15550002222']);
	});

	it('leaks the access token when Meta is unreachable under quirks, and relays error_data.details (P1-112, P2-019)', async () => {
		await configure({ ovowppGraph: 'offline' });
		const url = 'https://graph.facebook.com/v22.0/100000000000002/messages';
		const leaked = (await post('inbox/send-template-message', 'template_id=1&mobile_code=55&mobile=11988887777')).body.message[0];
		expect(leaked).toMatch(new RegExp(`for ${url}\\?access_token=EAATESTACCESSTOKEN123$`.replace(/\//g, '\\/')));
		await configure({ ovowppGraph: 'error' });
		expect((await post('inbox/send-template-message', 'template_id=1&mobile_code=55&mobile=11988887777')).body).toEqual(
			error('exception', 'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.'),
		);
		await control('POST', 'reset', { quirks: false });
		await configure({ ovowppGraph: 'offline' });
		expect((await post('inbox/send-template-message', 'template_id=1&mobile_code=55&mobile=11988887777')).body.message[0]).not.toContain('access_token');
		expect(await sent()).toEqual([]);
	});

	it('refuses a body variable count that does not fit the template, as Meta does', async () => {
		const { body } = await post('inbox/send-template-message', 'template_id=3&mobile_code=55&mobile=11988887777&body_variables[]=Maria');
		expect(body).toEqual(error('exception', 'body: number of localizable_params (1) does not match the expected number of params (2)'));
		expect(await sent()).toEqual([]);
	});
});

describe('control routes', () => {
	it('dumps the seeded data', async () => {
		const dump = await data();
		expect(dump.accounts.map((a: { phone_number: string; is_default: number }) => [a.phone_number, a.is_default])).toEqual([
			['+15550001111', 1],
			['+15550002222', 0],
		]);
		expect(dump.contacts.map((c: { full_name: string }) => c.full_name)).toEqual(['Maria Silva', 'John Doe', 'Blocked Person']);
		expect(dump.templates).toHaveLength(25);
		expect(dump.messages).toMatchObject([{ id: 1, conversation_id: 1, type: 2, message: 'Oi, tudo bem?' }]);
		expect(dump.ctaUrls[0].id).toBe(1);
		expect(dump.interactiveLists[0].id).toBe(1);
	});

	it('POST incoming stores a received message and moves last_message_at strictly forward', async () => {
		const first = await control('POST', 'ovowpp/incoming', { mobile_code: '1', mobile: '2025550123', message: 'Hi there' });
		const second = await control('POST', 'ovowpp/incoming', { mobile_code: '1', mobile: '2025550123', message: 'Anyone?' });
		expect(first.status).toBe(200);
		expect(first.body.conversation).toMatchObject({ id: 2, contact_id: 2, status: 0, contact: { full_name: 'John Doe' } });
		expect(first.body.message).toMatchObject({ type: 2, message: 'Hi there', conversation_id: 2 });
		expect(second.body.conversation.last_message_at > first.body.conversation.last_message_at).toBe(true);
		const ids = (await get('inbox/conversation-list')).body.data.conversation.data.map((c: { id: number }) => c.id);
		expect(ids).toEqual([2, 1]);
		expect(await sent()).toEqual([]); // received, not sent
	});

	it('POST incoming creates the contact and conversation for a new number', async () => {
		const { body } = await control('POST', 'ovowpp/incoming', { mobile_code: '34', mobile: '600111222', message: 'Hola', firstname: 'Lucia' });
		expect(body.contact).toMatchObject({ id: 4, firstname: 'Lucia', mobile_code: '34', mobile: '600111222' });
		expect(body.conversation).toMatchObject({ id: 3, contact_id: 4, status: 0, whatsapp_account_id: 1, needs_human_reply: 0 });
		expect((await get('inbox/conversation-list')).body.data.conversation.data[0].id).toBe(3);
		expect((await control('POST', 'ovowpp/incoming', { mobile: '600111222' })).status).toBe(400);
		expect((await control('GET', 'ovowpp/nothing')).status).toBe(404);
	});
});
