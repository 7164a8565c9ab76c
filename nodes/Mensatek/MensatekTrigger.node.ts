import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { ReceivedRequest } from './webhook';
import { basicAuthMatches, keep, listOf, readReports, toItemJson } from './webhook';

export class MensatekTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mensatek Trigger',
		name: 'mensatekTrigger',
		icon: { light: 'file:mensatek.svg', dark: 'file:mensatek.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Reports: " + ($parameter["directions"] || []).join(", ")}}',
		// n8n's node picker shows this on the app's card (it merges X and X Trigger): it describes both
		description: 'Mensatek (WhatsApp): send messages and templates in batches, read templates and credit, and start workflows on delivery reports and incoming messages',
		defaults: { name: 'Mensatek Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'mensatekWebhookApi',
				required: true,
				testedBy: 'mensatekWebhookApiTest',
				displayOptions: { show: { authentication: ['basicAuth'] } },
			},
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'mensatek' }],
		properties: [
			{
				displayName:
					'Copy the Production URL above (Webhook URLs → Production URL) into the Mensatek panel, in the API configuration for real-time reports, and activate this workflow: Mensatek only calls the production URL. Choose JSON as the format there (form-data works too). If you choose Basic authentication there, choose it here too, with the same user and password. Mensatek only reports messages sent with "Request Delivery Reports" on.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'None', value: 'none' },
					{ name: 'Basic Auth', value: 'basicAuth' },
				],
				default: 'none',
				description: 'Whether reports must carry the user and password set in the Mensatek panel. Requests without them get 401 and start nothing.',
			},
			{
				displayName: 'Reports',
				name: 'directions',
				type: 'multiOptions',
				options: [
					{ name: 'Incoming Messages', value: 'INPUT', description: 'Messages and replies your contacts send (Direccion INPUT)' },
					{ name: 'Status Updates', value: 'OUTPUT', description: 'Status changes of the messages you sent (Direccion OUTPUT)' },
				],
				default: ['INPUT', 'OUTPUT'],
				required: true,
				description: 'Which reports start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Message Types',
						name: 'messageTypes',
						type: 'string',
						default: '',
						placeholder: 'e.g. text, image',
						description: 'Only reports whose Tipo is one of these, separated by commas (any case). Empty: all types.',
					},
					{
						displayName: 'Status Codes',
						name: 'statusCodes',
						type: 'string',
						default: '',
						placeholder: 'e.g. 8',
						description:
							'Only reports whose Estado is one of these numbers, separated by commas. Mensatek does not publish what each number means: look at the reports you receive to learn them. Empty: all.',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: {
			// Nothing at Mensatek can confirm these: the panel only sends them. So the test checks that
			// they can work as HTTP Basic credentials at all.
			async mensatekWebhookApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const user = String(credential.data?.user ?? '');
				const password = String(credential.data?.password ?? '');
				if (!user || !password) return { status: 'Error', message: 'Give both a user and a password; enter the same ones in the Mensatek panel.' };
				if (user.includes(':')) return { status: 'Error', message: 'The user cannot contain ":" in HTTP Basic authentication.' };
				return { status: 'OK', message: 'Usable. Enter the same user and password in the Mensatek panel.' };
			},
		},
	};

	// Mensatek has no API to register a report URL: the user pastes it into the panel. So there is
	// nothing to create or delete, and the webhook "exists" as soon as n8n listens on it.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as unknown as ReceivedRequest;
		const refuse = (status: number, message: string, headers: IDataObject = {}): IWebhookResponseData => {
			// Answered here, with our own status: n8n then starts no workflow.
			const response = this.getResponseObject();
			response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers } as Record<string, string>);
			response.end(JSON.stringify({ error: message }));
			return { noWebhookResponse: true };
		};

		if (this.getNodeParameter('authentication', 'none') === 'basicAuth') {
			const credentials = await this.getCredentials('mensatekWebhookApi');
			if (!basicAuthMatches(request.headers.authorization, String(credentials.user ?? ''), String(credentials.password ?? ''))) {
				return refuse(401, 'Authorization required', { 'www-authenticate': 'Basic realm="Mensatek Trigger"' });
			}
		}

		const reports = readReports(request);
		if (typeof reports === 'string') return refuse(400, reports);

		const options = this.getNodeParameter('options', {}) as IDataObject;
		const statuses = listOf(options.statusCodes).map(Number);
		if (statuses.some((n) => !Number.isInteger(n))) {
			throw new NodeOperationError(this.getNode(), `Status Codes "${String(options.statusCodes)}" must be whole numbers separated by commas`, {
				description: 'For example: 8 or 2, 3',
			});
		}
		const filter = {
			directions: this.getNodeParameter('directions', ['INPUT', 'OUTPUT']) as string[],
			types: listOf(options.messageTypes),
			statuses,
		};
		const wanted = reports.filter((report) => keep(report, filter));
		// Reports filtered out are acknowledged with 200 and start nothing: Mensatek delivered them fine.
		if (wanted.length === 0) return { webhookResponse: { received: reports.length, started: 0 } };
		return { workflowData: [this.helpers.returnJsonArray(wanted.map(toItemJson))] };
	}
}
