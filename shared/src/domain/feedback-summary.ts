/**
 * What the plenary and the facilitator's export make of many feedback cards.
 * Why: cards are personal data (PRODUCT.md, Privacy). The plenary sees only counts per focus item,
 * tool and support/challenge bucket, and the quotes the facilitator chose, rebuilt from the free
 * texts alone so no observer or guide id can slip through. The CSV export is for the series'
 * facilitators, who may see names; it is opened in Excel, so it is quoted per RFC 4180 and cells
 * that Excel would run as formulas are defused.
 */
import { z } from 'zod';
import { type CsvWriteOptions, writeCsv } from './csv.ts';
import { FeedbackCardContent, MARK_LABELS, MARKS, type Mark } from './feedback-card.ts';
import { localize, type TextLanguage, type ThemeTemplate, themeById } from './feedback-themes.ts';

const Count = z.number().int().min(0);

/** How many support/challenge buckets the plenary chart has (0–19, 20–39, … 80–100). */
export const SUPPORT_CHALLENGE_BUCKETS = 5;

/** The bucket (0 = most supporting) a support/challenge value falls in. */
export function supportChallengeBucket(value: number): number {
  const width = 100 / SUPPORT_CHALLENGE_BUCKETS;
  return Math.min(SUPPORT_CHALLENGE_BUCKETS - 1, Math.max(0, Math.floor(value / width)));
}

/** Anonymous counts of many cards for one theme: no ids of observers or guides, no texts. */
export const FeedbackSummary = z.object({
  themeId: z.string(),
  totalCards: Count,
  /** How many different groups the cards came from. */
  groupCount: Count,
  /** In the theme's order; `unmarked` counts cards that left the item open. */
  focus: z.array(
    z.object({
      focusItemId: z.string(),
      counts: z.record(z.enum(MARKS), Count),
      unmarked: Count,
    }),
  ),
  /** In the theme's toolbox order, tools nobody used included (count 0). */
  tools: z.array(z.object({ toolId: z.string(), count: Count })),
  supportChallenge: z.object({
    /** Counts per bucket, index 0 = most supporting; see {@link supportChallengeBucket}. */
    buckets: z.array(Count).length(SUPPORT_CHALLENGE_BUCKETS),
    /** Cards where the observer did not place the guide. */
    unrated: Count,
  }),
});
/** Anonymous counts of many cards for one theme. */
export type FeedbackSummary = z.infer<typeof FeedbackSummary>;

const zeroMarks = (): Record<Mark, number> =>
  Object.fromEntries(MARKS.map((mark) => [mark, 0])) as Record<Mark, number>;

/** Counts the cards of one theme for the plenary; ids and marks outside the theme are ignored. */
export function summarizeCards(
  cards: readonly { content: FeedbackCardContent; groupId: string }[],
  theme: ThemeTemplate,
): FeedbackSummary {
  const buckets: number[] = Array.from({ length: SUPPORT_CHALLENGE_BUCKETS }, () => 0);
  let unrated = 0;
  for (const { content } of cards) {
    if (content.supportChallenge === null) unrated += 1;
    else {
      const bucket = supportChallengeBucket(content.supportChallenge);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
  }
  return {
    themeId: theme.id,
    totalCards: cards.length,
    groupCount: new Set(cards.map((card) => card.groupId)).size,
    focus: theme.focusItems.map((item) => {
      const counts = zeroMarks();
      let unmarked = 0;
      for (const { content } of cards) {
        const marked = Object.hasOwn(content.focus, item.id) ? content.focus[item.id] : undefined;
        if (marked) counts[marked.mark] += 1;
        else unmarked += 1;
      }
      return { focusItemId: item.id, counts, unmarked };
    }),
    tools: theme.tools.map((tool) => ({
      toolId: tool.id,
      count: cards.filter((card) => card.content.toolsUsed.includes(tool.id)).length,
    })),
    supportChallenge: { buckets, unrated },
  };
}

/**
 * The fewest cards whose counts the plenary may see. Below it, counts could point at one
 * observer ("the only card says…") in a room where everyone knows who observed whom.
 */
export const MIN_CARDS_FOR_PLENARY = 3;

/** Why a plenary summary holds its counts back: too few cards to stay anonymous. */
export const SummaryWithheld = z.object({ cards: Count, minimum: Count });
/** Why a plenary summary holds its counts back. */
export type SummaryWithheld = z.infer<typeof SummaryWithheld>;

/**
 * The counts the plenary may see: the summary of the cards, or, below `minimum` cards, the
 * summary of none with the reason (the facilitators' console keeps the full counts).
 */
export function plenaryCounts(
  cards: readonly { content: FeedbackCardContent; groupId: string }[],
  theme: ThemeTemplate,
  minimum = MIN_CARDS_FOR_PLENARY,
): { summary: FeedbackSummary; withheld: SummaryWithheld | null } {
  return cards.length >= minimum
    ? { summary: summarizeCards(cards, theme), withheld: null }
    : { summary: summarizeCards([], theme), withheld: { cards: cards.length, minimum } };
}

/** Which free text of a card a plenary quote comes from. */
export const QUOTE_KINDS = ['worked_well', 'try_next', 'example'] as const;
/** A free text shown in the plenary: the words only, never who wrote them or about whom. */
export const PlenaryQuote = z.object({
  kind: z.enum(QUOTE_KINDS),
  /** Set for `example`: the focus item the example illustrates. */
  focusItemId: z.string().optional(),
  text: z.string(),
});
/** A free text shown in the plenary. */
export type PlenaryQuote = z.infer<typeof PlenaryQuote>;

/** The non-empty free texts of the chosen cards, in the chosen order, without names or ids. */
export function quotesForPlenary(
  cards: readonly { cardId: string; content: FeedbackCardContent }[],
  chosenCardIds: readonly string[],
): PlenaryQuote[] {
  const byId = new Map(cards.map((card) => [card.cardId, card.content]));
  const quotes: PlenaryQuote[] = [];
  for (const cardId of new Set(chosenCardIds)) {
    const content = byId.get(cardId);
    if (!content) continue;
    if (content.workedWell.trim()) quotes.push({ kind: 'worked_well', text: content.workedWell.trim() });
    if (content.tryNext.trim()) quotes.push({ kind: 'try_next', text: content.tryNext.trim() });
    for (const [focusItemId, marked] of Object.entries(content.focus)) {
      const example = marked.example?.trim();
      if (example) quotes.push({ kind: 'example', focusItemId, text: example });
    }
  }
  return quotes;
}

/** One submitted card as the facilitator's export needs it: with names, for facilitators only. */
export const FeedbackCsvRow = z.object({
  webinarId: z.string().optional(),
  breakoutsId: z.string(),
  /** The theme the card was filled for; decides its focus columns. */
  themeId: z.string(),
  groupId: z.string(),
  /** 0-based as in the session state; the CSV shows it 1-based. */
  round: z.number().int().min(0),
  observerName: z.string(),
  guideName: z.string(),
  content: FeedbackCardContent,
  /** Server time of the submission, ms since epoch; written as ISO 8601 UTC. */
  submittedAt: z.number().int().min(0),
});
/** One submitted card as the facilitator's export needs it. */
export type FeedbackCsvRow = z.infer<typeof FeedbackCsvRow>;

/** How {@link cardsToCsv} writes: header language, a UTF-8 BOM so Excel reads æøå, delimiter. */
export interface CsvOptions extends CsvWriteOptions {
  language?: TextLanguage;
}

const HEADERS = {
  webinar: { nb: 'Webinar', en: 'Webinar' },
  breakouts: { nb: 'Øvelse (id)', en: 'Exercise (id)' },
  theme: { nb: 'Tema', en: 'Theme' },
  group: { nb: 'Gruppe', en: 'Group' },
  round: { nb: 'Runde', en: 'Round' },
  observer: { nb: 'Observatør', en: 'Observer' },
  guide: { nb: 'Veileder', en: 'Guide' },
  mark: { nb: 'markering', en: 'mark' },
  example: { nb: 'eksempel', en: 'example' },
  workedWell: { nb: 'Dette fungerte godt', en: 'What worked well' },
  tryNext: { nb: 'Prøv neste gang', en: 'Try next time' },
  tools: { nb: 'Verktøy brukt', en: 'Tools used' },
  supportChallenge: { nb: 'Støtte (0) – utfordring (100)', en: 'Support (0) – challenge (100)' },
  submittedAt: { nb: 'Levert', en: 'Submitted at' },
} satisfies Record<string, Record<TextLanguage, string>>;

/**
 * The cards as RFC 4180 CSV: every field quoted, CRLF after every line, a header row. Focus
 * columns (mark + example per item) come from every theme the rows use, in `themes` order; a
 * row fills only its own theme's columns.
 */
export function cardsToCsv(
  rows: readonly FeedbackCsvRow[],
  themes: readonly ThemeTemplate[],
  options: CsvOptions = {},
): string {
  const language = options.language ?? 'nb';
  const h = (key: keyof typeof HEADERS) => HEADERS[key][language];
  const usedThemes = themes.filter((theme) => rows.some((row) => row.themeId === theme.id));
  const focusColumns = usedThemes.flatMap((theme) => theme.focusItems.map((item) => ({ theme, item })));
  const prefixTheme = usedThemes.length > 1;

  const header = [
    h('webinar'),
    h('breakouts'),
    h('theme'),
    h('group'),
    h('round'),
    h('observer'),
    h('guide'),
    ...focusColumns.flatMap(({ theme, item }) => {
      const label = `${prefixTheme ? `${localize(theme.title, language)}: ` : ''}${localize(item.label, language)}`;
      return [`${label} – ${h('mark')}`, `${label} – ${h('example')}`];
    }),
    h('workedWell'),
    h('tryNext'),
    h('tools'),
    h('supportChallenge'),
    h('submittedAt'),
  ];

  const lines = rows.map((row) => {
    const theme = themeById(themes, row.themeId);
    const { content } = row;
    const toolLabel = (id: string) => {
      const tool = theme?.tools.find((t) => t.id === id);
      return tool ? localize(tool.label, language) : id;
    };
    return [
      row.webinarId ?? '',
      row.breakoutsId,
      theme ? localize(theme.title, language) : row.themeId,
      row.groupId,
      String(row.round + 1),
      row.observerName,
      row.guideName,
      ...focusColumns.flatMap(({ theme: columnTheme, item }) => {
        if (columnTheme.id !== row.themeId) return ['', ''];
        const marked = Object.hasOwn(content.focus, item.id) ? content.focus[item.id] : undefined;
        return marked ? [localize(MARK_LABELS[marked.mark], language), marked.example ?? ''] : ['', ''];
      }),
      content.workedWell,
      content.tryNext,
      content.toolsUsed.map(toolLabel).join('; '),
      content.supportChallenge === null ? '' : String(content.supportChallenge),
      new Date(row.submittedAt).toISOString(),
    ];
  });

  return writeCsv([header, ...lines], options);
}
