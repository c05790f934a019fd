import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { refreshFeedbackCards } from '../../realtime/feedback-sync.ts';
import { useAppStore } from '../../store/index.ts';
import { FeedbackCardReadout } from './FeedbackCardReadout.tsx';

/** "Tilbakemeldinger til deg": the cards about this guide that they may read now, newest first. */
export function ReceivedFeedbackList({ guideId, printHref }: { guideId: string; printHref: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const status = useAppStore((s) => s.feedbackListStatus);
  const cardMap = useAppStore((s) => s.feedbackCards);
  const cards = Object.values(cardMap)
    .filter((card) => card.guideId === guideId)
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  return (
    <section className="received-feedback" aria-labelledby={headingId} data-testid="received-feedback">
      <h3 id={headingId} className="received-feedback__heading">
        {t('feedback.received.heading')}{' '}
        {cards.length > 0 && <span className="count-badge">{cards.length}</span>}
      </h3>
      {cards.length === 0 ? (
        status === 'loading' ? (
          <p className="loading" role="status">
            {t('feedback.received.loading')}
          </p>
        ) : status === 'error' ? (
          <p className="error-message">
            {t('feedback.received.error')}{' '}
            <button type="button" className="link-button" onClick={refreshFeedbackCards}>
              {t('feedback.received.retry')}
            </button>
          </p>
        ) : (
          <p className="empty-state">{t('feedback.received.empty')}</p>
        )
      ) : (
        <ul className="received-feedback__list">
          {cards.map((card) => (
            <li key={card.cardId} data-testid="feedback-received" data-card-id={card.cardId}>
              <details open={cards.length === 1}>
                <summary>
                  {t('feedback.received.from', { name: card.observerName, round: card.round + 1 })}
                </summary>
                <FeedbackCardReadout card={card} />
              </details>
            </li>
          ))}
        </ul>
      )}
      <p className="received-feedback__print">
        {/* A new tab: leaving this page would leave the breakout room. */}
        <a href={printHref} target="_blank" rel="noopener" data-testid="feedback-print-link">
          {t('feedback.received.print')}
        </a>
      </p>
    </section>
  );
}
