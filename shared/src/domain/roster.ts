/**
 * The cohort of a series as the facilitator keeps it: who each participant is (name, optional
 * email, municipality, workplace, profession) and the limits every way of adding them shares.
 * Why: people arrive by hand, by CSV import and by paste from a spreadsheet, and all three must
 * end with the same checked fields; the profession list also drives "mix professions" grouping.
 */
import { z } from 'zod';

/** The professions of the programme's mentors (seed 002), plus a catch-all. */
export const PROFESSIONS = ['helsefagarbeider', 'sykepleier', 'vernepleier', 'annet'] as const;
/** One of {@link PROFESSIONS}. */
export const Profession = z.enum(PROFESSIONS);
/** One of {@link PROFESSIONS}. */
export type Profession = z.infer<typeof Profession>;

/** How a profession is named to people, per language. */
export const PROFESSION_LABELS: Readonly<Record<Profession, { nb: string; en: string }>> = {
  helsefagarbeider: { nb: 'Helsefagarbeider', en: 'Healthcare worker' },
  sykepleier: { nb: 'Sykepleier', en: 'Nurse' },
  vernepleier: { nb: 'Vernepleier', en: 'Social educator' },
  annet: { nb: 'Annet', en: 'Other' },
};

/** Longest name, municipality or workplace a roster accepts. */
export const ROSTER_TEXT_MAX = 100;
/** Most participants one import may add (the programme has 57; a large cohort 200). */
export const ROSTER_IMPORT_MAX_ROWS = 500;

const optionalText = z
  .string()
  .trim()
  .max(ROSTER_TEXT_MAX)
  .transform((v) => v || null)
  .nullish()
  .transform((v) => v ?? null);

/** An email address as a roster stores it: trimmed, lower-cased, or null when left empty. */
export const RosterEmail = z
  .union([z.literal(''), z.string().trim().toLowerCase().pipe(z.email().max(254))])
  .nullish()
  .transform((v) => v || null);

/** One participant's fields, as added by hand, edited or imported. */
export const RosterEntry = z.object({
  name: z.string().trim().min(1).max(ROSTER_TEXT_MAX),
  email: RosterEmail,
  municipality: optionalText,
  workplace: optionalText,
  profession: Profession.nullish().transform((v) => v ?? null),
});
/** One participant's fields, checked. */
export type RosterEntry = z.infer<typeof RosterEntry>;

/** A checked {@link RosterEntry} as it travels in a response (no input transforms to replay). */
export const CheckedRosterEntry = z.object({
  name: z.string(),
  email: z.string().nullable(),
  municipality: z.string().nullable(),
  workplace: z.string().nullable(),
  profession: Profession.nullable(),
});
/** One participant's fields as a client may send them (empty fields optional). */
export type RosterEntryInput = z.input<typeof RosterEntry>;

/** A participant of a series as the facilitator sees them, with their personal invite link. */
export const RosterParticipant = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  municipality: z.string().nullable(),
  workplace: z.string().nullable(),
  profession: Profession.nullable(),
  /** `/join/<token>`: the personal link, the same for every webinar of the series. */
  invitePath: z.string(),
});
/** A participant of a series with invite link. */
export type RosterParticipant = z.infer<typeof RosterParticipant>;

/** The fields that tell whether two roster entries are the same person. */
export type RosterKey = Pick<RosterEntry, 'name' | 'email' | 'municipality'>;

const normalized = (s: string | null | undefined) =>
  (s ?? '').normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Whether two entries are the same person: the same email, or the same name and municipality
 * (case and spacing ignored) unless both have emails and they differ — two Kari Hansens in
 * Horten with their own addresses are two people.
 */
export function sameRosterPerson(a: RosterKey, b: RosterKey): boolean {
  if (a.email && b.email) return normalized(a.email) === normalized(b.email);
  return (
    normalized(a.name) === normalized(b.name) && normalized(a.municipality) === normalized(b.municipality)
  );
}
