/**
 * Feedback cards end to end on the server: persisted before the ack, pushed to the facilitator's
 * console, idempotent on retry, private to author / guide / facilitators, never in a broadcast —
 * and still there after the server is killed with SIGKILL right after the ack.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeedbackCardView, PlenarySummary, RequestPayload, SessionGroup } from '@rundgang/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { purgeCardsOlderThan } from '../src/db/feedback-cards.ts';
import { freePort } from './helpers/ports.ts';
import { spawnTs } from './helpers/processes.ts';
import {
  accepted,
  api,
  connectSocket,
  DB_KINDS,
  refused,
  request,
  signedInFacilitator,
  startTestApp,
  TEST_POSTGRES_URL,
  type TestApp,
  webinarWithParticipants,
} from './helpers/test-app.ts';
import { TestClient } from './helpers/test-client.ts';

const SECRET_TEXT = 'Veilederen tålte stillheten godt';
const card = (
  breakoutsId: string,
  groupId: string,
  round: number,
  cardId = randomUUID(),
): RequestPayload<'feedback:submit'> => ({
  cardId,
  breakoutsId,
  groupId,
  round,
  content: {
    focus: { open_questions: { mark: 'tydelig', example: 'Hva tenker du selv?' } },
    workedWell: SECRET_TEXT,
    tryNext: 'Oppsummer oftere',
    toolsUsed: ['open_questions', 'tolerating_silence'],
    supportChallenge: 40,
  },
});
const EXERCISE: RequestPayload<'breakouts:open'>['exercise'] = {
  themeId: 'structure',
  phases: [
    { kind: 'conversation', durationSec: 600 },
    { kind: 'feedback', durationSec: 600 },
  ],
};

describe.each(DB_KINDS)('feedback cards on %s', (kind) => {
  let t: TestApp;
  let webinarId: string;
  let facilitator: TestClient;
  const people: { id: string; token: string; client: TestClient; heard: string[] }[] = [];
  let group: SessionGroup;
  let cookie: string;
  const byId = (id: string) => {
    const p = people.find((x) => x.id === id);
    if (!p) throw new Error(`no participant ${id}`);
    return p;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    ({ cookie } = await signedInFacilitator(t));
    const made = await webinarWithParticipants(t, cookie, ['Ola', 'Siri', 'Per', 'Kari', 'Nils', 'Liv']);
    webinarId = made.webinarId;
    await api(t, 'POST', `/api/webinars/${webinarId}/open`, { cookie });
    facilitator = await TestClient.connect(t, { webinarId }, cookie);
    for (const inv of made.invites) {
      const client = await TestClient.connect(t, { invite: inv.token });
      const heard: string[] = [];
      client.socket.onAny((event, ...args) => heard.push(`${event} ${JSON.stringify(args)}`));
      people.push({ id: inv.id, token: inv.token, client, heard });
    }
    await facilitator.waitForState((s) => s.state.present.length === 6);
    const ids = made.invites.map((i) => i.id);
    const opened = await facilitator.request('breakouts:open', {
      exercise: EXERCISE,
      groups: [ids.slice(0, 3), ids.slice(3)],
    });
    expect(opened.ok).toBe(true);
    const s = await facilitator.waitForState((x) => x.state.breakouts !== null);
    group = s.state.breakouts?.groups[0] as SessionGroup;
  });
  afterAll(async () => {
    for (const c of [facilitator, ...people.map((p) => p.client)]) c?.close();
    await t?.close();
  });

  it('persists a submitted card before the ack and pushes it to the console', async () => {
    const roles = group.rotation[0];
    const observer = byId(roles?.observerIds[0] ?? '');
    const breakoutsId = facilitator.latest.state.breakouts?.id ?? '';
    const received = new Promise<FeedbackCardView>((r) => facilitator.socket.once('feedback:received', r));
    const sent = card(breakoutsId, group.id, 0);
    const ack = await observer.client.request('feedback:submit', sent);
    expect(ack).toMatchObject({ ok: true, data: { cardId: sent.cardId } });
    // Persisted before the ack: the row is there the moment the ack arrives.
    const rows = await t.db.query<{ id: string; observer_id: string; guide_id: string }>(
      'select id, observer_id, guide_id from feedback_cards where id = $1',
      [sent.cardId],
    );
    expect(rows).toEqual([{ id: sent.cardId, observer_id: observer.id, guide_id: roles?.guideId }]);
    const pushed = await received;
    expect(pushed).toMatchObject({ cardId: sent.cardId, observerId: observer.id, guideId: roles?.guideId });
    expect(pushed.content.workedWell).toBe(SECRET_TEXT);
    // The console's "cards in" comes from receipts in the public state.
    await facilitator.waitForState((x) => x.state.feedbackIn.some((r) => r.observerId === observer.id));

    // A retry of the same card is stored once.
    const again = await observer.client.request('feedback:submit', sent);
    expect(again).toMatchObject({ ok: true, data: { cardId: sent.cardId } });
    const count = await t.db.query<{ n: number }>(
      'select count(*)::int as n from feedback_cards where id = $1',
      [sent.cardId],
    );
    expect(count[0]?.n).toBe(1);
    expect(facilitator.latest.state.feedbackIn.filter((r) => r.observerId === observer.id)).toHaveLength(1);

    // The guide may read it; the author too.
    const guide = byId(roles?.guideId ?? '');
    const guideList = accepted(await guide.client.request('feedback:list', {}));
    expect(guideList.cards.map((c) => c.cardId)).toEqual([sent.cardId]);
    const printed = await api(t, 'GET', `/api/invites/${guide.token}/feedback/${sent.cardId}`);
    expect(printed.status).toBe(200);
    expect(printed.body.card.content.workedWell).toBe(SECRET_TEXT);
  });

  it('keeps cards private: others get 404 and no content is ever broadcast', async () => {
    const roles = group.rotation[0];
    const cardId = facilitator.latest.state.feedbackIn.length
      ? (accepted(await facilitator.request('feedback:list', {})).cards[0]?.cardId ?? '')
      : '';
    const outsiders = people.filter((p) => !group.memberIds.includes(p.id));
    const advisee = byId(roles?.adviseeId ?? '');
    for (const p of [...outsiders, advisee]) {
      expect((await api(t, 'GET', `/api/invites/${p.token}/feedback/${cardId}`)).status).toBe(404);
      expect(accepted(await p.client.request('feedback:list', {})).cards).toEqual([]);
      expect(refused(await p.client.request('feedback:summary', {})).code).toBe('forbidden');
    }
    // Nobody but author and guide ever heard the contents over the socket.
    for (const p of people.filter((x) => x.id !== roles?.observerIds[0] && x.id !== roles?.guideId)) {
      expect(p.heard.join('\n')).not.toContain(SECRET_TEXT);
    }
    expect(facilitator.snapshots.map((s) => JSON.stringify(s)).join('\n')).not.toContain(SECRET_TEXT);
  });

  it('exports everything about a participant and deletes them with their cards', async () => {
    const roles = group.rotation[0];
    const observer = byId(roles?.observerIds[0] ?? '');
    const exported = await api(t, 'GET', `/api/invites/${observer.token}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.participant.id).toBe(observer.id);
    expect(
      exported.body.feedbackWritten.map((c: { content: { workedWell: string } }) => c.content.workedWell),
    ).toEqual([SECRET_TEXT]);
    expect(exported.body.feedbackReceived).toEqual([]);
    const guide = byId(roles?.guideId ?? '');
    const guideExport = await api(t, 'GET', `/api/invites/${guide.token}/export`);
    expect(guideExport.body.feedbackReceived).toHaveLength(1);
    expect(guideExport.body.feedbackWritten).toEqual([]);
  });

  it('refuses cards from non-observers and bad content with a clear error', async () => {
    const roles = group.rotation[0];
    const breakoutsId = facilitator.latest.state.breakouts?.id ?? '';
    const guide = byId(roles?.guideId ?? '');
    expect(refused(await guide.client.request('feedback:submit', card(breakoutsId, group.id, 0))).code).toBe(
      'forbidden',
    );
    const observer = byId(roles?.observerIds[0] ?? '');
    const bad = card(breakoutsId, group.id, 0);
    const withScore = { ...bad, content: { ...bad.content, score: 5 } };
    const res = await observer.client.request('feedback:submit', withScore);
    expect(refused(res).code).toBe('bad_request');
    const unknownTool = { ...bad, content: { ...bad.content, toolsUsed: ['hypnosis'] } };
    expect(refused(await observer.client.request('feedback:submit', unknownTool)).message).toContain(
      'hypnosis',
    );
    expect(refused(await facilitator.request('feedback:submit', bad)).code).toBe('forbidden');
  });

  it('summarises anonymously for the plenary and exports CSV for facilitators', async () => {
    const summary = accepted(await facilitator.request('feedback:summary', {}));
    expect(summary.summary.totalCards).toBe(1);
    const item = summary.summary.focus.find((f) => f.focusItemId === 'open_questions');
    expect(item?.counts.tydelig).toBe(1);
    expect(JSON.stringify(summary)).not.toMatch(new RegExp(people.map((p) => p.id).join('|')));
    const { cards } = accepted(await facilitator.request('feedback:list', {}));
    const shown = new Promise<PlenarySummary>((r) => people[5]?.client.socket.once('feedback:presented', r));
    await facilitator.request('feedback:present', { quoteCardIds: [cards[0]?.cardId ?? ''] });
    const presented = await shown;
    expect(presented.quotes.map((q) => q.text)).toContain(SECRET_TEXT);
    expect(JSON.stringify(presented)).not.toContain('Ola');
  });

  it('exports the webinar’s cards as CSV for its facilitators only', async () => {
    const res = await fetch(`${t.url}/api/webinars/${webinarId}/feedback.csv?lang=en`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const bytes = Buffer.from(await res.arrayBuffer());
    // A UTF-8 byte order mark, so Excel reads æøå right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('What worked well');
    expect(lines[1]).toContain(SECRET_TEXT);
    const other = await signedInFacilitator(t);
    const denied = await fetch(`${t.url}/api/webinars/${webinarId}/feedback.csv`, {
      headers: { cookie: other.cookie },
    });
    expect(denied.status).toBe(404);
    expect((await fetch(`${t.url}/api/webinars/${webinarId}/feedback.csv`)).status).toBe(401);
  });

  it('purges cards past the retention period, and only those', async () => {
    expect(await purgeCardsOlderThan(t.db, 1)).toBe(0);
    await t.db.query("update feedback_cards set submitted_at = now() - interval '400 days'");
    expect(await purgeCardsOlderThan(t.db, 365)).toBe(1);
    // Put a card back for the tests after this one.
    const roles = group.rotation[0];
    const breakoutsId = facilitator.latest.state.breakouts?.id ?? '';
    const again = await byId(roles?.observerIds[0] ?? '').client.request(
      'feedback:submit',
      card(breakoutsId, group.id, 0),
    );
    expect(again.ok).toBe(true);
  });

  it('lets a facilitator delete a participant, removing the cards they wrote', async () => {
    const observerId = group.rotation[0]?.observerIds[0] ?? '';
    const other = await signedInFacilitator(t);
    expect(
      (
        await api(t, 'DELETE', `/api/webinars/${webinarId}/participants/${observerId}`, {
          cookie: other.cookie,
        })
      ).status,
    ).toBe(404);
    const res = await api(t, 'DELETE', `/api/webinars/${webinarId}/participants/${observerId}`, { cookie });
    expect(res.status).toBe(204);
    const left = await t.db.query<{ n: number }>(
      'select count(*)::int as n from feedback_cards where observer_id = $1',
      [observerId],
    );
    expect(left[0]?.n).toBe(0);
    expect((await api(t, 'GET', `/api/invites/${byId(observerId).token}/export`)).status).toBe(404);
    expect(
      (await api(t, 'DELETE', `/api/webinars/${webinarId}/participants/${observerId}`, { cookie })).status,
    ).toBe(404);
  });
});

describe.each(DB_KINDS)('held-back cards and receipts on %s', (kind) => {
  let t: TestApp;
  let facilitator: TestClient;
  const clients: TestClient[] = [];
  let invites: { id: string; token: string }[];
  let group: SessionGroup;
  let breakoutsId: string;
  const tokenOf = (id: string) => invites.find((i) => i.id === id)?.token ?? '';
  const clientOf = (id: string) => {
    const c = clients[invites.findIndex((i) => i.id === id)];
    if (!c) throw new Error(`no client for ${id}`);
    return c;
  };
  const receivedOverHttp = async (id: string, cardId: string) => {
    const token = tokenOf(id);
    const list = await api(t, 'GET', `/api/invites/${token}/feedback`);
    const one = await api(t, 'GET', `/api/invites/${token}/feedback/${cardId}`);
    const exported = await api(t, 'GET', `/api/invites/${token}/export`);
    return {
      list: list.body.cards.map((c: { cardId: string }) => c.cardId),
      one: one.status,
      exported: exported.body.feedbackReceived.map((c: { cardId: string }) => c.cardId),
    };
  };
  const listed = async (c: TestClient) => {
    const res = await c.request('feedback:list', {});
    if (!res.ok) throw new Error(res.error.message);
    return res.data.cards.map((x: { cardId: string }) => x.cardId);
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    const { cookie } = await signedInFacilitator(t);
    const made = await webinarWithParticipants(t, cookie, ['Ola', 'Siri', 'Per', 'Kari']);
    invites = made.invites;
    await api(t, 'POST', `/api/webinars/${made.webinarId}/open`, { cookie });
    facilitator = await TestClient.connect(t, { webinarId: made.webinarId }, cookie);
    for (const inv of invites) clients.push(await TestClient.connect(t, { invite: inv.token }));
    await facilitator.waitForState((s) => s.state.present.length === 4);
    const opened = await facilitator.request('breakouts:open', {
      exercise: { ...EXERCISE, feedbackVisibleToGuide: 'after_feedback_phase' },
      groups: [invites.map((i) => i.id)],
    });
    expect(opened).toMatchObject({ ok: true });
    const s = await facilitator.waitForState((x) => x.state.breakouts !== null);
    group = s.state.breakouts?.groups[0] as SessionGroup;
    breakoutsId = s.state.breakouts?.id ?? '';
  });
  afterAll(async () => {
    for (const c of [facilitator, ...clients]) c?.close();
    await t?.close();
  });

  it('holds a card back from its guide on every path — socket and HTTP — until the feedback phase is over', async () => {
    const roles = group.rotation[0];
    const observerId = roles?.observerIds[0] ?? '';
    const guideId = roles?.guideId ?? '';
    const sent = card(breakoutsId, group.id, 0);
    expect(await clientOf(observerId).request('feedback:submit', sent)).toMatchObject({ ok: true });

    // The conversation, then the feedback phase: the guide reads nothing yet, on any path.
    for (const skips of [0, 1]) {
      if (skips) {
        const skipped = await facilitator.request('timer:control', { action: 'skip_phase', target: 'all' });
        expect(skipped).toMatchObject({ ok: true });
      }
      expect(await listed(clientOf(guideId))).toEqual([]);
      expect(await receivedOverHttp(guideId, sent.cardId)).toEqual({ list: [], one: 404, exported: [] });
    }
    // Its author and the facilitator read it all along.
    expect(await listed(clientOf(observerId))).toEqual([sent.cardId]);
    expect(await listed(facilitator)).toEqual([sent.cardId]);
    const written = await api(t, 'GET', `/api/invites/${tokenOf(observerId)}/export`);
    expect(written.body.feedbackWritten.map((c: { cardId: string }) => c.cardId)).toEqual([sent.cardId]);

    // The feedback phase is over (the next round starts): released everywhere at once.
    expect(await facilitator.request('timer:control', { action: 'skip_phase', target: 'all' })).toMatchObject(
      {
        ok: true,
      },
    );
    expect(await listed(clientOf(guideId))).toEqual([sent.cardId]);
    expect(await receivedOverHttp(guideId, sent.cardId)).toEqual({
      list: [sent.cardId],
      one: 200,
      exported: [sent.cardId],
    });
  });

  it('never stores a card without its receipt: a failed receipt append stores nothing, the retry stores both', async () => {
    const observerId = group.rotation[0]?.observerIds[1] ?? '';
    // The next receipt append fails once, inside the database (a sequence is not rolled back).
    await t.db.exec(`
      create sequence receipt_attempts;
      create function fail_first_receipt() returns trigger language plpgsql as $$
      begin
        if new.type = 'feedback_submitted' and nextval('receipt_attempts') = 1 then
          raise exception 'receipt append failed (test)';
        end if;
        return new;
      end $$;
      create trigger fail_first_receipt before insert on webinar_events
        for each row execute function fail_first_receipt();
    `);
    try {
      const sent = card(breakoutsId, group.id, 0);
      const cardsIn = async () =>
        (
          await t.db.query<{ n: number }>('select count(*)::int as n from feedback_cards where id = $1', [
            sent.cardId,
          ])
        )[0]?.n;
      const receiptsIn = async () =>
        (
          await t.db.query<{ n: number }>(
            "select count(*)::int as n from webinar_events where type = 'feedback_submitted' and payload->>'observerId' = $1",
            [observerId],
          )
        )[0]?.n;

      expect(await clientOf(observerId).request('feedback:submit', sent)).toMatchObject({ ok: false });
      expect({ cards: await cardsIn(), receipts: await receiptsIn() }).toEqual({ cards: 0, receipts: 0 });

      expect(await clientOf(observerId).request('feedback:submit', sent)).toMatchObject({ ok: true });
      expect({ cards: await cardsIn(), receipts: await receiptsIn() }).toEqual({ cards: 1, receipts: 1 });
      await facilitator.waitForState((x) =>
        x.state.feedbackIn.some((r) => r.observerId === observerId && r.round === 0),
      );
    } finally {
      await t.db.exec(`
        drop trigger fail_first_receipt on webinar_events;
        drop function fail_first_receipt();
        drop sequence receipt_attempts;
      `);
    }
  });
});

describe.each(DB_KINDS)('a card acked just before kill -9 (%s)', (kind) => {
  let dataDir: string | undefined;
  let dbName: string | undefined;
  afterAll(async () => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  });

  it('is still there after a restart', async () => {
    const lk = inject('livekit');
    const port = await freePort();
    const env: Record<string, string> = {
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LIVEKIT_URL: lk.url,
      LIVEKIT_API_KEY: lk.apiKey,
      LIVEKIT_API_SECRET: lk.apiSecret,
    };
    if (kind === 'pglite') {
      dataDir = mkdtempSync(join(tmpdir(), 'rundgang-kill-'));
      env.DATA_DIR = dataDir;
    } else {
      dbName = `rg_kill_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      await admin.query(`create database ${dbName}`);
      await admin.end();
      env.DATABASE_URL = TEST_POSTGRES_URL.replace(/\/[^/]*$/, `/${dbName}`);
    }
    const url = `http://127.0.0.1:${port}`;
    const first = spawnTs('src/main.ts', [], env);
    const setupLink = (await first.waitFor(/SETUP_LINK \S+/, 60_000)).split(' ')[1] ?? '';
    const token = new URL(setupLink).searchParams.get('token');
    const post = (path: string, body: unknown, cookie = '') =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(body),
      });
    const setup = await post('/api/setup', {
      token,
      name: 'Kari',
      email: 'kari@example.no',
      password: 'et-langt-passord',
    });
    const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const w = (await (await post('/api/webinars', { title: 'Samling' }, cookie)).json()) as any;
    const invites: { id: string; token: string }[] = [];
    for (const name of ['A', 'B', 'C']) {
      const r = (await (
        await post(`/api/webinars/${w.webinar.id}/participants`, { name }, cookie)
      ).json()) as any;
      invites.push({ id: r.participant.id, token: r.participant.invitePath.split('/').pop() });
    }
    await post(`/api/webinars/${w.webinar.id}/open`, {}, cookie);
    const f = await connectSocket({ url }, { webinarId: w.webinar.id }, { cookie });
    const ps = await Promise.all(invites.map((i) => connectSocket({ url }, { invite: i.token })));
    await new Promise((r) => setTimeout(r, 300));
    const opened = await request(f, 'breakouts:open', {
      exercise: EXERCISE,
      groups: [invites.map((i) => i.id)],
    });
    expect(opened.ok).toBe(true);
    const { breakouts } = accepted(await request(f, 'session:sync', { sinceSeq: 0 })).state;
    const g = breakouts?.groups[0];
    if (!breakouts || !g) throw new Error('breakouts did not open');
    const observer = ps[invites.findIndex((i) => i.id === g.rotation[0]?.observerIds[0])];
    const guide = invites.find((i) => i.id === g.rotation[0]?.guideId);
    const sent = card(breakouts.id, g.id, 0);
    if (!observer) throw new Error('no observer');
    const ack = await request(observer, 'feedback:submit', sent);
    expect(ack.ok).toBe(true);
    first.child.kill('SIGKILL');
    await first.exited;
    for (const s of [f, ...ps]) s.close();

    const second = spawnTs('src/main.ts', [], env);
    try {
      await second.waitFor('Rundgang is running', 60_000);
      const res = await fetch(`${url}/api/invites/${guide?.token}/feedback/${sent.cardId}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).card.content.workedWell).toBe(SECRET_TEXT);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    // Two cold process starts (each waits up to 60 s for its line) on a loaded 2-core machine.
  }, 180_000);
});
