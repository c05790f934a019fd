/**
 * CSV in and out, for the files facilitators move between Rundgang and a spreadsheet.
 * Why: one writer (RFC 4180, formula cells defused) so every export is quoted the same way, and
 * one reader that takes what Excel, Numbers, LibreOffice and Google Sheets actually produce —
 * `;` in a Norwegian locale, `,` elsewhere, tabs when cells are pasted, with or without a BOM.
 */

/** How {@link writeCsv} writes: a UTF-8 BOM so Excel reads æøå, and the delimiter. */
export interface CsvWriteOptions {
  bom?: boolean;
  /** `,` per RFC 4180 (default); `;` is what Excel expects in a Norwegian locale. */
  delimiter?: ',' | ';';
}

/**
 * One CSV field, always quoted with inner quotes doubled. A text starting with = + - @ (or tab,
 * CR) gets a leading `'` so a spreadsheet shows it instead of running it as a formula.
 */
export function csvCell(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${defused.replaceAll('"', '""')}"`;
}

/** A table as RFC 4180 CSV: every field quoted and defused, CRLF after every line. */
export function writeCsv(table: readonly (readonly string[])[], options: CsvWriteOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const body = table.map((cells) => `${cells.map(csvCell).join(delimiter)}\r\n`).join('');
  return options.bom ? `\uFEFF${body}` : body;
}

/** The delimiters {@link readCsv} recognises. */
export type CsvDelimiter = ',' | ';' | '\t';

/**
 * The delimiter of a CSV text, from its first line: the one of tab, `;` and `,` that occurs
 * most often outside quotes (tab first on a tie: pasted cells never contain tabs).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { '\t': 0, ';': 0, ',': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === '\t' || ch === ';' || ch === ',')) counts[ch]++;
  }
  const order: CsvDelimiter[] = ['\t', ';', ','];
  return order.reduce((best, d) => (counts[d] > counts[best] ? d : best), order[0] as CsvDelimiter);
}

/**
 * Reads CSV (RFC 4180 quoting; CRLF, LF or CR line ends; a leading BOM dropped) into rows of
 * cells. Blank lines are kept as `[""]` so row numbers match the spreadsheet's line numbers.
 */
export function readCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): string[][] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
