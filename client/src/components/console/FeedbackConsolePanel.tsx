import { type FeedbackCardView, httpRoutes, type PlenarySummary, routeUrl } from '@rundgang/shared';
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../hooks/use-command.ts';
import { useGroupName } from '../../hooks/use-group-name.ts';
import { request } from '../../realtime/session.ts';
import { useAppStore } from '../../store/index.ts';
import { FeedbackCardReadout } from '../feedback/FeedbackCardReadout.tsx';
import { SummaryChart } from '../feedback/SummaryChart.tsx';

type SummaryState =
  | { status: 'loading' }
  | { status: 'empty' }
  | { status: 'error'; code: string }
  | { status: 'loaded'; data: PlenarySummary };

/** The element id a group tile's "cards in" links to. */
export const feedbackGroupAnchor = (groupId: string) => `feedback-group-${groupId}`;

function byGroupAndRound(cards: FeedbackCardView[]): Map<string, FeedbackCardView[]> {
  const groups = new Map<string, FeedbackCardView[]>();
  const sorted = [...cards].sort(
    (a, b) =>
      a.groupId.localeCompare(b.groupId, undefined, { numeric: true }) ||
      a.round - b.round ||
      a.submittedAt.localeCompare(b.submittedAt),
  );
  for (const card of sorted) groups.set(card.groupId, [...(groups.get(card.groupId) ?? []), card]);
  return groups;
}

/** Cards per group of one breakouts run, each one opened to read. */
function CardList({ cards, anchors }: { cards: FeedbackCardView[]; anchors: boolean }) {
  const { t } = useTranslation();
  const groupName = useGroupName();
  return (
    <div className="console-cards">
      {[...byGroupAndRound(cards)].map(([groupId, groupCards]) => (
        <section
          key={groupId}
          id={anchors ? feedbackGroupAnchor(groupId) : undefined}
          className="console-cards__group"
          tabIndex={-1}
        >
          <h4>{groupName(groupId)}</h4>
          <ul>
            {groupCards.map((card) => (
              <li key={card.cardId}>
                <details data-testid="console-card" data-card-id={card.cardId} data-group-id={card.groupId}>
                  <summary>
                    {t('feedback.console.cardSummary', {
                      round: card.round + 1,
                      observer: card.observerName,
                      guide: card.guideName,
                    })}
                  </summary>
                  <FeedbackCardReadout card={card} />
                </details>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** Chooses which cards' free texts go to the plenary (shown without names). */
function QuotePicker({
  cards,
  chosen,
  onToggle,
}: {
  cards: FeedbackCardView[];
  chosen: ReadonlySet<string>;
  onToggle: (cardId: string, on: boolean) => void;
}) {
  const { t } = useTranslation();
  const groupName = useGroupName();
  const withText = cards.filter(
    (c) =>
      c.content.workedWell.trim() ||
      c.content.tryNext.trim() ||
      Object.values(c.content.focus).some((f) => f.example?.trim()),
  );
  if (withText.length === 0) return <p className="empty-state">{t('feedback.summary.quotesEmpty')}</p>;
  return (
    <ul className="quote-picker">
      {withText.map((card) => (
        <li key={card.cardId}>
          <label className="quote-picker__choice">
            <input
              type="checkbox"
              checked={chosen.has(card.cardId)}
              onChange={(e) => onToggle(card.cardId, e.target.checked)}
              data-testid="quote-choice"
              data-card-id={card.cardId}
            />
            <span>
              {t('feedback.summary.quoteCard', { group: groupName(card.groupId), round: card.round + 1 })}
            </span>
          </label>
          <ul className="quote-picker__texts">
            {[
              card.content.workedWell,
              card.content.tryNext,
              ...Object.values(card.content.focus).map((f) => f.example ?? ''),
            ]
              .map((text) => text.trim())
              .filter(Boolean)
              .map((text, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the texts of one card in a fixed order.
                <li key={i}>«{text}»</li>
              ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/**
 * The facilitator's feedback panel: every card to read (by group and round), the CSV export,
 * and the anonymous plenary summary with chosen quotes, shown to everyone on request.
 */
export function FeedbackConsolePanel({ webinarId }: { webinarId: string }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const summaryHeadingId = useId();
  const cardMap = useAppStore((s) => s.feedbackCards);
  const listStatus = useAppStore((s) => s.feedbackListStatus);
  const currentBreakoutsId = useAppStore((s) => s.liveState?.breakouts?.id ?? null);
  const socketStatus = useAppStore((s) => s.socketStatus);
  const [summary, setSummary] = useState<SummaryState>({ status: 'loading' });
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [presented, setPresented] = useState(false);
  const { run, busy, error } = useCommand();

  const cards = Object.values(cardMap);
  const summaryId = summary.status === 'loaded' ? summary.data.breakoutsId : currentBreakoutsId;
  const runCards = cards.filter((c) => c.breakoutsId === (summaryId ?? cards.at(-1)?.breakoutsId));
  const olderCards = cards.filter((c) => !runCards.includes(c));

  const loadSummary = useCallback(async () => {
    const ack = await request('feedback:summary', {});
    if (ack.ok) setSummary({ status: 'loaded', data: ack.data });
    else if (ack.error.code === 'not_found') setSummary({ status: 'empty' });
    else setSummary((s) => (s.status === 'loaded' ? s : { status: 'error', code: ack.error.code }));
  }, []);

  // The counts follow the cards: a new or changed card (or a new breakouts run) refreshes them.
  const cardsKey = cards.map((c) => `${c.cardId}@${c.updatedAt}`).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh when the cards or the run change.
  useEffect(() => {
    if (socketStatus !== 'connected') return;
    const id = window.setTimeout(() => void loadSummary(), 150);
    return () => window.clearTimeout(id);
  }, [cardsKey, currentBreakoutsId, socketStatus, loadSummary]);

  const present = async () => {
    const data = await run(() =>
      request('feedback:present', {
        breakoutsId: summary.status === 'loaded' ? summary.data.breakoutsId : undefined,
        quoteCardIds: [...chosen].filter((id) => runCards.some((c) => c.cardId === id)),
      }),
    );
    if (data) {
      setSummary({ status: 'loaded', data });
      setPresented(true);
    }
  };
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'nb';

  return (
    <section
      className="panel console-panel feedback-console"
      aria-labelledby={headingId}
      data-testid="feedback-console"
    >
      <div className="console-panel__head">
        <h2 id={headingId}>
          {t('feedback.console.heading')} <span className="count-badge">{cards.length}</span>
        </h2>
        <a
          className="button button--small button--secondary"
          href={routeUrl(httpRoutes.feedbackCsv, { params: { id: webinarId }, query: { lang: language } })}
          download
          data-testid="csv-download"
        >
          {t('feedback.console.csv')}
        </a>
      </div>
      {cards.length === 0 ? (
        listStatus === 'loading' || listStatus === 'idle' ? (
          <p className="loading" role="status">
            {t('feedback.console.loading')}
          </p>
        ) : listStatus === 'error' ? (
          <p className="error-message">{t('feedback.console.error')}</p>
        ) : (
          <p className="empty-state">{t('feedback.console.empty')}</p>
        )
      ) : (
        <>
          <CardList cards={runCards} anchors />
          {olderCards.length > 0 && (
            <details className="console-cards__older">
              <summary>{t('feedback.console.count', { count: olderCards.length })}</summary>
              <CardList cards={olderCards} anchors={false} />
            </details>
          )}
        </>
      )}

      <section className="plenary-summary" aria-labelledby={summaryHeadingId} data-testid="feedback-summary">
        <div className="console-panel__head">
          <h3 id={summaryHeadingId}>{t('feedback.summary.heading')}</h3>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => void loadSummary()}
          >
            {t('feedback.summary.refresh')}
          </button>
        </div>
        <p className="hint">{t('feedback.summary.anonymous')}</p>
        {summary.status === 'loading' && (
          <p className="loading" role="status">
            {t('feedback.summary.loading')}
          </p>
        )}
        {summary.status === 'empty' && <p className="empty-state">{t('feedback.summary.empty')}</p>}
        {summary.status === 'error' && (
          <p className="error-message">{t(`errors.${summary.code}` as 'errors.internal')}</p>
        )}
        {summary.status === 'loaded' && (
          <>
            {summary.data.withheld && (
              <p className="notice" data-testid="summary-withheld">
                {t('summaryPrivacy.console', {
                  count: summary.data.withheld.cards,
                  minimum: summary.data.withheld.minimum,
                })}
              </p>
            )}
            <SummaryChart summary={summary.data} />
            <h4 className="summary-chart__label">{t('feedback.summary.quotesHeading')}</h4>
            <p className="hint">{t('feedback.summary.quotesHint')}</p>
            <QuotePicker
              cards={runCards}
              chosen={chosen}
              onToggle={(cardId, on) =>
                setChosen((s) => {
                  const next = new Set(s);
                  if (on) next.add(cardId);
                  else next.delete(cardId);
                  return next;
                })
              }
            />
            <div className="plenary-summary__actions">
              <button
                type="button"
                className="button"
                disabled={busy || summary.data.summary.totalCards === 0}
                onClick={() => void present()}
                data-testid="present-summary"
              >
                {t('feedback.summary.present')}
              </button>
              <p className="status-message" role="status" data-testid="present-status">
                {error ?? (presented ? t('feedback.summary.presented') : '')}
              </p>
            </div>
          </>
        )}
      </section>
    </section>
  );
}
