import { describe, expect, it } from 'vitest';
import { csvCell } from './csv.ts';
import { emptyCard, type FeedbackCardContent } from './feedback-card.ts';
import {
  cardsToCsv,
  type FeedbackCsvRow,
  FeedbackSummary,
  MIN_CARDS_FOR_PLENARY,
  plenaryCounts,
  quotesForPlenary,
  summarizeCards,
  supportChallengeBucket,
} from './feedback-summary.ts';
import { DEFAULT_THEMES, type ThemeTemplate, themeById } from './feedback-themes.ts';

const structure = themeById(DEFAULT_THEMES, 'structure') as ThemeTemplate;
const ethics = themeById(DEFAULT_THEMES, 'ethics_power') as ThemeTemplate;
const card = (patch: Partial<FeedbackCardContent> = {}): FeedbackCardContent => ({
  ...emptyCard(structure),
  ...patch,
});

const cards = [
  {
    groupId: 'group-g1',
    content: card({
      focus: { listen: { mark: 'tydelig' }, open_questions: { mark: 'delvis' } },
      toolsUsed: ['mirroring', 'open_questions'],
      supportChallenge: 10,
    }),
  },
  {
    groupId: 'group-g1',
    content: card({ focus: { listen: { mark: 'tydelig' } }, toolsUsed: ['mirroring'], supportChallenge: 50 }),
  },
  {
    groupId: 'group-g2',
    content: card({ focus: { listen: { mark: 'ikke_observert' }, tolerate_silence: { mark: 'tydelig' } } }),
  },
  {
    groupId: 'group-g3',
    content: card({ focus: { listen: { mark: 'delvis' } }, supportChallenge: 100 }),
  },
];

describe('summarizeCards', () => {
  const summary = summarizeCards(cards, structure);
  const focus = (id: string) => summary.focus.find((item) => item.focusItemId === id);

  it('is a valid, anonymous summary', () => {
    expect(FeedbackSummary.parse(summary)).toEqual(summary);
    expect(JSON.stringify(summary)).not.toMatch(/observerId|guideId|group-/);
  });

  it('counts cards and groups', () => {
    expect(summary.totalCards).toBe(4);
    expect(summary.groupCount).toBe(3);
  });

  it.each([
    { id: 'listen', tydelig: 2, delvis: 1, ikke_observert: 1, unmarked: 0 },
    { id: 'open_questions', tydelig: 0, delvis: 1, ikke_observert: 0, unmarked: 3 },
    { id: 'tolerate_silence', tydelig: 1, delvis: 0, ikke_observert: 0, unmarked: 3 },
    { id: 'structure', tydelig: 0, delvis: 0, ikke_observert: 0, unmarked: 4 },
  ])('counts the marks of $id', ({ id, unmarked, ...counts }) => {
    expect(focus(id)).toEqual({ focusItemId: id, counts, unmarked });
  });

  it('keeps the theme order of focus items and tools', () => {
    expect(summary.focus.map((item) => item.focusItemId)).toEqual(
      structure.focusItems.map((item) => item.id),
    );
    expect(summary.tools.map((tool) => tool.toolId)).toEqual(structure.tools.map((tool) => tool.id));
  });

  it.each([
    { toolId: 'mirroring', count: 2 },
    { toolId: 'open_questions', count: 1 },
    { toolId: 'summarising', count: 0 },
  ])('counts tool $toolId', ({ toolId, count }) => {
    expect(summary.tools.find((tool) => tool.toolId === toolId)?.count).toBe(count);
  });

  it('puts support/challenge into five buckets', () => {
    expect(summary.supportChallenge).toEqual({ buckets: [1, 0, 1, 0, 1], unrated: 1 });
  });

  it('ignores focus items and tools outside the theme', () => {
    const stray = summarizeCards(
      [
        {
          groupId: 'g1',
          content: card({ focus: { respect: { mark: 'tydelig' } }, toolsUsed: ['hypnosis'] }),
        },
      ],
      structure,
    );
    expect(stray.focus.every((item) => item.unmarked === 1)).toBe(true);
    expect(stray.tools.every((tool) => tool.count === 0)).toBe(true);
  });

  it('summarises no cards as zeros', () => {
    const empty = summarizeCards([], structure);
    expect(empty.totalCards).toBe(0);
    expect(empty.supportChallenge).toEqual({ buckets: [0, 0, 0, 0, 0], unrated: 0 });
  });
});

describe('supportChallengeBucket', () => {
  it.each([
    [0, 0],
    [19, 0],
    [20, 1],
    [50, 2],
    [79, 3],
    [80, 4],
    [100, 4],
  ])('%i → bucket %i', (value, bucket) => {
    expect(supportChallengeBucket(value)).toBe(bucket);
  });
});

describe('quotesForPlenary', () => {
  const withIds = [
    {
      cardId: 'a',
      observerId: 'p1',
      guideId: 'p2',
      content: card({
        workedWell: ' Rolig og trygg ',
        tryNext: '',
        focus: { listen: { mark: 'tydelig', example: 'Gjentok veisøkers ord' } },
      }),
    },
    {
      cardId: 'b',
      observerId: 'p3',
      guideId: 'p4',
      content: card({ workedWell: 'Gode spørsmål', tryNext: 'Tål stillheten' }),
    },
    { cardId: 'c', observerId: 'p5', guideId: 'p6', content: card({ workedWell: 'Ikke valgt' }) },
  ];

  it('returns only the chosen free texts, in the chosen order, without ids', () => {
    const quotes = quotesForPlenary(withIds, ['b', 'a', 'b', 'missing']);
    expect(quotes).toEqual([
      { kind: 'worked_well', text: 'Gode spørsmål' },
      { kind: 'try_next', text: 'Tål stillheten' },
      { kind: 'worked_well', text: 'Rolig og trygg' },
      { kind: 'example', focusItemId: 'listen', text: 'Gjentok veisøkers ord' },
    ]);
    expect(JSON.stringify(quotes)).not.toMatch(/p\d|Ikke valgt/);
  });

  it('returns nothing when nothing is chosen', () => {
    expect(quotesForPlenary(withIds, [])).toEqual([]);
  });
});

describe('csvCell', () => {
  it.each([
    { name: 'plain text', input: 'Rolig', expected: '"Rolig"' },
    { name: 'empty', input: '', expected: '""' },
    { name: 'quotes', input: 'Hun sa "ja"', expected: '"Hun sa ""ja"""' },
    { name: 'comma', input: 'lytte, spørre', expected: '"lytte, spørre"' },
    { name: 'semicolon', input: 'a;b', expected: '"a;b"' },
    { name: 'newlines', input: 'linje 1\r\nlinje 2\nlinje 3', expected: '"linje 1\r\nlinje 2\nlinje 3"' },
    { name: 'formula =', input: '=HYPERLINK("http://x")', expected: '"\'=HYPERLINK(""http://x"")"' },
    { name: 'formula +', input: '+1+1', expected: '"\'+1+1"' },
    { name: 'formula -', input: '-2+3', expected: '"\'-2+3"' },
    { name: 'formula @', input: '@SUM(A1)', expected: '"\'@SUM(A1)"' },
    { name: 'leading tab', input: '\t=1', expected: '"\'\t=1"' },
    { name: 'formula char later', input: 'a=b', expected: '"a=b"' },
  ])('$name', ({ input, expected }) => {
    expect(csvCell(input)).toBe(expected);
  });
});

describe('cardsToCsv', () => {
  const row = (patch: Partial<FeedbackCsvRow> = {}): FeedbackCsvRow => ({
    webinarId: 'w1',
    breakoutsId: 'b1',
    themeId: 'structure',
    groupId: 'g1',
    round: 0,
    observerName: 'Kari Nordmann',
    guideName: 'Ola Nordmann',
    content: card({
      focus: { listen: { mark: 'tydelig', example: 'Sa "fortell mer"' } },
      workedWell: 'Rolig, trygg',
      tryNext: 'Vent litt\nlenger',
      toolsUsed: ['mirroring', 'summarising'],
      supportChallenge: 40,
    }),
    submittedAt: Date.UTC(2025, 2, 4, 10, 30),
    ...patch,
  });
  // Splits on the CRLF that ends a record, not on newlines inside quoted fields.
  const records = (csv: string) => csv.split(/(?<=")\r\n/).filter((line) => line !== '');

  it('writes a header and one quoted record per card, each ending in CRLF', () => {
    const csv = cardsToCsv([row()], DEFAULT_THEMES);
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header, record, ...rest] = records(csv);
    expect(rest).toEqual([]);
    expect(header).toBe(
      [
        'Webinar',
        'Øvelse (id)',
        'Tema',
        'Gruppe',
        'Runde',
        'Observatør',
        'Veileder',
        ...structure.focusItems.flatMap((item) => [
          `${item.label.nb} – markering`,
          `${item.label.nb} – eksempel`,
        ]),
        'Dette fungerte godt',
        'Prøv neste gang',
        'Verktøy brukt',
        'Støtte (0) – utfordring (100)',
        'Levert',
      ]
        .map((cell) => `"${cell}"`)
        .join(','),
    );
    expect(record).toContain(
      '"w1","b1","Å lede og strukturere samtalen","g1","1","Kari Nordmann","Ola Nordmann"',
    );
    expect(record).toContain('"Tydelig","Sa ""fortell mer"""');
    expect(record).toContain(
      '"Rolig, trygg","Vent litt\nlenger","Speiling; Oppsummering","40","2025-03-04T10:30:00.000Z"',
    );
  });

  it('writes English headers and marks when asked', () => {
    const csv = cardsToCsv([row()], DEFAULT_THEMES, { language: 'en' });
    expect(csv.startsWith('"Webinar","Exercise (id)","Theme","Group","Round","Observer","Guide"')).toBe(true);
    expect(csv).toContain('"Clearly"');
    expect(csv).toContain('"Mirroring; Summarising"');
  });

  it.each([
    { bom: true, starts: '\uFEFF"Webinar"' },
    { bom: false, starts: '"Webinar"' },
  ])('bom: $bom', ({ bom, starts }) => {
    expect(cardsToCsv([row()], DEFAULT_THEMES, { bom }).startsWith(starts)).toBe(true);
  });

  it('uses ; as the delimiter when asked', () => {
    expect(cardsToCsv([], DEFAULT_THEMES, { delimiter: ';' })).toMatch(/^"Webinar";"Øvelse \(id\)";/);
  });

  it('defuses formulas in names and free texts', () => {
    const csv = cardsToCsv(
      [row({ observerName: '=cmd|calc', content: card({ workedWell: '@SUM(1)', tryNext: '-1' }) })],
      DEFAULT_THEMES,
    );
    expect(csv).toContain('"\'=cmd|calc"');
    expect(csv).toContain('"\'@SUM(1)","\'-1"');
  });

  it('gives cards of two themes their own focus columns', () => {
    const csv = cardsToCsv(
      [row(), row({ themeId: 'ethics_power', content: card({ focus: { respect: { mark: 'delvis' } } }) })],
      DEFAULT_THEMES,
    );
    const [header, first, second] = records(csv);
    const columns = (structure.focusItems.length + ethics.focusItems.length) * 2 + 12;
    expect(header?.split('","')).toHaveLength(columns);
    expect(header).toContain(
      '"Etikk og makt i veiledning: Møter veisøker med respekt og ivaretar tryggheten – markering"',
    );
    const cells = (line = '') => line.split(/","/);
    const respectIndex = cells(header).findIndex(
      (cell) => cell.includes('respekt') && cell.endsWith('markering'),
    );
    expect(cells(first)[respectIndex]).toBe('');
    expect(cells(second)[respectIndex]).toBe('Delvis');
  });
});

describe('plenaryCounts (no observer recognisable from the plenary summary)', () => {
  it.each([
    { n: 0, withheld: true },
    { n: 1, withheld: true },
    { n: 2, withheld: true },
    { n: 3, withheld: false },
    { n: 4, withheld: false },
  ])('$n cards → withheld: $withheld', ({ n, withheld }) => {
    const some = cards.slice(0, n);
    const counts = plenaryCounts(some, structure);
    expect(MIN_CARDS_FOR_PLENARY).toBe(3);
    if (withheld) {
      expect(counts.withheld).toEqual({ cards: n, minimum: 3 });
      // Nothing of the few cards shows: the counts are those of no card at all.
      expect(counts.summary).toEqual(summarizeCards([], structure));
    } else {
      expect(counts.withheld).toBeNull();
      expect(counts.summary).toEqual(summarizeCards(some, structure));
    }
  });

  it('takes another minimum', () => {
    expect(plenaryCounts(cards.slice(0, 3), structure, 5).withheld).toEqual({ cards: 3, minimum: 5 });
  });
});
