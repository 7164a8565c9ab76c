import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers between polls, in the node's static data. Pure functions only: the
 * poll reads the list, `compare` decides what happened, the poll saves `next`.
 */
export interface PollState {
	/** `last_message_at` of the newest conversation seen so far: the high-water mark. */
	mark: string;
	/**
	 * Ids of the conversations already seen with `last_message_at` equal to the mark. The service
	 * stores whole seconds, so another conversation can reach the same second after a poll read it.
	 */
	atMark: number[];
	/** The highest conversation id seen: a higher one is a new conversation (ids only grow). */
	maxId: number;
	/** [id, status] of the most recently active conversations, newest first, at most TRACKED_STATUSES. */
	statuses: Array<[number, number]>;
}

/** Rows per list call. The first page is also the window in which status changes are seen at once. */
export const PAGE_SIZE = 50;
/** How many conversations' statuses are remembered (about 2 KB of static data). */
export const TRACKED_STATUSES = 200;

export type TriggerEvent = 'newConversation' | 'conversationUpdated' | 'statusChanged';

export interface Change {
	event: TriggerEvent;
	conversation: IDataObject;
	previousStatus?: number;
}

const EMPTY: PollState = { mark: '', atMark: [], maxId: 0, statuses: [] };

/** `last_message_at` as sent (Laravel's fixed format, so strings order like times), or null. */
function stampOf(row: IDataObject): string | null {
	return typeof row.last_message_at === 'string' && row.last_message_at !== '' ? row.last_message_at : null;
}

/**
 * Whether a row is older than the mark. The list is sorted newest first, so paging can stop at
 * such a row. A row exactly at the mark is not older: more rows of that second may follow it.
 */
export function isBeforeMark(row: IDataObject, mark: string): boolean {
	const stamp = stampOf(row);
	return stamp === null || stamp < mark;
}

/** The saved state, or undefined before the first poll (or when the data is not ours). */
export function readState(data: IDataObject): PollState | undefined {
	const { mark, atMark, maxId, statuses } = data;
	if (typeof mark !== 'string' || typeof maxId !== 'number' || !Array.isArray(atMark) || !Array.isArray(statuses)) {
		return undefined;
	}
	return {
		mark,
		atMark: atMark.map(Number),
		maxId,
		statuses: statuses.filter(Array.isArray).map((pair) => [Number(pair[0]), Number(pair[1])] as [number, number]),
	};
}

/** The state that makes everything now in `rows` old: the first poll emits nothing. */
export function baseline(rows: IDataObject[]): PollState {
	return compare(EMPTY, rows).next;
}

/**
 * What changed since `state`, oldest first, and the state to save. `rows` are the list pages read
 * this poll, newest first; a row may appear twice when a conversation moved up between two pages.
 */
export function compare(state: PollState, rows: IDataObject[]): { changes: Change[]; next: PollState } {
	const unique = newestFirst(rows);
	const seenAtMark = new Set(state.atMark);
	const known = new Map(state.statuses);
	const changes: Change[] = [];

	for (const row of [...unique].reverse()) {
		const id = Number(row.id);
		const stamp = stampOf(row);
		const moved = stamp !== null && (stamp > state.mark || (stamp === state.mark && !seenAtMark.has(id)));
		if (moved) changes.push({ event: id > state.maxId ? 'newConversation' : 'conversationUpdated', conversation: row });
		const before = known.get(id);
		if (before !== undefined && before !== Number(row.status)) {
			changes.push({ event: 'statusChanged', conversation: row, previousStatus: before });
		}
	}

	const newest = unique.map(stampOf).find((stamp) => stamp !== null) ?? null;
	const mark = newest !== null && newest > state.mark ? newest : state.mark;
	const atMark = new Set(mark === state.mark ? state.atMark : []);
	for (const row of unique) if (stampOf(row) === mark) atMark.add(Number(row.id));
	const readIds = new Set(unique.map((row) => Number(row.id)));
	const next: PollState = {
		mark,
		atMark: [...atMark],
		maxId: Math.max(state.maxId, ...readIds),
		statuses: [
			...unique.map((row): [number, number] => [Number(row.id), Number(row.status)]),
			...state.statuses.filter(([id]) => !readIds.has(id)),
		].slice(0, TRACKED_STATUSES),
	};
	return { changes, next };
}

/** One row per conversation (the last read of it), newest first; ties by id, as the service sorts. */
function newestFirst(rows: IDataObject[]): IDataObject[] {
	const byId = new Map<number, IDataObject>();
	for (const row of rows) {
		const id = Number(row.id);
		if (!Number.isInteger(id)) continue;
		const seen = byId.get(id);
		// `rows` are in reading order: a later read of the same conversation is at least as fresh.
		if (!seen || (stampOf(row) ?? '') >= (stampOf(seen) ?? '')) byId.set(id, row);
	}
	return [...byId.values()].sort((a, b) => {
		const sa = stampOf(a) ?? '';
		const sb = stampOf(b) ?? '';
		if (sa !== sb) return sa < sb ? 1 : -1;
		return Number(a.id) - Number(b.id);
	});
}
