import { readFileSync } from 'node:fs';
import { type RosterEntry, readCsv } from '@rundgang/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newToken } from '../src/auth/tokens.ts';
import { participantsOfSeries } from '../src/db/repo.ts';
import { importRoster } from '../src/db/roster.ts';
import { api, DB_KINDS, signedInFacilitator, startTestApp, type TestApp } from './helpers/test-app.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
/** The seed's Vestfold cohort: 57 mentors from four municipalities, mixed professions. */
const VESTFOLD = fixture('vestfold-roster.csv');
/** The same file with three broken rows: line 11 has no name, line 26 a bad email, line 42 repeats line 7. */
const VESTFOLD_BROKEN = fixture('vestfold-roster-3-broken.csv');

const countBy = (items: { municipality: string | null }[]) =>
  Object.fromEntries(
    [...new Set(items.map((p) => p.municipality))]
      .sort()
      .map((m) => [m, items.filter((p) => p.municipality === m).length]),
  );

describe.each(DB_KINDS)('series roster on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let seriesId: string;
  let roster: string;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { PUBLIC_URL: 'https://rundgang.example' } });
    ({ cookie } = await signedInFacilitator(t));
    const made = await api(t, 'POST', '/api/webinars', { cookie, body: { title: 'Mentorprogram Vestfold' } });
    seriesId = made.body.webinar.seriesId;
    roster = `/api/series/${seriesId}/participants`;
  });
  afterAll(async () => t?.close());

  it('previews the 57-row file with exactly its 3 broken rows, and saves nothing until confirmed', async () => {
    const preview = await api(t, 'POST', `${roster}/import/preview`, {
      cookie,
      body: { text: VESTFOLD_BROKEN },
    });
    expect(preview.status).toBe(200);
    const p = preview.body.preview;
    expect(p.fileError).toBeNull();
    expect(p.delimiter).toBe(';');
    expect(p.rows).toHaveLength(57);
    expect([p.validCount, p.errorCount]).toEqual([54, 3]);
    const broken = p.rows.filter((r: { errors: unknown[] }) => r.errors.length > 0);
    expect(broken.map((r: { line: number; errors: unknown[] }) => [r.line, r.errors])).toEqual([
      [11, [{ code: 'missing_name', field: 'name' }]],
      [26, [{ code: 'bad_email', field: 'email' }]],
      [42, [{ code: 'duplicate_in_file', field: 'name', duplicateOfLine: 7 }]],
    ]);
    // Norwegian letters survive the BOM and the semicolons.
    expect(p.rows.map((r: { values: { municipality: string } }) => r.values.municipality)).toContain(
      'Tønsberg',
    );
    expect((await api(t, 'GET', roster, { cookie })).body.participants).toEqual([]);

    // Confirming a file with errors refuses the whole file unless the broken rows are skipped.
    const refused = await api(t, 'POST', `${roster}/import`, { cookie, body: { text: VESTFOLD_BROKEN } });
    expect(refused.status).toBe(409);
    expect(await participantsOfSeries(t.db, seriesId)).toEqual([]);

    const done = await api(t, 'POST', `${roster}/import`, {
      cookie,
      body: { text: VESTFOLD_BROKEN, skipInvalid: true },
    });
    expect(done.status).toBe(201);
    expect(done.body.imported).toHaveLength(54);
    const listed = (await api(t, 'GET', roster, { cookie })).body;
    expect(listed.mailConfigured).toBe(false);
    // In file order, with every field and a personal link.
    expect(listed.participants.map((x: { name: string }) => x.name)).toEqual(
      p.rows.filter((r: { entry: unknown }) => r.entry).map((r: { entry: RosterEntry }) => r.entry.name),
    );
    expect(listed.participants[0]).toMatchObject({
      email: expect.stringMatching(/@/),
      profession: expect.stringMatching(/^(helsefagarbeider|sykepleier|vernepleier|annet)$/),
      invitePath: expect.stringMatching(/^\/join\/[A-Za-z0-9_-]{20,}$/),
    });
  });

  it('imports the rest of the cohort from the clean file: the 54 already there are duplicates', async () => {
    const preview = (await api(t, 'POST', `${roster}/import/preview`, { cookie, body: { text: VESTFOLD } }))
      .body.preview;
    expect([preview.validCount, preview.errorCount]).toEqual([3, 54]);
    expect(
      new Set(preview.rows.flatMap((r: { errors: { code: string }[] }) => r.errors.map((e) => e.code))),
    ).toEqual(new Set(['duplicate_in_roster']));
    const done = await api(t, 'POST', `${roster}/import`, {
      cookie,
      body: { text: VESTFOLD, skipInvalid: true },
    });
    expect(done.body.imported).toHaveLength(3);
    const all = (await api(t, 'GET', roster, { cookie })).body.participants;
    expect(countBy(all)).toEqual({ Færder: 2, Horten: 18, Sandefjord: 24, Tønsberg: 13 });
  });

  it('rolls back a whole import when one row fails in the database', async () => {
    const before = (await participantsOfSeries(t.db, seriesId)).length;
    const taken = (await participantsOfSeries(t.db, seriesId))[0]?.email ?? '';
    const entry = (name: string, email: string | null): RosterEntry => ({
      name,
      email,
      municipality: 'Horten',
      workplace: null,
      profession: null,
    });
    await expect(
      importRoster(
        t.db,
        seriesId,
        [entry('Ny 1', 'ny1@example.no'), entry('Ny 2', null), entry('Ny 3', taken)],
        newToken,
      ),
    ).rejects.toThrow();
    expect(await participantsOfSeries(t.db, seriesId)).toHaveLength(before);
  });

  it('adds, edits and removes a participant by hand', async () => {
    const added = await api(t, 'POST', roster, {
      cookie,
      body: {
        name: ' Åse Brøndbo ',
        email: 'ASE@example.no',
        municipality: 'Færder',
        profession: 'vernepleier',
      },
    });
    expect(added.status).toBe(201);
    expect(added.body.participant).toMatchObject({
      name: 'Åse Brøndbo',
      email: 'ase@example.no',
      workplace: null,
      profession: 'vernepleier',
    });
    const id = added.body.participant.id;
    const edited = await api(t, 'PUT', `${roster}/${id}`, {
      cookie,
      body: {
        name: 'Åse Brøndbo',
        email: '',
        municipality: 'Færder',
        workplace: 'Færder helsehus',
        profession: 'sykepleier',
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.participant).toMatchObject({
      email: null,
      workplace: 'Færder helsehus',
      profession: 'sykepleier',
    });
    // The invite link stays the same across edits.
    expect(edited.body.participant.invitePath).toBe(added.body.participant.invitePath);

    const someone = (await participantsOfSeries(t.db, seriesId))[0];
    const clash = await api(t, 'PUT', `${roster}/${id}`, {
      cookie,
      body: { name: 'Åse', email: someone?.email },
    });
    expect(clash.status).toBe(409);
    expect(
      (await api(t, 'POST', roster, { cookie, body: { name: 'X', email: someone?.email } })).status,
    ).toBe(409);

    expect((await api(t, 'DELETE', `${roster}/${id}`, { cookie })).status).toBe(204);
    expect((await api(t, 'DELETE', `${roster}/${id}`, { cookie })).status).toBe(404);
    expect((await api(t, 'GET', roster, { cookie })).body.participants).toHaveLength(57);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'Ola', email: 'ola at example' }, 'email'],
    [{ name: 'Ola', profession: 'lege' }, 'profession'],
    [{ name: 'x'.repeat(101) }, 'name'],
  ])('refuses invalid fields %j with a 400 naming %s', async (body, field) => {
    const res = await api(t, 'POST', roster, { cookie, body });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
  });

  it('keeps the roster to the series’ facilitators', async () => {
    const other = await signedInFacilitator(t);
    expect((await api(t, 'GET', roster, { cookie: other.cookie })).status).toBe(404);
    expect(
      (await api(t, 'POST', `${roster}/import/preview`, { cookie: other.cookie, body: { text: VESTFOLD } }))
        .status,
    ).toBe(404);
    expect((await api(t, 'GET', roster)).status).toBe(401);
    expect((await api(t, 'GET', '/api/series/not-a-uuid/participants', { cookie })).status).toBe(400);
    expect(
      (await api(t, 'POST', `${roster}/import`, { cookie, body: { text: 'Kommune\nHorten' } })).status,
    ).toBe(400);
  });

  it('exports the roster with full invite links, ready for a mail merge', async () => {
    const res = await fetch(`${t.url}${roster}.csv?lang=nb`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for æøå
    const text = new TextDecoder().decode(bytes);
    const rows = readCsv(text);
    expect(rows[0]).toEqual(['Navn', 'E-post', 'Kommune', 'Arbeidssted', 'Yrke', 'Invitasjonslenke']);
    expect(rows).toHaveLength(58);
    const links = rows.slice(1).map((r) => r[5] ?? '');
    expect(links.every((l) => l.startsWith('https://rundgang.example/join/'))).toBe(true);
    const token = links[0]?.split('/').pop();
    expect((await api(t, 'GET', `/api/invites/${token}`)).status).toBe(200);
  });
});
