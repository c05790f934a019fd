import { httpRoutes, type InviteInfo, type RequestErrorCode, routeUrl } from '@rundgang/shared';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { callApi } from '../api/call-api.ts';
import { errorCodeOf } from '../api/http.ts';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { PreJoin } from '../components/PreJoin.tsx';
import { WebinarStatusBadge } from '../components/WebinarStatusBadge.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useErrorText } from '../hooks/use-error-text.ts';
import { useFormatSchedule } from '../hooks/use-format-schedule.ts';

type InviteState =
  | { status: 'loading' }
  | { status: 'loaded'; invite: InviteInfo }
  | { status: 'error'; code: RequestErrorCode };

/** How often the page looks again while the next webinar has not opened yet. */
const RECHECK_MS = 20_000;

/** A link that is unknown or was replaced: a clear page with the next step, not an error. */
export function LinkNoLongerValid() {
  const { t } = useTranslation();
  useDocumentTitle(t('invite.invalidTitle'));
  return (
    <section className="panel narrow" data-testid="invite-invalid">
      <h1>{t('invite.invalidTitle')}</h1>
      <p data-testid="invite-error">{t('invite.invalid')}</p>
    </section>
  );
}

/** Reads the invite, and again every {@link RECHECK_MS} while waiting for the next webinar to open. */
function useInvite(token: string): InviteState {
  const [state, setState] = useState<InviteState>({ status: 'loading' });
  const waiting = state.status === 'loaded' && state.invite.webinar.status === 'planned';
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      callApi(httpRoutes.invite, { params: { token } }).then(
        (invite) => !cancelled && setState({ status: 'loaded', invite }),
        (error: unknown) => !cancelled && setState({ status: 'error', code: errorCodeOf(error) }),
      );
    void load();
    const timer = waiting ? setInterval(load, RECHECK_MS) : undefined;
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [token, waiting]);
  return state;
}

/**
 * `/join/:token`: a participant's own page for the whole series — the next webinar (join when it
 * is live), the series' schedule, and their own data.
 */
export function ParticipantHomePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const formatSchedule = useFormatSchedule();
  const navigate = useNavigate();
  const { token = '' } = useParams();
  const id = useId();
  const state = useInvite(token);
  useDocumentTitle(state.status === 'loaded' ? state.invite.series.title : t('invite.title'));

  if (state.status === 'loading') return <Loading label={t('app.loading')} />;
  if (state.status === 'error') {
    if (state.code === 'not_found' || state.code === 'bad_request' || state.code === 'unauthorized') {
      return <LinkNoLongerValid />;
    }
    return (
      <section className="panel narrow">
        <h1>{t('invite.title')}</h1>
        <ErrorMessage testId="invite-error">{errorText(state.code)}</ErrorMessage>
      </section>
    );
  }

  const { participant, series, webinar, webinars } = state.invite;
  const allEnded = webinars.every((w) => w.status === 'ended');
  const exportHref = routeUrl(httpRoutes.inviteExport, { params: { token } });
  return (
    <div className="stack" data-testid="participant-home">
      <header className="page-header page-header--stacked">
        <p className="eyebrow">{t('invite.greeting', { name: participant.name })}</p>
        <h1 data-testid="invite-series-title">{series.title}</h1>
      </header>

      <section className="panel" aria-labelledby={`${id}-next`} data-testid="next-webinar">
        {allEnded ? (
          <>
            <h2 id={`${id}-next`}>{t('invite.allEndedHeading')}</h2>
            <p>{t('invite.allEnded')}</p>
          </>
        ) : (
          <>
            <h2 id={`${id}-next`}>
              {webinar.status === 'live' ? t('invite.liveHeading') : t('invite.nextHeading')}
            </h2>
            <p className="lead" data-testid="invite-webinar-title">
              {webinar.title} <WebinarStatusBadge status={webinar.status} />
            </p>
            <p data-testid="invite-webinar-when">{formatSchedule(webinar)}</p>
            <p data-testid="invite-participant-name">{t('invite.joiningAs', { name: participant.name })}</p>
            {webinar.status === 'live' ? (
              <PreJoin onJoin={() => navigate(`/join/${token}/room`)} />
            ) : (
              <p className="notice" data-testid="invite-not-open">
                {t('invite.notOpenYet')}
              </p>
            )}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby={`${id}-schedule`}>
        <h2 id={`${id}-schedule`}>{t('invite.scheduleHeading')}</h2>
        <ol className="schedule-list" data-testid="invite-schedule">
          {webinars.map((w) => (
            <li key={w.id} data-status={w.status}>
              <span className="schedule-list__title">{w.title}</span> <WebinarStatusBadge status={w.status} />
              <br />
              <span className="card__meta">{formatSchedule(w)}</span>
            </li>
          ))}
        </ol>
      </section>

      <section className="panel" aria-labelledby={`${id}-mine`} data-testid="my-data">
        <h2 id={`${id}-mine`}>{t('invite.myDataHeading')}</h2>
        <p>{t('invite.myDataIntro')}</p>
        <ul className="link-list">
          <li>
            <Link to={`/join/${token}/feedback`} data-testid="my-feedback-link">
              {t('invite.myFeedback')}
            </Link>
          </li>
          <li>
            <a href={exportHref} download data-testid="my-data-export">
              {t('invite.myDataExport')}
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}
