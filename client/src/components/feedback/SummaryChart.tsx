import {
  localize,
  MARK_LABELS,
  MARKS,
  type PlenarySummary,
  SUPPORT_CHALLENGE_BUCKETS,
} from '@rundgang/shared';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../../hooks/use-theme.ts';
import { textLanguage } from '../../lib/themes.ts';

const percent = (count: number, total: number) => `${total > 0 ? Math.round((count / total) * 100) : 0}%`;

/** A count with a bar drawn to scale; the number is the information, the bar only helps the eye. */
function Bar({ count, total, kind }: { count: number; total: number; kind: string }) {
  return (
    <span className="bar">
      <span className="bar__track" aria-hidden="true">
        <span className={`bar__fill bar__fill--${kind}`} style={{ width: percent(count, total) }} />
      </span>
      <span className="bar__value">{count}</span>
    </span>
  );
}

/**
 * The anonymous plenary summary as an accessible chart: a table of marks per focus item (CSS
 * bars beside the numbers), the tools used, and where guides sat between support and challenge.
 */
export function SummaryChart({ summary, compact = false }: { summary: PlenarySummary; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = textLanguage(i18n.resolvedLanguage);
  const theme = useTheme(summary.themeId);
  const s = summary.summary;
  const total = s.totalCards;
  const itemLabel = (id: string) => {
    const item = theme?.focusItems.find((x) => x.id === id);
    return item ? localize(item.label, language) : id;
  };
  const toolLabel = (id: string) => {
    const tool = theme?.tools.find((x) => x.id === id);
    return tool ? localize(tool.label, language) : id;
  };
  const usedTools = s.tools.filter((tool) => tool.count > 0).sort((a, b) => b.count - a.count);
  const width = 100 / SUPPORT_CHALLENGE_BUCKETS;
  return (
    <div className={`summary-chart${compact ? ' summary-chart--compact' : ''}`}>
      {theme && <p className="summary-chart__theme">{localize(theme.title, language)}</p>}
      <p className="summary-chart__total" data-testid="summary-total" data-total={total}>
        {t('feedback.summary.total', { count: total, groups: s.groupCount })}
      </p>
      {/* Focusable so keyboard users can scroll a table wider than a phone (WCAG 2.1.1). */}
      <section
        className="summary-chart__scroll"
        aria-label={t('feedback.summary.caption')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        tabIndex={0}
      >
        <table className="summary-table">
          <caption>{t('feedback.summary.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('feedback.summary.focusItem')}</th>
              {MARKS.map((mark) => (
                <th scope="col" key={mark}>
                  {localize(MARK_LABELS[mark], language)}
                </th>
              ))}
              <th scope="col">{t('feedback.summary.unmarked')}</th>
            </tr>
          </thead>
          <tbody>
            {s.focus.map((f) => (
              <tr
                key={f.focusItemId}
                data-testid="summary-item"
                data-item={f.focusItemId}
                data-tydelig={f.counts.tydelig}
                data-delvis={f.counts.delvis}
                data-ikke_observert={f.counts.ikke_observert}
                data-unmarked={f.unmarked}
              >
                <th scope="row">{itemLabel(f.focusItemId)}</th>
                {MARKS.map((mark) => (
                  <td key={mark}>
                    <Bar count={f.counts[mark]} total={total} kind={mark} />
                  </td>
                ))}
                <td>
                  <Bar count={f.unmarked} total={total} kind="unmarked" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {usedTools.length > 0 && (
        <>
          <h4 className="summary-chart__label">{t('feedback.summary.tools')}</h4>
          <ul className="summary-list">
            {usedTools.map((tool) => (
              <li key={tool.toolId}>
                <span className="summary-list__label">{toolLabel(tool.toolId)}</span>
                <Bar count={tool.count} total={total} kind="tool" />
              </li>
            ))}
          </ul>
        </>
      )}
      <h4 className="summary-chart__label">{t('feedback.summary.supportChallenge')}</h4>
      <ul className="summary-list">
        {s.supportChallenge.buckets.map((count, i) => {
          const from = Math.round(i * width);
          const to = i === SUPPORT_CHALLENGE_BUCKETS - 1 ? 100 : Math.round((i + 1) * width) - 1;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: buckets are fixed positions.
            <li key={i}>
              <span className="summary-list__label">
                {i === 0 ? `${t('feedback.support')} ` : ''}
                {t('feedback.summary.bucket', { from, to })}
                {i === SUPPORT_CHALLENGE_BUCKETS - 1 ? ` ${t('feedback.challenge')}` : ''}
              </span>
              <Bar count={count} total={total} kind="scale" />
            </li>
          );
        })}
      </ul>
      <p className="hint">{t('feedback.summary.unrated', { count: s.supportChallenge.unrated })}</p>
    </div>
  );
}
