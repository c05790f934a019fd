/**
 * Exercises as they run in a real webinar, against a real server whose clock the test moves:
 * cards that come in after the breakouts closed, groups that change while running.
 */
import { randomUUID } from 'node:crypto';
import type { FeedbackCardView, PlenarySummary, RequestPayload } from '@rundgang/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accepted,
  api,
  DB_KINDS,
  refused,
  signedInFacilitator,
  startTestApp,
  type TestApp,
  webinarWithParticipants,
} from './helpers/test-app.ts';
import { TestClient } from './helpers/test-client.ts';

const MIN = 60_000;
const LATE_TEXT = 'Skrevet ferdig etter at gruppene var lukket';
const card = (breakoutsId: string, groupId: string, round: number): RequestPayload<'feedback:submit'> => ({
  cardId: randomUUID(),
  breakoutsId,
  groupId,
  round,
  content: {
    focus: { open_questions: { mark: 'delvis', example: 'Hva tenker du?' } },
    workedWell: LATE_TEXT,
    tryNext: 'Tål stillheten lenger',
    toolsUsed: ['open_questions'],
    supportChallenge: 50,
  },
});

/** A server clock the test can move forward. */
function movableClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms: number) => (offset += ms) };
}

describe.each(DB_KINDS)('a card after the breakouts closed (%s)', (kind) => {
  const clock = movableClock();
  let t: TestApp;
  let facilitator: TestClient;
  const clients = new Map<string, TestClient>();
  const clientOf = (id: string) => {
    const c = clients.get(id);
    if (!c) throw new Error(`no client ${id}`);
    return c;
  };

  beforeAll(async () => {
    t = await startTestApp(kind, { now: clock.now });
    const { cookie } = await signedInFacilitator(t);
    const made = await webinarWithParticipants(t, cookie, ['Ola', 'Siri', 'Per']);
    await api(t, 'POST', `/api/webinars/${made.webinarId}/open`, { cookie });
    facilitator = await TestClient.connect(t, { webinarId: made.webinarId }, cookie);
    for (const inv of made.invites) clients.set(inv.id, await TestClient.connect(t, { invite: inv.token }));
    await facilitator.waitForState((s) => s.state.present.length === 3);
    const opened = await facilitator.request('breakouts:open', {
      exercise: { themeId: 'structure' },
      groups: [made.invites.map((i) => i.id)],
    });
    expect(opened).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    for (const c of [facilitator, ...clients.values()]) c?.close();
    await t?.close();
  });

  it('is stored and reaches the guide when sent 2 minutes after the close; not after the grace period', async () => {
    const open = (await facilitator.waitForState((s) => s.state.breakouts !== null)).state.breakouts;
    const group = open?.groups[0];
    const roles = group?.rotation[0];
    if (!open || !group || !roles) throw new Error('breakouts did not open');
    const observerId = roles.observerIds[0] ?? '';

    // 20 minutes in (round 1 has started), the facilitator closes while the observer still writes.
    clock.advance(20 * MIN);
    expect(await facilitator.request('breakouts:close', { immediately: true })).toMatchObject({ ok: true });
    const closed = await facilitator.waitForState((s) => s.state.breakouts === null);
    expect(closed.state.recentlyClosed).toMatchObject({ id: open.id });

    clock.advance(2 * MIN);
    const guide = clientOf(roles.guideId);
    const reachedGuide = new Promise<FeedbackCardView>((resolve) =>
      guide.socket.once('feedback:received', resolve),
    );
    const sent = card(open.id, group.id, 0);
    expect(await clientOf(observerId).request('feedback:submit', sent)).toMatchObject({
      ok: true,
      data: { cardId: sent.cardId },
    });
    const rows = await t.db.query<{ observer_id: string; guide_id: string; breakouts_id: string }>(
      'select observer_id, guide_id, breakouts_id from feedback_cards where id = $1',
      [sent.cardId],
    );
    expect(rows).toEqual([{ observer_id: observerId, guide_id: roles.guideId, breakouts_id: open.id }]);
    expect((await reachedGuide).content.workedWell).toBe(LATE_TEXT);
    expect(accepted(await guide.request('feedback:list', {})).cards.map((c) => c.cardId)).toEqual([
      sent.cardId,
    ]);
    const after = await facilitator.waitForState((s) => (s.state.recentlyClosed?.feedbackIn.length ?? 0) > 0);
    expect(after.state.recentlyClosed?.feedbackIn).toEqual([{ groupId: group.id, round: 0, observerId }]);
    // The public state carries the receipt, never the words.
    expect(JSON.stringify(facilitator.snapshots)).not.toContain(LATE_TEXT);

    // One card is too few for the plenary: the console hears why; the plenary sees no counts.
    const forConsole = accepted(await facilitator.request('feedback:summary', {}));
    expect(forConsole).toMatchObject({ breakoutsId: open.id, withheld: { cards: 1, minimum: 3 } });
    expect(forConsole.summary.totalCards).toBe(1);
    const shown = new Promise<PlenarySummary>((resolve) => guide.socket.once('feedback:presented', resolve));
    expect(await facilitator.request('feedback:present', {})).toMatchObject({ ok: true });
    const presented = await shown;
    expect(presented.withheld).toEqual({ cards: 1, minimum: 3 });
    expect(presented.summary.totalCards).toBe(0);
    expect(presented.summary.focus.every((f) => f.counts.delvis === 0)).toBe(true);

    // Ten minutes after the close the door shuts: round 1's card (its round had started) is refused.
    clock.advance(9 * MIN);
    const observer1 = group.rotation[1]?.observerIds[0] ?? '';
    const tooLate = refused(await clientOf(observer1).request('feedback:submit', card(open.id, group.id, 1)));
    expect(tooLate).toMatchObject({ code: 'conflict', message: expect.stringContaining('have ended') });
  });
});

describe.each(DB_KINDS)('the series history feeds rotation and grouping (%s)', (kind) => {
  let t: TestApp;
  let facilitator: TestClient;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    const { cookie } = await signedInFacilitator(t);
    const made = await webinarWithParticipants(t, cookie, ['Ola', 'Siri', 'Per', 'Kari', 'Nils', 'Liv']);
    await api(t, 'POST', `/api/webinars/${made.webinarId}/open`, { cookie });
    facilitator = await TestClient.connect(t, { webinarId: made.webinarId }, cookie);
    for (const inv of made.invites) clients.push(await TestClient.connect(t, { invite: inv.token }));
    await facilitator.waitForState((s) => s.state.present.length === 6);
  });
  afterAll(async () => {
    for (const c of [facilitator, ...clients]) c?.close();
    await t?.close();
  });

  it('exercise 2 lets those who did not guide in exercise 1 go first, and avoids exercise 1’s partners', async () => {
    const first = accepted(
      await facilitator.request('breakouts:propose', { strategy: 'random', groupSize: 3 }),
    );
    expect(first.pairs).toEqual({ newPairs: 6, repeatedPairs: 0 });
    // One round per group: two people guide in exercise 1.
    const exercise = { themeId: 'structure', rounds: 1 };
    expect(await facilitator.request('breakouts:open', { exercise, groups: first.groups })).toMatchObject({
      ok: true,
    });
    const one = (await facilitator.waitForState((s) => s.state.breakouts !== null)).state.breakouts;
    const guidedFirst = new Set(one?.groups.map((g) => g.rotation[0]?.guideId));
    expect(guidedFirst.size).toBe(2);
    expect(await facilitator.request('breakouts:close', { immediately: true })).toMatchObject({ ok: true });
    await facilitator.waitForState((s) => s.state.breakouts === null);

    const second = accepted(
      await facilitator.request('breakouts:propose', {
        strategy: 'random',
        groupSize: 3,
        avoidEarlierPartners: true,
      }),
    );
    // Two triads from two triads: each new triad must keep one earlier pair, no more.
    expect(second.pairs).toEqual({ newPairs: 4, repeatedPairs: 2 });
    expect(await facilitator.request('breakouts:open', { exercise, groups: second.groups })).toMatchObject({
      ok: true,
    });
    const two = (
      await facilitator.waitForState((s) => s.state.breakouts !== null && s.state.breakouts.id !== one?.id)
    ).state.breakouts;
    for (const g of two?.groups ?? []) expect(guidedFirst.has(g.rotation[0]?.guideId ?? '')).toBe(false);
  });
});

describe.each(DB_KINDS)('groups that change while running (%s)', (kind) => {
  let t: TestApp;
  let facilitator: TestClient;
  const clients: TestClient[] = [];
  let invites: { id: string; token: string }[];

  beforeAll(async () => {
    t = await startTestApp(kind);
    const { cookie } = await signedInFacilitator(t);
    const made = await webinarWithParticipants(t, cookie, ['A', 'B', 'C', 'D', 'E', 'F', 'Sen']);
    invites = made.invites;
    await api(t, 'POST', `/api/webinars/${made.webinarId}/open`, { cookie });
    facilitator = await TestClient.connect(t, { webinarId: made.webinarId }, cookie);
    for (const inv of invites.slice(0, 6)) clients.push(await TestClient.connect(t, { invite: inv.token }));
    await facilitator.waitForState((s) => s.state.present.length === 6);
  });
  afterAll(async () => {
    for (const c of [facilitator, ...clients]) c?.close();
    await t?.close();
  });

  it('a group of 2 after a move runs 2 rounds; a late joiner who has not guided gets a turn', async () => {
    const ids = invites.map((i) => i.id);
    const opened = await facilitator.request('breakouts:open', {
      exercise: { themeId: 'structure' },
      groups: [ids.slice(0, 3), ids.slice(3, 6)],
    });
    expect(opened).toMatchObject({ ok: true });
    const g1 = (await facilitator.waitForState((s) => s.state.breakouts !== null)).state.breakouts?.groups[0];
    const mover = g1?.rotation[2]?.guideId ?? '';
    expect(
      await facilitator.request('group:move_member', { participantId: mover, toGroupId: 'g2' }),
    ).toMatchObject({
      ok: true,
    });
    const afterMove = (
      await facilitator.waitForState((s) => s.state.breakouts?.groups[0]?.memberIds.length === 2)
    ).state.breakouts;
    const pair = afterMove?.groups[0];
    expect(pair?.rotation).toHaveLength(2);
    expect(new Set(pair?.rotation.map((r) => r.guideId))).toEqual(new Set(pair?.memberIds));
    // The mover observes the round under way in g2 and guides once there.
    const g2 = afterMove?.groups[1];
    expect(g2?.rotation[0]?.observerIds).toContain(mover);
    expect(g2?.rotation.filter((r) => r.guideId === mover)).toHaveLength(1);

    // A late joiner goes to the smallest group (the pair) and gets a guide turn there.
    const late = invites[6];
    if (!late) throw new Error('no late joiner');
    clients.push(await TestClient.connect(t, { invite: late.token }));
    const placed = (
      await facilitator.waitForState(
        (s) => s.state.breakouts?.groups[0]?.memberIds.includes(late.id) ?? false,
      )
    ).state.breakouts?.groups[0];
    expect(placed?.rotation[0]?.observerIds).toContain(late.id);
    expect(placed?.rotation.map((r) => r.guideId).filter((id) => id === late.id)).toHaveLength(1);
    expect(new Set(placed?.rotation.map((r) => r.guideId)).size).toBe(placed?.rotation.length);
  });
});
