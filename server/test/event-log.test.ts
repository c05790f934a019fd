import type { SessionEvent } from '@rundgang/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvents, loadEvents, SequenceConflictError } from '../src/db/event-log.ts';
import {
  api,
  DB_KINDS,
  signedInFacilitator,
  startTestApp,
  type TestApp,
  webinarWithParticipants,
} from './helpers/test-app.ts';

const joined = (participantId: string, at: number): SessionEvent => ({
  type: 'participant_joined',
  at,
  participantId,
});

describe.each(DB_KINDS)('event log on %s', (kind) => {
  let t: TestApp;
  let webinarId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const { cookie } = await signedInFacilitator(t);
    ({ webinarId } = await webinarWithParticipants(t, cookie, []));
    await api(t, 'POST', `/api/webinars/${webinarId}/open`, { cookie });
    // A new webinar's log starts with its agenda template; these tests start from an empty log.
    await t.db.query('delete from webinar_events where webinar_id = $1', [webinarId]);
  });
  afterAll(async () => t?.close());

  it('appends with per-webinar sequence numbers and loads them in order', async () => {
    expect(await appendEvents(t.db, webinarId, 0, [joined('a', 1), joined('b', 2)])).toBe(2);
    expect(await appendEvents(t.db, webinarId, 2, [joined('c', 3)])).toBe(3);
    const log = await loadEvents(t.db, webinarId);
    expect(log.map((e) => [e.seq, (e.event as { participantId: string }).participantId])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
  });

  it('lets only one of two writers with the same last sequence win, writing nothing for the loser', async () => {
    const results = await Promise.allSettled([
      appendEvents(t.db, webinarId, 3, [joined('x', 4), joined('y', 5)]),
      appendEvents(t.db, webinarId, 3, [joined('z', 4)]),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(SequenceConflictError);
    const log = await loadEvents(t.db, webinarId);
    const ids = log.slice(3).map((e) => (e.event as { participantId: string }).participantId);
    expect([['x', 'y'], ['z']]).toContainEqual(ids);
  });

  it("appends inside a caller's transaction: rolled back with it, nothing half-written", async () => {
    const before = (await loadEvents(t.db, webinarId)).length;
    await expect(
      t.db.transaction(async (tx) => {
        await appendEvents(tx, webinarId, before, [joined('p', 6), joined('q', 7)]);
        throw new Error('the row written beside the events failed');
      }),
    ).rejects.toThrow('beside the events');
    expect(await loadEvents(t.db, webinarId)).toHaveLength(before);
  });

  it('replays receipts of earlier logs (with content: null) as content-free receipts', async () => {
    const seq = (await loadEvents(t.db, webinarId)).length + 1;
    const old = {
      type: 'feedback_submitted',
      at: 8,
      groupId: 'g1',
      round: 0,
      observerId: 'c',
      content: null,
    };
    await t.db.query('insert into webinar_events (webinar_id, seq, type, payload) values ($1, $2, $3, $4)', [
      webinarId,
      seq,
      old.type,
      JSON.stringify(old),
    ]);
    const log = await loadEvents(t.db, webinarId);
    expect(log.at(-1)).toEqual({
      seq,
      event: { type: 'feedback_submitted', at: 8, groupId: 'g1', round: 0, observerId: 'c' },
    });
  });
});
