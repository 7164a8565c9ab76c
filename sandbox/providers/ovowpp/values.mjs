// Small value helpers: Laravel's dates, filled/str/digits, placeholders (stateless).



/** Dates as Laravel serialises them, with milliseconds kept so events stay ordered. */
export const stamp = (ms) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

export const sqlTime = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export const filled = (v) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

export const str = (v) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export const digits = (v) => str(v).replace(/\D/g, '');

export const asList = (v) => (Array.isArray(v) ? v.map(str) : filled(v) ? [str(v)] : []);

export const toInt = (v) => (/^\s*-?\d+/.test(str(v)) ? parseInt(str(v), 10) : 0);

export const like = (values, search) => values.some((v) => str(v).toLowerCase().includes(search.toLowerCase()));

export const fill = (text, values) => text.replace(/\{\{(\d+)\}\}/g, (whole, n) => values[Number(n) - 1] ?? whole);

export const extension = (name) => (/\.([a-z0-9]+)$/i.exec(name ?? '')?.[1] ?? '').toLowerCase();
