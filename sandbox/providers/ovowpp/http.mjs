// Answers in the product's envelope, the request's input as Laravel reads it, the HTML 404 (stateless).





export const ok = (body) => ({ status: 200, body });

export const success = (remark, message, data) => ({ remark, status: 'success', message, ...(data ? { data } : {}) });

export const fail = (remark, message) => ({ remark, status: 'error', message });

export function safeDecode(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/**
 * The request's input as Laravel sees it: query and body merged (body wins), strings trimmed,
 * empty strings turned into null (TrimStrings + ConvertEmptyStringsToNull).
 */
export function readInput(request) {
	const input = {};
	for (const [key, value] of request.queryAll ?? []) {
		if (key.endsWith('[]')) (input[key.slice(0, -2)] ??= []).push(value);
		else input[key] = value;
	}
	const fields = request.body?.fields;
	if (fields && typeof fields === 'object' && !Array.isArray(fields)) Object.assign(input, fields);
	return clean(input);
}

export function clean(value) {
	if (typeof value === 'string') {
		const trimmed = value.trim();
		return trimmed === '' ? null : trimmed;
	}
	if (Array.isArray(value)) return value.map(clean);
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
	return value;
}

/** The HTML 404 the product serves outside /external-api/ (for instance the docs' `/extern-api/` typo). */
export function notFoundPage() {
	return {
		status: 404,
		type: 'text/html; charset=UTF-8',
		body: `<!DOCTYPE html>
<html lang="en">

<head>
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <title> OvoWpp - 404</title>
</head>

<body>
    <div class="error-content flex-center flex-column">
        <h2 class="error-content__title">404 Page Not Found</h2>
        <p class="error-content__message">The page you are looking for doesn't exist or another error occurred.</p>
    </div>
</body>

</html>
`,
	};
}
