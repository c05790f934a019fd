import { paceOf, scheduleDriftMs } from '@rundgang/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerNow } from '../../hooks/use-server-now.ts';
import { DEFAULT_AGENDA, defaultPlan, readRun, type StoredRun, writeRun } from '../../lib/agenda.ts';

/** The webinar's agenda as a timeline: current segment, and whether the run is ahead or behind. */
export function AgendaTimeline({ webinarId }: { webinarId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const now = useServerNow(15_000);
  const [run, setRun] = useState<StoredRun | null>(() => readRun(webinarId));
  const plan = defaultPlan((key) => t(`agenda.segments.${key as (typeof DEFAULT_AGENDA)[number]['key']}`));
  const save = (next: StoredRun | null) => {
    writeRun(webinarId, next);
    setRun(next);
  };
  const drift = run ? scheduleDriftMs(plan, { ...run, now }) : 0;
  const pace = paceOf(drift);
  const driftMinutes = Math.round(Math.abs(drift) / 60_000);
  const last = plan.segments.length - 1;
  return (
    <section className="panel console-panel agenda" aria-labelledby={headingId} data-testid="agenda">
      <div className="console-panel__head">
        <h2 id={headingId}>{t('agenda.heading')}</h2>
        {run && (
          <span className={`pace pace--${pace}`} data-testid="agenda-pace">
            {t(`agenda.pace.${pace}`, { minutes: driftMinutes })}
          </span>
        )}
      </div>
      <ol className="agenda__list">
        {plan.segments.map((segment, index) => {
          const current = run?.currentIndex === index;
          const done = run !== null && index < run.currentIndex;
          return (
            <li
              key={DEFAULT_AGENDA[index]?.key}
              className={`agenda__item agenda__item--${segment.kind}${current ? ' agenda__item--current' : ''}${done ? ' agenda__item--done' : ''}`}
              aria-current={current ? 'step' : undefined}
            >
              <span className="agenda__title">{segment.title}</span>
              <span className="agenda__minutes">
                {t('agenda.minutes', { count: segment.plannedMinutes })}
              </span>
            </li>
          );
        })}
      </ol>
      <div className="actions">
        {run === null ? (
          <button
            type="button"
            className="button button--small"
            onClick={() => save({ startedAt: Date.now(), currentIndex: 0, currentStartedAt: Date.now() })}
          >
            {t('agenda.start')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button button--small"
              disabled={run.currentIndex >= last}
              onClick={() =>
                save({ ...run, currentIndex: run.currentIndex + 1, currentStartedAt: Date.now() })
              }
            >
              {t('agenda.next')}
            </button>
            <button type="button" className="button button--small button--quiet" onClick={() => save(null)}>
              {t('agenda.reset')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
