import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBINAR_PLAN, plannedTotalMs } from './plan.ts';
import {
  attendanceToCsv,
  attendedMinutes,
  countByMunicipality,
  currentWebinarOf,
  defaultSeriesSchedule,
  fitPlanToMinutes,
  instantToLocal,
  LocalDate,
  localToInstant,
  type ScheduledWebinar,
  webinarChangeRefusal,
} from './series.ts';

describe('Oslo local time', () => {
  it.each([
    ['winter (UTC+1)', '2027-02-03', '09:00', '2027-02-03T08:00:00.000Z'],
    ['summer (UTC+2)', '2027-06-16', '09:00', '2027-06-16T07:00:00.000Z'],
    ['the day summer time starts', '2027-03-28', '12:00', '2027-03-28T10:00:00.000Z'],
    ['the day summer time ends', '2027-10-31', '12:00', '2027-10-31T11:00:00.000Z'],
    ['just past midnight', '2027-01-01', '00:30', '2026-12-31T23:30:00.000Z'],
  ])('%s: %s %s is %s', (_label, date, time, iso) => {
    const at = localToInstant(date, time);
    expect(new Date(at).toISOString()).toBe(iso);
    expect(instantToLocal(at)).toEqual({ date, time });
  });

  it.each([
    ['2027-02-28', true],
    ['2027-02-29', false],
    ['2028-02-29', true],
    ['2027-13-01', false],
    ['27-02-01', false],
  ])('date %s valid: %s', (date, valid) => {
    expect(LocalDate.safeParse(date).success).toBe(valid);
  });
});

describe('defaultSeriesSchedule', () => {
  it('starts three webinars three weeks apart, a week from today, at 09:00 for three hours', () => {
    expect(defaultSeriesSchedule(3, '2027-01-27')).toEqual([
      { title: 'Samling 1', date: '2027-02-03', startTime: '09:00', durationMinutes: 180 },
      { title: 'Samling 2', date: '2027-02-24', startTime: '09:00', durationMinutes: 180 },
      { title: 'Samling 3', date: '2027-03-17', startTime: '09:00', durationMinutes: 180 },
    ]);
  });
});

const w = (id: string, status: ScheduledWebinar['status'], position: number, scheduledAt: number | null) => ({
  id,
  status,
  position,
  scheduledAt,
});

describe('currentWebinarOf', () => {
  it.each([
    ['the live one, even if another comes earlier', [w('a', 'planned', 1, 1), w('b', 'live', 2, 2)], 'b'],
    [
      'else the earliest planned',
      [w('a', 'ended', 1, 1), w('c', 'planned', 3, 3), w('b', 'planned', 2, 2)],
      'b',
    ],
    ['by date before position', [w('a', 'planned', 1, 9), w('b', 'planned', 2, 5)], 'b'],
    ['undated ones last', [w('a', 'planned', 1, null), w('b', 'planned', 2, 5)], 'b'],
    ['none when all have ended', [w('a', 'ended', 1, 1), w('b', 'ended', 2, 2)], null],
  ])('%s', (_label, webinars, expected) => {
    expect(currentWebinarOf(webinars)?.id ?? null).toBe(expected);
  });
});

describe('webinarChangeRefusal', () => {
  it.each([
    ['planned', null],
    ['live', /live/],
    ['ended', /already run/],
  ] as const)('%s', (status, expected) => {
    const refusal = webinarChangeRefusal(status);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });
});

describe('fitPlanToMinutes', () => {
  it.each([180, 120, 150, 90, 240])('fits the three-hour template into %i minutes, same order', (minutes) => {
    const plan = fitPlanToMinutes(DEFAULT_WEBINAR_PLAN, minutes);
    expect(plannedTotalMs(plan)).toBe(minutes * 60_000);
    expect(plan.segments.map((s) => s.title)).toEqual(DEFAULT_WEBINAR_PLAN.segments.map((s) => s.title));
    expect(plan.segments.every((s) => s.plannedMinutes >= 1)).toBe(true);
  });
});

describe('attendedMinutes', () => {
  const MIN = 60_000;
  const windows = { w1: { from: 0, until: 100 * MIN }, w2: { from: 50 * MIN, until: 60 * MIN } };
  const windowOf = (id: string) => windows[id as keyof typeof windows];
  it.each([
    ['one interval', [{ webinarId: 'w1', participantId: 'p', joinedAt: 10 * MIN, leftAt: 40 * MIN }], 30],
    [
      'two tabs overlapping count once',
      [
        { webinarId: 'w1', participantId: 'p', joinedAt: 10 * MIN, leftAt: 40 * MIN },
        { webinarId: 'w1', participantId: 'p', joinedAt: 20 * MIN, leftAt: 50 * MIN },
      ],
      40,
    ],
    [
      'a reconnect gap is not counted',
      [
        { webinarId: 'w1', participantId: 'p', joinedAt: 0, leftAt: 10 * MIN },
        { webinarId: 'w1', participantId: 'p', joinedAt: 20 * MIN, leftAt: 30 * MIN },
      ],
      20,
    ],
    [
      'still connected counts to the end',
      [{ webinarId: 'w1', participantId: 'p', joinedAt: 90 * MIN, leftAt: null }],
      10,
    ],
    [
      'waiting before it opened is clipped',
      [{ webinarId: 'w2', participantId: 'p', joinedAt: 40 * MIN, leftAt: 55 * MIN }],
      5,
    ],
    [
      'only before it opened: not attended',
      [{ webinarId: 'w2', participantId: 'p', joinedAt: 0, leftAt: 40 * MIN }],
      undefined,
    ],
  ])('%s', (_label, intervals, minutes) => {
    expect(
      attendedMinutes(intervals, windowOf)
        .get(intervals[0]?.webinarId ?? '')
        ?.get('p'),
    ).toBe(minutes);
  });
});

describe('countByMunicipality', () => {
  it('counts attendees per municipality, alphabetically (Norwegian), blanks last', () => {
    const of = { a: 'Tønsberg', b: 'Horten', c: null, d: 'Horten', e: 'Færder' } as Record<
      string,
      string | null
    >;
    expect(countByMunicipality(['a', 'b', 'c', 'd', 'e'], (id) => of[id] ?? null)).toEqual([
      { municipality: 'Færder', count: 1 },
      { municipality: 'Horten', count: 2 },
      { municipality: 'Tønsberg', count: 1 },
      { municipality: '', count: 1 },
    ]);
  });
});

describe('attendanceToCsv', () => {
  it('writes BOM, semicolons, names and local times, and defuses formulas', () => {
    const csv = attendanceToCsv(
      [
        { title: 'Samling 1', scheduledAt: Date.parse('2027-02-03T08:00:00Z') },
        { title: 'Samling 2', scheduledAt: null },
      ],
      [{ name: '=Ærlig Øye', municipality: 'Færder', workplace: null, minutes: [170, null] }],
      'en',
    );
    expect(csv).toBe(
      '\uFEFF"Name";"Municipality";"Workplace";"Samling 1 2027-02-03 09:00 (minutes)";"Samling 2 (minutes)";"Attended"\r\n' +
        `"'=Ærlig Øye";"Færder";"";"170";"";"1"\r\n`,
    );
  });
});
