/**
 * The observer feedback card (*tilbakemeldingskort*): what an observer marks and writes about the
 * guide, and the envelope it travels in.
 * Why: feedback here is formative ("vurdering for læring"), so the card has marks per focus item
 * and free texts, and deliberately no score: the schema is strict, so a `score` (or any other
 * unknown field) is rejected, not silently stored. The card id is made by the client, so a retry
 * after a lost ack upserts the same card instead of creating a second one. The theme a card was
 * filled for decides which focus items and tools are valid.
 */
import { z } from 'zod';
import { type Ack, fail, ok } from '../protocol.ts';
import { safeText } from '../safe-text.ts';
import { type LocalizedText, TemplateId, type ThemeTemplate } from './feedback-themes.ts';
import { EntityId } from './session-events.ts';

/** How clearly the observer saw a focus item: *tydelig*, *delvis* or *ikke observert*. */
export const MARKS = ['tydelig', 'delvis', 'ikke_observert'] as const;
/** One of {@link MARKS}. */
export const Mark = z.enum(MARKS);
/** One of {@link MARKS}. */
export type Mark = z.infer<typeof Mark>;

/** What each mark is called in the UI and in exports. */
export const MARK_LABELS: Readonly<Record<Mark, LocalizedText>> = {
  tydelig: { nb: 'Tydelig', en: 'Clearly' },
  delvis: { nb: 'Delvis', en: 'Partly' },
  ikke_observert: { nb: 'Ikke observert', en: 'Not observed' },
};

/** Longest concrete example per focus item ("what did the guide say or do?"). */
export const MAX_EXAMPLE_LENGTH = 1000;
/** Longest "what worked well" and "what you could try next time". */
export const MAX_FREE_TEXT_LENGTH = 2000;

/** The observer's mark on one focus item, with an optional concrete example. */
export const FocusMark = z
  .object({ mark: Mark, example: safeText().trim().max(MAX_EXAMPLE_LENGTH).optional() })
  .strict();
/** The observer's mark on one focus item. */
export type FocusMark = z.infer<typeof FocusMark>;

/** Where the guide sat: 0 = supporting, 100 = challenging; null = not rated. */
export const SupportChallenge = z.number().int().min(0).max(100).nullable();

/** What an observer fills in; focus items left out are simply not marked yet. */
export const FeedbackCardContent = z
  .object({
    focus: z.record(TemplateId, FocusMark),
    workedWell: safeText().trim().max(MAX_FREE_TEXT_LENGTH),
    tryNext: safeText().trim().max(MAX_FREE_TEXT_LENGTH),
    toolsUsed: z
      .array(TemplateId)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, 'A tool is listed twice'),
    supportChallenge: SupportChallenge,
  })
  .strict();
/** What an observer fills in. */
export type FeedbackCardContent = z.infer<typeof FeedbackCardContent>;

/** Where a card belongs and its client-made id; shared by drafts and submissions. */
const CardEnvelope = z.object({
  /** Made by the client (crypto.randomUUID) so that retries are idempotent. */
  cardId: z.uuid(),
  webinarId: EntityId.optional(),
  breakoutsId: EntityId,
  groupId: EntityId,
  /** 0-based, as in the session state. */
  round: z.number().int().min(0),
  content: FeedbackCardContent,
});

/** Request `feedback:submit`: upsert this card by `cardId` (submitting again corrects it). */
export const SubmitFeedbackCardRequest = CardEnvelope.strict();
/** Request `feedback:submit`. */
export type SubmitFeedbackCardRequest = z.infer<typeof SubmitFeedbackCardRequest>;

/** A card being filled, as autosaved (and read back after a reload, so it is validated too). */
export const FeedbackCardDraft = CardEnvelope.extend({
  /** Client time of the last autosave, ms since epoch. */
  savedAt: z.number().int().min(0),
}).strict();
/** A card being filled, as autosaved. */
export type FeedbackCardDraft = z.infer<typeof FeedbackCardDraft>;

/** A card with nothing marked or written, for a theme. */
export function emptyCard(_theme: ThemeTemplate): FeedbackCardContent {
  return { focus: {}, workedWell: '', tryNext: '', toolsUsed: [], supportChallenge: null };
}

/** Whether every focus item of the theme is marked (a UI hint; incomplete cards may be sent). */
export function isCardComplete(content: FeedbackCardContent, theme: ThemeTemplate): boolean {
  return theme.focusItems.every((item) => Object.hasOwn(content.focus, item.id));
}

/** Accepts the content if every focus item and tool it names belongs to the theme. */
export function validateCardAgainstTheme(
  content: FeedbackCardContent,
  theme: ThemeTemplate,
): Ack<FeedbackCardContent> {
  const focusIds = new Set(theme.focusItems.map((item) => item.id));
  const unknownFocus = Object.keys(content.focus).filter((id) => !focusIds.has(id));
  if (unknownFocus.length > 0) {
    return fail(
      'bad_request',
      `Unknown focus item ${list(unknownFocus)} for theme "${theme.id}" (expected one of ${list([...focusIds])})`,
    );
  }
  const toolIds = new Set(theme.tools.map((tool) => tool.id));
  const unknownTools = content.toolsUsed.filter((id) => !toolIds.has(id));
  if (unknownTools.length > 0) {
    return fail('bad_request', `Unknown tool ${list(unknownTools)} for theme "${theme.id}"`);
  }
  return ok(content);
}

/** Parses untrusted card content and checks it against the theme, with a readable message. */
export function parseCardForTheme(input: unknown, theme: ThemeTemplate): Ack<FeedbackCardContent> {
  const parsed = FeedbackCardContent.safeParse(input);
  if (!parsed.success) return fail('bad_request', describeIssues(parsed.error));
  return validateCardAgainstTheme(parsed.data, theme);
}

/** A zod error as one short line, e.g. `focus.listen.mark: Invalid option …`. */
function describeIssues(error: z.ZodError, max = 3): string {
  const lines = error.issues
    .slice(0, max)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'card'}: ${issue.message}`);
  const more = error.issues.length - max;
  return more > 0 ? `${lines.join('; ')}; and ${more} more` : lines.join('; ');
}

const list = (ids: readonly string[]) => ids.map((id) => `"${id}"`).join(', ');
