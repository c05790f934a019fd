import type { WebinarStatus } from '@rundgang/shared';
import { useTranslation } from 'react-i18next';

/** The webinar's lifecycle state as a small labelled badge. */
export function WebinarStatusBadge({ status }: { status: WebinarStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${status}`} data-testid="webinar-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
