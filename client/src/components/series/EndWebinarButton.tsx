/**
 * Ends a live webinar after a confirmation in a modal dialog: everyone in it is sent to the
 * closing page and it can never be opened again, so the dialog says exactly that.
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../hooks/use-error-text.ts';
import { useAppStore } from '../../store/index.ts';
import { ErrorMessage } from '../Feedback.tsx';

/** The end button and its confirmation dialog. */
export function EndWebinarButton({
  webinar,
  compact = false,
}: {
  webinar: { id: string; seriesId?: string; title: string };
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const endWebinar = useAppStore((s) => s.endWebinar);
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    setBusy(true);
    setError(null);
    endWebinar(webinar.id, webinar.seriesId)
      .then(() => dialog.current?.close())
      .catch((caught: unknown) => setError(errorText(caught)))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button
        type="button"
        className={`button button--danger${compact ? ' button--small' : ''}`}
        onClick={() => dialog.current?.showModal()}
        data-testid="end-webinar"
      >
        {t('series.end')}
        <span className="visually-hidden"> {webinar.title}</span>
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`}>
        <h2 id={`${id}-title`}>{t('series.endTitle', { title: webinar.title })}</h2>
        <p id={`${id}-body`}>{t('series.endBody')}</p>
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <div className="actions">
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={confirm}
            data-testid="confirm-end-webinar"
          >
            {busy ? t('series.ending') : t('series.endConfirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => dialog.current?.close()}>
            {t('series.cancel')}
          </button>
        </div>
      </dialog>
    </>
  );
}

/** The console header's end control: shown while the webinar is live. */
export function ConsoleEndWebinarButton({ webinarId }: { webinarId: string }) {
  const title = useAppStore((s) => (s.webinarState?.status === 'live' ? s.webinarState.title : null));
  if (title === null) return null;
  return <EndWebinarButton webinar={{ id: webinarId, title }} compact />;
}
