import { describe, expect, it } from 'vitest';
import { chain, runWorkflow } from '../helpers/harness';
import { itemsNode } from '../helpers/test-nodes';

// A parameter that is just an input field (`={{ $json.name }}`, what the editor writes when a field
// is dragged in) is read from the item instead of through n8n's expression engine. Run in n8n-core,
// every read must give what n8n's own evaluation gives, value or error; only the reads it covers
// skip n8n.

const items = [
	{
		json: {
			phone: '+34 600 000 001',
			n: 5,
			ok: false,
			zero: 0,
			empty: '',
			'first name': 'Eva',
			nested: { a: { b: 'deep' } },
			obj: { x: 1 },
			nul: null,
			list: ['a'],
			constructor: 'c',
			// Keys that n8n's expression syntax cannot hold as they are (it ends an expression at the
			// first `}}`; a line break inside quotes is no string) or reads differently.
			'a}}b': 'closing braces',
			'a{{b': 'opening braces',
			'a\nb': 'newline',
			'a\rb': 'carriage return',
			'a\u2028b': 'line separator',
			'a\u2029b': 'paragraph separator',
			'a}b': 'one brace',
			'a`b$c': 'template',
		},
	},
	{ json: {} },
	{ json: { phone: 34600000001, nested: 'flat' } },
];

async function read(field: string) {
	const result = await runWorkflow(chain(itemsNode(items), { name: 'Read', type: 'test.readField', typeVersion: 1, parameters: { field } }), {});
	return result.output('Read').map((item) => item.json as { package: unknown; asked: number; n8n: unknown });
}

describe('a field expression read from the item', () => {
	const direct = [
		'={{ $json.phone }}',
		'={{$json.phone}}',
		'={{   $json.phone\n}}',
		'={{ $json["first name"] }}',
		"={{ $json['first name'] }}",
		'={{ $json.nested.a.b }}',
		'={{ $json.nested["a"].b }}',
		'={{ $json.n }}',
		'={{ $json.ok }}',
		'={{ $json.zero }}',
		'={{ $json.empty }}',
		// JavaScript's other white space, and a key with characters n8n's syntax reads as they are
		'={{\u2028$json.phone\u2029}}',
		'={{\u00a0$json.phone }}',
		'={{\ufeff$json.phone }}',
		'={{ $json[\u00a0"phone"] }}',
		'={{ $json["a`b$c"] }}',
	];
	it.each(direct)('%j gives what n8n gives, without n8n where the field is a text, number or boolean', async (field) => {
		const out = await read(field);
		for (const [index, item] of out.entries()) expect(item.package, `item ${index}`).toEqual(item.n8n);
		// item 0 holds every field
		expect(out[0].asked).toBe(0);
		expect(out[0].package).not.toEqual({ value: null });
	});

	const throughN8n = [
		'={{ $json.obj }}',
		'={{ $json.nul }}',
		'={{ $json.missing }}',
		'={{ $json.list }}',
		'={{ $json.list[0] }}',
		'={{ $json.phone }}\n',
		'=+{{ $json.phone }}',
		'={{ $json.phone }}{{ $json.n }}',
		'={{ $json.phone.trim() }}',
		'={{ $json.constructor }}',
		'={{ $json.nested.a["b"] + "" }}',
		'={{ $json["phone\\"x"] }}',
		// A key n8n cannot take as it is (it refuses these expressions), or one with a brace.
		'={{ $json["a}}b"] }}',
		"={{ $json['a}}b'] }}",
		'={{ $json["a{{b"] }}',
		'={{ $json["a\nb"] }}',
		"={{ $json['a\nb'] }}",
		'={{ $json["a\rb"] }}',
		'={{ $json["a\u2028b"] }}',
		'={{ $json["a\u2029b"] }}',
		'={{ $json\u2028.phone }}',
		'={{ $json["a}b"] }}',
	];
	it.each(throughN8n)('%j is left to n8n, and gives what n8n gives', async (field) => {
		const out = await read(field);
		for (const [index, item] of out.entries()) {
			expect(item.package, `item ${index}`).toEqual(item.n8n);
			expect(item.asked, `item ${index}`).toBe(1);
		}
	});

	it('a field that is missing on some items only goes to n8n for those', async () => {
		const out = await read('={{ $json.nested.a.b }}');
		expect(out.map((item) => item.asked)).toEqual([0, 1, 1]);
		expect(out[0].package).toEqual({ value: 'deep' });
	});
});
