import type { RequestErrorCode } from '@rundgang/shared';
import { type FeedbackCardView, httpRoutes, localize } from '@rundgang/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { callApi } from '../api/call-api.ts';
import { errorCodeOf } from '../api/http.ts';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { FeedbackCardReadout } from '../components/feedback/FeedbackCardReadout.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useErrorText } from '../hooks/use-error-text.ts';
import { useFormatDate } from '../hooks/use-format-date.ts';
import { useTheme } from '../hooks/use-theme.ts';
import { textLanguage } from '../lib/themes.ts';
import { useAppStore } from '../store/index.ts';

type CardsState =
  | { status: 'loading' }
  | { status: 'loaded'; cards: FeedbackCardView[] }
  | { status: 'error'; code: RequestErrorCode };

/** One received card, titled with its theme in the series' wording. */
function PrintCard({ card }: { card: FeedbackCardView }) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  const theme = useTheme(card.themeId);
  const language = textLanguage(i18n.resolvedLanguage);
  return (
    <article className="panel print-card" data-testid="print-card" data-card-id={card.cardId}>
      <h2>
        {t('feedback.print.cardTitle', {
          theme: theme ? localize(theme.title, language) : card.themeId,
          round: card.round + 1,
        })}
      </h2>
      <p className="hint">
        {t('feedback.print.from', { name: card.observerName })} ·{' '}
        {t('feedback.print.submittedAt', { date: formatDate(card.submittedAt) })}
      </p>
      <FeedbackCardReadout card={card} />
    </article>
  );
}

/** `/join/:token/feedback`: every card this person received as a guide, ready to print or save as PDF. */
export function FeedbackPrintPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const themesLoaded = useAppStore((s) => s.themesLoaded);
  const { token = '' } = useParams();
  const [state, setState] = useState<CardsState>({ status: 'loading' });
  useDocumentTitle(t('feedback.print.title'));

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    callApi(httpRoutes.inviteFeedback, { params: { token } }).then(
      ({ cards }) =>
        !cancelled &&
        setState({
          status: 'loaded',
          cards: [...cards].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)),
        }),
      (error: unknown) => !cancelled && setState({ status: 'error', code: errorCodeOf(error) }),
    );
    // The series' own wording of its themes; until (or unless) it arrives, the default library.
    callApi(httpRoutes.inviteThemes, { params: { token } }).then(
      ({ themes }) => !cancelled && themesLoaded(themes),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [token, themesLoaded]);

  return (
    <div className="stack print-page" data-testid="feedback-print-page">
      <header className="page-header page-header--stacked">
        <h1>{t('feedback.print.title')}</h1>
        <p className="lead">{t('feedback.print.intro')}</p>
        {state.status === 'loaded' && state.cards.length > 0 && (
          <p className="no-print">
            <button
              type="button"
              className="button"
              onClick={() => window.print()}
              data-testid="print-button"
            >
              {t('feedback.print.button')}
            </button>
          </p>
        )}
      </header>
      {state.status === 'loading' && <Loading label={t('feedback.print.loading')} />}
      {state.status === 'error' && (
        <ErrorMessage testId="print-error">
          {state.code === 'not_found' ? t('feedback.print.invalid') : errorText(state.code)}
        </ErrorMessage>
      )}
      {state.status === 'loaded' && state.cards.length === 0 && (
        <p className="empty-state">{t('feedback.print.empty')}</p>
      )}
      {state.status === 'loaded' && state.cards.map((card) => <PrintCard key={card.cardId} card={card} />)}
    </div>
  );
}
