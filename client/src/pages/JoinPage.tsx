import type { RequestErrorCode } from '@rundgang/shared';
import { httpRoutes, type InviteInfo } from '@rundgang/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { callApi } from '../api/call-api.ts';
import { errorCodeOf } from '../api/http.ts';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { PreJoin } from '../components/PreJoin.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useErrorText } from '../hooks/use-error-text.ts';

type InviteState =
  | { status: 'loading' }
  | { status: 'loaded'; invite: InviteInfo }
  | { status: 'error'; code: RequestErrorCode };

/** `/join/:token`: who you are, which webinar, and the pre-join step. */
export function JoinPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { token = '' } = useParams();
  const [state, setState] = useState<InviteState>({ status: 'loading' });
  useDocumentTitle(state.status === 'loaded' ? state.invite.webinar.title : t('invite.title'));

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    callApi(httpRoutes.invite, { params: { token } }).then(
      (invite) => !cancelled && setState({ status: 'loaded', invite }),
      (error: unknown) => !cancelled && setState({ status: 'error', code: errorCodeOf(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [token]);

  if (state.status === 'loading') return <Loading label={t('app.loading')} />;
  if (state.status === 'error') {
    const invalid =
      state.code === 'not_found' || state.code === 'bad_request' || state.code === 'unauthorized';
    return (
      <section className="panel narrow">
        <h1>{t('invite.title')}</h1>
        <ErrorMessage testId="invite-error">
          {invalid ? t('invite.invalid') : errorText(state.code)}
        </ErrorMessage>
      </section>
    );
  }

  const { participant, webinar } = state.invite;
  return (
    <div className="stack">
      <header className="page-header page-header--stacked">
        <h1>{t('invite.title')}</h1>
        <p className="lead" data-testid="invite-webinar-title">
          {t('invite.webinarTitle', { title: webinar.title })}
        </p>
        <p data-testid="invite-participant-name">{t('invite.joiningAs', { name: participant.name })}</p>
      </header>
      {webinar.status === 'ended' ? (
        <p className="notice">{t('invite.ended')}</p>
      ) : (
        <>
          {webinar.status === 'planned' && <p className="notice">{t('invite.notOpenYet')}</p>}
          <PreJoin onJoin={() => navigate(`/join/${token}/room`)} />
        </>
      )}
    </div>
  );
}
