import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.ts';
import type { RosterParticipant } from './roster.ts';
import { parseProfession, previewRosterImport, rosterToCsv } from './roster-csv.ts';

const codes = (text: string, existing: Parameters<typeof previewRosterImport>[1] = []) =>
  previewRosterImport(text, existing).rows.map((r) => [r.line, r.errors.map((e) => e.code)]);

describe('parseProfession', () => {
  it.each([
    ['Sykepleier', 'sykepleier'],
    ['sykepleiere', 'sykepleier'],
    ['Nurse', 'sykepleier'],
    [' HELSEFAGARBEIDER ', 'helsefagarbeider'],
    ['Health care worker', 'helsefagarbeider'],
    ['Vernepleier', 'vernepleier'],
    ['Social educator', 'vernepleier'],
    ['Annet', 'annet'],
    ['other', 'annet'],
    ['', null],
    ['Lege', undefined],
  ] as const)('%j → %j', (cell, expected) => {
    expect(parseProfession(cell)).toBe(expected);
  });
});

describe('previewRosterImport', () => {
  it('reads nb headers, a BOM and semicolons, keeping Norwegian letters', () => {
    const preview = previewRosterImport(
      '\uFEFFNavn;E-post;Kommune;Arbeidssted;Yrke\r\nÅse Sæther;ASE@Faerder.no ;Færder;Nes sykehjem;Sykepleier\r\n',
    );
    expect(preview.delimiter).toBe(';');
    expect(preview.fileError).toBeNull();
    expect(preview.rows[0]?.entry).toEqual({
      name: 'Åse Sæther',
      email: 'ase@faerder.no',
      municipality: 'Færder',
      workplace: 'Nes sykehjem',
      profession: 'sykepleier',
    });
  });

  it('reads en headers in any order, commas, and optional columns left out', () => {
    const preview = previewRosterImport('Municipality,Name\nHorten,Ola Nordmann\n');
    expect(preview.rows[0]?.entry).toEqual({
      name: 'Ola Nordmann',
      email: null,
      municipality: 'Horten',
      workplace: null,
      profession: null,
    });
  });

  it('reads cells pasted from a spreadsheet (tabs), joining first and last name', () => {
    const preview = previewRosterImport('Fornavn\tEtternavn\tKommune\tNotat\nKari\tHansen\tTønsberg\tx\n');
    expect(preview.rows[0]?.entry?.name).toBe('Kari Hansen');
    expect(preview.ignoredColumns).toEqual(['Notat']);
  });

  it.each([
    ['Navn;E-post\n;kari@example.no', [[2, ['missing_name']]]],
    ['Navn;E-post\nKari;kari at example.no', [[2, ['bad_email']]]],
    ['Navn;Yrke\nKari;Lege', [[2, ['unknown_profession']]]],
    ['Navn;E-post\n;nope', [[2, ['missing_name', 'bad_email']]]],
    [`Navn\n${'x'.repeat(101)}`, [[2, ['too_long']]]],
    [
      'Navn;E-post\nKari;kari@example.no\nKarianne;KARI@example.no',
      [
        [2, []],
        [3, ['duplicate_in_file']],
      ],
    ],
    [
      'Navn;Kommune\nKari  Hansen;Horten\nkari hansen;horten\nKari Hansen;Tønsberg',
      [
        [2, []],
        [3, ['duplicate_in_file']],
        [4, []],
      ],
    ],
    [
      'Navn;E-post;Kommune\nKari;kari@a.no;Horten\nKari;kari@b.no;Horten',
      [
        [2, []],
        [3, []],
      ],
    ],
    ['Navn\n\nKari\n\n', [[3, []]]],
  ] as const)('%j', (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it('names the line of the first occurrence of a duplicate', () => {
    const preview = previewRosterImport('Navn;E-post\nKari;k@x.no\nOla;o@x.no\nKari H;K@X.NO');
    expect(preview.rows[2]?.errors).toEqual([
      { code: 'duplicate_in_file', field: 'name', duplicateOfLine: 2 },
    ]);
    expect([preview.validCount, preview.errorCount]).toEqual([2, 1]);
  });

  it('finds people already in the roster', () => {
    const existing = [
      { name: 'Kari', email: 'kari@x.no', municipality: null },
      { name: 'Ola', email: null, municipality: 'Horten' },
    ];
    expect(codes('Navn;E-post;Kommune\nKari N;kari@x.no;\nOla;;Horten\nOla;;Færder', existing)).toEqual([
      [2, ['duplicate_in_roster']],
      [3, ['duplicate_in_roster']],
      [4, []],
    ]);
  });

  it.each([
    ['', 'empty'],
    ['\n \n', 'empty'],
    ['Kommune;Yrke\nHorten;Sykepleier', 'no_name_column'],
    [`Navn\n${'Kari\n'.repeat(501)}`, 'too_many_rows'],
  ] as const)('file error %#', (text, fileError) => {
    const preview = previewRosterImport(text);
    expect(preview.fileError).toBe(fileError);
    expect(preview.rows).toEqual([]);
  });
});

describe('rosterToCsv', () => {
  const participant: RosterParticipant = {
    id: 'p1',
    name: 'Åse Sæther',
    email: 'ase@example.no',
    municipality: 'Færder',
    workplace: '=cmd',
    profession: 'vernepleier',
    invitePath: '/join/abc',
  };

  it('writes a BOM, semicolons, full links and defused cells', () => {
    const csv = rosterToCsv([participant], 'https://rundgang.example/');
    expect(
      csv.startsWith('\uFEFF"Navn";"E-post";"Kommune";"Arbeidssted";"Yrke";"Invitasjonslenke"\r\n'),
    ).toBe(true);
    expect(readCsv(csv)[1]).toEqual([
      'Åse Sæther',
      'ase@example.no',
      'Færder',
      "'=cmd",
      'Vernepleier',
      'https://rundgang.example/join/abc',
    ]);
  });

  it('reads back as a roster import with the same people', () => {
    const back = previewRosterImport(rosterToCsv([{ ...participant, workplace: 'Nes' }], 'http://x', 'en'));
    expect(back.ignoredColumns).toEqual(['Invite link']);
    expect(back.rows[0]?.entry).toMatchObject({ name: 'Åse Sæther', profession: 'vernepleier' });
  });
});
