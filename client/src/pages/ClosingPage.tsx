import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useAppStore } from '../store/index.ts';

/** `/join/:token/closed`: where participants land when the facilitator ends the webinar. */
export function ParticipantClosingPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  useDocumentTitle(t('closing.title'));
  return (
    <section className="panel narrow" data-testid="closing-page">
      <h1>{t('closing.title')}</h1>
      <p className="lead">{t('closing.thanks')}</p>
      <p>{t('closing.participantNext')}</p>
      <Link className="button" to={`/join/${token}`} data-testid="closing-home">
        {t('closing.toMyPage')}
      </Link>
    </section>
  );
}

/** `/facilitator/webinars/:id/closed`: where the console goes when the webinar has ended. */
export function FacilitatorClosingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useAppStore((s) => s.webinarDetail);
  const loadWebinar = useAppStore((s) => s.loadWebinar);
  useDocumentTitle(t('closing.title'));
  useEffect(() => {
    void loadWebinar(id);
  }, [id, loadWebinar]);
  const seriesId = detail.status === 'loaded' && detail.data.id === id ? detail.data.seriesId : null;
  return (
    <section className="panel narrow" data-testid="closing-page">
      <h1>{t('closing.title')}</h1>
      <p>{t('closing.facilitatorNext')}</p>
      <Link
        className="button"
        to={seriesId ? `/facilitator/series/${seriesId}` : '/facilitator'}
        data-testid="closing-series"
      >
        {t('closing.toSeries')}
      </Link>
    </section>
  );
}
