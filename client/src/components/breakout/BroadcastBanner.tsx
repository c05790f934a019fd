import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverNow } from '../../realtime/clock-sync.ts';
import { useAppStore } from '../../store/index.ts';

const FRESH_MS = 15 * 60_000;

/** The facilitator's latest broadcast, until dismissed or a quarter of an hour old. */
export function BroadcastBanner() {
  const { t } = useTranslation();
  const latest = useAppStore((s) => s.liveState?.broadcasts.at(-1) ?? null);
  const offsetMs = useAppStore((s) => s.clockOffset?.offsetMs ?? 0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  if (!latest || latest.at === dismissedAt || serverNow(offsetMs) - latest.at > FRESH_MS) return null;
  return (
    <div className="broadcast-banner" role="status" data-testid="broadcast-banner">
      <p>
        <strong>{t('breakout.broadcast')}:</strong> <span data-testid="broadcast-text">{latest.text}</span>
      </p>
      <button
        type="button"
        className="button button--small button--quiet"
        onClick={() => setDismissedAt(latest.at)}
      >
        {t('breakout.dismiss')}
      </button>
    </div>
  );
}
