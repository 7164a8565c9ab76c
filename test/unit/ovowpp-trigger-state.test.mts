// The OvoWpp trigger's state (nodes/OvoWpp/trigger/state.ts) on its own: its size bound, the state
// of the previous version, an empty list answer, and the time arithmetic on the service's stamps.
import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { TRACKED, baseline, compare, earlier, readEnough, readState } from '../../nodes/OvoWpp/trigger/state';

const stamp = (minute: number) => `2026-01-01T${String(10 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000000Z`;
/** `count` conversations, ids 1..count, the highest id the most recent (one per minute). */
const inbox = (count: number): IDataObject[] =>
	Array.from({ length: count }, (_, i) => ({ id: count - i, status: 0, last_message_at: stamp(count - i) }));

describe('OvoWpp trigger state', () => {
	it('stays bounded: at most 200 conversations remembered, however many were read', () => {
		const state = baseline(inbox(500), true);
		expect(state.seen).toHaveLength(TRACKED);
		expect(JSON.stringify(state).length).toBeLessThan(10_000);
		// The floor is the deepest remembered one: every conversation not remembered is at or below it.
		expect(state.floor).toBe(stamp(301));
		const { changes } = compare(state, [{ id: 150, status: 0, last_message_at: stamp(400) }], false);
		expect(changes.map((c) => [c.event, c.conversation.id])).toEqual([['conversationUpdated', 150]]);
	});

	it("reads the previous version's state (a mark) and finds what moved past it", () => {
		const old = { mark: stamp(2), atMark: [2], maxId: 2, statuses: [[2, 0], [1, 0]] } as IDataObject;
		const state = readState(old)!;
		expect(state).toMatchObject({ ref: stamp(2), floor: stamp(2), maxId: 2 });
		const rows = [{ id: 3, status: 0, last_message_at: stamp(5) }, { id: 1, status: 1, last_message_at: stamp(4) }, { id: 2, status: 0, last_message_at: stamp(2) }];
		const { changes, next } = compare(state, rows, true);
		expect(changes.map((c) => `${c.event} ${c.conversation.id}`)).toEqual(['conversationUpdated 1', 'statusChanged 1', 'newConversation 3']);
		expect(readState(next as unknown as IDataObject)).toEqual(next);
	});

	it('forgets nothing when the list comes back empty (a glitch), so the next poll emits nothing again', () => {
		const state = baseline(inbox(3), true);
		const { changes, next } = compare(state, [], true);
		expect(changes).toEqual([]);
		expect(next).toEqual(state);
		expect(compare(next, inbox(3), true).changes).toEqual([]);
	});

	it('labels an old conversation read for the first time below the last poll\'s deepest row as seen, not new', () => {
		// The last poll read the 100 most recent of a longer list (ids 101..200, stamps 101..200).
		const rows = Array.from({ length: 100 }, (_, i) => ({ id: 200 - i, status: 0, last_message_at: stamp(200 - i) }));
		const state = baseline(rows, false);
		expect(state).toMatchObject({ maxId: 200, bottom: stamp(101) });
		// This poll reads deeper: #300, an old conversation with a high id, lies below; #301 is new, above.
		const deeper = [{ id: 301, status: 0, last_message_at: stamp(205) }, ...rows, { id: 300, status: 0, last_message_at: stamp(50) }];
		const { changes, next } = compare(state, deeper, true);
		expect(changes.map((c) => `${c.event} ${c.conversation.id}`)).toEqual(['newConversation 301']);
		expect(next.bottom).toBe(''); // the whole list was read
		expect(next.maxId).toBe(301);
		// A state saved before `bottom` existed read only down to about its floor.
		const { bottom, ...older } = state;
		expect(bottom).toBe(stamp(101));
		expect(readState(older as unknown as IDataObject)?.bottom).toBe(state.floor);
	});

	it('moves a stamp back in its own format, so stamps still compare as strings', () => {
		expect(earlier('2026-01-01T00:30:00.123000Z', 60)).toBe('2025-12-31T23:30:00.123000Z');
		expect(earlier('2026-01-01T00:30:00Z', 1)).toBe('2026-01-01T00:29:00Z');
		expect(earlier('', 60)).toBe('');
		// Not enough until the rows go below the reach, and every remembered one above it was found again.
		const state = baseline(inbox(3), true);
		expect(readEnough(state, inbox(3), 0)).toBe(false); // the last row is at the reach, not below
		expect(readEnough({ ...state, ref: stamp(3) }, [...inbox(3), { id: 0, status: 0, last_message_at: stamp(0) }], 1)).toBe(true);
		expect(readEnough({ ...state, ref: stamp(3) }, [inbox(3)[0], { id: 0, status: 0, last_message_at: stamp(0) }], 1)).toBe(false);
	});
});
