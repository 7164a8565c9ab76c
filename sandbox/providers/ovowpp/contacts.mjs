// contact/list, contact/store, contact/update/{id}, contact/delete/{id}, with the product's validation.

import { damagedImage, fileErrors, fileFor, storedImageName } from './files.mjs';
import { fail, success } from './http.mjs';
import { paginate } from './paging.mjs';
import { addressFrom, contactJson, newContact } from './store.mjs';
import { filled, like, stamp, str } from './values.mjs';

export function listContacts(ovo, ctx) {
	let contacts = [...ovo.db.contacts].sort((a, b) => b.id - a.id);
	const search = str(ctx.input.search);
	if (search) {
		if (ovo.quirks()) {
			// The product ANDs a second search over a column that does not exist.
			const s = search;
			return fail('exception', [
				"SQLSTATE[42S22]: Column not found: 1054 Unknown column 'email' in 'WHERE' (Connection: mysql, SQL: select count(*) as aggregate from `contacts` where `user_id` = 1 and " +
					`(\`mobile\` LIKE %${s}% or \`firstname\` LIKE %${s}% or \`lastname\` LIKE %${s}%) and (\`firstname\` LIKE %${s}% or \`lastname\` LIKE %${s}% or \`mobile\` LIKE %${s}% or \`email\` LIKE %${s}%))`,
			]);
		}
		contacts = contacts.filter((c) => like([c.firstname, c.lastname, c.mobile], search));
	}
	const page = paginate(ovo, ctx, contacts, (c) => contactJson(c, ctx.origin), 'select * from `contacts` where `user_id` = 1 order by `id` desc');
	if (page.error) return page.error;
	return success('contact-list', ['Contact data fetched successfully.'], { contacts: page.paginator });
}

export function storeContact(ovo, ctx) {
	const { input } = ctx;
	const errors = contactErrors(ovo, ctx, null, true);
	if (errors.length) return fail('validation_error', errors);
	if (ovo.settings.contactLimit === 0) return fail('contact_limit_error', ['You\u2019ve reached your  contact limit. Please upgrade your plan to continue.']);
	if (!ovo.quirks() && ovo.settings.contactLimit > 0) ovo.settings.contactLimit--;

	const now = stamp(ovo.tick());
	const contact = newContact(ovo, {
		firstname: str(input.firstname),
		lastname: str(input.lastname),
		mobile_code: str(input.mobile_code),
		mobile: str(input.mobile),
		address: addressFrom(input, str(input.mobile_code)),
		created_at: now,
	});
	const image = fileFor(ctx, 'profile_image');
	if (image) contact.image = storedImageName(image);
	// A freshly created Eloquent model serialises only what was set, in this order.
	const json = contactJson(contact, ctx.origin);
	const body = {
		user_id: 1,
		firstname: json.firstname,
		lastname: json.lastname,
		mobile_code: json.mobile_code,
		mobile: json.mobile,
		address: json.address,
		...(image ? { image: contact.image } : {}),
		updated_at: now,
		created_at: now,
		id: contact.id,
		image_src: json.image_src,
		full_name: json.full_name,
	};
	return success('contact_created', ['Contact created successfully'], { contact: body });
}

export function updateContact(ovo, ctx, id) {
	const { input } = ctx;
	const contact = ovo.db.contacts.find((c) => String(c.id) === id);
	const partial = !ovo.quirks(); // the docs promise a partial update; the product requires everything
	const errors = contactErrors(ovo, ctx, contact ?? null, !partial);
	if (errors.length) return fail('validation_error', errors);
	if (!contact) return fail('unknown_contact', ['The contact is not found']);
	if (ovo.quirks() && ovo.settings.contactLimit > 0) ovo.settings.contactLimit--; // every update costs a contact
	// Quirk 18: the product deletes the current picture, then decodes the new one; a damaged file
	// fails and the contact is left pointing at the deleted picture. Nothing else is saved.
	const upload = fileFor(ctx, 'profile_image');
	if (upload && damagedImage(upload)) {
		if (ovo.quirks() && contact.image) ovo.db.deletedImages.push(contact.image);
		return fail('image_upload_error', ["Couldn't upload your image"]);
	}

	const keep = (field, current) => (partial && !filled(input[field]) ? current : str(input[field]));
	contact.firstname = keep('firstname', contact.firstname);
	contact.lastname = keep('lastname', contact.lastname);
	contact.mobile_code = keep('mobile_code', contact.mobile_code);
	contact.mobile = keep('mobile', contact.mobile);
	const address = addressFrom(input, contact.mobile_code);
	if (partial && contact.address) {
		for (const part of ['city', 'state', 'post_code', 'address']) if (!filled(input[part])) address[part] = contact.address[part];
	}
	contact.address = address; // omitted parts become "" under quirks
	const image = fileFor(ctx, 'profile_image');
	if (image) contact.image = storedImageName(image);
	contact.updated_at = stamp(ovo.tick());
	return success('contact_created', [' Contact updated successfully'], { contact: contactJson(contact, ctx.origin) });
}

export function deleteContact(ovo, ctx, id) {
	const contact = ovo.db.contacts.find((c) => String(c.id) === id);
	if (!contact) return fail('not_found', ['The contact not found']);
	if (contact.is_blocked) return fail('contact_error', ['Unable to delete contact which is blocked']);
	const conversationIds = ovo.db.conversations.filter((c) => c.contact_id === contact.id).map((c) => c.id);
	if (ovo.db.messages.some((m) => conversationIds.includes(m.conversation_id))) return fail('contact_error', ['Unable to delete contact with messages']);
	ovo.db.contacts = ovo.db.contacts.filter((c) => c !== contact);
	ovo.db.conversations = ovo.db.conversations.filter((c) => !conversationIds.includes(c.id));
	ovo.db.notes = ovo.db.notes.filter((n) => !conversationIds.includes(n.conversation_id));
	return success('contact_deleted', ['Contact deleted successfully']);
}

/** Validation of store/update, in the product's rule order. `required` is false for a partial update. */
export function contactErrors(ovo, ctx, self, required) {
	const { input } = ctx;
	const errors = [];
	for (const field of ['firstname', 'lastname']) {
		if (!filled(input[field])) {
			if (required) errors.push(`The ${field} field is required.`);
		} else if (str(input[field]).length > 40) errors.push(`The ${field} must not be greater than 40 characters.`);
	}
	if (!filled(input.mobile_code)) {
		if (required) errors.push('The mobile code field is required.');
	} else if (!ovo.quirks() && !/^\d+$/.test(str(input.mobile_code))) errors.push('The mobile code format is invalid.');
	if (!filled(input.mobile)) {
		if (required) errors.push('The mobile field is required.');
	} else if (!/^[0-9]*$/.test(str(input.mobile))) {
		errors.push('The mobile format is invalid.');
	} else {
		const code = filled(input.mobile_code) ? str(input.mobile_code) : self?.mobile_code;
		const taken = ovo.db.contacts.some((c) => c !== self && c.mobile === str(input.mobile) && c.mobile_code === code);
		if (taken) errors.push('The mobile has already been taken.');
	}
	errors.push(...fileErrors(ctx, 'profile_image', 'image', ['jpg', 'jpeg', 'png'], null));
	return errors;
}
