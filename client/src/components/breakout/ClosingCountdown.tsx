import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTimeLeft } from '../../lib/live-view.ts';

/** "Tilbake til plenum om 0:42": visible every second, announced once when it starts. */
export function ClosingCountdown({ leftMs }: { leftMs: number }) {
  const { t } = useTranslation();
  const [announced] = useState(() => t('breakout.closing', { time: formatTimeLeft(leftMs) }));
  return (
    <div className="closing-countdown" data-testid="closing-countdown">
      <p role="timer" aria-live="off">
        {t('breakout.closing', { time: formatTimeLeft(leftMs) })}
      </p>
      <p className="visually-hidden" role="status">
        {announced}
      </p>
    </div>
  );
}
