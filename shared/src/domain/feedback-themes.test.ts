import { describe, expect, it } from 'vitest';
import { DEFAULT_THEMES, DEFAULT_TOOLBOX, localize, ThemeTemplate, themeById } from './feedback-themes.ts';

const texts = DEFAULT_THEMES.flatMap((theme) => [
  { where: `${theme.id} title`, text: theme.title },
  ...theme.focusItems.flatMap((item) => [
    { where: `${theme.id}.${item.id} label`, text: item.label },
    ...(item.hint ? [{ where: `${theme.id}.${item.id} hint`, text: item.hint }] : []),
  ]),
  ...theme.tools.map((tool) => ({ where: `${theme.id} tool ${tool.id}`, text: tool.label })),
]);

describe('DEFAULT_THEMES', () => {
  it('holds the four themes of the seed programme', () => {
    expect(DEFAULT_THEMES.map((theme) => theme.id)).toEqual([
      'structure',
      'group_dynamics',
      'support_challenge',
      'ethics_power',
    ]);
  });

  it.each(DEFAULT_THEMES.map((theme) => ({ id: theme.id, theme })))(
    '$id is a valid template',
    ({ theme }) => {
      expect(ThemeTemplate.parse(theme)).toEqual(theme);
      expect(theme.focusItems.length).toBeGreaterThanOrEqual(3);
      expect(theme.focusItems.length).toBeLessThanOrEqual(5);
      expect(theme.tools.map((tool) => tool.id)).toEqual(DEFAULT_TOOLBOX.map((tool) => tool.id));
    },
  );

  it.each(texts)('$where has nb and en', ({ text }) => {
    expect(text.nb.trim()).not.toBe('');
    expect(text.en.trim()).not.toBe('');
    expect(text.nb).not.toBe(text.en);
  });

  it('uses the seed wording for structure', () => {
    const labels = themeById(DEFAULT_THEMES, 'structure')?.focusItems.map((item) => item.label.nb);
    expect(labels).toEqual(expect.arrayContaining(['Stiller åpne spørsmål', 'Tåler stillhet']));
  });

  it('has the toolbox tools named in PRODUCT.md', () => {
    expect(DEFAULT_TOOLBOX.map((tool) => tool.id)).toEqual(
      expect.arrayContaining(['open_questions', 'mirroring', 'summarising', 'tolerating_silence']),
    );
  });

  it('gives each theme its own copy of the toolbox', () => {
    expect(DEFAULT_THEMES[0]?.tools[0]).not.toBe(DEFAULT_THEMES[1]?.tools[0]);
  });
});

describe('themeById', () => {
  it.each([
    { id: 'ethics_power', found: true },
    { id: 'ETHICS_POWER', found: false },
    { id: 'nope', found: false },
  ])('$id → found: $found', ({ id, found }) => {
    expect(themeById(DEFAULT_THEMES, id)?.id === id).toBe(found);
  });
});

describe('localize', () => {
  it.each([
    { text: { nb: 'Speiling', en: 'Mirroring' }, language: 'en' as const, expected: 'Mirroring' },
    { text: { nb: 'Speiling', en: 'Mirroring' }, language: 'nb' as const, expected: 'Speiling' },
    { text: { nb: 'Speiling', en: '' }, language: 'en' as const, expected: 'Speiling' },
  ])('$language of $text.nb → $expected', ({ text, language, expected }) => {
    expect(localize(text, language)).toBe(expected);
  });
});

describe('ThemeTemplate (a facilitator edited theme)', () => {
  const item = { id: 'listen', label: { nb: 'Lytter', en: 'Listens' } };
  const valid = { id: 'my-theme', title: { nb: 'Mitt tema', en: '' }, focusItems: [item], tools: [] };

  it('accepts a Norwegian-only theme without tools', () => {
    expect(ThemeTemplate.safeParse(valid).success).toBe(true);
  });

  it.each([
    { name: 'no focus items', input: { ...valid, focusItems: [] }, path: 'focusItems' },
    { name: 'duplicate focus item', input: { ...valid, focusItems: [item, item] }, path: 'focusItems.1.id' },
    {
      name: 'duplicate tool',
      input: { ...valid, tools: [DEFAULT_TOOLBOX[0], DEFAULT_TOOLBOX[0]] },
      path: 'tools.1.id',
    },
    {
      name: 'too many focus items',
      input: { ...valid, focusItems: Array.from({ length: 13 }, (_, i) => ({ ...item, id: `i${i}` })) },
      path: 'focusItems',
    },
    { name: 'empty nb title', input: { ...valid, title: { nb: '  ', en: 'x' } }, path: 'title.nb' },
    {
      name: 'long label',
      input: { ...valid, focusItems: [{ ...item, label: { nb: 'x'.repeat(201), en: '' } }] },
      path: 'focusItems.0.label.nb',
    },
    { name: 'id with spaces', input: { ...valid, id: 'my theme' }, path: 'id' },
    { name: 'upper-case id', input: { ...valid, id: 'Theme' }, path: 'id' },
  ])('rejects $name', ({ input, path }) => {
    const result = ThemeTemplate.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
});
