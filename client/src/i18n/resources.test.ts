import { describe, expect, it } from 'vitest';
import en from './en.json';
import { DEFAULT_LANGUAGE, resolveLanguage } from './language.ts';
import nb from './nb.json';

type Tree = { [key: string]: string | Tree };

function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

function placeholders(tree: Tree): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const walk = (node: Tree, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') {
        result.set(`${prefix}${key}`, [...value.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1] ?? '').sort());
      } else walk(value, `${prefix}${key}.`);
    }
  };
  walk(tree, '');
  return result;
}

describe('translation resources', () => {
  it('nb and en have identical key sets', () => {
    expect(leafKeys(en).sort()).toEqual(leafKeys(nb).sort());
  });

  it('no translation is empty', () => {
    for (const tree of [nb, en]) {
      const empty = leafKeys(tree).filter((key) => {
        const value = key.split('.').reduce<Tree | string | undefined>((node, part) => {
          return typeof node === 'object' ? node[part] : undefined;
        }, tree);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(empty).toEqual([]);
    }
  });

  it('nb and en use the same interpolation placeholders', () => {
    const nbPlaceholders = placeholders(nb);
    const enPlaceholders = placeholders(en);
    for (const [key, names] of nbPlaceholders) expect([key, enPlaceholders.get(key)]).toEqual([key, names]);
  });
});

describe('resolveLanguage', () => {
  it.each([
    ['nb', 'nb'],
    ['en', 'en'],
    [null, DEFAULT_LANGUAGE],
    [undefined, DEFAULT_LANGUAGE],
    ['de', DEFAULT_LANGUAGE],
    ['', DEFAULT_LANGUAGE],
  ])('%s → %s', (stored, expected) => {
    expect(resolveLanguage(stored)).toBe(expected);
  });
});
