// The Wolkvox Trigger against hostile bodies: random JSON shapes (seeded), Meta's shape with every part
// of the wrong type, huge bodies. Whatever arrives, the trigger answers (200, or 400 for an empty body),
// never throws, and drops nothing: every status, message and error inside Meta's shape is an item, and
// everything else is passed through whole. The count of items is checked against a small oracle
// written here from the rule, not from the node's code.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receiver } from '../helpers/webhook';
import { webhookReceiver } from '../helpers/webhook';

let trigger: Receiver;
beforeAll(async () => {
	trigger = await webhookReceiver({
		type: 'wolkvoxTrigger',
		// every event, no repeat skipping: each piece must come out
		parameters: { events: ['errors', 'statuses', 'messages'], options: { skipRepeated: false } } as INodeParameters,
		credentials: {},
	});
});
afterAll(async () => {
	await trigger.close();
});

/** mulberry32 */
function seeded(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const random = seeded(23);
const pick = <T,>(list: T[]): T => list[Math.floor(random() * list.length)];
const KEYS = ['entry', 'changes', 'value', 'statuses', 'messages', 'errors', 'id', 'status', 'code', 'type', 'text', 'from', 'recipient_id', 'timestamp', 'contacts', '__proto__', 'constructor', 'x'];

/** Any JSON value, biased toward Meta's key names so that half-right shapes come up often. */
function anything(depth = 0): unknown {
	const kind = depth > 4 ? Math.floor(random() * 5) : Math.floor(random() * 8);
	switch (kind) {
		case 0:
			return null;
		case 1:
			return random() < 0.5;
		case 2:
			return pick([0, -1, 1e308, 131026, 3.14, Number.MAX_SAFE_INTEGER]);
		case 3:
			return pick(['', ' ', 'failed', 'delivered', '1700000000', 'x'.repeat(300), '\u0000\uffff', '{"entry":[]}']);
		case 4:
			return [];
		case 5:
			return Array.from({ length: Math.floor(random() * 4) }, () => anything(depth + 1));
		default: {
			const object: IDataObject = {};
			for (let i = Math.floor(random() * 5); i > 0; i--) object[pick(KEYS)] = anything(depth + 1) as IDataObject;
			return object;
		}
	}
}

/** Meta's envelope with its parts replaced at random by wrong types or junk. */
function halfRight(): unknown {
	const maybe = (good: unknown) => (random() < 0.7 ? good : anything(3));
	const parts = () => Array.from({ length: Math.floor(random() * 4) }, () => maybe({ id: maybe('wamid.x'), status: maybe('failed'), recipient_id: maybe('573100000001'), timestamp: maybe('1700000000'), errors: maybe([{ code: maybe(131026), title: maybe('t') }]), from: maybe('573100000001'), type: maybe('text'), text: maybe({ body: maybe('hola') }) }));
	return {
		object: 'whatsapp_business_account',
		entry: maybe(Array.from({ length: 1 + Math.floor(random() * 3) }, () => maybe({ id: '1', changes: maybe(Array.from({ length: 1 + Math.floor(random() * 3) }, () => maybe({ field: 'messages', value: maybe({ statuses: maybe(parts()), messages: maybe(parts()), errors: maybe(parts()) }) }))) }))),
	};
}

const isObject = (v: unknown): v is IDataObject => !!v && typeof v === 'object' && !Array.isArray(v);

/** How many items the rule says a body gives: one per element of statuses/messages/errors, one per thing outside the shape. */
function expectedItems(body: unknown): number {
	const one = (b: unknown): number => {
		if (!isObject(b) || !Array.isArray(b.entry)) return 1;
		let n = 0;
		for (const entry of b.entry) {
			if (!isObject(entry) || !Array.isArray(entry.changes)) {
				n++;
				continue;
			}
			for (const change of entry.changes) {
				const value = isObject(change) ? change.value : undefined;
				if (!isObject(value)) {
					n++;
					continue;
				}
				const sizes = ['statuses', 'messages', 'errors'].map((k) => (Array.isArray(value[k]) ? (value[k] as unknown[]).length : 0));
				n += sizes.some((s) => s > 0) ? sizes.reduce((a, b2) => a + b2, 0) : 1;
			}
		}
		return n;
	};
	return Array.isArray(body) && body.length > 0 && body.every(isObject) ? body.reduce((sum: number, b) => sum + one(b), 0) : one(body);
}

async function post(body: string, type = 'application/json') {
	const before = trigger.started.length;
	const answer = await fetch(trigger.url, { method: 'POST', body, headers: { 'content-type': type } });
	await answer.text();
	return { status: answer.status, items: trigger.started.slice(before).flat() };
}

describe('Wolkvox Trigger: hostile input', () => {
	it('600 random and half-right bodies: each answered 200, nothing thrown, every piece an item', async () => {
		const mismatches: string[] = [];
		for (let i = 0; i < 600; i++) {
			const body = i % 2 ? halfRight() : anything();
			const text = JSON.stringify(body);
			const { status, items } = await post(text);
			const expected = expectedItems(body);
			if (status !== 200 || items.length !== expected) mismatches.push(`#${i} ${text.slice(0, 200)}: ${status}, ${items.length} items, expected ${expected}`);
			if (items.some((item) => !('raw' in item) || item.provider !== 'wolkvox' || typeof item.event !== 'string')) mismatches.push(`#${i}: an item without raw, provider or event`);
		}
		expect(mismatches).toEqual([]);
		expect(trigger.thrown).toBe(0);
	});

	it('wrong types in every field of a status and a message still give one item each, with nulls where nothing could be read', async () => {
		const body = {
			entry: [
				{
					changes: [
						{
							value: {
								statuses: [{ id: { not: 'text' }, status: 42, recipient_id: ['57'], timestamp: 'yesterday', errors: 'none' }],
								messages: [{ from: 573100000001, id: null, timestamp: -5, type: ['text'], text: 7, interactive: 'x', location: [], image: 'x' }],
								contacts: 'nobody',
							},
						},
					],
				},
			],
		};
		const { status, items } = await post(JSON.stringify(body));
		expect(status).toBe(200);
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({ event: 'status', messageId: null, status: '42', phone: null, at: null, raw: body.entry[0].changes[0].value.statuses[0] });
		expect(items[1]).toMatchObject({ event: 'message', messageId: null, phone: '+573100000001', type: null, text: '7', at: null, name: null });
	});

	it('huge bodies: 20,000 statuses in one body give 20,000 items; a 5 MB text is passed through whole', async () => {
		const statuses = Array.from({ length: 20000 }, (_, i) => ({ id: `w${i}`, status: 'delivered', timestamp: '1700000000', recipient_id: '573100000001' }));
		const many = await post(JSON.stringify({ entry: [{ changes: [{ value: { statuses } }] }] }));
		expect(many.status).toBe(200);
		expect(many.items.map((i) => i.messageId)).toEqual(statuses.map((s) => s.id));

		const text = 'x'.repeat(5 * 1024 * 1024);
		const big = await post(text, 'text/plain');
		expect(big.status).toBe(200);
		expect(big.items).toHaveLength(1);
		expect(big.items[0].raw).toBe(text);
		expect(trigger.thrown).toBe(0);
	});
});
