/**
 * Themes of guidance exercises as feedback templates: the focus items an observer marks and the
 * toolbox tools they can tick.
 * Why: the feedback card is only as good as the words on it, so the default library speaks the
 * seed programme's own language (lede og strukturere samtalen, tåle stillhet, balansen mellom å
 * støtte og å utfordre, etikk og makt), in bokmål first and English second. Facilitators edit
 * themes for their series, so an edited theme is untrusted input with limits, and cards are
 * checked against the theme they were filled for (see feedback-card.ts).
 */
import { z } from 'zod';
import { safeText } from '../safe-text.ts';

/** An id of a theme, focus item or tool: lowercase letters, digits, `_` and `-` (uuids fit). */
export const TemplateId = z
  .string()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Use lowercase letters, digits, "_" or "-"');
/** An id of a theme, focus item or tool. */
export type TemplateId = z.infer<typeof TemplateId>;

const text = (max: number) =>
  z.object({
    nb: safeText().trim().min(1).max(max),
    /** May be left empty by a facilitator who edits in Norwegian only; see {@link localize}. */
    en: safeText().trim().max(max),
  });

/** A text in bokmål (required) and English (may be empty, then bokmål is shown). */
export const LocalizedText = text(500);
/** A text in bokmål and English. */
export type LocalizedText = z.infer<typeof LocalizedText>;
/** A language a {@link LocalizedText} is written in. */
export type TextLanguage = keyof LocalizedText;

/** The text in `language`, falling back to bokmål when the English text is empty. */
export function localize(value: LocalizedText, language: TextLanguage): string {
  return value[language] || value.nb;
}

/** One skill the observer looks for, e.g. "Stiller åpne spørsmål". */
export const FocusItem = z.object({
  id: TemplateId,
  label: text(200),
  /** What to look for, shown under the label. */
  hint: text(500).optional(),
});
/** One skill the observer looks for. */
export type FocusItem = z.infer<typeof FocusItem>;

/** A guidance tool from the toolbox (*veiledningsverktøykasse*), e.g. mirroring. */
export const ToolboxTool = z.object({ id: TemplateId, label: text(120) });
/** A guidance tool from the toolbox. */
export type ToolboxTool = z.infer<typeof ToolboxTool>;

/** Most focus items a theme may have: more would not fit a phone screen while listening. */
export const MAX_FOCUS_ITEMS = 12;
/** Most tools a theme's toolbox may list. */
export const MAX_TOOLS = 40;

const uniqueIds =
  (what: string) =>
  (items: readonly { id: string }[], ctx: z.RefinementCtx): void => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.id)) {
        ctx.addIssue({ code: 'custom', message: `Duplicate ${what} id "${item.id}"`, path: [index, 'id'] });
      }
      seen.add(item.id);
    });
  };

/** A theme as a feedback template, as shipped or as a facilitator edited it for a series. */
export const ThemeTemplate = z.object({
  id: TemplateId,
  title: text(120),
  focusItems: z.array(FocusItem).min(1).max(MAX_FOCUS_ITEMS).superRefine(uniqueIds('focus item')),
  tools: z.array(ToolboxTool).max(MAX_TOOLS).superRefine(uniqueIds('tool')),
});
/** A theme as a feedback template. */
export type ThemeTemplate = z.infer<typeof ThemeTemplate>;

/** The toolbox the seed programme builds up; every default theme offers all of it. */
export const DEFAULT_TOOLBOX: readonly ToolboxTool[] = [
  { id: 'open_questions', label: { nb: 'Åpne spørsmål', en: 'Open questions' } },
  { id: 'follow_up_questions', label: { nb: 'Oppfølgingsspørsmål', en: 'Follow-up questions' } },
  { id: 'reflection_questions', label: { nb: 'Refleksjonsspørsmål', en: 'Reflective questions' } },
  { id: 'active_listening', label: { nb: 'Aktiv lytting', en: 'Active listening' } },
  { id: 'mirroring', label: { nb: 'Speiling', en: 'Mirroring' } },
  { id: 'summarising', label: { nb: 'Oppsummering', en: 'Summarising' } },
  { id: 'tolerating_silence', label: { nb: 'Tåle stillhet', en: 'Tolerating silence' } },
  { id: 'clarifying_expectations', label: { nb: 'Avklare forventninger', en: 'Clarifying expectations' } },
  { id: 'acknowledging', label: { nb: 'Anerkjennelse', en: 'Acknowledging' } },
  { id: 'making_concrete', label: { nb: 'Konkretisering', en: 'Asking for a concrete example' } },
];

const withToolbox = (theme: Omit<ThemeTemplate, 'tools'>): ThemeTemplate => ({
  ...theme,
  tools: DEFAULT_TOOLBOX.map((tool) => ({ ...tool, label: { ...tool.label } })),
});

/** The themes of the seed programme (PRODUCT.md), ready to use without editing. */
export const DEFAULT_THEMES: readonly ThemeTemplate[] = [
  withToolbox({
    id: 'structure',
    title: { nb: 'Å lede og strukturere samtalen', en: 'Leading and structuring the conversation' },
    focusItems: [
      {
        id: 'structure',
        label: { nb: 'Lager en god struktur for samtalen', en: 'Gives the conversation a clear structure' },
        hint: {
          nb: 'Avklarer forventninger, tid og mål i starten og runder av til slutt',
          en: 'Clarifies expectations, time and goal at the start and rounds off at the end',
        },
      },
      {
        id: 'listen',
        label: { nb: 'Lytter til det som blir sagt', en: 'Listens to what is said' },
        hint: {
          nb: 'Bygger videre på veisøkerens egne ord',
          en: "Builds on the advisee's own words",
        },
      },
      {
        id: 'open_questions',
        label: { nb: 'Stiller åpne spørsmål', en: 'Asks open questions' },
        hint: {
          nb: 'Hva, hvordan, hva tenker du om …? – ikke ja/nei-spørsmål',
          en: 'What, how, what do you think about …? – not yes/no questions',
        },
      },
      {
        id: 'follow_up',
        label: { nb: 'Stiller oppfølgingsspørsmål', en: 'Asks follow-up questions' },
      },
      {
        id: 'tolerate_silence',
        label: { nb: 'Tåler stillhet', en: 'Tolerates silence' },
        hint: {
          nb: 'Gir veisøker tid til å tenke før neste spørsmål',
          en: 'Gives the advisee time to think before the next question',
        },
      },
    ],
  }),
  withToolbox({
    id: 'group_dynamics',
    title: { nb: 'Gruppedynamikk og å tilpasse seg gruppen', en: 'Group dynamics and adapting to the group' },
    focusItems: [
      {
        id: 'notices_dynamics',
        label: { nb: 'Er oppmerksom på gruppedynamikken', en: 'Pays attention to the group dynamics' },
        hint: {
          nb: 'Legger merke til hvem som snakker, hvem som er stille, og stemningen',
          en: 'Notices who talks, who is quiet, and the mood',
        },
      },
      {
        id: 'adapts',
        label: {
          nb: 'Tilpasser veiledningen til erfaringer og behov',
          en: 'Adapts the guidance to experiences and needs',
        },
      },
      {
        id: 'everyone_heard',
        label: {
          nb: 'Sørger for at alle når frem med sine synspunkter',
          en: 'Makes sure everyone gets their views across',
        },
      },
      {
        id: 'sharing',
        label: { nb: 'Legger til rette for erfaringsdeling', en: 'Makes room for sharing experiences' },
      },
      {
        id: 'safety',
        label: { nb: 'Bygger relasjon og trygghet', en: 'Builds relationship and a sense of safety' },
      },
    ],
  }),
  withToolbox({
    id: 'support_challenge',
    title: {
      nb: 'Balansen mellom å støtte og å utfordre',
      en: 'Balancing support and challenge',
    },
    focusItems: [
      {
        id: 'supports',
        label: { nb: 'Støtter og anerkjenner veisøker', en: 'Supports and acknowledges the advisee' },
      },
      {
        id: 'challenges',
        label: {
          nb: 'Utfordrer veisøker til å reflektere videre',
          en: 'Challenges the advisee to reflect further',
        },
        hint: {
          nb: 'Våger å stille spørsmål ved antakelser, vennlig og tydelig',
          en: 'Dares to question assumptions, kindly and clearly',
        },
      },
      {
        id: 'balance',
        label: {
          nb: 'Finner balansen mellom å støtte og å utfordre',
          en: 'Finds the balance between supporting and challenging',
        },
      },
      {
        id: 'self_discovery',
        label: {
          nb: 'Fremmer innsikt og selvoppdagelse hos veisøker',
          en: 'Fosters insight and self-discovery in the advisee',
        },
        hint: {
          nb: 'Veisøker finner egne løsninger i stedet for å få råd',
          en: 'The advisee finds their own solutions instead of being given advice',
        },
      },
    ],
  }),
  withToolbox({
    id: 'ethics_power',
    title: { nb: 'Etikk og makt i veiledning', en: 'Ethics and power in guidance' },
    focusItems: [
      {
        id: 'aware_of_power',
        label: {
          nb: 'Er bevisst egen makt og rolle som veileder',
          en: 'Is aware of their own power and role as a guide',
        },
      },
      {
        id: 'advisee_owns_case',
        label: {
          nb: 'Lar veisøker eie saken og løsningene',
          en: 'Lets the advisee own the case and the solutions',
        },
      },
      {
        id: 'respect',
        label: {
          nb: 'Møter veisøker med respekt og ivaretar tryggheten',
          en: 'Meets the advisee with respect and keeps the conversation safe',
        },
      },
      {
        id: 'confidentiality',
        label: {
          nb: 'Ivaretar taushetsplikten',
          en: 'Respects confidentiality',
        },
        hint: {
          nb: 'Ingen pasientopplysninger i samtalen',
          en: 'No patient information in the conversation',
        },
      },
    ],
  }),
];

/** The theme with this id, or undefined. */
export function themeById<T extends Pick<ThemeTemplate, 'id'>>(
  themes: readonly T[],
  id: string,
): T | undefined {
  return themes.find((theme) => theme.id === id);
}
