/**
 * A roster from a CSV file or cells pasted from a spreadsheet: which column is which (headers in
 * nb or en), each row checked, every problem named per row — before anything is saved.
 * Why: a facilitator imports 57 people at once; a broken address or a person listed twice must
 * show up in the preview on its own line, not as a half-saved roster or a single vague error.
 */
import { z } from 'zod';
import { type CsvDelimiter, detectDelimiter, readCsv, writeCsv } from './csv.ts';
import {
  CheckedRosterEntry,
  PROFESSION_LABELS,
  PROFESSIONS,
  type Profession,
  ROSTER_IMPORT_MAX_ROWS,
  ROSTER_TEXT_MAX,
  RosterEmail,
  RosterEntry,
  type RosterKey,
  type RosterParticipant,
  sameRosterPerson,
} from './roster.ts';

/** The roster fields a column can hold. */
export const ROSTER_FIELDS = ['name', 'email', 'municipality', 'workplace', 'profession'] as const;
/** One of {@link ROSTER_FIELDS}. */
export const RosterField = z.enum(ROSTER_FIELDS);
/** One of {@link ROSTER_FIELDS}. */
export type RosterField = z.infer<typeof RosterField>;

/** Column headers recognised per field (nb and en), compared without case, spaces or dashes. */
const HEADER_ALIASES: Record<RosterField | 'firstName' | 'lastName', readonly string[]> = {
  name: ['navn', 'fulltnavn', 'deltaker', 'name', 'fullname', 'participant'],
  firstName: ['fornavn', 'firstname', 'givenname'],
  lastName: ['etternavn', 'lastname', 'surname', 'familyname'],
  email: ['epost', 'epostadresse', 'email', 'emailaddress', 'mail'],
  municipality: ['kommune', 'municipality'],
  workplace: ['arbeidssted', 'arbeidsplass', 'workplace', 'employer'],
  profession: ['yrke', 'profesjon', 'yrkesgruppe', 'profession', 'occupation'],
};

const squash = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/[^a-zæøåäöü]/g, '');

/** Profession values recognised: the keys, the nb and en labels, and common plurals. */
const PROFESSION_ALIASES = new Map<string, Profession>(
  PROFESSIONS.flatMap((p) => {
    const names = [p, PROFESSION_LABELS[p].nb, PROFESSION_LABELS[p].en, `${p}e`];
    return names.map((n): [string, Profession] => [squash(n), p]);
  }).concat([
    [squash('health care worker'), 'helsefagarbeider'],
    [squash('other'), 'annet'],
  ]),
);

/** The profession a cell names, null for an empty cell, undefined when it names none. */
export function parseProfession(cell: string): Profession | null | undefined {
  const key = squash(cell);
  return key === '' ? null : PROFESSION_ALIASES.get(key);
}

/** Why one row cannot be imported. */
export const ROSTER_ROW_ERRORS = [
  'missing_name',
  'bad_email',
  'unknown_profession',
  'too_long',
  'duplicate_in_file',
  'duplicate_in_roster',
] as const;
/** One of {@link ROSTER_ROW_ERRORS}. */
export const RosterRowErrorCode = z.enum(ROSTER_ROW_ERRORS);
/** One problem of one row. */
export const RosterRowError = z.object({
  code: RosterRowErrorCode,
  field: RosterField,
  /** For `duplicate_in_file`: the line of the first occurrence. */
  duplicateOfLine: z.number().int().optional(),
});
/** One problem of one row. */
export type RosterRowError = z.infer<typeof RosterRowError>;

/** Why a whole file cannot be imported. */
export const ROSTER_FILE_ERRORS = ['empty', 'no_name_column', 'too_many_rows'] as const;
/** One of {@link ROSTER_FILE_ERRORS}. */
export const RosterFileError = z.enum(ROSTER_FILE_ERRORS);
/** One of {@link ROSTER_FILE_ERRORS}. */
export type RosterFileError = z.infer<typeof RosterFileError>;

/** The cells of one row as read (trimmed), whether or not they are valid. */
export const RosterRowValues = z.object({
  name: z.string(),
  email: z.string(),
  municipality: z.string(),
  workplace: z.string(),
  profession: z.string(),
});
/** The cells of one row as read. */
export type RosterRowValues = z.infer<typeof RosterRowValues>;

/** One data row of an import preview. */
export const RosterPreviewRow = z.object({
  /** Line in the file (the header is line 1), as the spreadsheet numbers it. */
  line: z.number().int().min(1),
  values: RosterRowValues,
  /** The checked entry; null when the row has errors. */
  entry: CheckedRosterEntry.nullable(),
  errors: z.array(RosterRowError),
});
/** One data row of an import preview. */
export type RosterPreviewRow = z.infer<typeof RosterPreviewRow>;

/** What an import would do, shown before anything is saved. */
export const RosterImportPreview = z.object({
  delimiter: z.enum([',', ';', '\t']),
  /** Which field each recognised column holds, in file order. */
  columns: z.array(
    z.object({ header: z.string(), field: RosterField.or(z.enum(['firstName', 'lastName'])) }),
  ),
  /** Headers that matched no field; their cells are not imported. */
  ignoredColumns: z.array(z.string()),
  fileError: RosterFileError.nullable(),
  rows: z.array(RosterPreviewRow),
  validCount: z.number().int().min(0),
  errorCount: z.number().int().min(0),
});
/** What an import would do. */
export type RosterImportPreview = z.infer<typeof RosterImportPreview>;

type ColumnField = RosterField | 'firstName' | 'lastName';

function columnField(header: string): ColumnField | undefined {
  const key = squash(header);
  if (!key) return undefined;
  return (Object.keys(HEADER_ALIASES) as ColumnField[]).find((field) => HEADER_ALIASES[field].includes(key));
}

const emptyValues = (): RosterRowValues => ({
  name: '',
  email: '',
  municipality: '',
  workplace: '',
  profession: '',
});

/**
 * Reads a roster text (CSV or pasted cells; the first non-blank line is the header) and checks
 * every row against the others and the series' existing roster. Pure: saving is the caller's.
 */
export function previewRosterImport(text: string, existing: readonly RosterKey[] = []): RosterImportPreview {
  const delimiter: CsvDelimiter = detectDelimiter(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const lines = readCsv(text, delimiter).map((cells, index) => ({ cells, line: index + 1 }));
  const nonBlank = lines.filter(({ cells }) => cells.some((c) => c.trim() !== ''));
  const preview: RosterImportPreview = {
    delimiter,
    columns: [],
    ignoredColumns: [],
    fileError: null,
    rows: [],
    validCount: 0,
    errorCount: 0,
  };
  const [header, ...data] = nonBlank;
  if (!header) return { ...preview, fileError: 'empty' };

  const fields = header.cells.map((h) => columnField(h.trim()));
  const seen = new Set<ColumnField>();
  header.cells.forEach((h, i) => {
    const field = fields[i];
    // A repeated header keeps its first column; the second is ignored rather than merged.
    if (field && !seen.has(field)) {
      seen.add(field);
      preview.columns.push({ header: h.trim(), field });
    } else {
      fields[i] = undefined;
      if (h.trim()) preview.ignoredColumns.push(h.trim());
    }
  });
  if (!seen.has('name') && !(seen.has('firstName') || seen.has('lastName'))) {
    return { ...preview, fileError: 'no_name_column' };
  }
  if (data.length > ROSTER_IMPORT_MAX_ROWS) return { ...preview, fileError: 'too_many_rows' };

  const accepted: { key: RosterKey; line: number }[] = [];
  for (const { cells, line } of data) {
    const values = emptyValues();
    const parts: Partial<Record<ColumnField, string>> = {};
    fields.forEach((field, i) => {
      if (field) parts[field] = (cells[i] ?? '').trim();
    });
    values.name = parts.name ?? [parts.firstName, parts.lastName].filter(Boolean).join(' ');
    values.email = parts.email ?? '';
    values.municipality = parts.municipality ?? '';
    values.workplace = parts.workplace ?? '';
    values.profession = parts.profession ?? '';
    const { row, key } = checkRow(values, line, existing, accepted);
    if (key) accepted.push({ key, line });
    preview.rows.push(row);
  }
  preview.validCount = preview.rows.filter((r) => r.errors.length === 0).length;
  preview.errorCount = preview.rows.length - preview.validCount;
  return preview;
}

function checkRow(
  values: RosterRowValues,
  line: number,
  existing: readonly RosterKey[],
  accepted: readonly { key: RosterKey; line: number }[],
): { row: RosterPreviewRow; key: RosterKey | null } {
  const errors: RosterRowError[] = [];
  if (!values.name) errors.push({ code: 'missing_name', field: 'name' });
  for (const field of ['name', 'municipality', 'workplace'] as const) {
    if (values[field].length > ROSTER_TEXT_MAX) errors.push({ code: 'too_long', field });
  }
  const email = RosterEmail.safeParse(values.email);
  if (!email.success) errors.push({ code: 'bad_email', field: 'email' });
  const profession = parseProfession(values.profession);
  if (profession === undefined) errors.push({ code: 'unknown_profession', field: 'profession' });
  if (errors.length > 0) return { row: { line, values, entry: null, errors }, key: null };

  const entry = RosterEntry.parse({ ...values, email: email.data, profession });
  const earlier = accepted.find((a) => sameRosterPerson(a.key, entry));
  if (earlier) errors.push({ code: 'duplicate_in_file', field: 'name', duplicateOfLine: earlier.line });
  else if (existing.some((e) => sameRosterPerson(e, entry))) {
    errors.push({ code: 'duplicate_in_roster', field: 'name' });
  }
  return errors.length > 0
    ? { row: { line, values, entry: null, errors }, key: null }
    : { row: { line, values, entry, errors }, key: entry };
}

/** Column headers of the roster export, per language. */
const EXPORT_HEADERS = {
  name: { nb: 'Navn', en: 'Name' },
  email: { nb: 'E-post', en: 'Email' },
  municipality: { nb: 'Kommune', en: 'Municipality' },
  workplace: { nb: 'Arbeidssted', en: 'Workplace' },
  profession: { nb: 'Yrke', en: 'Profession' },
  link: { nb: 'Invitasjonslenke', en: 'Invite link' },
} as const;

/**
 * The roster with each person's full invite link, for a mail merge: `;`-separated with a BOM
 * (what Excel in a Norwegian locale opens cleanly), cells defused. Its headers read back in
 * {@link previewRosterImport}, so an exported roster can seed the next series.
 */
export function rosterToCsv(
  participants: readonly RosterParticipant[],
  origin: string,
  language: 'nb' | 'en' = 'nb',
): string {
  const keys = Object.keys(EXPORT_HEADERS) as (keyof typeof EXPORT_HEADERS)[];
  const base = origin.replace(/\/+$/, '');
  const rows = participants.map((p) => [
    p.name,
    p.email ?? '',
    p.municipality ?? '',
    p.workplace ?? '',
    p.profession ? PROFESSION_LABELS[p.profession][language] : '',
    `${base}${p.invitePath}`,
  ]);
  return writeCsv([keys.map((k) => EXPORT_HEADERS[k][language]), ...rows], { bom: true, delimiter: ';' });
}
