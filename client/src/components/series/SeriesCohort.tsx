/**
 * The cohort section of the series page: the participants with their links, and adding one by
 * hand. The roster work (import, edit, email invites) replaces this component as a whole.
 */
import type { SeriesDetail } from '@rundgang/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AddParticipantForm } from './AddParticipantForm.tsx';
import { CohortList } from './CohortList.tsx';

/** Participants of the series and the add form (through any webinar of the series). */
export function SeriesCohort({ series }: { series: SeriesDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const anyWebinar = series.webinars[0];
  return (
    <section className="panel" aria-labelledby={`${id}-cohort`} data-testid="series-cohort">
      <h2 id={`${id}-cohort`}>{t('series.cohortHeading', { count: series.participants.length })}</h2>
      <CohortList participants={series.participants} seriesId={series.id} />
      {anyWebinar && (
        <>
          <h3 className="subheading">{t('webinar.addHeading')}</h3>
          <AddParticipantForm webinarId={anyWebinar.id} />
        </>
      )}
    </section>
  );
}
