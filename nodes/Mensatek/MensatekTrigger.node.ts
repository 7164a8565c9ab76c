import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { PROVEN } from './proven';
import { FACTS } from './facts';
import type { ReceivedRequest } from './webhook';
import { basicAuthMatches, incompleteAuth, keep, listOf, readReports, reportKey, senderOf, toItemJson } from './webhook';
import { optionsCollection } from '../shared/description';
import { authenticationFields, pastedUrlWebhookMethods, refuse, repeatOptions, repeatWindowMs, TriggerMemory } from '../shared/webhook';

// Direccion [doc]. Request Delivery Reports (Report) asks for the OUTPUT ones; INPUT ones always come.
const { incoming: INPUT, status: OUTPUT } = FACTS.reportDirections.value;

/** How many reports one trigger remembers for Skip Repeated Reports, at most (about 1 MB). */
const REMEMBERED_REPORTS = 10000;

/** Recent reports per trigger, for Skip Repeated Reports (nodes/shared/webhook.ts). */
const recent = new TriggerMemory(REMEMBERED_REPORTS);

const REPEATS = repeatOptions(
	'Reports',
	`How long Skip Repeated Reports remembers a report (and never more than the last ${REMEMBERED_REPORTS} reports)`,
	'Whether a report already received (same message ID, direction, status and phone) starts nothing. With Respond: After the Workflow Has Run, a copy that arrives while the first is still running gets 503 (send it again later), and a copy of one whose run failed is taken. Remembered in the memory of this n8n process: not across restarts, nor between several webhook processes.',
);

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
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: '={{$parameter["responseMode"] || "onReceived"}}', path: 'mensatek' },
		],
		properties: [
			{
				displayName:
					'Copy the Production URL above (Webhook URLs → Production URL) into the Mensatek panel, in the API configuration for real-time reports, and activate this workflow: Mensatek only calls the production URL. Choose JSON as the format there (form-data works too). If you choose Basic authentication there, choose it here too, with the same user and password. Status updates come for messages sent with "Request Delivery Reports" on. Incoming messages are reported whatever that option says, as long as reports are on in the panel.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: PROVEN,
				name: 'provenNotice',
				type: 'notice',
				default: '',
			},
			...authenticationFields(
				[
					{ name: 'None', value: 'none' },
					{ name: 'Basic Auth', value: 'basicAuth' },
				],
				'Whether reports must carry the user and password set in the Mensatek panel. Requests without them get 401 and start nothing.',
				{
					name: 'noAuthNotice',
					text: 'Anyone who knows this URL can post reports and start the workflow. Choose Basic Auth, here and in the Mensatek panel, so that only Mensatek can.',
				},
			),
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				options: [
					{
						name: 'Immediately',
						value: 'onReceived',
						description:
							'Answer 200 as soon as the report is read. Fast, but a report n8n then fails to store or run (busy database, crash) is lost: Mensatek was already told it arrived.',
					},
					{
						name: 'After the Workflow Has Run',
						value: 'lastNode',
						description:
							"Answer only when the workflow has finished: 200 with the last node's first item, or an error (500) when n8n could not store or run it, so Mensatek sees the failure. Mensatek waits the whole run for its answer.",
					},
				],
				default: 'onReceived',
				description: 'When n8n answers Mensatek',
			},
			{
				displayName: 'Reports',
				name: 'directions',
				type: 'multiOptions',
				options: [
					{ name: 'Incoming Messages', value: INPUT, description: 'Messages and replies your contacts send (Direccion INPUT)' },
					{ name: 'Status Updates', value: OUTPUT, description: 'Status changes of the messages you sent with Request Delivery Reports on (Direccion OUTPUT)' },
				],
				default: [INPUT, OUTPUT],
				required: true,
				description: 'Which reports start the workflow',
			},
			optionsCollection([
				REPEATS.repeatWindow,
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
				REPEATS.skipRepeated,
			]),
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

	// Mensatek has no API to register a report URL: the user pastes it into the panel. Activation is
	// the place to refuse a Basic Auth credential that would let anyone in.
	webhookMethods = pastedUrlWebhookMethods(recent, async (ctx) => {
		if (ctx.getNodeParameter('authentication', 'none') === 'basicAuth') {
			const credentials = await ctx.getCredentials('mensatekWebhookApi');
			const problem = incompleteAuth(String(credentials.user ?? ''), String(credentials.password ?? ''));
			if (problem) {
				throw new NodeOperationError(ctx.getNode(), `The Mensatek Reports credential ${problem}: reports cannot be checked with it`, {
					description:
						'Give the credential both a user and a password (a long random one), enter the same in the Mensatek panel, then activate the workflow again. Or choose Authentication: None to accept reports from anyone with the URL.',
				});
			}
		}
	});

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as unknown as ReceivedRequest;
		if (this.getNodeParameter('authentication', 'none') === 'basicAuth') {
			const credentials = await this.getCredentials('mensatekWebhookApi');
			const user = String(credentials.user ?? '');
			const password = String(credentials.password ?? '');
			// An incomplete credential is refused at activation; refused here too, should one get this far.
			if (incompleteAuth(user, password) || !basicAuthMatches(request.headers.authorization, user, password)) {
				return refuse(this, 401, 'Authorization required', { 'www-authenticate': 'Basic realm="Mensatek Trigger"' });
			}
		}

		const reports = readReports(request);
		if (typeof reports === 'string') return refuse(this, 400, reports);

		const options = this.getNodeParameter('options', {}) as IDataObject;
		const statuses = listOf(options.statusCodes).map(Number);
		if (statuses.some((n) => !Number.isInteger(n))) {
			throw new NodeOperationError(this.getNode(), `Status Codes "${String(options.statusCodes)}" must be whole numbers separated by commas`, {
				description: 'For example: 8 or 2, 3',
			});
		}
		const filter = {
			directions: this.getNodeParameter('directions', [INPUT, OUTPUT]) as string[],
			types: listOf(options.messageTypes),
			statuses,
		};
		let wanted = reports.filter((report) => keep(report, filter));
		let repeated = 0;
		if (options.skipRepeated !== false && wanted.length) {
			const windowMs = repeatWindowMs(options);
			const seen = recent.of(this);
			const now = Date.now();
			// Reaching here, a request passed Basic Auth when it is on; the sender bounds what a flood
			// without it can make the trigger forget (see RecentReports).
			const sender = senderOf(request);
			const taken: string[] = [];
			const stillRunning: string[] = [];
			wanted = wanted.filter((report) => {
				const id = reportKey(report);
				if (id === undefined) return true;
				if (!seen.add(id, now, windowMs, sender)) {
					if (seen.isRunning(id)) stillRunning.push(id);
					return false;
				}
				taken.push(id);
				return true;
			});
			if (stillRunning.length) {
				// The first copy's run has not answered yet: whether it will be stored is not known, so
				// neither "taken" nor "repeated" would be true. Nothing of this request is taken.
				for (const id of taken) seen.forget(id);
				return refuse(this, 503, 'A copy of this report is still being handled. Send it again later.', { 'retry-after': '10' });
			}
			repeated = reports.filter((report) => keep(report, filter)).length - wanted.length;
			if (taken.length && this.getNodeParameter('responseMode', 'onReceived') === 'lastNode') {
				// n8n answers when the run ends: an error answer means the report was not stored or run,
				// so a copy sent again must be taken, not skipped as a repeat.
				const response = this.getResponseObject();
				for (const id of taken) seen.start(id);
				response.on('finish', () => {
					for (const id of taken) {
						seen.end(id);
						if (response.statusCode >= 300) seen.forget(id);
					}
				});
				// The sender stopped waiting: n8n has stored the execution and runs it all the same, so
				// later copies are repeats.
				response.on('close', () => {
					for (const id of taken) seen.end(id);
				});
			}
		}
		// Reports filtered out or repeated are acknowledged with 200 and start nothing: Mensatek delivered them fine.
		if (wanted.length === 0) return { webhookResponse: { received: reports.length, started: 0, ...(repeated ? { repeated } : {}) } };
		return { workflowData: [this.helpers.returnJsonArray(wanted.map(toItemJson))] };
	}
}
