// The account's rows (contacts, conversations, messages, templates), their JSON shapes, and the seed.

import { stamp, str } from './values.mjs';

export const SEED_TIME = Date.parse('2025-06-01T10:00:00Z');

export const DAY = 86400000;

export const LANGUAGES = { en_US: 26, pt_BR: 79, es: 21 };

// The product looks the country up in a JSON list keyed by ISO code, comparing dial codes with PHP's
// loose `==` (so '+55' finds Brazil) and taking the first hit (so dial code 1 is Canada, not the US).
export const COUNTRIES = {
	1: 'Canada', 20: 'Egypt', 27: 'South Africa', 31: 'Netherlands', 32: 'Belgium', 33: 'France', 34: 'Spain',
	39: 'Italy', 41: 'Switzerland', 44: 'United Kingdom', 49: 'Germany', 51: 'Peru', 52: 'Mexico', 53: 'Cuba',
	54: 'Argentina', 55: 'Brazil', 56: 'Chile', 57: 'Colombia', 58: 'Venezuela', 61: 'Australia', 81: 'Japan',
	86: 'China', 91: 'India', 351: 'Portugal', 502: 'Guatemala', 503: 'El Salvador', 504: 'Honduras',
	505: 'Nicaragua', 506: 'Costa Rica', 507: 'Panama', 591: 'Bolivia', 593: 'Ecuador', 595: 'Paraguay',
	598: 'Uruguay', 880: 'Bangladesh', 971: 'United Arab Emirates',
};

// Templates beyond the three recorded ones, so template lists span two pages of 20.
// [name, language, status (0 pending, 1 approved, 2 rejected, 3 disabled), body, account id, other columns]
export const EXTRA_TEMPLATES = [
	['appointment_reminder', 'en_US', 1, 'Hello {{1}}, this is a reminder of your appointment on {{2}}.'],
	['rejected_offer', 'en_US', 2, 'Huge discounts today only!'],
	['legacy_notice', 'en_US', 3, 'This template is no longer in use.'],
	['payment_received', 'en_US', 1, 'We received your payment of {{1}}. Thank you!'],
	['recordatorio_cita', 'es', 1, 'Hola {{1}}, le recordamos su cita el {{2}}.'],
	['pago_recibido', 'es', 1, 'Hemos recibido su pago de {{1}}. ¡Gracias!'],
	['pedido_enviado', 'es', 1, 'Hola {{1}}, su pedido {{2}} ha sido enviado.'],
	['confirmacao_pedido', 'pt_BR', 1, 'Olá {{1}}, seu pedido {{2}} foi confirmado.'],
	['codigo_verificacion', 'es', 1, 'Su código de verificación es {{1}}.'],
	['welcome_message', 'en_US', 1, 'Welcome to our service, {{1}}!'],
	['bienvenida', 'es', 1, 'Bienvenido a nuestro servicio, {{1}}.'],
	['feedback_request', 'en_US', 1, 'How was your experience with us? Reply 1 to 5.'],
	['encuesta_satisfaccion', 'es', 1, '¿Cómo fue su experiencia? Responda del 1 al 5.'],
	// A text header with a variable; the real product answers `header` as an object (providers.md §1).
	['delivery_window', 'en_US', 1, 'Your delivery is scheduled between {{1}} and {{2}}.', 1, { header: { text: 'Your delivery {{1}}' }, header_format: 'TEXT' }],
	['factura_disponible', 'es', 1, 'Su factura {{1}} ya está disponible.'],
	['password_reset', 'en_US', 1, 'Use the code {{1}} to reset your password.'],
	['account_update', 'en_US', 1, 'Your account details were updated.'],
	['cita_confirmada', 'es', 1, 'Su cita del {{1}} está confirmada.'],
	['promo_mensual', 'es', 1, 'Este mes: {{1}} de descuento en {{2}}.'],
	['event_invitation', 'en_US', 1, 'You are invited to {{1}} on {{2}}.'],
	['lembrete_pagamento', 'pt_BR', 1, 'Olá {{1}}, seu pagamento vence em {{2}}.'],
	['second_line_hello', 'en_US', 1, 'Hello from our second line!', 2],
];


export function addressFrom(input, mobileCode) {
	return {
		city: str(input.city),
		state: str(input.state),
		post_code: str(input.post_code),
		address: str(input.address),
		country: countryOf(mobileCode),
	};
}

export function countryOf(mobileCode) {
	const code = str(mobileCode).trim();
	if (!/^[+-]?\d+(\.\d+)?$/.test(code)) return '';
	return COUNTRIES[Number(code)] ?? '';
}

export function newContact(ovo, fields) {
	const contact = {
		id: ovo.db.nextId.contact++,
		user_id: 1,
		firstname: null,
		lastname: null,
		mobile_code: null,
		mobile: null,
		image: null,
		status: 0,
		details: null,
		address: null,
		is_customer: 0,
		is_blocked: 0,
		blocked_by: 0,
		created_at: null,
		updated_at: null,
		...fields,
	};
	contact.updated_at ??= contact.created_at;
	ovo.db.contacts.push(contact);
	return contact;
}

export function newConversation(ovo, contact, accountId) {
	const now = stamp(ovo.tick());
	const conversation = {
		id: ovo.db.nextId.conversation++,
		user_id: 1,
		contact_id: contact.id,
		status: 0,
		whatsapp_account_id: accountId,
		last_message_at: null,
		needs_human_reply: 0,
		created_at: now,
		updated_at: now,
	};
	ovo.db.conversations.push(conversation);
	return conversation;
}

export function storeMessage(ovo, fields) {
	const message = { ...fields, id: ovo.db.nextId.message++ };
	ovo.db.messages.push(message);
	return message;
}

/** A message went out: the conversation moves up, and the product flags it for a human reply. */
export function touch(conversation, now) {
	conversation.last_message_at = stamp(now);
	conversation.needs_human_reply = 1;
	conversation.updated_at = stamp(now);
}

export const defaultAccount = (ovo) => ovo.db.accounts.find((a) => a.is_default === 1);

export const nextWamid = (ovo) => `wamid.SANDBOX${String(ovo.db.nextId.wamid++).padStart(6, '0')}`;

export function contactJson(contact, origin) {
	return {
		id: contact.id,
		user_id: contact.user_id,
		firstname: contact.firstname,
		lastname: contact.lastname,
		mobile_code: contact.mobile_code,
		mobile: contact.mobile,
		image: contact.image,
		status: contact.status,
		details: contact.details,
		address: contact.address ? { ...contact.address } : null,
		is_customer: contact.is_customer,
		is_blocked: contact.is_blocked,
		blocked_by: contact.blocked_by,
		created_at: contact.created_at,
		updated_at: contact.updated_at,
		image_src: `${origin}/ovowpp/assets/images/avatar.jpg`, // always the placeholder through this API
		full_name: `${contact.firstname ?? ''} ${contact.lastname ?? ''}`,
	};
}

export function conversationJson(ovo, conversation, origin) {
	const contact = contactOf(ovo, conversation);
	return {
		...conversation,
		contact: contact ? contactJson(contact, origin) : null,
		notes: ovo.db.notes.filter((n) => n.conversation_id === conversation.id).map((n) => ({ ...n })),
	};
}

export const contactOf = (ovo, conversation) => ovo.db.contacts.find((c) => c.id === conversation.contact_id);

export function seed() {
	const at = stamp(SEED_TIME);
	const seededContact = (id, firstname, lastname, code, mobile, country, extra = {}) => ({
		id, user_id: 1, firstname, lastname, mobile_code: code, mobile, image: null, status: 1, details: null,
		address: { city: '', state: '', post_code: '', address: '', country },
		is_customer: 0, is_blocked: 0, blocked_by: 0, created_at: at, updated_at: at, ...extra,
	});
	const template = (id, name, language, status, body, accountId = 1, extra = {}) => ({
		id, user_id: 1, whatsapp_template_id: String(900000000000000 + id), whatsapp_account_id: accountId, name,
		header: null, header_format: null, header_media: null, body, buttons: [], footer: null,
		add_security_recommendation: 0, code_expiration_minutes: null, category_id: 2, language_id: LANGUAGES[language],
		status, rejected_reason: status === 2 ? 'INVALID_FORMAT' : null, created_at: at, updated_at: at,
		_language: language, // not a column; the language code Meta needs
		...extra,
	});
	return {
		accounts: [
			{ id: 1, user_id: 1, phone_number: '+15550001111', phone_number_id: '100000000000002', whatsapp_business_account_id: '200000000000001', business_name: 'Sandbox Main Line', access_token: 'EAATESTACCESSTOKEN123', is_default: 1 },
			{ id: 2, user_id: 1, phone_number: '+15550002222', phone_number_id: '100000000000003', whatsapp_business_account_id: '200000000000001', business_name: 'Sandbox Second Line', access_token: 'EAATESTACCESSTOKEN456', is_default: 0 },
		],
		contacts: [
			seededContact(1, 'Maria', 'Silva', '55', '11988887777', 'Brazil', { address: { city: 'Sao Paulo', state: 'SP', post_code: '01000-000', address: 'Rua A, 1', country: 'Brazil' } }),
			seededContact(2, 'John', 'Doe', '1', '2025550123', 'United States'),
			seededContact(3, 'Blocked', 'Person', '55', '11977776666', 'Brazil', { is_blocked: 1, blocked_by: 1 }),
		],
		conversations: [
			{ id: 1, user_id: 1, contact_id: 1, status: 2, whatsapp_account_id: 1, last_message_at: at, needs_human_reply: 0, created_at: at, updated_at: at },
			{ id: 2, user_id: 1, contact_id: 2, status: 0, whatsapp_account_id: 1, last_message_at: stamp(SEED_TIME - DAY), needs_human_reply: 0, created_at: at, updated_at: at },
		],
		notes: [{ id: 1, user_id: 1, conversation_id: 1, note: 'VIP customer', created_at: at, updated_at: at }],
		messages: [
			{
				id: 1, user_id: 1, whatsapp_account_id: 1, whatsapp_message_id: 'wamid.TESTRECEIVED1', conversation_id: 1, cta_url_id: 0,
				interactive_list_id: 0, type: 2, message: 'Oi, tudo bem?', media_id: null, message_type: 1, location: null, media_caption: null,
				media_filename: null, media_url: null, media_path: null, mime_type: null, media_type: null, agent_id: 0, status: 2,
				ordering: at, product_data: null, updated_at: at, created_at: at,
			},
		],
		templates: [
			template(1, 'hello_world', 'en_US', 1, 'Hello! This is an approved test template.'),
			template(2, 'pending_promo', 'en_US', 0, 'Promo pending approval', 1, { category_id: 1 }),
			template(3, 'order_update', 'pt_BR', 1, 'Hi {{1}}, your order {{2}} is ready.', 1, { header: { text: 'Order update' }, header_format: 'TEXT', footer: 'Thanks' }),
			...EXTRA_TEMPLATES.map(([name, language, status, body, accountId, extra], i) => template(i + 4, name, language, status, body, accountId ?? 1, extra)),
		],
		ctaUrls: [{ id: 1, user_id: 1, name: 'Visit our store', header: null, body: 'See everything we sell', footer: null, button_text: 'Open store', url: 'https://example.com/store' }],
		interactiveLists: [
			{
				id: 1, user_id: 1, name: 'Main menu', header: 'How can we help?', body: 'Pick an option', footer: null, button_text: 'Options',
				sections: [{ title: 'Support', rows: [{ id: 'orders', title: 'My orders' }, { id: 'agent', title: 'Talk to a person' }] }],
			},
		],
		nextId: { contact: 4, conversation: 3, message: 2, media: 1, wamid: 1 },
		deletedImages: [], // pictures deleted by a failed update (quirk 18)
	};
}
