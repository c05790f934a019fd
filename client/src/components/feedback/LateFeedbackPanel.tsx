import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatClock } from '../../hooks/use-format-clock.ts';
import { useServerNow } from '../../hooks/use-server-now.ts';
import { useTheme } from '../../hooks/use-theme.ts';
import { type CardSlot, draftKey, lateCardOf } from '../../lib/feedback-outbox.ts';
import { useAppStore } from '../../store/index.ts';
import { FeedbackCardForm } from './FeedbackCardForm.tsx';

/**
 * Back in the plenary with a card still owed: the observer finishes it here (the draft they
 * were writing is kept) until the grace period of the closed breakouts ends. It starts as a short
 * notice with a button, so the plenary's video stays in view (it is what everyone is there for
 * now, and adaptive stream pauses video that is scrolled away); the form opens on request.
 */
export function LateFeedbackPanel({ participantId }: { participantId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const clock = useFormatClock();
  const now = useServerNow(5_000);
  const recentlyClosed = useAppStore((s) => s.liveState?.recentlyClosed ?? null);
  const names = useAppStore((s) => s.knownNames);
  const queuedKeys = useAppStore((s) =>
    s.feedbackOutbox
      .filter((e) => e.ownerId === participantId)
      .map((e) => `${e.request.breakoutsId}:${e.request.groupId}:${e.request.round}`)
      .join(','),
  );
  const late = lateCardOf(recentlyClosed, participantId, now, (slot) =>
    queuedKeys.split(',').includes(`${slot.breakoutsId}:${slot.groupId}:${slot.round}`),
  );
  const theme = useTheme(late?.themeId ?? '');
  const slotKey = late ? draftKey(late) : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the slot is identified by its key
  const slot = useMemo<CardSlot | null>(
    () =>
      late
        ? {
            breakoutsId: late.breakoutsId,
            groupId: late.groupId,
            round: late.round,
            observerId: participantId,
          }
        : null,
    [slotKey],
  );
  const [opened, setOpened] = useState<string | null>(null);
  if (!late || !slot || !theme) return null;
  const open = opened === slotKey;
  return (
    <section className="panel late-feedback" aria-labelledby={headingId} data-testid="late-feedback-panel">
      <h2 id={headingId}>{t('lateFeedback.heading')}</h2>
      <p className="notice" data-testid="late-feedback-where">
        {t('lateFeedback.where', {
          round: late.round + 1,
          guide: names[late.guideId] ?? late.guideId,
          until: clock(late.cardsUntil),
        })}
      </p>
      {open ? (
        <FeedbackCardForm
          key={slotKey}
          slot={slot}
          theme={theme}
          guideName={names[late.guideId] ?? late.guideId}
          reminder={null}
          locked={false}
        />
      ) : (
        <button
          type="button"
          className="button"
          aria-expanded={false}
          onClick={() => setOpened(slotKey)}
          data-testid="late-feedback-open"
        >
          {t('lateFeedback.open')}
        </button>
      )}
    </section>
  );
}
