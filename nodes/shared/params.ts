import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeParameters, INodePropertyOptions } from 'n8n-workflow';
import { InputError } from './errors';
import type { CallContext } from './http';

/**
 * Typed reading of the node's parameters. An expression can give any value (null, a number, an
 * object…): each reader accepts only what its field means and otherwise throws an InputError that
 * names the field by the name the user sees, before anything is sent.
 */
type Reader = Pick<IExecuteFunctions, 'getNodeParameter' | 'getNode'>;

// n8n resolves a parameter afresh on every read (a copy of the node, a walk for expressions, a
// lookup of its description), also when it holds no expression; such a value is the same for every
// item, so it is read once per node run. Keyed by the context object, made afresh for each run.
interface RunParameters {
	node: INode;
	fixed: Map<string, unknown>;
	/** The path of an expression that is just an input field, or null for any other expression. */
	fields: Map<string, string[] | null>;
	items?: INodeExecutionData[];
}
const runs = new WeakMap<object, RunParameters>();

function runOf(ctx: Reader): RunParameters {
	let run = runs.get(ctx);
	if (!run) runs.set(ctx, (run = { node: ctx.getNode(), fixed: new Map(), fields: new Map() }));
	return run;
}

/** The node of this run, read once (n8n's getNode() copies the whole node on every call). */
export function runNode(ctx: Reader): INode {
	return runOf(ctx).node;
}

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

function rawValue(parameters: INodeParameters, name: string): unknown {
	let value: unknown = parameters;
	for (const key of name.split('.')) {
		if (!value || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

// `={{ $json.name }}` or `={{ $json["first name"] }}`, what n8n's editor writes when a field is
// dragged in: the value is the item's own field. n8n evaluates every expression in a sandbox made
// for it (about half a millisecond each in its isolated-vm engine, the default of n8n 1.123 and
// 2.41); read directly it costs nothing. Anything else is left to n8n, and so is a field that is
// missing or not a text, number or boolean, so n8n's own result and errors stay what the user gets.
// n8n-core (1.122 and 2.41) does nothing more to such a value after evaluating it.
// A quoted key holds no backslash, no brace (n8n ends an expression at the first `}}`) and no line
// break (\n, \r, U+2028, U+2029: n8n refuses those expressions as invalid syntax): such keys go to n8n.
const FIELD_EXPRESSION = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:"[^"\\{}\n\r\u2028\u2029]*"|'[^'\\{}\n\r\u2028\u2029]*')\s*\])+)\s*\}\}$/;
const FIELD_STEP = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"]*)"|'([^']*)')\s*\]/g;
// n8n refuses `.constructor` in an expression; prototype keys are not an item's fields.
const NOT_A_FIELD = new Set(['constructor', '__proto__', 'prototype']);

function fieldPath(run: RunParameters, raw: string): string[] | null {
	let path = run.fields.get(raw);
	if (path === undefined) {
		const match = FIELD_EXPRESSION.exec(raw);
		path = match ? [...match[1].matchAll(FIELD_STEP)].map((step) => step[1] ?? step[2] ?? step[3]) : null;
		if (path?.some((key) => NOT_A_FIELD.has(key))) path = null;
		run.fields.set(raw, path);
	}
	return path;
}

/** The value of a field expression for one item, or undefined where n8n has to evaluate it. */
function inputField(ctx: Reader, run: RunParameters, raw: string, itemIndex: number): string | number | boolean | undefined {
	const path = fieldPath(run, raw);
	if (!path) return undefined;
	if (!run.items) {
		const inputs = (ctx as Partial<Pick<IExecuteFunctions, 'getInputData'>>).getInputData;
		if (typeof inputs !== 'function') return undefined; // not a node run (e.g. loading options)
		run.items = inputs.call(ctx);
	}
	let value: unknown = run.items[itemIndex]?.json;
	for (const key of path) {
		if (!value || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
		value = (value as IDataObject)[key];
	}
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/**
 * A parameter of the node for one item, as `getNodeParameter` gives it; one without an expression
 * is read once per run and handed out as a copy (callers may change what they get), one that is
 * just an input field is read from the item.
 */
export function nodeParameter(ctx: Reader, name: string, itemIndex: number, fallback?: unknown, options?: { extractValue?: boolean }): unknown {
	const run = runOf(ctx);
	const raw = rawValue(run.node.parameters, name);
	// Absent, n8n gives the fallback (the same for every item, so it is kept under the fallback too).
	const given = raw === undefined ? fallback : raw;
	if (given === undefined || holdsExpression(given)) {
		// n8n's own read, item by item (or its error for a parameter that is not there)
		const field = typeof given === 'string' && !options?.extractValue ? inputField(ctx, run, given, itemIndex) : undefined;
		return field !== undefined ? field : ctx.getNodeParameter(name, itemIndex, fallback, options);
	}
	const key = `${name}${options?.extractValue ? '\u0000extract' : ''}${raw === undefined ? `\u0000absent\u0000${JSON.stringify(fallback)}` : ''}`;
	if (!run.fixed.has(key)) run.fixed.set(key, ctx.getNodeParameter(name, itemIndex, fallback, options));
	const value = run.fixed.get(key);
	return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

/** What a value is, in words, for an error message. */
export function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'undefined';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	return `the ${typeof value} ${String(value)}`;
}

const EXPRESSION_HINT = 'If the field holds an expression, check that it finds its value in the input item.';

export interface TextRule {
	/** Whether empty (or null/undefined) is refused. */
	required?: boolean;
	/** Most characters allowed, and who says so (shown in the error). */
	max?: number;
	maxSource?: string;
	/** What to say when it is empty. */
	emptyHint?: string;
}

/** A text: a string, or a number written as text. Null, undefined, objects, lists and booleans are refused. */
export function checkText(value: unknown, field: string, rule: TextRule = {}): string {
	let text: string;
	if (value === undefined || value === null) {
		if (rule.required) throw new InputError(field, `is empty (the value is ${kindOf(value)})`, rule.emptyHint ?? `Give a value. ${EXPRESSION_HINT}`);
		return '';
	}
	if (typeof value === 'string') text = value;
	else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint') text = String(value);
	else throw new InputError(field, `must be a text, but is ${kindOf(value)}`, `Give a text. ${EXPRESSION_HINT}`);
	if (rule.required && text.trim() === '') throw new InputError(field, 'is empty', rule.emptyHint ?? `Give a value. ${EXPRESSION_HINT}`);
	if (rule.max !== undefined && [...text].length > rule.max) {
		throw new InputError(
			field,
			`has ${[...text].length} characters; ${rule.maxSource ?? 'the provider'} allows ${rule.max}`,
			`Shorten it to ${rule.max} characters or fewer, or split it into several messages.`,
		);
	}
	return text;
}

/**
 * A record id: digits only, after trimming (a number is taken when it is a safe integer). `Number()`
 * would also take "0x2", "+2", "2.0" or "1e0", and round ids above 2^53, so none of them reaches a URL.
 */
export function checkId(value: unknown, field: string, hint: string): number {
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
	const id = /^[0-9]{1,16}$/.test(text) ? Number(text) : NaN;
	if (!Number.isSafeInteger(id) || id <= 0) {
		throw new InputError(field, `"${typeof value === 'string' || typeof value === 'number' ? String(value) : kindOf(value)}" is not an ID (digits only)`, hint);
	}
	return id;
}

export function readText(ctx: Reader, name: string, itemIndex: number, field: string, rule: TextRule = {}): string {
	return checkText(nodeParameter(ctx, name, itemIndex, ''), field, rule);
}

export interface NumberRule {
	min?: number;
	max?: number;
	integer?: boolean;
}

/** A number: a number, or a text that is one. */
export function checkNumber(value: unknown, field: string, rule: NumberRule = {}): number {
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : NaN;
	const range = `${rule.integer ? 'a whole number' : 'a number'}${rule.min !== undefined && rule.max !== undefined ? ` from ${rule.min} to ${rule.max}` : rule.min !== undefined ? ` of at least ${rule.min}` : ''}`;
	if (!Number.isFinite(number)) throw new InputError(field, `must be ${range}, but is ${kindOf(value)}`, `Give ${range}. ${EXPRESSION_HINT}`);
	if ((rule.integer && !Number.isInteger(number)) || (rule.min !== undefined && number < rule.min) || (rule.max !== undefined && number > rule.max)) {
		throw new InputError(field, `must be ${range}, but is ${number}`, `Give ${range}.`);
	}
	return number;
}

export function readNumber(ctx: Reader, name: string, itemIndex: number, field: string, rule: NumberRule = {}): number {
	return checkNumber(nodeParameter(ctx, name, itemIndex, null), field, rule);
}

/** One of a field's options, by value (a text): anything else, numbers included, is refused with the choices. */
export function checkOption<T extends string>(value: unknown, field: string, options: ReadonlyArray<INodePropertyOptions | T>): T {
	const values = options.map((option) => (typeof option === 'string' ? option : String(option.value)));
	if (typeof value === 'string' && values.includes(value)) return value as T;
	const names = options.map((option) => (typeof option === 'string' ? option : `${option.name} (${String(option.value)})`));
	throw new InputError(field, `must be one of its options, but is ${kindOf(value)}`, `Pick one of: ${names.join(', ')}. ${EXPRESSION_HINT}`);
}

export function readOption<T extends string>(ctx: Reader, name: string, itemIndex: number, field: string, options: ReadonlyArray<INodePropertyOptions | T>): T {
	return checkOption(nodeParameter(ctx, name, itemIndex, null), field, options);
}

/** A yes/no field: a boolean (or the text "true"/"false" an expression may give); undefined takes the default. */
export function checkBoolean(value: unknown, field: string, fallback: boolean): boolean {
	if (value === undefined) return fallback;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new InputError(field, `must be true or false, but is ${kindOf(value)}`, `Switch it on or off. ${EXPRESSION_HINT}`);
}

export function readBoolean(ctx: Reader, name: string, itemIndex: number, field: string, fallback: boolean): boolean {
	return checkBoolean(nodeParameter(ctx, name, itemIndex, fallback), field, fallback);
}

/** A collection (Options, Additional Fields…): an object; absent is empty. */
export function readCollection(ctx: Reader, name: string, itemIndex: number, field: string): IDataObject {
	const value = nodeParameter(ctx, name, itemIndex, {});
	if (value === undefined || value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new InputError(field, `must be a set of fields, but is ${kindOf(value)}`, EXPRESSION_HINT);
	}
	return value as IDataObject;
}

/** The values of a fixedCollection list (`name.entry`), each an object. */
export function readList(ctx: Reader, name: string, itemIndex: number, field: string): IDataObject[] {
	const value = nodeParameter(ctx, name, itemIndex, []);
	if (value === undefined || value === null) return [];
	const list = Array.isArray(value) ? value : [value];
	return list.map((entry, index) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
			throw new InputError(`${field} ${index + 1}`, `must be a set of fields, but is ${kindOf(entry)}`, EXPRESSION_HINT);
		}
		return entry as IDataObject;
	});
}

/** Reads Return All / Limit: the number of rows wanted, or Infinity. */
export function wantedRows(ctx: IExecuteFunctions, itemIndex: number): number {
	if (readBoolean(ctx, 'returnAll', itemIndex, 'Return All', false)) return Infinity;
	return checkNumber(nodeParameter(ctx, 'limit', itemIndex, 50), 'Limit', { min: 1, integer: true });
}

/** The operation's concurrency option, read once for the whole run. */
export function concurrencyOf(ctx: IExecuteFunctions, fallback = 5): number {
	if (ctx.getInputData().length === 0) return fallback;
	const value = nodeParameter(ctx, 'options.concurrency', 0, fallback) as number;
	return Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

/** The operation's Timeout option, read once for the whole run; the default where there is none (editor lists, polls). */
export function timeoutOf(ctx: CallContext, fallbackMs: number): number {
	if (!('getInputData' in ctx) || ctx.getInputData().length === 0) return fallbackMs;
	const value = nodeParameter(ctx as IExecuteFunctions, 'options.timeout', 0, fallbackMs) as number;
	return Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallbackMs;
}
