import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatClock } from '../../hooks/use-format-clock.ts';
import { useServerNow } from '../../hooks/use-server-now.ts';
import { broadcastContext, splitBroadcasts } from '../../lib/broadcasts.ts';
import { participantIdOf } from '../../lib/live-view.ts';
import { useAppStore } from '../../store/index.ts';

const EMPTY: never[] = [];

/**
 * The facilitator's broadcast for the phase it was sent in: it shows until the phase (or the
 * plenary segment) changes, then steps into a small history that stays readable.
 */
export function BroadcastBanner() {
  const { t } = useTranslation();
  const formatClock = useFormatClock();
  const state = useAppStore((s) => s.liveState);
  const broadcasts = useAppStore((s) => s.liveState?.broadcasts ?? EMPTY);
  const selfId = useAppStore((s) => participantIdOf(s.selfIdentity));
  const now = useServerNow(1000);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  // What this tab saw before its context changed is old news, even where the state cannot tell
  // (e.g. breakouts closing, which leaves no time behind).
  const seen = useRef<{ key: string; hiddenUpTo: number } | null>(null);
  if (!state) return null;
  const context = broadcastContext(state, selfId, now);
  const latestAt = broadcasts.at(-1)?.at ?? 0;
  if (!seen.current) seen.current = { key: context.key, hiddenUpTo: 0 };
  else if (seen.current.key !== context.key) seen.current = { key: context.key, hiddenUpTo: latestAt };
  const { current, earlier } = splitBroadcasts(broadcasts, context, seen.current.hiddenUpTo);
  const shown = current && current.at !== dismissedAt ? current : null;
  if (!shown && earlier.length === 0) return null;
  return (
    <div className="broadcasts">
      {shown && (
        <div className="broadcast-banner" role="status" data-testid="broadcast-banner">
          <p>
            <strong>{t('breakout.broadcast')}:</strong> <span data-testid="broadcast-text">{shown.text}</span>
          </p>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => setDismissedAt(shown.at)}
          >
            {t('breakout.dismiss')}
          </button>
        </div>
      )}
      {earlier.length > 0 && (
        <details className="broadcast-history" data-testid="broadcast-history">
          <summary>{t('breakout.earlierBroadcasts', { count: Math.min(earlier.length, 5) })}</summary>
          <ul>
            {earlier.slice(0, 5).map((b) => (
              <li key={b.at}>
                <span className="broadcast-history__time">{formatClock(b.at)}</span> {b.text}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
