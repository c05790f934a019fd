import { describe, expect, it } from 'vitest';
import {
  emptyCard,
  FeedbackCardContent,
  FeedbackCardDraft,
  isCardComplete,
  MARK_LABELS,
  MARKS,
  parseCardForTheme,
  SubmitFeedbackCardRequest,
  validateCardAgainstTheme,
} from './feedback-card.ts';
import { DEFAULT_THEMES, type ThemeTemplate } from './feedback-themes.ts';

const theme = DEFAULT_THEMES[0] as ThemeTemplate; // structure
const allMarked = Object.fromEntries(theme.focusItems.map((item) => [item.id, { mark: 'delvis' as const }]));
const card = (patch: Partial<FeedbackCardContent> = {}): FeedbackCardContent => ({
  ...emptyCard(theme),
  ...patch,
});
const CARD_ID = '6f1c1b7e-1e1a-4c3b-9a53-3f8a3d0c2b11';

describe('MARKS', () => {
  it.each(MARKS)('%s has nb and en labels', (mark) => {
    expect(MARK_LABELS[mark].nb).not.toBe('');
    expect(MARK_LABELS[mark].en).not.toBe('');
  });
});

describe('emptyCard', () => {
  it('has nothing marked or written, and is valid for its theme', () => {
    const empty = emptyCard(theme);
    expect(empty).toEqual({ focus: {}, workedWell: '', tryNext: '', toolsUsed: [], supportChallenge: null });
    expect(FeedbackCardContent.parse(empty)).toEqual(empty);
    expect(validateCardAgainstTheme(empty, theme).ok).toBe(true);
  });

  it('returns a fresh object each time', () => {
    expect(emptyCard(theme).focus).not.toBe(emptyCard(theme).focus);
  });
});

describe('isCardComplete', () => {
  const [first] = theme.focusItems;
  it.each([
    { name: 'empty', content: card(), complete: false },
    {
      name: 'one marked',
      content: card({ focus: { [first?.id ?? '']: { mark: 'tydelig' } } }),
      complete: false,
    },
    { name: 'all marked', content: card({ focus: allMarked }), complete: true },
    {
      name: 'all marked, some not observed, no texts',
      content: card({ focus: { ...allMarked, listen: { mark: 'ikke_observert' } } }),
      complete: true,
    },
  ])('$name → $complete', ({ content, complete }) => {
    expect(isCardComplete(content, theme)).toBe(complete);
  });
});

describe('FeedbackCardContent', () => {
  const good = {
    focus: { listen: { mark: 'tydelig', example: 'Gjentok «du sier at du er sliten»' } },
    workedWell: 'Rolig tempo',
    tryNext: 'Vent litt lenger etter spørsmålet',
    toolsUsed: ['mirroring', 'open_questions'],
    supportChallenge: 30,
  };

  it('accepts a filled card', () => {
    expect(FeedbackCardContent.parse(good)).toEqual(good);
  });

  it.each([
    { name: 'a score', input: { ...good, score: 4 }, message: /score/ },
    {
      name: 'an unknown mark',
      input: { ...good, focus: { listen: { mark: 'bra' } } },
      message: /focus\.listen\.mark/,
    },
    {
      name: 'a grade on a focus item',
      input: { ...good, focus: { listen: { mark: 'delvis', grade: 3 } } },
      message: /grade/,
    },
    {
      name: 'a too long example',
      input: { ...good, focus: { listen: { mark: 'delvis', example: 'x'.repeat(1001) } } },
      message: /focus\.listen\.example/,
    },
    {
      name: 'a too long worked well',
      input: { ...good, workedWell: 'x'.repeat(2001) },
      message: /workedWell/,
    },
    { name: 'a too long try next', input: { ...good, tryNext: 'x'.repeat(2001) }, message: /tryNext/ },
    {
      name: 'a tool twice',
      input: { ...good, toolsUsed: ['mirroring', 'mirroring'] },
      message: /toolsUsed: A tool is listed twice/,
    },
    {
      name: 'support/challenge above 100',
      input: { ...good, supportChallenge: 101 },
      message: /supportChallenge/,
    },
    {
      name: 'support/challenge below 0',
      input: { ...good, supportChallenge: -1 },
      message: /supportChallenge/,
    },
    {
      name: 'support/challenge not whole',
      input: { ...good, supportChallenge: 50.5 },
      message: /supportChallenge/,
    },
    { name: 'no free texts', input: { ...good, workedWell: undefined }, message: /workedWell/ },
    { name: 'not an object', input: 'tydelig', message: /^card: / },
  ])('rejects $name with a readable message', ({ input, message }) => {
    const result = parseCardForTheme(input, theme);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad_request');
      expect(result.error.message).toMatch(message);
    }
  });
});

describe('validateCardAgainstTheme', () => {
  it.each([
    {
      name: 'an unknown focus item',
      content: card({ focus: { supports: { mark: 'tydelig' } } }),
      message: 'Unknown focus item "supports" for theme "structure"',
    },
    {
      name: 'an unknown tool',
      content: card({ toolsUsed: ['mirroring', 'hypnosis'] }),
      message: 'Unknown tool "hypnosis" for theme "structure"',
    },
    {
      name: 'a focus item named like an Object method',
      content: card({ focus: Object.fromEntries([['constructor', { mark: 'tydelig' as const }]]) }),
      message: 'Unknown focus item "constructor"',
    },
  ])('rejects $name', ({ content, message }) => {
    const result = validateCardAgainstTheme(content, theme);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(message);
  });

  it('accepts a card of the theme and returns it', () => {
    const content = card({ focus: allMarked, toolsUsed: ['summarising'], supportChallenge: 0 });
    expect(validateCardAgainstTheme(content, theme)).toEqual({ ok: true, data: content });
  });
});

describe('envelopes', () => {
  const request = { cardId: CARD_ID, breakoutsId: 'b1', groupId: 'g1', round: 0, content: card() };

  it.each([
    { name: 'a submission', schema: SubmitFeedbackCardRequest, input: request, ok: true },
    {
      name: 'a submission with a webinar',
      schema: SubmitFeedbackCardRequest,
      input: { ...request, webinarId: 'w1' },
      ok: true,
    },
    {
      name: 'a draft',
      schema: FeedbackCardDraft,
      input: { ...request, savedAt: 1_700_000_000_000 },
      ok: true,
    },
    { name: 'a draft without savedAt', schema: FeedbackCardDraft, input: request, ok: false },
    {
      name: 'a card id that is not a uuid',
      schema: SubmitFeedbackCardRequest,
      input: { ...request, cardId: 'card-1' },
      ok: false,
    },
    {
      name: 'a negative round',
      schema: SubmitFeedbackCardRequest,
      input: { ...request, round: -1 },
      ok: false,
    },
    {
      name: 'an observer id (the server knows who sends)',
      schema: SubmitFeedbackCardRequest,
      input: { ...request, observerId: 'p1' },
      ok: false,
    },
  ])('$name → valid: $ok', ({ schema, input, ok }) => {
    expect(schema.safeParse(input).success).toBe(ok);
  });
});
