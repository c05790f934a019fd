import { localize } from '@rundgang/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../../hooks/use-theme.ts';
import { textLanguage } from '../../lib/themes.ts';
import { useAppStore } from '../../store/index.ts';
import { SummaryChart } from './SummaryChart.tsx';

/** The anonymous summary the facilitator shows in the plenary, with the chosen quotes. */
export function PresentedSummary() {
  const { t, i18n } = useTranslation();
  const language = textLanguage(i18n.resolvedLanguage);
  const headingId = useId();
  const summary = useAppStore((s) => s.presentedSummary);
  const hide = useAppStore((s) => s.summaryPresented);
  const theme = useTheme(summary?.themeId);
  if (!summary) return null;
  const itemLabel = (id: string | undefined) => {
    const item = theme?.focusItems.find((x) => x.id === id);
    return item ? localize(item.label, language) : '';
  };
  return (
    <section className="panel presented-summary" aria-labelledby={headingId} data-testid="presented-summary">
      <div className="console-panel__head">
        <h2 id={headingId}>{t('feedback.presented.heading')}</h2>
        <button type="button" className="button button--small button--quiet" onClick={() => hide(null)}>
          {t('feedback.presented.hide')}
        </button>
      </div>
      {summary.withheld ? (
        <p className="hint" data-testid="presented-summary-withheld">
          {t('summaryPrivacy.plenary', { minimum: summary.withheld.minimum })}
        </p>
      ) : (
        <SummaryChart summary={summary} compact />
      )}
      {summary.quotes.length > 0 && (
        <>
          <h3 className="summary-chart__label">{t('feedback.presented.quotes')}</h3>
          <ul className="quote-list">
            {summary.quotes.map((quote, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: quotes have no id by design (anonymous).
              <li key={i} className="quote-list__item" data-testid="presented-quote">
                <span className="quote-list__kind">
                  {t(`feedback.presented.kinds.${quote.kind}`)}
                  {quote.kind === 'example' && quote.focusItemId ? ` – ${itemLabel(quote.focusItemId)}` : ''}
                </span>
                <blockquote>{quote.text}</blockquote>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
