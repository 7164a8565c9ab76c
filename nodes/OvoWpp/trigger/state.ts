import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers between polls, in the node's static data. Pure functions only: the
 * poll reads the list, `compare` decides what happened, the poll saves `next`.
 *
 * Nothing here trusts the service's clock to move forward: a conversation changed when its
 * `last_message_at` is *different* from the one remembered for it (not when it is later than a
 * mark), a conversation is new when its id is above every id seen (ids only grow), and the poll
 * reads down to a floor that a message stamped in the future cannot move.
 */
export interface PollState {
	/**
	 * The `last_message_at` of the REF_DEPTH-th conversation of the last poll's list: where the inbox
	 * stood. The next poll reads down to this minus the clock tolerance. Not the newest stamp, so a
	 * few messages stamped in the future cannot move it.
	 */
	ref: string;
	/**
	 * The `last_message_at` of the deepest conversation the last poll read and kept in `seen`. Every
	 * conversation not in `seen` had a `last_message_at` at or below it, so one above it now changed.
	 */
	floor: string;
	/** The highest id of a conversation with a message seen so far: a higher one is new. */
	maxId: number;
	/**
	 * The `last_message_at` of the deepest conversation the last poll read, or '' when it read the whole
	 * list: what lies below it was not read, so an id above `maxId` down there is not a new conversation.
	 */
	bottom: string;
	/**
	 * [id, last_message_at, status] of the most recently active conversations in list order, at most
	 * TRACKED. `last_message_at` is '' for none yet, null when unknown (state of an older version).
	 */
	seen: Array<[number, string | null, number]>;
}

/**
 * Rows per list call: one page holds the remembered conversations and what changed since the last
 * poll. The list is ordered by `last_message_at` only (facts.ts conversationOrder), so separate page
 * requests split conversations that share a value differently and repeat some while skipping others;
 * one page is one consistent read.
 */
export const PAGE_SIZE = 1000;
/** Which conversation of the list marks where the inbox stood (see `ref`). */
export const REF_DEPTH = 10;
/** How far behind `ref` a message may be stamped and still be found, by default. */
export const DEFAULT_TOLERANCE_MINUTES = 60;
/** How many conversations are remembered (about 8 KB of static data at most). */
export const TRACKED = 200;

export type TriggerEvent = 'newConversation' | 'conversationUpdated' | 'statusChanged';

export interface Change {
	event: TriggerEvent;
	conversation: IDataObject;
	previousStatus?: number;
}

const EMPTY: PollState = { ref: '', floor: '', maxId: 0, bottom: '', seen: [] };

/** `last_message_at` as sent (Laravel's fixed format, so strings order like times), '' for none. */
function stampOf(row: IDataObject): string {
	return typeof row.last_message_at === 'string' ? row.last_message_at : '';
}

/** `stamp` moved back by `minutes`, in the same format (so the strings still compare as times). */
export function earlier(stamp: string, minutes: number): string {
	const time = Date.parse(stamp);
	if (stamp.length < 19 || Number.isNaN(time)) return '';
	return new Date(time - minutes * 60000).toISOString().slice(0, 19) + stamp.slice(19);
}

/**
 * Whether the rows read so far (newest first) are enough: they go below `ref` minus the tolerance,
 * and every conversation remembered above that point was found again. One that is missing got a
 * message stamped further back (a clock behind) or was deleted: reading goes on to find it.
 */
export function readEnough(state: PollState, rows: IDataObject[], toleranceMinutes: number): boolean {
	const reach = earlier(state.ref, toleranceMinutes);
	if (rows.length === 0 || stampOf(rows[rows.length - 1]) >= reach) return false;
	const read = new Set(rows.map((row) => Number(row.id)));
	return state.seen.every(([id, stamp]) => stamp === null || stamp < reach || read.has(id));
}

/** For the first poll: enough rows when they go `toleranceMinutes` below where the inbox stands. */
export function baselineEnough(rows: IDataObject[], toleranceMinutes: number): boolean {
	const stamped = rows.filter((row) => stampOf(row) !== '');
	const ref = stamped.length ? stampOf(stamped[Math.min(stamped.length, REF_DEPTH) - 1]) : '';
	return readEnough({ ...EMPTY, ref }, rows, toleranceMinutes);
}

/** The saved state, or undefined before the first poll (or when the data is not ours). */
export function readState(data: IDataObject): PollState | undefined {
	const { ref, floor, maxId, seen } = data;
	if (typeof ref === 'string' && typeof floor === 'string' && typeof maxId === 'number' && Array.isArray(seen)) {
		return {
			ref,
			floor,
			maxId,
			// Saved by a version that read only down to about `floor`.
			bottom: typeof data.bottom === 'string' ? data.bottom : floor,
			seen: seen
				.filter(Array.isArray)
				.map((entry) => [Number(entry[0]), typeof entry[1] === 'string' ? entry[1] : null, Number(entry[2])]),
		};
	}
	// The state of version 0.x (a high-water mark): its mark becomes the floor, its statuses are kept.
	const { mark, statuses } = data;
	if (typeof mark === 'string' && typeof maxId === 'number' && Array.isArray(statuses)) {
		return {
			ref: mark,
			floor: mark,
			maxId,
			bottom: mark,
			seen: statuses.filter(Array.isArray).map((pair) => [Number(pair[0]), null, Number(pair[1])]),
		};
	}
	return undefined;
}

/** The state that makes everything now in `rows` old: the first poll emits nothing. */
export function baseline(rows: IDataObject[], complete: boolean): PollState {
	return compare(EMPTY, rows, complete).next;
}

/**
 * What changed since `state`, oldest first, and the state to save. `rows` are the list pages read
 * this poll, newest first; a row may appear twice when a conversation moved between two pages.
 * `complete` says the whole list was read: a remembered conversation not in it was deleted.
 */
export function compare(state: PollState, rows: IDataObject[], complete: boolean): { changes: Change[]; next: PollState } {
	const unique = listOrder(rows);
	const known = new Map(state.seen.map(([id, stamp, status]) => [id, { stamp, status }]));
	const changes: Change[] = [];

	for (const row of [...unique].reverse()) {
		const id = Number(row.id);
		const stamp = stampOf(row);
		const before = known.get(id);
		if (stamp !== '') {
			let moved: boolean;
			// An id above every id seen whose message lies at or below the deepest row the last poll read
			// is an old conversation read for the first time (this poll reads deeper), not a new one.
			const unread = !before && state.bottom !== '' && stamp <= state.bottom;
			if (id > state.maxId) moved = !unread;
			else if (before && before.stamp !== null) moved = stamp !== before.stamp;
			else moved = stamp > state.floor;
			if (moved) changes.push({ event: id > state.maxId ? 'newConversation' : 'conversationUpdated', conversation: row });
		}
		if (before !== undefined && before.status !== Number(row.status)) {
			changes.push({ event: 'statusChanged', conversation: row, previousStatus: before.status });
		}
	}

	const readIds = new Set(unique.map((row) => Number(row.id)));
	const stamped = unique.filter((row) => stampOf(row) !== '');
	const kept = stamped.slice(0, TRACKED);
	const next: PollState = {
		ref: stamped.length ? stampOf(stamped[Math.min(stamped.length, REF_DEPTH) - 1]) : state.ref,
		floor: kept.length ? stampOf(kept[kept.length - 1]) : state.floor,
		maxId: Math.max(state.maxId, ...stamped.map((row) => Number(row.id))),
		// The list ends with the conversations without a message: a read that stopped at one read every stamped one.
		bottom: unique.length === 0 ? state.bottom : complete ? '' : stampOf(unique[unique.length - 1]),
		seen: [
			...unique.map((row): [number, string, number] => [Number(row.id), stampOf(row), Number(row.status)]),
			// Unread ones sit below what was read; after a complete read they no longer exist (an empty
			// list is taken for a glitch, not for an inbox emptied: forgetting all would re-emit all).
			...(complete && unique.length > 0 ? [] : state.seen.filter(([id]) => !readIds.has(id))),
		].slice(0, TRACKED),
	};
	return { changes, next };
}

/** One row per conversation (the last read of it), newest first; ties by id, as the service sorts. */
function listOrder(rows: IDataObject[]): IDataObject[] {
	const byId = new Map<number, IDataObject>();
	// `rows` are in reading order: a later read of the same conversation is at least as fresh.
	for (const row of rows) {
		const id = Number(row.id);
		if (Number.isInteger(id)) byId.set(id, row);
	}
	return [...byId.values()].sort((a, b) => {
		const sa = stampOf(a);
		const sb = stampOf(b);
		if (sa !== sb) return sa < sb ? 1 : -1;
		return Number(a.id) - Number(b.id);
	});
}
