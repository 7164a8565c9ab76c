// The n8n versions the harness supports, how a user names one, and what each needs to install
// from the registry copy reachable here (npm overrides, install scripts on or off).

export const DEFAULT_N8N_VERSION = '1.123.81';
export const SUPPORTED_N8N_VERSIONS = ['1.123.81', '2.33.5', '2.41.3'];
/** What `npm run test:e2e` (and CI) covers unless N8N_E2E_VERSIONS says otherwise: the 1.x line and the newest 2.x that installs here. */
export const E2E_N8N_VERSIONS = ['1.123.81', '2.41.3'];

/**
 * A version as a user types it: exact ('2.41.3'), or a line ('2.41', '2.41.x', '2', '1.x'), which
 * means the newest supported version of that line. Unsupported exact versions pass through (the
 * install may still work); a line with no supported version is an error.
 */
export function resolveN8nVersion(spec) {
	const s = String(spec ?? '').trim().replace(/(\.(x|\*))+$/i, '');
	if (/^\d+\.\d+\.\d+$/.test(s)) return s;
	if (!/^\d+(\.\d+)?$/.test(s)) throw new Error(`not an n8n version: "${spec}" (e.g. 2.41.3, 2.41.x, 1.x)`);
	const line = SUPPORTED_N8N_VERSIONS.filter((v) => v === s || v.startsWith(`${s}.`));
	if (!line.length) throw new Error(`no supported n8n version matches "${spec}"; supported: ${SUPPORTED_N8N_VERSIONS.join(', ')}`);
	const num = (v) => v.split('.').map(Number);
	return line.sort((a, b) => {
		const [x, y] = [num(a), num(b)];
		return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
	}).at(-1);
}

const BASE_OVERRIDES = { xlsx: '0.18.5', linkedom: '0.18.14' };
/**
 * npm overrides each n8n version needs to install (and start) from the registry copy reachable
 * here. n8n 1.123.x: without a pin, npm picks @langchain/langgraph-checkpoint 1.1.5, which imports
 * `@langchain/core/utils/uuid`, absent from the @langchain/core 1.1.8 that n8n 1.123 resolves, and
 * every n8n command dies at start ("Package subpath './utils/uuid' is not defined by exports").
 */
export function overridesFor(version) {
	const major = Number(version.split('.')[0]);
	if (major >= 2) {
		return {
			...BASE_OVERRIDES,
			'@langchain/langgraph-checkpoint': '1.1.5',
			'@langchain/protocol': '0.0.19',
			...(PATCH_OVERRIDES[version] ?? {}),
		};
	}
	return { ...BASE_OVERRIDES, '@langchain/langgraph-checkpoint': '1.0.0' };
}

/**
 * n8n 2.41.3 pins exact versions of 21 of its own packages that the registry copy reachable here
 * lacks (npm: ETARGET "No matching version found"); each is overridden to the nearest published
 * patch of the same minor (all one patch below: the 2.41.1/2.41.2 builds of the same code line).
 */
const PATCH_OVERRIDES = {
	'2.41.3': {
		'@n8n/agents': '0.26.1',
		'@n8n/ai-node-sdk': '0.31.1',
		'@n8n/ai-utilities': '0.34.1',
		'@n8n/ai-workflow-builder': '1.41.1',
		'@n8n/api-types': '1.41.0',
		'@n8n/backend-common': '1.41.1',
		'@n8n/backend-network': '1.15.1',
		'@n8n/blob-storage': '1.9.1',
		'@n8n/chat-hub': '1.34.0',
		'@n8n/client-oauth2': '1.23.1',
		'@n8n/config': '2.39.0',
		'@n8n/decorators': '1.41.0',
		'@n8n/engine': '0.21.0',
		'@n8n/instance-ai': '1.26.1',
		'@n8n/mcp-apps': '0.18.0',
		'@n8n/n8n-nodes-langchain': '2.41.1',
		'@n8n/node-engine-compatibility': '0.9.1',
		'@n8n/task-runner': '2.41.1',
		'@n8n/telemetry': '1.9.0',
		'n8n-core': '2.41.1',
		'n8n-editor-ui': '2.41.0',
	},
};

/**
 * From n8n 2.37 on, `@confluentinc/kafka-javascript`'s install script downloads sources from the
 * internet, which fails here: those versions install with scripts off, and only the native modules
 * n8n needs to start are rebuilt afterwards.
 */
export function installsWithoutScripts(version) {
	const [major, minor] = version.split('.').map(Number);
	return major > 2 || (major === 2 && minor >= 37);
}

/** The native modules n8n needs to start; rebuilt after an install made with scripts off. */
export const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];
