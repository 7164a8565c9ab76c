import { describe, expect, it } from 'vitest';
import { nodeParameter } from '../../nodes/shared/params';

/**
 * A context as n8n gives the node for one run: getNodeParameter resolves the raw parameters (an
 * expression "={{ … }}" to the item's value, here its index), getNode hands out the node. Both
 * count their calls, which is what nodeParameter is about.
 */
function context(parameters: Record<string, unknown>) {
	const calls = { getNodeParameter: 0, getNode: 0 };
	const resolve = (value: unknown, itemIndex: number): unknown => {
		if (typeof value === 'string' && value.startsWith('=')) return `${value.slice(1)}#${itemIndex}`;
		if (Array.isArray(value)) return value.map((v) => resolve(v, itemIndex));
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, itemIndex)]));
		return value;
	};
	const ctx = {
		getNode: () => {
			calls.getNode++;
			return { parameters: structuredClone(parameters) };
		},
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown, options?: { extractValue?: boolean }) => {
			calls.getNodeParameter++;
			let value: unknown = parameters;
			for (const key of name.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
			if (value === undefined) return fallback;
			const resolved = resolve(value, itemIndex) as { __rl?: boolean; value?: unknown };
			// n8n's extractValue: the value of a resource locator
			return options?.extractValue && resolved && typeof resolved === 'object' && resolved.__rl ? resolved.value : resolved;
		},
	};
	return { ctx: ctx as never, calls };
}

describe('nodeParameter (a parameter read as n8n reads it, once per run when it holds no expression)', () => {
	it('reads a parameter without an expression once per run and one with an expression for each item', () => {
		const { ctx, calls } = context({ messageType: 'text', text: '=message', options: { timeout: 5000, fromNumber: '' } });
		for (let item = 0; item < 50; item++) {
			expect(nodeParameter(ctx, 'messageType', item)).toBe('text');
			expect(nodeParameter(ctx, 'options.timeout', item, 1000)).toBe(5000);
			expect(nodeParameter(ctx, 'text', item)).toBe(`message#${item}`);
		}
		// 2 fixed parameters once each, the expression 50 times; the node itself once.
		expect(calls.getNodeParameter).toBe(2 + 50);
		expect(calls.getNode).toBe(1);
	});

	it('reads an absent parameter once per run and fallback, as n8n gives it (the fallback)', () => {
		const { ctx, calls } = context({ options: {} });
		for (let item = 0; item < 20; item++) {
			expect(nodeParameter(ctx, 'options.timeout', item, 120_000)).toBe(120_000);
			expect(nodeParameter(ctx, 'options.timeout', item, 5_000)).toBe(5_000);
		}
		expect(calls.getNodeParameter).toBe(2);
	});

	it('treats a collection with an expression anywhere inside as one to read for each item', () => {
		const { ctx, calls } = context({ options: { timeout: 5000, fromNumber: '=from' } });
		expect(nodeParameter(ctx, 'options', 0)).toEqual({ timeout: 5000, fromNumber: 'from#0' });
		expect(nodeParameter(ctx, 'options', 1)).toEqual({ timeout: 5000, fromNumber: 'from#1' });
		// the part without an expression is still read once
		expect(nodeParameter(ctx, 'options.timeout', 0)).toBe(5000);
		expect(nodeParameter(ctx, 'options.timeout', 1)).toBe(5000);
		expect(calls.getNodeParameter).toBe(3);
	});

	it('hands out a copy of a fixed collection, so that one item changing it does not change the next', () => {
		const { ctx } = context({ options: { tags: ['a'], nested: { x: 1 } } });
		const first = nodeParameter(ctx, 'options', 0) as { tags: string[]; nested: { x: number } };
		first.tags.push('b');
		first.nested.x = 2;
		expect(nodeParameter(ctx, 'options', 1)).toEqual({ tags: ['a'], nested: { x: 1 } });
	});

	it('leaves an absent parameter to n8n (its fallback) every time', () => {
		const { ctx, calls } = context({});
		expect(nodeParameter(ctx, 'options.timeout', 0, 70_000)).toBe(70_000);
		expect(nodeParameter(ctx, 'options.timeout', 1, 30_000)).toBe(30_000);
		expect(calls.getNodeParameter).toBe(2);
	});

	it('keeps a resource locator read whole and its extracted value apart', () => {
		const { ctx, calls } = context({ templateId: { __rl: true, mode: 'id', value: '610000000000002' }, other: { __rl: true, mode: 'id', value: '=id' } });
		for (let item = 0; item < 3; item++) {
			expect(nodeParameter(ctx, 'templateId', item, '')).toEqual({ __rl: true, mode: 'id', value: '610000000000002' });
			expect(nodeParameter(ctx, 'templateId', item, '', { extractValue: true })).toBe('610000000000002');
			expect(nodeParameter(ctx, 'other', item, '', { extractValue: true })).toBe(`id#${item}`);
		}
		expect(calls.getNodeParameter).toBe(2 + 3);
	});

	it('keeps the runs apart: a new context reads again', () => {
		const a = context({ messageType: 'text' });
		const b = context({ messageType: 'image' });
		expect(nodeParameter(a.ctx, 'messageType', 0)).toBe('text');
		expect(nodeParameter(b.ctx, 'messageType', 0)).toBe('image');
	});
});
