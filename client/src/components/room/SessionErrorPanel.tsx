import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useErrorText } from '../../hooks/use-error-text.ts';
import { retryLiveKit } from '../../realtime/session.ts';
import type { SessionError } from '../../store/session-slice.ts';

/** A session failure that needs the person: reload, sign in, retry or rejoin. */
export function SessionErrorPanel({
  error,
  viewer,
  onRejoin,
}: {
  error: SessionError;
  viewer: 'facilitator' | 'participant';
  onRejoin: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  switch (error.kind) {
    case 'protocol_mismatch':
      return (
        <div className="banner banner--error" role="alert" data-testid="protocol-mismatch">
          <p>{t('room.protocolMismatch')}</p>
          <button
            type="button"
            className="button"
            onClick={() => window.location.reload()}
            data-testid="reload-page"
          >
            {t('room.reload')}
          </button>
        </div>
      );
    case 'unauthorized':
      return (
        <div className="banner banner--error" role="alert" data-testid="session-unauthorized">
          <p>
            {viewer === 'participant' ? t('room.unauthorizedParticipant') : t('room.unauthorizedFacilitator')}
          </p>
          {viewer === 'facilitator' && (
            <Link className="button" to="/login">
              {t('room.signInAgain')}
            </Link>
          )}
        </div>
      );
    case 'token':
      if (error.code === 'conflict') {
        // The webinar is not live yet; the session joins by itself when `webinar:updated` says live.
        return (
          <p className="notice" role="status" data-testid="session-waiting">
            {t('room.notOpenYet')}
          </p>
        );
      }
      return (
        <div
          className="banner banner--error"
          role="alert"
          data-testid="session-token-error"
          data-code={error.code}
        >
          <p>{t('room.tokenFailed', { reason: errorText(error.code) })}</p>
          <button type="button" className="button" onClick={retryLiveKit} data-testid="retry-join">
            {t('room.retry')}
          </button>
        </div>
      );
    case 'disconnected':
      return (
        <div className="banner banner--error" role="alert" data-testid="session-disconnected">
          <p>{t('room.disconnected')}</p>
          <button type="button" className="button" onClick={onRejoin} data-testid="rejoin">
            {t('room.rejoin')}
          </button>
        </div>
      );
  }
}
