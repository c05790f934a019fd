import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../hooks/use-error-text.ts';
import { useAppStore } from '../../store/index.ts';
import { WebinarStatusBadge } from '../WebinarStatusBadge.tsx';

/**
 * The webinar's state at the top of the console, live from `webinar:updated`: a facilitator
 * sitting in a planned webinar sees that the mentors wait at the door and opens it from here.
 * (Ending a webinar belongs to the series pages.)
 */
export function WebinarStateBar({ webinarId }: { webinarId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const status = useAppStore((s) =>
    s.webinarState?.webinarId === webinarId
      ? s.webinarState.status
      : s.webinarDetail.status === 'loaded' && s.webinarDetail.data.id === webinarId
        ? s.webinarDetail.data.status
        : null,
  );
  const openWebinar = useAppStore((s) => s.openWebinar);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!status) return null;
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      await openWebinar(webinarId);
    } catch (err) {
      setError(t('console.webinarState.openFailed', { reason: errorText(err) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      className={`webinar-state webinar-state--${status}`}
      data-testid="console-webinar-state"
      data-status={status}
    >
      <span className="webinar-state__label">{t('console.webinarState.label')}</span>
      <WebinarStatusBadge status={status} />
      <span className="webinar-state__text">{t(`console.webinarState.${status}`)}</span>
      {status === 'planned' && (
        <button
          type="button"
          className="button button--small button--primary"
          data-testid="console-open-webinar"
          disabled={busy}
          onClick={() => void open()}
        >
          {busy ? t('console.webinarState.opening') : t('console.webinarState.open')}
        </button>
      )}
      <span className="error-text" role="status">
        {error ?? ''}
      </span>
    </div>
  );
}
