import { RequestErrorCode } from '@rundgang/shared';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import nb from '../i18n/nb.json';

describe('error sentences', () => {
  it.each(RequestErrorCode.options)('%s has a sentence in nb and en', (code) => {
    expect(nb.errors[code]).toMatch(/\S/);
    expect(en.errors[code]).toMatch(/\S/);
  });

  it('there is no sentence for a code that does not exist', () => {
    const codes: readonly string[] = RequestErrorCode.options;
    expect(Object.keys(nb.errors).filter((key) => !codes.includes(key))).toEqual([]);
  });
});
