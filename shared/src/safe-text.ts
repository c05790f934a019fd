/**
 * Text a person may send: any Unicode except NUL, the other C0 control characters (tab, line
 * feed and carriage return stay) and unpaired UTF-16 surrogates.
 * Why: Postgres cannot store NUL or a lone surrogate in text or jsonb, so such input used to pass
 * validation and fail in the database as a 500 — it is rejected here, as a 400, on both sides.
 */
import { z } from 'zod';

// With the `u` flag a lone surrogate is one code point of category Cs; a proper pair is not.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE_CHARACTER = /[\p{Cs}\u0000-\u0008\u000B\u000C\u000E-\u001F]/u;

/** The message a person sees when their text holds a character that cannot be stored. */
export const UNSAFE_TEXT_MESSAGE = 'Contains a control character or an invalid character';

/** True when `s` holds no character that {@link safeText} rejects. */
export const isSafeText = (s: string): boolean => !UNSAFE_CHARACTER.test(s);

/** A string schema that accepts only safe text; chain `.trim()`, `.min()`, `.max()` as usual. */
export const safeText = () => z.string().refine(isSafeText, UNSAFE_TEXT_MESSAGE);

/**
 * The first place in a decoded JSON value (keys included) that holds unsafe text, as a path like
 * `groups.0.1`, or undefined. The entry points run it before any schema, so a field someone
 * forgot to declare with {@link safeText} still cannot carry such a character to the database.
 */
export function unsafeTextPath(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof value === 'string') return isSafeText(value) ? undefined : path.join('.') || 'value';
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (!isSafeText(key)) return [...path, '(key)'].join('.');
    const found = unsafeTextPath(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}
