/**
 * Durations as people type them: "1:30" (minutes:seconds), "0,5" or "0.5" (decimal minutes, the
 * Norwegian comma included) or "5" (whole minutes), always answered in whole seconds.
 * Why: phase lengths were typed as fractional minutes and "0,5" became 5 minutes; one parser
 * with a typed error lets the form say exactly what is wrong, in the reader's language.
 */

/** Why a typed duration was not accepted. */
export type DurationError = 'empty' | 'format' | 'range';

/** A parsed duration in whole seconds, or why it is not one. */
export type ParsedDuration = { ok: true; seconds: number } | { ok: false; error: DurationError };

const MINUTES_SECONDS = /^(\d{1,3}):([0-5]\d)$/;
const DECIMAL_MINUTES = /^(\d{1,3})(?:[.,](\d{1,3}))?$/;

/** Parses "m:ss", decimal minutes or whole minutes; checks the result against [minSec, maxSec]. */
export function parseDuration(text: string, minSec = 1, maxSec = 6 * 3600): ParsedDuration {
  const trimmed = text.trim().replace(/\s+/g, '');
  if (trimmed === '') return { ok: false, error: 'empty' };
  let seconds: number;
  const ms = MINUTES_SECONDS.exec(trimmed);
  const dm = ms ? null : DECIMAL_MINUTES.exec(trimmed);
  if (ms) seconds = Number(ms[1]) * 60 + Number(ms[2]);
  else if (dm) seconds = Math.round(Number(`${dm[1]}.${dm[2] ?? '0'}`) * 60);
  else return { ok: false, error: 'format' };
  if (seconds < minSec || seconds > maxSec) return { ok: false, error: 'range' };
  return { ok: true, seconds };
}

/** Whole seconds as "m:ss" (minutes are not wrapped into hours: "90:00"). */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** One stepper press: `step` seconds up or down, snapped to the step grid and kept in range. */
export function stepDuration(
  seconds: number,
  direction: 1 | -1,
  step: number,
  minSec: number,
  maxSec: number,
) {
  const snapped =
    direction > 0 ? Math.floor(seconds / step) * step + step : Math.ceil(seconds / step) * step - step;
  return Math.min(maxSec, Math.max(minSec, snapped));
}
