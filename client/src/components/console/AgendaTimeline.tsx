import {
  type Agenda,
  defaultExerciseFor,
  exerciseFit,
  paceOf,
  plannedStartOffsetsMs,
  scheduleDriftMs,
} from '@rundgang/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../hooks/use-can.ts';
import { useCommand } from '../../hooks/use-command.ts';
import { useFormatClock } from '../../hooks/use-format-clock.ts';
import { useServerNow } from '../../hooks/use-server-now.ts';
import { request } from '../../realtime/session.ts';
import { useAppStore } from '../../store/index.ts';
import { AgendaEditor } from './AgendaEditor.tsx';

const MINUTE_MS = 60_000;

/** The current segment: when it started against the plan, and how much of it has run. */
function CurrentSegment({
  agenda,
  now,
}: {
  agenda: Agenda & { run: NonNullable<Agenda['run']> };
  now: number;
}) {
  const { t } = useTranslation();
  const clock = useFormatClock();
  const { plan, run } = agenda;
  const segment = plan.segments[run.currentIndex];
  if (!segment) return null;
  const plannedStart = run.startedAt + (plannedStartOffsetsMs(plan)[run.currentIndex] ?? 0);
  const elapsed = Math.max(0, Math.floor((now - run.currentStartedAt) / MINUTE_MS));
  const over = elapsed > segment.plannedMinutes;
  return (
    <div className="agenda__now" data-testid="agenda-current" data-index={run.currentIndex}>
      <p className="agenda__now-title">
        <span className="agenda__now-label">{t('agenda.nowLabel')}:</span> {segment.title}
      </p>
      <p className="agenda__now-meta">
        {t('agenda.startedAt', { actual: clock(run.currentStartedAt), planned: clock(plannedStart) })}
      </p>
      <p className={`agenda__now-meta${over ? ' agenda__now-meta--over' : ''}`} data-testid="agenda-elapsed">
        {t('agenda.elapsed', { elapsed, planned: segment.plannedMinutes })}
      </p>
    </div>
  );
}

/** "exercise 58 min" beside an exercise slot, marked when it does not fit. */
function ExerciseTotal({ fit }: { fit: ReturnType<typeof exerciseFit> | null }) {
  const { t } = useTranslation();
  if (!fit) return null;
  const minutes = Math.ceil(fit.neededSec / 60);
  return (
    <span
      className={`agenda__exercise-total${fit.fits ? '' : ' agenda__exercise-total--over'}`}
      data-testid="agenda-exercise-total"
      data-fits={String(fit.fits)}
    >
      {fit.fits ? t('timing.agendaExercise', { minutes }) : t('timing.agendaExerciseOver', { minutes })}
    </span>
  );
}

/**
 * The webinar's agenda from the session (shared by co-facilitators, persisted on the server):
 * current segment, planned vs actual, ahead/behind, "next segment", and the plan editor.
 */
export function AgendaTimeline() {
  const { t } = useTranslation();
  const headingId = useId();
  const now = useServerNow(15_000);
  const clock = useFormatClock();
  const agenda = useAppStore((s) => s.liveState?.agenda ?? null);
  const breakouts = useAppStore((s) => s.liveState?.breakouts ?? null);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // Closing the editor puts focus back on the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const { run: send, busy, error } = useCommand();
  const mayControl = useCan()('agenda:control');
  if (!agenda) return null;
  const { plan, run } = agenda;
  const segments = plan.segments;
  const current = run && segments[run.currentIndex] ? run : null;
  const drift = current ? scheduleDriftMs(plan, { ...current, now }) : 0;
  const pace = paceOf(drift);
  const driftMinutes = Math.round(Math.abs(drift) / MINUTE_MS);
  const offsets = plannedStartOffsetsMs(plan);
  const nextIndex = current ? current.currentIndex + 1 : 0;
  const next = segments[nextIndex];
  // What a finished segment really took (the run records each segment it leaves).
  const tookMinutes = (index: number): number | null => {
    const segment = segments[index];
    if (!current || index >= current.currentIndex || !segment) return null;
    const ran = current.done.findLast(
      (d) => d.title === segment.title && d.plannedMinutes === segment.plannedMinutes,
    );
    return ran ? Math.round((ran.endedAt - ran.startedAt) / MINUTE_MS) : null;
  };
  // The running exercise is judged with its real groups; other slots with the agenda's default.
  const fitOf = (index: number) => {
    const segment = segments[index];
    if (segment?.kind !== 'exercise') return null;
    const running = breakouts && current?.currentIndex === index;
    return running
      ? exerciseFit(
          breakouts.exercise,
          segment.plannedMinutes,
          breakouts.groups.map((g) => g.memberIds.length),
        )
      : exerciseFit(defaultExerciseFor(plan), segment.plannedMinutes, [3, 4]);
  };
  const startSegment = (index: number) => void send(() => request('agenda:start_segment', { index }));

  return (
    <section className="panel console-panel agenda" aria-labelledby={headingId} data-testid="agenda">
      <div className="console-panel__head">
        <h2 id={headingId}>{t('agenda.heading')}</h2>
        {current && (
          <span className={`pace pace--${pace}`} data-testid="agenda-pace" data-pace={pace}>
            {t(`agenda.pace.${pace}`, { minutes: driftMinutes })}
          </span>
        )}
      </div>
      {current && <CurrentSegment agenda={{ plan, run: current }} now={now} />}
      {segments.length === 0 ? (
        <p className="empty-state">{t('agenda.empty')}</p>
      ) : (
        <ol className="agenda__list" data-testid="agenda-list">
          {segments.map((segment, index) => {
            const isCurrent = current?.currentIndex === index;
            const done = current !== null && index < current.currentIndex;
            return (
              <li
                // Segments have no ids; the index is their identity in the plan.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={index}
                className={`agenda__item agenda__item--${segment.kind}${isCurrent ? ' agenda__item--current' : ''}${done ? ' agenda__item--done' : ''}`}
                aria-current={isCurrent ? 'step' : undefined}
                data-testid="agenda-item"
              >
                <span className="agenda__title">
                  <span className="visually-hidden">{t(`agenda.kinds.${segment.kind}`)}: </span>
                  {segment.title}
                </span>
                <span className="agenda__minutes">
                  {tookMinutes(index) !== null && (
                    <span className="agenda__clock" data-testid="agenda-took">
                      {t('agenda.took', { count: tookMinutes(index) ?? 0 })}
                      {' · '}
                    </span>
                  )}
                  {current && !done && !isCurrent && (
                    <span className="agenda__clock">
                      {t('agenda.plannedStart', { time: clock(current.startedAt + (offsets[index] ?? 0)) })}
                      {' · '}
                    </span>
                  )}
                  {t('agenda.minutes', { count: segment.plannedMinutes })}
                  <ExerciseTotal fit={fitOf(index)} />
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {mayControl && (
        <div className="actions">
          {current === null ? (
            <button
              type="button"
              className="button button--small"
              disabled={busy || segments.length === 0}
              data-testid="agenda-start"
              onClick={() => startSegment(0)}
            >
              {t('agenda.start')}
            </button>
          ) : next ? (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              data-testid="agenda-next"
              onClick={() => startSegment(nextIndex)}
            >
              {t('agenda.nextTo', { title: next.title })}
            </button>
          ) : (
            <p className="hint">{t('agenda.lastSegment')}</p>
          )}
          {!editing && (
            <button
              type="button"
              className="button button--small button--quiet"
              ref={editButton}
              data-testid="agenda-edit"
              onClick={() => setEditing(true)}
            >
              {t('agenda.edit')}
            </button>
          )}
        </div>
      )}
      <p className="status-message error-text" role="status">
        {error ?? ''}
      </p>
      {mayControl && editing && <AgendaEditor plan={plan} onDone={() => setEditing(false)} />}
    </section>
  );
}
