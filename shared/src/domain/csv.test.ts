import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsv, writeCsv } from './csv.ts';

describe('detectDelimiter', () => {
  it.each([
    ['Navn;E-post;Kommune\r\nKari;;Horten', ';'],
    ['name,email,municipality\nKari,,Horten', ','],
    ['Navn\tKommune\nKari\tHorten', '\t'],
    ['"Hansen, Kari";Horten', ';'],
    ['Navn', '\t'],
  ] as const)('%j → %j', (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

describe('readCsv', () => {
  it.each([
    [
      'a;b\r\nc;d\r\n',
      ';',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      '\uFEFFa;b\nc;d',
      ';',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['"Hansen; Kari";"sa ""hei"""\n', ';', [['Hansen; Kari', 'sa "hei"']]],
    ['"to\r\nlinjer",x\r\n', ',', [['to\r\nlinjer', 'x']]],
    ['a\n\nb', ',', [['a'], [''], ['b']]],
    [
      'Åse;Tønsberg\rØystein;Færder',
      ';',
      [
        ['Åse', 'Tønsberg'],
        ['Øystein', 'Færder'],
      ],
    ],
    ['a;', ';', [['a', '']]],
  ] as const)('%j', (text, delimiter, rows) => {
    expect(readCsv(text, delimiter)).toEqual(rows);
  });

  it('reads back what writeCsv wrote, apart from defused formulas', () => {
    const table = [
      ['Navn', 'Merknad'],
      ['Ærlige Åse', 'sa "ja"; så nei'],
      ['Ola', '=HYPERLINK("x")'],
    ];
    const rows = readCsv(writeCsv(table, { bom: true, delimiter: ';' }));
    expect(rows.slice(0, 2)).toEqual(table.slice(0, 2));
    expect(rows[2]).toEqual(['Ola', `'=HYPERLINK("x")`]);
  });
});
