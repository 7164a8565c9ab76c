// The benchmark's workflows, as n8n stores them. Each one: Webhook (POST, answers when the last
// node has finished) → Split Out of the posted `items` → the sending node. The sending node is
// either this package's node or n8n's HTTP Request node configured the way a careful user would.
import crypto from 'node:crypto';

export const PREFIX = 'n8n-nodes-whatsapp-gateways.';
export const SEND_NODE = 'Send';

/** Credentials for the HTTP Request node: n8n's generic auth types, holding the sandbox's demo secrets. */
export function httpCredentials(demo) {
	const by = Object.fromEntries(demo.map((c) => [c.type, c.data]));
	const now = new Date().toISOString();
	return [
		{
			id: 'wgBenchOvoCustom',
			name: 'OvoWpp headers (bench)',
			type: 'httpCustomAuth',
			data: { json: JSON.stringify({ headers: { 'client-id': by.ovoWppApi.clientId, 'client-secret': by.ovoWppApi.clientSecret } }) },
			createdAt: now,
			updatedAt: now,
		},
		{
			id: 'wgBenchWolkHeadr',
			name: 'Wolkvox token header (bench)',
			type: 'httpHeaderAuth',
			data: { name: 'wolkvox-token', value: by.wolkvoxApi.token },
			createdAt: now,
			updatedAt: now,
		},
		{
			id: 'wgBenchMensBasic',
			name: 'Mensatek Basic auth (bench)',
			type: 'httpBasicAuth',
			data: { user: by.mensatekApi.apiUser, password: by.mensatekApi.apiToken },
			createdAt: now,
			updatedAt: now,
		},
	];
}

const ref = (credentials, id) => {
	const c = credentials.find((x) => x.id === id || x.type === id);
	if (!c) throw new Error(`no credential ${id}`);
	return { [c.type]: { id: c.id, name: c.name } };
};

function uuidFrom(text) {
	const h = crypto.createHash('sha1').update(text).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Webhook → [Split Out of body.items | Read file] → send node. */
function workflow(id, name, { feed, send }) {
	const hook = {
		id: `${id}-hook`,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: uuidFrom(id),
		parameters: { httpMethod: 'POST', path: `bench-${id}`, responseMode: 'lastNode', responseData: 'noData', options: {} },
	};
	const nodes = [hook, { id: `${id}-feed`, position: [240, 0], ...feed }];
	const connections = { Webhook: { main: [[{ node: feed.name, type: 'main', index: 0 }]] } };
	if (send) {
		nodes.push({ id: `${id}-send`, name: SEND_NODE, position: [480, 0], ...send });
		connections[feed.name] = { main: [[{ node: SEND_NODE, type: 'main', index: 0 }]] };
	}
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all', saveManualExecutions: true },
		pinData: {},
		nodes,
		connections,
	};
}

const splitOut = {
	name: 'Recipients',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
};

// A failed item becomes an error item and the others go on, for both kinds of node: a careful user
// wants to know which messages failed, not lose the whole list to one refusal.
const CONTINUE = { onError: 'continueRegularOutput' };
// Retry On Fail stays off for the HTTP Request node: n8n retries the whole node, that is every item,
// so one refused message would send all the others a second time.
const NO_RETRY = { retryOnFail: false };

/**
 * HTTP Request's Batching: `size` items, then a pause of `intervalMs` before the next ones. The node
 * does not wait for a batch's answers, so only a pause longer than the calls keeps the number in
 * flight at `size`.
 */
const batching = (b) => (b ? { batching: { batch: { batchSize: b.size, batchInterval: b.intervalMs } } } : {});

/** Every workflow of the benchmark; `variants` of HTTP Request batching: { careful: {size, intervalMs}, naive: null }. */
export function benchWorkflows({ sandboxUrl, credentials, documentPath, batchingFor, tls }) {
	const ovoUrl = `${sandboxUrl}/ovowpp/external-api`;
	const list = [];

	// ---- Mensatek: template sends
	const mensatekNode = {
		type: `${PREFIX}mensatek`,
		typeVersion: 1,
		...CONTINUE,
		parameters: {
			resource: 'message',
			operation: 'send',
			phone: '={{ $json.phone }}',
			messageType: 'PLANTILLA',
			templateId: '610000000000002', // confirmacion_pedido: Nombre, Pedido
			templateVariables: {
				mappingMode: 'defineBelow',
				value: { Nombre: '={{ $json.name }}', Pedido: '={{ $json.order }}' },
				matchingColumns: [],
				schema: [],
			},
			options: {},
		},
		credentials: ref(credentials, 'mensatekApi'),
	};
	const mensatekHttp = (variant) => ({
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		...CONTINUE,
		...NO_RETRY,
		parameters: {
			method: 'POST',
			url: `${sandboxUrl}/mensatek/v7/EnviarWHATSAPP`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpBasicAuth',
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody:
				"={{ JSON.stringify({ Resp: 'JSON', Tipomensaje: 'PLANTILLA', Datosmensaje: { Plantilla: 'confirmacion_pedido' }, Destinatarios: [{ Telefono: $json.phone, Nombre: $json.name, Pedido: $json.order }] }) }}",
			options: batching(batchingFor('mensatek', variant)),
		},
		credentials: ref(credentials, 'wgBenchMensBasic'),
	});

	// ---- Wolkvox: text sends
	const wolkvoxNode = {
		type: `${PREFIX}wolkvox`,
		typeVersion: 1,
		...CONTINUE,
		parameters: { resource: 'message', operation: 'send', connectorId: '1001', phone: '={{ $json.phone }}', text: '={{ $json.text }}', options: {} },
		credentials: ref(credentials, 'wolkvoxApi'),
	};
	const wolkvoxHttp = (variant) => ({
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		...CONTINUE,
		...NO_RETRY,
		parameters: {
			method: 'POST',
			url: `${sandboxUrl}/wolkvox/api/v2/whatsapp.php`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'api', value: 'send_message_official' }] },
			sendBody: true,
			contentType: 'json',
			specifyBody: 'keypair',
			bodyParameters: {
				parameters: [
					{ name: 'connector_id', value: '1001' },
					{ name: 'telephone', value: '={{ $json.phone }}' },
					{ name: 'message', value: '={{ $json.text }}' },
				],
			},
			options: batching(batchingFor('wolkvox', variant)),
		},
		credentials: ref(credentials, 'wgBenchWolkHeadr'),
	});

	// ---- OvoWpp: text sends (Requests In Flight left at its default: from 5 in flight, adapting up to 32)
	const ovoNode = {
		type: `${PREFIX}ovoWpp`,
		typeVersion: 1,
		...CONTINUE,
		parameters: {
			resource: 'message',
			operation: 'send',
			countryCode: '={{ $json.countryCode }}',
			mobile: '={{ $json.mobile }}',
			messageType: 'text',
			text: '={{ $json.text }}',
			options: {},
		},
		credentials: ref(credentials, 'ovoWppApi'),
	};
	const ovoHttp = (variant, url = ovoUrl) => ({
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		...CONTINUE,
		...NO_RETRY,
		parameters: {
			method: 'POST',
			url: `${url}/inbox/send-message`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpCustomAuth',
			sendBody: true,
			contentType: 'form-urlencoded',
			bodyParameters: {
				parameters: [
					{ name: 'mobile_code', value: '={{ $json.countryCode }}' },
					{ name: 'mobile', value: '={{ $json.mobile }}' },
					{ name: 'message', value: '={{ $json.text }}' },
				],
			},
			options: batching(batchingFor('ovowpp', variant)),
		},
		credentials: ref(credentials, 'wgBenchOvoCustom'),
	});

	for (const variant of ['careful', 'naive']) {
		list.push(workflow(`wgBenchMensHttp${variant[0]}`, `bench Mensatek HTTP Request (${variant})`, { feed: splitOut, send: mensatekHttp(variant) }));
		list.push(workflow(`wgBenchWolkHttp${variant[0]}`, `bench Wolkvox HTTP Request (${variant})`, { feed: splitOut, send: wolkvoxHttp(variant) }));
		list.push(workflow(`wgBenchOvoHttp${variant[0]}`, `bench OvoWpp HTTP Request (${variant})`, { feed: splitOut, send: ovoHttp(variant) }));
	}
	list.push(workflow('wgBenchMensNode1', 'bench Mensatek node', { feed: splitOut, send: mensatekNode }));
	list.push(workflow('wgBenchWolkNode1', 'bench Wolkvox node', { feed: splitOut, send: wolkvoxNode }));
	list.push(workflow('wgBenchOvoNode01', 'bench OvoWpp node', { feed: splitOut, send: ovoNode }));
	list.push(
		workflow('wgBenchOvoNode20', 'bench OvoWpp node, Requests In Flight 20', {
			feed: splitOut,
			send: { ...ovoNode, parameters: { ...ovoNode.parameters, options: { concurrency: 20 } } },
		}),
	);

	// ---- OvoWpp: one document from a binary property that n8n keeps on disk
	// the same list through a node that does nothing: what n8n itself costs per item
	list.push(workflow('wgBenchOvoNoop1', 'bench NoOp', { feed: splitOut, send: { type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} } }));

	// over HTTPS, with a delay per round trip (bench/tls-proxy.mjs): its own sandbox and credential
	if (tls) {
		const tlsUrl = `${tls.url}/ovowpp/external-api`;
		list.push(workflow('wgBenchTlsNode01', 'bench TLS OvoWpp node', { feed: splitOut, send: { ...ovoNode, credentials: ref(credentials, tls.credentialId) } }));
		list.push(workflow('wgBenchTlsHttpn', 'bench TLS OvoWpp HTTP Request (naive)', { feed: splitOut, send: ovoHttp('naive', tlsUrl) }));
		list.push(workflow('wgBenchTlsHttpc', 'bench TLS OvoWpp HTTP Request (careful)', { feed: splitOut, send: ovoHttp('tls', tlsUrl) }));
	}

	const readFile = {
		name: 'Read Document',
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1,
		parameters: { operation: 'read', fileSelector: documentPath, options: { dataPropertyName: 'data' } },
	};
	list.push(workflow('wgBenchDocRead01', 'bench document: read only', { feed: readFile }));
	list.push(
		workflow('wgBenchDocNode01', 'bench document: OvoWpp node', {
			feed: readFile,
			send: {
				type: `${PREFIX}ovoWpp`,
				typeVersion: 1,
				parameters: {
					resource: 'message',
					operation: 'send',
					countryCode: '55',
					mobile: '11988887777',
					messageType: 'document',
					binaryProperty: 'data',
					caption: 'Bench document',
					options: {},
				},
				credentials: ref(credentials, 'ovoWppApi'),
			},
		}),
	);
	list.push(
		workflow('wgBenchDocHttp01', 'bench document: HTTP Request', {
			feed: readFile,
			send: {
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				...NO_RETRY,
				parameters: {
					method: 'POST',
					url: `${ovoUrl}/inbox/send-message`,
					authentication: 'genericCredentialType',
					genericAuthType: 'httpCustomAuth',
					sendBody: true,
					contentType: 'multipart-form-data',
					bodyParameters: {
						parameters: [
							{ parameterType: 'formData', name: 'mobile_code', value: '55' },
							{ parameterType: 'formData', name: 'mobile', value: '11988887777' },
							{ parameterType: 'formData', name: 'message', value: 'Bench document' },
							{ parameterType: 'formBinaryData', name: 'document', inputDataFieldName: 'data' },
						],
					},
					options: {},
				},
				credentials: ref(credentials, 'wgBenchOvoCustom'),
			},
		}),
	);
	return list;
}
