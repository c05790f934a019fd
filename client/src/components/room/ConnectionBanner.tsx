import { useTranslation } from 'react-i18next';
import { connectionNotice } from '../../lib/connection-notice.ts';
import { useAppStore } from '../../store/index.ts';

/** The room's connection status in a polite live region; prominent while reconnecting. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const notice = useAppStore((s) => connectionNotice(s.socketStatus, s.livekitStatus));
  const publishFailed = useAppStore((s) => s.publishFailed);
  return (
    <div className="connection">
      <p
        className={`connection__status connection__status--${notice}`}
        role="status"
        aria-live="polite"
        data-testid={notice === 'reconnecting' ? 'reconnecting-banner' : 'connection-status'}
        data-state={notice}
      >
        {t(`room.${notice}`)}
      </p>
      {publishFailed && <p className="notice">{t('room.mediaFailed')}</p>}
    </div>
  );
}
