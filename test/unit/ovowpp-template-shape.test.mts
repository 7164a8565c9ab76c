// The shapes in which OvoWpp gives a template's header and body (providers.md §1 Template fields, real
// product): an object with `text`, a string, or null for a body stored raw (then the count is unknown).
import { describe, expect, it } from 'vitest';
import { templateText, templateVariableCounts } from '../../nodes/OvoWpp/helpers/templates';

describe('OvoWpp template header and body shapes', () => {
	it('reads an object header ({text}), a string header, and a null body as unknown', () => {
		expect(templateText({ text: 'Order {{1}}' })).toBe('Order {{1}}');
		expect(templateText('Order {{1}}')).toBe('Order {{1}}');
		expect(templateText(null)).toBeUndefined();
		expect(templateText({ format: 'TEXT' })).toBeUndefined();
	});

	it('counts placeholders in header.text (String(header) was "[object Object]": 0)', () => {
		expect(templateVariableCounts({ header: { text: 'Order {{1}}' }, header_format: 'TEXT', body: 'Hi {{1}}, {{2}}' })).toEqual({ header: 1, body: 2 });
		expect(templateVariableCounts({ header: 'Order {{1}}', header_format: 'TEXT', body: { text: 'Hi {{1}}' } })).toEqual({ header: 1, body: 1 });
		expect(templateVariableCounts({ header: 'Order {{1}}', header_format: null, body: 'x' })).toEqual({ header: 1, body: 0 });
		// A media header takes no values; a body stored raw reads back as null: its count is unknown.
		expect(templateVariableCounts({ header: null, header_format: 'IMAGE', body: null })).toEqual({ header: 0, body: undefined });
		expect(templateVariableCounts({ header: null, header_format: 'TEXT', body: 'x' })).toEqual({ header: undefined, body: 0 });
	});
});
