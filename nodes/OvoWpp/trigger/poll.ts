import type { IDataObject, INode, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ProviderError } from '../../shared/errors';
import { Limiter } from '../../shared/limiter';
import { conversationFields, e164, isoFromText, textOrNull } from '../../shared/conversation';
import { STATUS_NAMES } from '../helpers/conversations';
import type { Walk } from '../transport';
import { ovoCall, ovoWalk, walkMayHaveSkipped } from '../transport';
import type { Change, PollState, TriggerEvent } from './state';
import { DEFAULT_TOLERANCE_MINUTES, PAGE_SIZE, baseline, baselineEnough, compare, readEnough, readState } from './state';

/** Details calls in flight at once when Include Details is on. */
const DETAILS_IN_FLIGHT = 5;

/**
 * Polls in progress, per workflow and node. A poll that pages back a long way (or waits on retries)
 * can outlast the poll interval; a second poll started meanwhile would read the same state and
 * emit the same events, so it is skipped instead.
 */
const running = new Set<string>();

interface TriggerOptions {
	clockTolerance?: number;
	includeDetails?: boolean;
	statuses?: string[];
}

/**
 * One poll of the conversation list. The list is sorted by `last_message_at`, newest first, so the
 * poll reads pages only down to where the inbox stood at the last poll minus the Clock Tolerance
 * (see state.ts): one call when little changed. Manual mode shows the latest conversation and leaves the state alone.
 */
export async function pollOvoWpp(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const events = this.getNodeParameter('events', []) as TriggerEvent[];
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const statuses = options.statuses ?? [];
	const wanted = (change: Change) =>
		events.includes(change.event) && (statuses.length === 0 || statuses.includes(String(change.conversation.status)));
	if (this.getMode() === 'manual') {
		// A sample for the editor. The state is not touched, so testing never hides events from the active workflow.
		try {
			const { rows } = await readList(this, () => true);
			const sample = rows
				.map((conversation): Change => ({ event: events[0] ?? 'newConversation', conversation }))
				.find(wanted);
			return sample ? [await toItems(this, [sample], options.includeDetails === true)] : null;
		} catch (error) {
			throw pollError(this.getNode(), error);
		}
	}

	const tolerance = Math.max(0, Number(options.clockTolerance ?? DEFAULT_TOLERANCE_MINUTES) || 0);
	const key = `${this.getWorkflow().id}:${this.getNode().name}`;
	if (running.has(key)) return null;
	running.add(key);
	try {
		const data = this.getWorkflowStaticData('node');
		const state = readState(data);
		if (!state) {
			const first = await readList(this, (all) => baselineEnough(all, tolerance));
			save(data, baseline(first.rows, first.complete));
			return null;
		}

		const { rows, complete } = await readList(this, (all) => readEnough(state, all, tolerance));
		const { changes, next } = compare(state, rows, complete);
		const chosen = changes.filter(wanted);
		const items = chosen.length ? await toItems(this, chosen, options.includeDetails === true) : [];
		// Saved only once everything succeeded: a failed poll is repeated whole by the next one.
		save(data, next);
		return items.length ? [items] : null;
	} catch (error) {
		throw pollError(this.getNode(), error);
	} finally {
		running.delete(key);
	}
}

/**
 * The conversation list, newest first, down to where `enough` says. The list is ordered by
 * `last_message_at` only (facts.ts conversationOrder): separate page requests split conversations
 * that share a value differently, repeating some and skipping others. So a poll reads one page of
 * PAGE_SIZE; when that is not enough, one page holding the whole list; only when large pages fail
 * does it walk pages, each conversation once.
 * `complete` when the whole list was read and the service's `total` agrees with the rows read: a
 * walk that may have skipped rows is not taken for the whole list (remembered ones are kept).
 */
async function readList(ctx: IPollFunctions, enough: (rows: IDataObject[]) => boolean): Promise<{ rows: IDataObject[]; complete: boolean }> {
	// Unfiltered on purpose: a status filter would let status changes shift rows between pages.
	const read = (pageSize: number, stop: (rows: IDataObject[], walk: Walk) => boolean) =>
		ovoWalk(ctx, 'inbox/conversation-list', 'conversation', {}, { pageSize, enough: stop });
	// One page; a host that failed it gets smaller pages, walked until enough.
	let walk = await read(PAGE_SIZE, (rows, { size }) => size === PAGE_SIZE || enough(rows));
	if (!walk.ended && walk.size === PAGE_SIZE && !enough(walk.rows)) {
		// More than one page is needed: asked again as one page holding the whole list.
		walk = await read(Math.max(PAGE_SIZE, walk.total), enough);
	}
	return { rows: walk.rows, complete: walk.ended && !walkMayHaveSkipped(walk) };
}

/** Writes the state only when it changed, so a quiet poll does not make n8n save the workflow. */
function save(data: IDataObject, next: PollState): void {
	if (JSON.stringify(readState(data)) === JSON.stringify(readState(next as unknown as IDataObject))) return;
	for (const old of ['mark', 'atMark', 'statuses']) delete data[old]; // an older version's state
	Object.assign(data, next);
}

async function toItems(ctx: IPollFunctions, changes: Change[], includeDetails: boolean): Promise<INodeExecutionData[]> {
	const details = new Map<number, IDataObject>();
	if (includeDetails) {
		const limiter = new Limiter(DETAILS_IN_FLIGHT);
		const ids = [...new Set(changes.map((change) => Number(change.conversation.id)))];
		await Promise.all(
			ids.map((id) =>
				limiter.run(async () => {
					const envelope = await ovoCall(ctx, { method: 'GET', path: `inbox/conversation-details/${id}`, kind: 'read' });
					const conversation = envelope.data?.conversation as IDataObject | undefined;
					if (conversation) details.set(id, conversation);
				}),
			),
		);
	}
	const provider = providerOf(ctx.getNode().type);
	return changes.map((change) => {
		const conversation = details.get(Number(change.conversation.id)) ?? change.conversation;
		const json: IDataObject = { event: change.event, ...conversation, statusName: STATUS_NAMES[String(conversation.status)] ?? null };
		if (change.event === 'statusChanged') {
			json.previousStatus = change.previousStatus ?? null;
			json.previousStatusName = change.previousStatus === undefined ? null : (STATUS_NAMES[String(change.previousStatus)] ?? null);
		}
		return { json: { ...json, ...conversationOf(provider, conversation) } };
	});
}

/** The brand's name from the trigger's type: `…ovoWppTrigger` → ovowpp, `…wapiFlowTrigger` → wapiflow. */
const providerOf = (type: string) => (type.split('.').pop() ?? type).replace(/Trigger$/, '').toLowerCase();

/**
 * The conversation fields the service lets the trigger fill (nodes/shared/conversation.ts). The
 * conversation list gives no message: no text, message id, message type or direction, so those are
 * null. `event` and `status` keep the trigger's earlier meaning (its event name; the conversation's
 * status code, its word in statusName), which saved workflows map, so they are not set here.
 */
function conversationOf(provider: string, conversation: IDataObject): IDataObject {
	const contact = (conversation.contact ?? {}) as IDataObject;
	const code = textOrNull(contact.mobile_code);
	const mobile = textOrNull(contact.mobile);
	const fields: IDataObject = conversationFields({
		provider,
		event: '',
		phone: code && mobile ? e164(`${code.replace(/^\+/, '')}${mobile}`) : null,
		at: isoFromText(conversation.last_message_at),
	});
	delete fields.event;
	delete fields.status;
	return fields;
}

/** n8n's own error types, with the provider's (already redacted) words. */
function pollError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof ProviderError) {
		const { description, httpCode, response } = error.details;
		return new NodeApiError(node, response ?? { message: error.message }, {
			message: error.message,
			description,
			httpCode: httpCode === undefined ? undefined : String(httpCode),
		});
	}
	return new NodeOperationError(node, error instanceof Error ? error.message : String(error));
}
