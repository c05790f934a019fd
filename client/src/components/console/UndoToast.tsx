import { type TimerUndo, UNDO_WINDOW_MS } from '@rundgang/shared';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../hooks/use-command.ts';
import { useGroupName } from '../../hooks/use-group-name.ts';
import { useServerNow } from '../../hooks/use-server-now.ts';
import { request } from '../../realtime/session.ts';

const ACTION_TEXT = {
  phase_skipped: 'console.undo.actions.phase_skipped',
  round_ended: 'console.undo.actions.round_ended',
  timer_paused: 'console.undo.actions.timer_paused',
  timer_resumed: 'console.undo.actions.timer_resumed',
  timer_extended: 'console.undo.actions.timer_extended',
  phase_started: 'console.undo.actions.phase_started',
} as const;

const actionText = (action: string) =>
  ACTION_TEXT[action as keyof typeof ACTION_TEXT] ?? 'console.undo.actions.other';

/**
 * "Angre" for the last timer change, for as long as the server still accepts it. It is drawn
 * from the session state (`breakouts.undo`), so every console of the webinar shows it, a reload
 * keeps it, and it disappears for everyone once someone undoes the change.
 */
export function UndoToast({ undo }: { undo: TimerUndo | undefined }) {
  const { t } = useTranslation();
  const groupName = useGroupName();
  const now = useServerNow(250);
  const { run, busy, error } = useCommand();
  const leftMs = undo ? undo.at + UNDO_WINDOW_MS - now : 0;
  if (!undo || leftMs <= 0) {
    // Keep the live region in the page so the next toast is announced.
    return <output className="undo-toast undo-toast--empty" aria-live="polite" />;
  }
  const what = t(actionText(undo.action));
  const where = undo.target === 'all' ? t('console.undo.allGroups') : groupName(undo.target);
  return (
    <output className="undo-toast" aria-live="polite" data-testid="undo-toast" data-undo-at={undo.at}>
      <span className="undo-toast__text">{t('console.undo.done', { what, where })}</span>
      <button
        type="button"
        className="button button--small"
        data-testid="undo-button"
        disabled={busy}
        onClick={() => void run(() => request('timer:undo', { at: undo.at }))}
      >
        {t('console.undo.button')}
      </button>
      <span className="undo-toast__left" aria-hidden="true">
        {t('console.undo.secondsLeft', { count: Math.ceil(leftMs / 1000) })}
      </span>
      {error && <span className="error-text">{error}</span>}
    </output>
  );
}
