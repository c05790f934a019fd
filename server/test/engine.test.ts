/**
 * The live exercise engine through real socket.io clients, a real database (PGlite and
 * Postgres) and the real LiveKit server: breakouts open with a token per group room, phases
 * advance on deadlines, timer controls for one group and all, rotation, restart in the middle
 * of a round, closing countdown back to plenary, and policy on every facilitator command.
 */

import type { RequestPayload } from '@rundgang/shared';
import { can, type SessionGroup } from '@rundgang/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlers, requestEvents } from '../src/realtime/handlers.ts';
import { freePort } from './helpers/ports.ts';
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
import { decodeJwt, TestClient } from './helpers/test-client.ts';

const EXERCISE: RequestPayload<'breakouts:open'>['exercise'] = {
  themeId: 'structure',
  phases: [
    { kind: 'preparation', durationSec: 10 },
    { kind: 'conversation', durationSec: 30 },
    { kind: 'feedback', durationSec: 20 },
    { kind: 'reflection', durationSec: 10 },
  ],
  closingCountdownSec: 10,
};
const NAMES: [string, string][] = [
  ['Ola', 'Bergen'],
  ['Siri', 'Bergen'],
  ['Per', 'Voss'],
  ['Kari', 'Voss'],
  ['Nils', 'Askøy'],
  ['Liv', 'Askøy'],
];

const group = (c: TestClient, id: string): SessionGroup => {
  const g = c.latest.state.breakouts?.groups.find((x) => x.id === id);
  if (!g) throw new Error(`no group ${id}`);
  return g;
};

describe.each(DB_KINDS)('live exercise engine on %s', (kind) => {
  let t: TestApp;
  let webinarId: string;
  let facilitator: TestClient;
  let participants: { id: string; name: string; token: string; client: TestClient }[] = [];
  let cookie: string;
  const bookkeeping = () => t.realtime.orchestrator.bookkeeping(webinarId);

  beforeAll(async () => {
    t = await startTestApp(kind, { port: await freePort() });
    ({ cookie } = await signedInFacilitator(t));
    const made = await webinarWithParticipants(t, cookie, []);
    webinarId = made.webinarId;
    const invited: { id: string; name: string; token: string }[] = [];
    for (const [name, municipality] of NAMES) {
      const r = await api(t, 'POST', `/api/webinars/${webinarId}/participants`, {
        cookie,
        body: { name, municipality },
      });
      invited.push({
        id: r.body.participant.id,
        name,
        token: r.body.participant.invitePath.split('/').pop(),
      });
    }
    await api(t, 'POST', `/api/webinars/${webinarId}/open`, { cookie });
    facilitator = await TestClient.connect(t, { webinarId }, cookie);
    participants = await Promise.all(
      invited.map(async (p) => ({ ...p, client: await TestClient.connect(t, { invite: p.token }) })),
    );
  });
  afterAll(async () => {
    for (const c of [facilitator, ...participants.map((p) => p.client)]) c?.close();
    await t?.close();
  });

  it('opens breakouts: every participant gets its assignment and a token for its group room', async () => {
    await facilitator.waitForState((s) => s.state.present.length === 6);
    const proposal = await facilitator.request('breakouts:propose', {
      strategy: 'mix_municipalities',
      groupSize: 3,
    });
    const { groups } = accepted(proposal);
    expect(groups.map((g) => g.length)).toEqual([3, 3]);
    // Mixing three municipalities of two people each into two groups of three: at most one pair each.
    const opened = await facilitator.request('breakouts:open', { exercise: EXERCISE, groups });
    expect(opened).toMatchObject({ ok: true });

    for (const p of participants) {
      const assignment = await p.client.until(() => p.client.assignments.find((a) => a.groupId !== null));
      const g = group(p.client, assignment.groupId ?? '');
      expect(g.memberIds).toContain(p.id);
      const claims = decodeJwt(assignment.grant.token);
      expect(claims.video.room).toBe(`group-${webinarId}-${g.id}`);
      expect(claims.sub).toBe(`p:${p.id}`);
      expect(claims.exp - claims.nbf).toBeLessThanOrEqual(300);
    }
    // The orchestrator remembers everyone's group room, and their names for tokens.
    expect(bookkeeping()).toMatchObject({ places: 6, names: 6 });
    // What the participant asks for now is its group room, too.
    const p0 = participants[0];
    const now = accepted(await p0?.client.request('livekit:token', {}));
    expect(decodeJwt(now.grant.token).video.room).toBe(`group-${webinarId}-${now.groupId}`);
    expect(now.groupId).toMatch(/^g[12]$/);
    // Facilitators can visit any room; participants cannot.
    const visit = accepted(await facilitator.request('room:visit', { groupId: 'g2' }));
    expect(decodeJwt(visit.grant.token).video.room).toBe(`group-${webinarId}-g2`);
    expect(refused(await facilitator.request('room:visit', { groupId: 'g9' })).code).toBe('not_found');
    const byParticipant = await p0?.client.request('room:visit', { groupId: 'g2' });
    expect(byParticipant).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('plans a rotation where everyone is guide once and advisee once', () => {
    for (const id of ['g1', 'g2']) {
      const g = group(facilitator, id);
      expect(g.rotation).toHaveLength(3);
      expect(new Set(g.rotation.map((r) => r.guideId))).toEqual(new Set(g.memberIds));
      expect(new Set(g.rotation.map((r) => r.adviseeId))).toEqual(new Set(g.memberIds));
      for (const r of g.rotation) expect(r.observerIds).toHaveLength(1);
    }
  });

  it('advances a phase on its deadline, chained from the deadline', async () => {
    const before = group(facilitator, 'g2').timer;
    expect(before).toMatchObject({ status: 'running', round: 0, phaseIndex: 0 });
    const deadline = before.status === 'running' ? before.deadline : 0;
    expect(deadline - Date.now()).toBeLessThanOrEqual(10_000);
    const after = await facilitator.waitForState(
      (s) => s.state.breakouts?.groups.find((g) => g.id === 'g2')?.timer.phaseIndex === 1,
      14_000,
    );
    const timer = after.state.breakouts?.groups.find((g) => g.id === 'g2')?.timer;
    expect(timer).toEqual({ status: 'running', round: 0, phaseIndex: 1, deadline: deadline + 30_000 });
    expect(after.serverTime).toBeGreaterThanOrEqual(deadline);
  });

  it('pauses, resumes, extends and skips for one group and for all', async () => {
    const cmd = async (payload: RequestPayload<'timer:control'>) => {
      const { seq } = accepted(await facilitator.request('timer:control', payload));
      return facilitator.waitForState((s) => s.seq >= seq);
    };
    await cmd({ action: 'pause', target: 'g1' });
    expect(group(facilitator, 'g1').timer.status).toBe('paused');
    expect(group(facilitator, 'g2').timer.status).toBe('running');
    await cmd({ action: 'resume', target: 'g1' });
    expect(group(facilitator, 'g1').timer.status).toBe('running');

    const deadlines = () =>
      ['g1', 'g2'].map((id) => (group(facilitator, id).timer as { deadline: number }).deadline);
    const [d1, d2] = deadlines();
    await cmd({ action: 'extend', target: 'all', ms: 60_000 });
    expect(deadlines()).toEqual([(d1 ?? 0) + 60_000, (d2 ?? 0) + 60_000]);

    const phaseBefore = group(facilitator, 'g1').timer.phaseIndex;
    await cmd({ action: 'skip_phase', target: 'g1' });
    expect(group(facilitator, 'g1').timer).toMatchObject({ round: 0, phaseIndex: phaseBefore + 1 });
    await cmd({ action: 'end_round', target: 'g1' });
    expect(group(facilitator, 'g1').timer).toMatchObject({ status: 'running', round: 1, phaseIndex: 0 });

    await cmd({ action: 'pause', target: 'all' });
    expect(['g1', 'g2'].map((id) => group(facilitator, id).timer.status)).toEqual(['paused', 'paused']);
    await cmd({ action: 'resume', target: 'all' });
    expect(refused(await facilitator.request('timer:control', { action: 'pause', target: 'g7' })).code).toBe(
      'not_found',
    );
  });

  it('undoes "skip phase (all)" exactly, once, and only for facilitators', async () => {
    const timers = () => ['g1', 'g2'].map((id) => group(facilitator, id).timer);
    const before = timers();
    const { seq } = accepted(
      await facilitator.request('timer:control', { action: 'skip_phase', target: 'all' }),
    );
    const skipped = await facilitator.waitForState((s) => s.seq >= seq);
    const undo = skipped.state.breakouts?.undo;
    expect(undo).toMatchObject({ action: 'phase_skipped', target: 'all' });
    expect(timers()).not.toEqual(before);
    const p0 = participants[0]?.client;
    expect(refused(await p0?.request('timer:undo', { at: undo?.at ?? 0 })).code).toBe('forbidden');
    const undone = accepted(await facilitator.request('timer:undo', { at: undo?.at ?? 0 }));
    const restored = await facilitator.waitForState((s) => s.seq >= undone.seq);
    expect(restored.state.breakouts?.undo).toBeUndefined();
    // A tick may have moved a timer whose deadline passed meanwhile; compare without it.
    expect(timers().map((t) => t.status === 'running' && t.deadline)).toEqual(
      before.map((t) => t.status === 'running' && t.deadline),
    );
    expect(refused(await facilitator.request('timer:undo', { at: undo?.at ?? 0 })).code).toBe('conflict');
    expect(refused(await facilitator.request('timer:undo', { at: -1 } as never)).code).toBe('bad_request');
  });

  it('keeps state and every deadline across a server restart; clients resync without reloading', async () => {
    const before = facilitator.latest;
    const sockets = [facilitator, ...participants.map((p) => p.client)];
    const counts = sockets.map((c) => c.snapshots.length);
    t = await t.restart();
    // The same socket objects reconnect by themselves and receive the state again.
    await Promise.all(
      sockets.map((c, i) => c.until(() => c.socket.connected && c.snapshots.length > (counts[i] ?? 0))),
    );
    const after = await facilitator.waitForState((s) => s.state.present.length === 6);
    expect(after.state.breakouts?.groups).toEqual(before.state.breakouts?.groups);
    expect(after.state.breakouts?.startedAt).toBe(before.state.breakouts?.startedAt);
    const sync = accepted(await participants[0]?.client.request('session:sync', { sinceSeq: before.seq }));
    expect(sync.state.breakouts?.groups).toEqual(before.state.breakouts?.groups);
  });

  it('runs the agenda: facilitators start segments, everyone sees where the run is', async () => {
    const res = await facilitator.request('agenda:start_segment', { index: 0 });
    expect(res.ok).toBe(true);
    const s = await participants[0]?.client.waitForState((x) => x.state.agenda.run?.currentIndex === 0);
    expect(s?.state.agenda.run?.startedAt).toBeGreaterThan(0);
    const plan = { segments: [{ kind: 'plenary' as const, title: 'Innsjekk', plannedMinutes: 10 }] };
    expect((await facilitator.request('agenda:plan', { plan })).ok).toBe(true);
    await facilitator.waitForState((x) => x.state.agenda.plan.segments.length === 1);
    expect(refused(await facilitator.request('agenda:start_segment', { index: 4 })).code).toBe('not_found');
  });

  it('lets participants ask for help and facilitators resolve it', async () => {
    const p = participants[2];
    const asked = await p?.client.request('help:request', {});
    expect(asked).toMatchObject({ ok: true });
    const s = await facilitator.waitForState((x) => (x.state.breakouts?.helpRequests.length ?? 0) === 1);
    const groupId = s.state.breakouts?.helpRequests[0]?.groupId ?? '';
    expect(group(facilitator, groupId).memberIds).toContain(p?.id);
    expect(await facilitator.request('help:resolve', { groupId })).toMatchObject({ ok: true });
    await facilitator.waitForState((x) => x.state.breakouts?.helpRequests.length === 0);
    expect(refused(await facilitator.request('help:request', {})).code).toBe('forbidden');
  });

  it('moves a person to another group: they observe there and get that room', async () => {
    const from = group(facilitator, 'g1');
    const mover = participants.find((p) => p.id === from.memberIds[0]);
    if (!mover) throw new Error('no mover');
    const before = mover.client.assignments.length;
    const res = await facilitator.request('group:move_member', { participantId: mover.id, toGroupId: 'g2' });
    const { seq } = accepted(res);
    const s = await facilitator.waitForState((x) => x.seq >= seq);
    const g1 = s.state.breakouts?.groups.find((g) => g.id === 'g1');
    const g2 = s.state.breakouts?.groups.find((g) => g.id === 'g2');
    expect(g1?.memberIds).not.toContain(mover.id);
    expect(g2?.memberIds).toContain(mover.id);
    expect(g2?.rotation.every((r) => r.guideId !== mover.id && r.adviseeId !== mover.id)).toBe(true);
    const moved = await mover.client.until(() =>
      mover.client.assignments.slice(before).find((a) => a.groupId === 'g2'),
    );
    expect(decodeJwt(moved.grant.token).video.room).toBe(`group-${webinarId}-g2`);
  });

  it('refuses every facilitator command from a participant', async () => {
    const facilitatorOnly = requestEvents.filter((event) => {
      const { capability } = handlers[event];
      return capability && !can('participant', capability);
    });
    expect(facilitatorOnly.sort()).toEqual([
      'agenda:plan',
      'agenda:start_segment',
      'breakouts:close',
      'breakouts:open',
      'breakouts:propose',
      'broadcast:send',
      'feedback:present',
      'feedback:summary',
      'floor:microphones',
      'group:move_member',
      'hand:lower',
      'help:resolve',
      'roles:swap',
      'room:visit',
      'timer:control',
      'timer:undo',
    ]);
    const p = participants[1]?.client;
    await facilitator.waitForState((x) => x.state.present.length === 6);
    const serverSeq = async () => accepted(await facilitator.request('session:sync', { sinceSeq: 0 })).seq;
    const seqBefore = await serverSeq();
    for (const event of facilitatorOnly) {
      // Valid-looking payloads, so only the policy can refuse them.
      const res = await p?.request(event, {
        action: 'pause',
        target: 'all',
        text: 'hei',
        groupId: 'g1',
        index: 1,
      });
      expect(res, event).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await serverSeq()).toBe(seqBefore);
  });

  it('closes with a countdown and sends everyone back to the plenary', async () => {
    const broadcast = await facilitator.request('broadcast:send', { text: 'To minutter igjen' });
    expect(broadcast.ok).toBe(true);
    const res = await facilitator.request('breakouts:close', {});
    expect(res.ok).toBe(true);
    const closing = await facilitator.waitForState((s) => s.state.breakouts?.status === 'closing');
    const closesAt = closing.state.breakouts?.closesAt ?? 0;
    expect(closesAt - closing.serverTime).toBeGreaterThan(8_000);
    expect(closesAt - closing.serverTime).toBeLessThanOrEqual(10_000);
    for (const p of participants) {
      const back = await p.client.until(
        () => p.client.assignments.findLast((a) => a.groupId === null),
        15_000,
      );
      expect(decodeJwt(back.grant.token).video.room).toBe(`plenary-${webinarId}`);
    }
    const closed = await facilitator.waitForState((s) => s.state.breakouts === null);
    expect(closed.serverTime).toBeGreaterThanOrEqual(closesAt);
    expect(closed.state.broadcasts.at(-1)?.text).toBe('To minutter igjen');
  });

  it('moderates the plenary: hands in order, microphones locked through the LiveKit grant', async () => {
    const [a, b] = participants;
    if (!a || !b) throw new Error('participants missing');
    expect(accepted(await b.client.request('hand:raise', { raised: true }))).toBeTruthy();
    const { seq } = accepted(await a.client.request('hand:raise', { raised: true }));
    const raised = await facilitator.waitForState((s) => s.seq >= seq);
    expect(raised.state.floor?.hands.map((h) => h.participantId)).toEqual([b.id, a.id]);
    expect(refused(await a.client.request('floor:microphones', { target: 'all', locked: true })).code).toBe(
      'forbidden',
    );
    expect(refused(await facilitator.request('hand:raise', { raised: true })).code).toBe('forbidden');

    const locked = accepted(await facilitator.request('floor:microphones', { target: 'all', locked: true }));
    await facilitator.waitForState((s) => s.seq >= locked.seq);
    const sources = async (p: typeof a) =>
      decodeJwt(accepted(await p.client.request('livekit:token', {})).grant.token).video.canPublishSources;
    expect(await sources(a)).toEqual(['camera', 'screen_share', 'screen_share_audio']);

    // Giving a the word frees a's microphone and lowers a's hand; b stays locked and waiting.
    const word = accepted(await facilitator.request('floor:microphones', { target: a.id, locked: false }));
    const after = await facilitator.waitForState((s) => s.seq >= word.seq);
    expect(after.state.floor?.hands.map((h) => h.participantId)).toEqual([b.id]);
    expect(await sources(a)).toBeUndefined();
    expect(await sources(b)).toEqual(['camera', 'screen_share', 'screen_share_audio']);
    accepted(await facilitator.request('floor:microphones', { target: 'all', locked: false }));
    accepted(await facilitator.request('hand:lower', { participantId: b.id }));
  });

  it('releases the webinar from the orchestrator once everyone is back in the plenary and gone', async () => {
    // Back in the plenary, no place or mute is kept; names only while their sockets are connected.
    expect(bookkeeping()).toEqual({ places: 0, muted: 0, names: 6 });
    for (const c of [facilitator, ...participants.map((p) => p.client)]) c.close();
    await facilitator.until(() => bookkeeping().names === 0);
    expect(bookkeeping()).toEqual({ places: 0, muted: 0, names: 0 });
  });
});

describe('with LiveKit unreachable', () => {
  it('keeps the control plane working and says the media server is down', async () => {
    const dead = await freePort();
    const t = await startTestApp('pglite', {
      livekit: { url: `ws://127.0.0.1:${dead}`, apiKey: 'k', apiSecret: 'x'.repeat(32) },
    });
    try {
      const { cookie } = await signedInFacilitator(t);
      const { webinarId, invites } = await webinarWithParticipants(t, cookie, ['A', 'B', 'C']);
      await api(t, 'POST', `/api/webinars/${webinarId}/open`, { cookie });
      const f = await TestClient.connect(t, { webinarId }, cookie);
      const ps = await Promise.all(invites.map((i) => TestClient.connect(t, { invite: i.token })));
      await f.waitForState((s) => s.state.present.length === 3);
      const opened = await f.request('breakouts:open', {
        exercise: EXERCISE,
        groups: [invites.map((i) => i.id)],
      });
      expect(opened.ok).toBe(true);
      expect(f.latest.state.breakouts?.groups).toHaveLength(1);
      expect(refused(await ps[0]?.request('livekit:token', {})).code).toBe('livekit_unavailable');
      expect((await api(t, 'GET', '/readyz')).body.livekit).toMatch(/^down/);
      for (const c of [f, ...ps]) c.close();
    } finally {
      await t.close();
    }
  });
});

describe('a round that starts without its guide or advisee', () => {
  it('alerts the facilitator with a suggested swap; the dropout returns to its seat; a late joiner observes', async () => {
    const t = await startTestApp('pglite');
    try {
      const { cookie } = await signedInFacilitator(t);
      const { webinarId, invites } = await webinarWithParticipants(t, cookie, ['A', 'B', 'C', 'D']);
      await api(t, 'POST', `/api/webinars/${webinarId}/open`, { cookie });
      const f = await TestClient.connect(t, { webinarId }, cookie);
      const ps = await Promise.all(invites.map((i) => TestClient.connect(t, { invite: i.token })));
      await f.waitForState((s) => s.state.present.length === 4);
      // D drops out; the facilitator still puts them in the group (their seat is kept).
      ps[3]?.close();
      await f.waitForState((s) => s.state.present.length === 3);
      const opened = await f.request('breakouts:open', {
        exercise: { ...EXERCISE, rounds: 4 },
        groups: [invites.map((i) => i.id)],
      });
      expect(opened.ok).toBe(true);
      const absent = invites[3]?.id;
      // D guides or advises in two of the four rounds; move on until a round needs them.
      for (let round = 0; round < 4 && f.alerts.length === 0; round++) {
        await new Promise((r) => setTimeout(r, 150));
        if (f.alerts.length) break;
        await f.request('timer:control', { action: 'end_round', target: 'g1' });
      }
      const alert = await f.until(() => f.alerts[0]);
      expect(alert.missingId).toBe(absent);
      expect(['guide', 'advisee']).toContain(alert.role);
      expect(alert.replacementId).not.toBeNull();
      const g = await f.waitForState((s) => s.state.breakouts?.groups[0]?.timer.round !== undefined);
      const round = g.state.breakouts?.groups[0]?.timer.round ?? 0;
      const swap = await f.request('roles:swap', {
        groupId: 'g1',
        participantIds: [alert.missingId, alert.replacementId ?? ''],
      });
      const { seq } = accepted(swap);
      const after = await f.waitForState((s) => (s.seq ?? 0) >= seq);
      const roles = after.state.breakouts?.groups[0]?.rotation[round];
      const field = alert.role === 'guide' ? 'guideId' : 'adviseeId';
      expect(roles?.[field]).toBe(alert.replacementId);

      // The dropout comes back to the same group, and is sent its group room.
      const back = await TestClient.connect(t, { invite: invites[3]?.token });
      const seat = await back.until(() => back.assignments.find((a) => a.groupId !== null));
      expect(seat.groupId).toBe('g1');
      // A late joiner (added now) is placed as observer in the smallest group and sent there; the
      // exercise fixes 4 rounds, all guided by others, so no guide turn is left for them (they may
      // be an advisee in a round still to come).
      const late = await api(t, 'POST', `/api/webinars/${webinarId}/participants`, {
        cookie,
        body: { name: 'E' },
      });
      const lateClient = await TestClient.connect(t, {
        invite: late.body.participant.invitePath.split('/').pop(),
      });
      const lateSeat = await lateClient.until(() => lateClient.assignments.find((a) => a.groupId !== null));
      expect(lateSeat.groupId).toBe('g1');
      const placed = await f.waitForState(
        (s) => s.state.breakouts?.groups[0]?.memberIds.includes(late.body.participant.id) ?? false,
      );
      const lateRoles = placed.state.breakouts?.groups[0]?.rotation ?? [];
      expect(lateRoles.every((r) => r.guideId !== late.body.participant.id)).toBe(true);
      for (const c of [f, ...ps, back, lateClient]) c.close();
    } finally {
      await t.close();
    }
  });
});
