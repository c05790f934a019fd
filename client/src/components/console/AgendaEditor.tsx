import {
  defaultExerciseFor,
  exerciseFit,
  SEGMENT_KINDS,
  type SegmentKind,
  TIMING_PRESETS,
  type TimingPreset,
  type WebinarPlan,
} from '@rundgang/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../hooks/use-command.ts';
import { request } from '../../realtime/session.ts';

interface SegmentDraft {
  key: number;
  kind: SegmentKind;
  title: string;
  minutes: string;
}

type Focus = { key: number; control: 'title' | 'up' | 'down' } | { key: 'add' } | null;

const minutesOf = (text: string) => Number(text);
const validMinutes = (text: string) => {
  const n = minutesOf(text);
  return Number.isInteger(n) && n >= 1 && n <= 600;
};

/** Under an exercise row: what the agenda's default exercise needs, and whether the row holds it. */
function ExerciseRowFit({ fit }: { fit: ReturnType<typeof exerciseFit> }) {
  const { t } = useTranslation();
  const minutes = Math.ceil(fit.neededSec / 60);
  return (
    <p
      className={`hint agenda-editor__fit${fit.fits ? '' : ' agenda-editor__fit--over'}`}
      data-testid="agenda-editor-exercise-fit"
      data-fits={String(fit.fits)}
      role={fit.fits ? undefined : 'alert'}
    >
      {fit.fits ? t('timing.agendaExercise', { minutes }) : t('timing.agendaExerciseOver', { minutes })}
    </p>
  );
}

/**
 * Edits the webinar's agenda: add, remove and reorder segments, change kind, title and minutes.
 * Reordering is by buttons (keyboard and touch alike); focus follows the moved segment.
 */
export function AgendaEditor({ plan, onDone }: { plan: WebinarPlan; onDone: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const nextKey = useRef(plan.segments.length);
  const rowsOf = (from: WebinarPlan, firstKey: number): SegmentDraft[] =>
    from.segments.map((s, i) => ({
      key: firstKey + i,
      kind: s.kind,
      title: s.title,
      minutes: String(s.plannedMinutes),
    }));
  const [rows, setRows] = useState<SegmentDraft[]>(() => rowsOf(plan, 0));
  const [focus, setFocus] = useState<Focus>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { run, busy, error } = useCommand();
  const valid = rows.every(
    (r) => r.title.trim().length > 0 && r.title.trim().length <= 200 && validMinutes(r.minutes),
  );
  const total = rows.reduce((sum, r) => sum + (validMinutes(r.minutes) ? minutesOf(r.minutes) : 0), 0);
  const draftPlan: WebinarPlan = {
    segments: rows.map((r) => ({ kind: r.kind, title: r.title, plannedMinutes: minutesOf(r.minutes) || 0 })),
  };
  const exercise = defaultExerciseFor(draftPlan);
  const applyPreset = (preset: TimingPreset) => {
    const first = nextKey.current;
    const next = rowsOf(TIMING_PRESETS[preset].plan, first);
    nextKey.current += next.length;
    setRows(next);
  };

  useEffect(() => {
    if (!focus || !formRef.current) return;
    const selector =
      focus.key === 'add'
        ? '[data-agenda-add]'
        : `[data-row="${focus.key}"] [data-control="${focus.control}"]`;
    const target = formRef.current.querySelector<HTMLElement>(selector);
    // At the top or bottom the pressed button is disabled: keep focus in the row on its sibling.
    if (target && (target as HTMLButtonElement).disabled && 'control' in focus) {
      formRef.current
        .querySelector<HTMLElement>(
          `[data-row="${focus.key}"] [data-control="${focus.control === 'up' ? 'down' : 'up'}"]`,
        )
        ?.focus();
    } else target?.focus();
    setFocus(null);
  }, [focus]);

  const patch = (key: number, change: Partial<SegmentDraft>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const move = (index: number, by: -1 | 1) => {
    const row = rows[index];
    const to = index + by;
    if (!row || to < 0 || to >= rows.length) return;
    const next = rows.filter((_, i) => i !== index);
    next.splice(to, 0, row);
    setRows(next);
    setFocus({ key: row.key, control: by < 0 ? 'up' : 'down' });
  };
  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    setRows(next);
    const neighbour = next[index] ?? next[index - 1];
    setFocus(neighbour ? { key: neighbour.key, control: 'title' } : { key: 'add' });
  };
  const add = () => {
    const key = nextKey.current++;
    setRows((all) => [...all, { key, kind: 'plenary', title: t('agenda.newSegment'), minutes: '15' }]);
    setFocus({ key, control: 'title' });
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    const next: WebinarPlan = {
      segments: rows.map((r) => ({
        kind: r.kind,
        title: r.title.trim(),
        plannedMinutes: minutesOf(r.minutes),
      })),
    };
    if ((await run(() => request('agenda:plan', { plan: next }))) !== null) onDone();
  };

  return (
    <form
      ref={formRef}
      className="agenda-editor"
      aria-labelledby={headingId}
      data-testid="agenda-editor"
      onSubmit={(e) => void save(e)}
    >
      <h3 id={headingId}>{t('agenda.editorHeading')}</h3>
      <p className="hint">{t('agenda.editorHint')}</p>
      <div className="actions">
        <span className="hint">{t('timing.agendaPresets')}:</span>
        {(['three_hours', 'two_hours'] as const).map((preset) => (
          <button
            key={preset}
            type="button"
            className="button button--small button--secondary"
            data-testid={`agenda-preset-${preset}`}
            onClick={() => applyPreset(preset)}
          >
            {t(preset === 'three_hours' ? 'timing.agendaPresetThreeHours' : 'timing.agendaPresetTwoHours')}
          </button>
        ))}
      </div>
      <ol className="agenda-editor__list">
        {rows.map((row, index) => {
          const number = index + 1;
          const titleBad = row.title.trim().length === 0;
          const minutesBad = !validMinutes(row.minutes);
          return (
            <li
              key={row.key}
              className="agenda-editor__row"
              data-row={row.key}
              data-testid="agenda-editor-row"
            >
              <fieldset>
                <legend className="visually-hidden">{t('agenda.segmentLegend', { number })}</legend>
                <label className="agenda-editor__field agenda-editor__field--title">
                  <span>
                    {number}. {t('agenda.title')}
                  </span>
                  <input
                    type="text"
                    value={row.title}
                    maxLength={200}
                    required
                    aria-invalid={titleBad || undefined}
                    data-control="title"
                    data-testid="agenda-segment-title"
                    onChange={(e) => patch(row.key, { title: e.target.value })}
                  />
                </label>
                <div className="agenda-editor__line">
                  <label className="agenda-editor__field">
                    <span>{t('agenda.kind')}</span>
                    <select
                      value={row.kind}
                      data-testid="agenda-segment-kind"
                      onChange={(e) => patch(row.key, { kind: e.target.value as SegmentKind })}
                    >
                      {SEGMENT_KINDS.map((kind) => (
                        <option key={kind} value={kind}>
                          {t(`agenda.kinds.${kind}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="agenda-editor__field agenda-editor__field--minutes">
                    <span>{t('agenda.plannedMinutes')}</span>
                    <input
                      type="number"
                      min={1}
                      max={600}
                      step={1}
                      inputMode="numeric"
                      value={row.minutes}
                      required
                      aria-invalid={minutesBad || undefined}
                      data-testid="agenda-segment-minutes"
                      onChange={(e) => patch(row.key, { minutes: e.target.value })}
                    />
                  </label>
                  <div className="agenda-editor__buttons">
                    <button
                      type="button"
                      className="chip-button"
                      disabled={index === 0}
                      aria-label={t('agenda.moveUpLabel', { number })}
                      title={t('agenda.moveUp')}
                      data-control="up"
                      onClick={() => move(index, -1)}
                    >
                      <span aria-hidden="true">↑</span>
                    </button>
                    <button
                      type="button"
                      className="chip-button"
                      disabled={index === rows.length - 1}
                      aria-label={t('agenda.moveDownLabel', { number })}
                      title={t('agenda.moveDown')}
                      data-control="down"
                      onClick={() => move(index, 1)}
                    >
                      <span aria-hidden="true">↓</span>
                    </button>
                    <button
                      type="button"
                      className="chip-button chip-button--danger"
                      aria-label={t('agenda.removeLabel', { number })}
                      title={t('agenda.remove')}
                      data-testid="agenda-segment-remove"
                      onClick={() => remove(index)}
                    >
                      <span aria-hidden="true">✕</span>
                    </button>
                  </div>
                </div>
                {row.kind === 'exercise' && validMinutes(row.minutes) && (
                  <ExerciseRowFit fit={exerciseFit(exercise, minutesOf(row.minutes), [3, 4])} />
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <p className="agenda-editor__total">{t('agenda.total', { minutes: total })}</p>
      {!valid && (
        <p className="error-message" role="alert">
          {t('agenda.invalid')}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button--small button--secondary"
          data-agenda-add
          data-testid="agenda-add"
          disabled={rows.length >= 50}
          onClick={add}
        >
          {t('agenda.add')}
        </button>
        <button
          type="submit"
          className="button button--small"
          disabled={busy || !valid}
          data-testid="agenda-save"
        >
          {busy ? t('agenda.saving') : t('agenda.save')}
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onDone}>
          {t('agenda.cancel')}
        </button>
      </div>
      <p className="status-message error-text" role="status">
        {error ?? ''}
      </p>
    </form>
  );
}
