import { useTranslation } from 'react-i18next';
import { useCommand } from '../../hooks/use-command.ts';
import { request } from '../../realtime/session.ts';

/** Asks the facilitator to come by; shows that they were told until they mark it resolved. */
export function HelpButton({ requested }: { requested: boolean }) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  return (
    <div className="help">
      <button
        type="button"
        className={`button ${requested ? 'help__button--requested' : 'button--primary'} help__button`}
        data-testid="help-button"
        data-requested={requested ? 'true' : 'false'}
        // Still focusable and readable once requested; pressing again does nothing.
        aria-disabled={busy || requested}
        onClick={() => {
          if (!busy && !requested) void run(() => request('help:request', {}));
        }}
      >
        {requested ? t('breakout.helpRequested') : t('breakout.help')}
      </button>
      <p className="status-message" role="status">
        {error ?? ''}
      </p>
    </div>
  );
}
