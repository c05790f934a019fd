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
});
