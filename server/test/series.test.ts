/**
 * The series as the unit: a schedule of webinars with the agenda template, one invite link per
 * person for every webinar, revoking a link, ending a webinar, and attendance from presence.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plannedTotalMs, type WebinarPublicState } from '@rundgang/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.ts';
import { loadEvents } from '../src/db/event-log.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import {
  api,
  connectSocket,
  DB_KINDS,
  signedInFacilitator,
  startTestApp,
  TEST_POSTGRES_URL,
  type TestApp,
  type TestSocket,
  until,
} from './helpers/test-app.ts';

/** A participant socket that records the webinar updates it receives and whether it was dropped. */
async function joinWithInvite(t: TestApp, invite: string) {
  const updates: WebinarPublicState[] = [];
  let dropped = '';
  const socket: TestSocket = await connectSocket(
    t,
    { invite },
    {
      onSocket: (s) => {
        s.on('webinar:updated', (u) => updates.push(u));
        s.on('disconnect', (reason) => {
          dropped = reason;
        });
      },
    },
  );
  const first = await until(() => updates[0]);
  return { socket, updates, webinarId: first.webinarId, dropped: () => dropped };
}

const schedule = [
  { title: 'Samling 1', date: '2027-02-03', startTime: '09:00' },
  { title: 'Samling 2', date: '2027-02-24', startTime: '09:00', durationMinutes: 120 },
  { title: 'Samling 3', date: '2027-03-17', startTime: '12:30' },
];

describe.each(DB_KINDS)('series on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let seriesId: string;
  let webinarIds: string[];
  const tokens: Record<string, string> = {};
  const tokenOf = (invitePath: string) => invitePath.split('/').pop() ?? '';

  beforeAll(async () => {
    t = await startTestApp(kind);
    ({ cookie } = await signedInFacilitator(t));
  });
  afterAll(async () => t?.close());

  it('creates a series of three scheduled webinars, each with the agenda template fitted to its length', async () => {
    const res = await api(t, 'POST', '/api/series', {
      cookie,
      body: { title: 'Mentorutdanning Vestfold', webinars: schedule },
    });
    expect(res.status).toBe(201);
    const s = res.body.series;
    seriesId = s.id;
    webinarIds = s.webinars.map((w: { id: string }) => w.id);
    expect(s.webinars.map((w: any) => [w.title, w.date, w.startTime, w.durationMinutes, w.status])).toEqual([
      ['Samling 1', '2027-02-03', '09:00', 180, 'planned'],
      ['Samling 2', '2027-02-24', '09:00', 120, 'planned'],
      ['Samling 3', '2027-03-17', '12:30', 180, 'planned'],
    ]);
    // Local Oslo time in winter is UTC+1.
    expect(s.webinars[0].scheduledAt).toBe('2027-02-03T08:00:00.000Z');
    for (const [i, minutes] of [180, 120, 180].entries()) {
      const [first] = await loadEvents(t.db, webinarIds[i] as string);
      expect(first?.event.type).toBe('agenda_planned');
      if (first?.event.type !== 'agenda_planned') throw new Error('no plan');
      expect(plannedTotalMs(first.event.plan)).toBe(minutes * 60_000);
    }
  });

  it('lists the series with its next webinar; another facilitator sees neither the series nor its routes', async () => {
    const list = await api(t, 'GET', '/api/series', { cookie });
    expect(list.body.series).toHaveLength(1);
    expect(list.body.series[0]).toMatchObject({
      id: seriesId,
      webinarCount: 3,
      participantCount: 0,
      nextWebinar: { id: webinarIds[0] },
    });
    const other = await signedInFacilitator(t);
    expect((await api(t, 'GET', '/api/series', { cookie: other.cookie })).body.series).toEqual([]);
    expect((await api(t, 'GET', `/api/series/${seriesId}`, { cookie: other.cookie })).status).toBe(404);
    expect(
      (await api(t, 'POST', `/api/series/${seriesId}/webinars`, { cookie: other.cookie, body: schedule[0] }))
        .status,
    ).toBe(404);
    expect((await api(t, 'GET', `/api/series/${seriesId}`)).status).toBe(401);
  });

  it('rejects a bad schedule with 400, never 5xx', async () => {
    for (const bad of [
      { title: 'x', webinars: [] },
      { title: 'x', webinars: [{ title: 'a', date: '2027-02-30', startTime: '09:00' }] },
      { title: 'x', webinars: [{ title: 'a', date: '2027-02-03', startTime: '25:00' }] },
      { title: 'x', webinars: [{ title: 'a', date: '2027-02-03', startTime: '09:00', durationMinutes: 5 }] },
    ]) {
      const res = await api(t, 'POST', '/api/series', { cookie, body: bad });
      expect(res.status).toBe(400);
    }
  });

  it('adds, reschedules and removes a planned webinar', async () => {
    const added = await api(t, 'POST', `/api/series/${seriesId}/webinars`, {
      cookie,
      body: { title: 'Ekstra', date: '2027-04-07', startTime: '09:00' },
    });
    expect(added.status).toBe(201);
    expect(added.body.webinar.position).toBe(4);
    const id = added.body.webinar.id;
    const moved = await api(t, 'PUT', `/api/series/${seriesId}/webinars/${id}`, {
      cookie,
      body: { title: 'Ekstra samling', date: '2027-04-14', startTime: '10:15', durationMinutes: 120 },
    });
    expect(moved.status).toBe(200);
    // Summer time: UTC+2.
    expect(moved.body.webinar).toMatchObject({
      title: 'Ekstra samling',
      date: '2027-04-14',
      startTime: '10:15',
      scheduledAt: '2027-04-14T08:15:00.000Z',
      durationMinutes: 120,
    });
    expect((await api(t, 'DELETE', `/api/series/${seriesId}/webinars/${id}`, { cookie })).status).toBe(204);
    const detail = await api(t, 'GET', `/api/series/${seriesId}`, { cookie });
    expect(detail.body.series.webinars.map((w: any) => w.id)).toEqual(webinarIds);
    // A webinar of another series is not this series' to change.
    const otherSeries = await api(t, 'POST', '/api/webinars', { cookie, body: { title: 'Annen' } });
    expect(
      (await api(t, 'DELETE', `/api/series/${seriesId}/webinars/${otherSeries.body.webinar.id}`, { cookie }))
        .status,
    ).toBe(404);
    expect(otherSeries.body.webinar).toMatchObject({ position: 1, scheduledAt: null, durationMinutes: 180 });
  });

  it('one invite link joins webinar 1, then webinar 3 when that is the live one', async () => {
    for (const [name, municipality] of [
      ['Ada', 'Horten'],
      ['Bo', 'Tønsberg'],
    ] as const) {
      const r = await api(t, 'POST', `/api/webinars/${webinarIds[0]}/participants`, {
        cookie,
        body: { name, municipality },
      });
      tokens[name] = tokenOf(r.body.participant.invitePath);
    }
    const info = await api(t, 'GET', `/api/invites/${tokens.Ada}`);
    expect(info.body).toMatchObject({
      participant: { name: 'Ada' },
      series: { id: seriesId, title: 'Mentorutdanning Vestfold' },
      webinar: { id: webinarIds[0], status: 'planned', date: '2027-02-03', startTime: '09:00' },
    });
    expect(info.body.webinars).toHaveLength(3);

    expect((await api(t, 'POST', `/api/webinars/${webinarIds[0]}/open`, { cookie })).status).toBe(200);
    const ada1 = await joinWithInvite(t, tokens.Ada as string);
    const bo1 = await joinWithInvite(t, tokens.Bo as string);
    expect([ada1.webinarId, bo1.webinarId]).toEqual([webinarIds[0], webinarIds[0]]);
    await until(() => ada1.updates.at(-1)?.present.length === 2);
    ada1.socket.close();
    await until(() => bo1.updates.at(-1)?.present.length === 1);

    // Ending webinar 1 tells everyone in it, then disconnects them.
    const ended = await api(t, 'POST', `/api/webinars/${webinarIds[0]}/end`, { cookie });
    expect(ended.status).toBe(200);
    expect(ended.body.webinar.status).toBe('ended');
    await until(() => bo1.updates.some((u) => u.status === 'ended'));
    await until(() => bo1.dropped() === 'io server disconnect');
    // The ended webinar's session is no longer held in memory (its timer is off).
    await until(() => !t.realtime.sessions.holds(webinarIds[0] as string));

    // Webinar 3 goes live before webinar 2: the same link now joins webinar 3.
    expect((await api(t, 'POST', `/api/webinars/${webinarIds[2]}/open`, { cookie })).status).toBe(200);
    expect((await api(t, 'GET', `/api/invites/${tokens.Ada}`)).body.webinar).toMatchObject({
      id: webinarIds[2],
      status: 'live',
    });
    const ada3 = await joinWithInvite(t, tokens.Ada as string);
    expect(ada3.webinarId).toBe(webinarIds[2]);
    ada3.socket.close();
  });

  it('an ended webinar refuses to reopen, to end again, to change, and never takes a join', async () => {
    const w1 = webinarIds[0] as string;
    const reopen = await api(t, 'POST', `/api/webinars/${w1}/open`, { cookie });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.message).toMatch(/ended/);
    expect((await api(t, 'POST', `/api/webinars/${w1}/end`, { cookie })).status).toBe(409);
    const change = await api(t, 'PUT', `/api/series/${seriesId}/webinars/${w1}`, {
      cookie,
      body: schedule[0],
    });
    expect(change.status).toBe(409);
    expect(change.body.error.message).toMatch(/already run/);
    const live = await api(t, 'DELETE', `/api/series/${seriesId}/webinars/${webinarIds[2]}`, { cookie });
    expect(live.status).toBe(409);
    expect(live.body.error.message).toMatch(/live/);
    // A planned webinar cannot be ended (it has not run).
    expect((await api(t, 'POST', `/api/webinars/${webinarIds[1]}/end`, { cookie })).status).toBe(409);

    // With webinar 3 ended too, the link waits for webinar 2; once all have ended it joins nothing.
    expect((await api(t, 'POST', `/api/webinars/${webinarIds[2]}/end`, { cookie })).status).toBe(200);
    const waiting = await joinWithInvite(t, tokens.Bo as string);
    expect(waiting.webinarId).toBe(webinarIds[1]);
    waiting.socket.close();
    expect((await api(t, 'POST', `/api/webinars/${webinarIds[1]}/open`, { cookie })).status).toBe(200);
    expect((await api(t, 'POST', `/api/webinars/${webinarIds[1]}/end`, { cookie })).status).toBe(200);
    await expect(connectSocket(t, { invite: tokens.Bo })).rejects.toMatchObject({
      data: { code: 'unauthorized' },
    });
    // The link still opens the person's own page, showing the last webinar.
    const info = await api(t, 'GET', `/api/invites/${tokens.Bo}`);
    expect(info.status).toBe(200);
    expect(info.body.webinars.map((w: any) => w.status)).toEqual(['ended', 'ended', 'ended']);
  });

  it('counts attendance per webinar and municipality, and exports it as CSV', async () => {
    const res = await api(t, 'GET', `/api/series/${seriesId}/attendance`, { cookie });
    expect(res.status).toBe(200);
    const [w1, w2, w3] = res.body.attendance.webinars;
    expect(w1).toMatchObject({
      webinarId: webinarIds[0],
      attended: 2,
      byMunicipality: [
        { municipality: 'Horten', count: 1 },
        { municipality: 'Tønsberg', count: 1 },
      ],
    });
    // Bo only waited for webinar 2 before it opened: that is not attendance.
    expect(w2).toMatchObject({ attended: 0, byMunicipality: [] });
    expect(w3).toMatchObject({ attended: 1, byMunicipality: [{ municipality: 'Horten', count: 1 }] });
    const ada = res.body.attendance.participants.find((p: any) => p.name === 'Ada');
    expect(Object.keys(ada.minutes).sort()).toEqual([webinarIds[0], webinarIds[2]].sort());

    const csv = await fetch(`${t.url}/api/series/${seriesId}/attendance.csv`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      '"Navn";"Kommune";"Arbeidssted";"Samling 1 2027-02-03 09:00 (minutter)";"Samling 2 2027-02-24 09:00 (minutter)";"Samling 3 2027-03-17 12:30 (minutter)";"Deltok på"',
    );
    expect(lines.slice(1).map((l) => l.split(';')[0])).toEqual(['"Ada"', '"Bo"']);
    expect(lines[1]?.split(';').at(-1)).toBe('"2"');
    expect(lines[2]?.split(';').at(-1)).toBe('"1"');
    expect(text).not.toContain(webinarIds[0]);
  });

  it('re-issues a link: the old one is refused on HTTP and socket, open sockets are dropped, the new one works', async () => {
    const w2 = await api(t, 'POST', `/api/series/${seriesId}/webinars`, {
      cookie,
      body: { title: 'Samling 4', date: '2027-05-05', startTime: '09:00' },
    });
    await api(t, 'POST', `/api/webinars/${w2.body.webinar.id}/open`, { cookie });
    const ada = await joinWithInvite(t, tokens.Ada as string);
    const detail = await api(t, 'GET', `/api/series/${seriesId}`, { cookie });
    const adaRow = detail.body.series.participants.find((p: any) => p.name === 'Ada');
    const res = await api(t, 'POST', `/api/series/${seriesId}/participants/${adaRow.id}/invite`, { cookie });
    expect(res.status).toBe(200);
    const fresh = tokenOf(res.body.participant.invitePath);
    expect(fresh).not.toBe(tokens.Ada);
    await until(() => ada.dropped() === 'io server disconnect');
    expect((await api(t, 'GET', `/api/invites/${tokens.Ada}`)).status).toBe(404);
    expect((await api(t, 'GET', `/api/invites/${tokens.Ada}/export`)).status).toBe(404);
    await expect(connectSocket(t, { invite: tokens.Ada })).rejects.toMatchObject({
      data: { code: 'unauthorized' },
    });
    expect((await api(t, 'GET', `/api/invites/${fresh}`)).body.participant.name).toBe('Ada');
    const again = await joinWithInvite(t, fresh);
    expect(again.webinarId).toBe(w2.body.webinar.id);
    again.socket.close();
    // Bo's link is untouched; another series' facilitator cannot re-issue.
    expect((await api(t, 'GET', `/api/invites/${tokens.Bo}`)).status).toBe(200);
    const other = await signedInFacilitator(t);
    expect(
      (
        await api(t, 'POST', `/api/series/${seriesId}/participants/${adaRow.id}/invite`, {
          cookie: other.cookie,
        })
      ).status,
    ).toBe(404);
  });
});

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '../src/db/migrations');

/** A database migrated up to (not including) migration `upTo`, with its bookkeeping as `migrate` keeps it. */
async function dbBefore(
  kind: (typeof DB_KINDS)[number],
  upTo: string,
): Promise<{ db: Db; drop: () => Promise<void> }> {
  const schema = `m_${Math.random().toString(36).slice(2, 10)}`;
  const db =
    kind === 'pglite' ? await openPglite(undefined) : await openPostgres(TEST_POSTGRES_URL, { schema });
  await db.exec(
    'create table schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  for (const file of readdirSync(migrationsDir)
    .sort()
    .filter((f) => f.endsWith('.sql') && f < upTo)) {
    await db.exec(
      `${readFileSync(join(migrationsDir, file), 'utf8')}; insert into schema_migrations (name) values ('${file}')`,
    );
  }
  return {
    db,
    drop: async () => {
      if (kind === 'postgres') await db.exec(`drop schema ${schema} cascade`);
      await db.close();
    },
  };
}

describe.each(DB_KINDS)('migration 004 on %s', (kind) => {
  it('keeps existing webinars, participants and logs, numbering webinars by creation order', async () => {
    const { db, drop } = await dbBefore(kind, '004');
    try {
      await db.exec(`
        insert into series (id, title) values ('00000000-0000-4000-8000-000000000001', 'Gammel');
        insert into webinars (id, series_id, title, status, created_at) values
          ('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-000000000001', 'Første', 'ended', '2026-01-01'),
          ('00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-000000000001', 'Andre', 'live', '2026-02-01');
        insert into participants (id, series_id, name, invite_token) values
          ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000001', 'Ada', 'tok_aaaaaaaaaaaaaaaaaaaaaaaa');
        insert into webinar_events (webinar_id, seq, type, payload) values
          ('00000000-0000-4000-8000-00000000000b', 1, 'participant_joined', '{}')`);
      // 004 (and any later migration) runs over the old data.
      expect(await migrate(db)).toContain('004_series_schedule.sql');
      const rows = await db.query<any>(
        'select title, status, position, scheduled_at, duration_minutes, ended_at from webinars order by position',
      );
      expect(rows.map((r) => [r.title, r.status, r.position, r.scheduled_at, r.duration_minutes])).toEqual([
        ['Første', 'ended', 1, null, 180],
        ['Andre', 'live', 2, null, 180],
      ]);
      expect(rows[0].ended_at).not.toBeNull();
      expect((await db.query('select * from participants')).length).toBe(1);
      expect((await db.query('select * from webinar_events')).length).toBe(1);
      expect((await db.query('select * from attendance_intervals')).length).toBe(0);
    } finally {
      await drop();
    }
  });
});
