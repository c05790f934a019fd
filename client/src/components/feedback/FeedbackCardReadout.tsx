import { type FeedbackCardView, localize, MARK_LABELS } from '@rundgang/shared';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../../hooks/use-theme.ts';
import { textLanguage } from '../../lib/themes.ts';

/** A stored card as its readers see it: marks with examples, free texts, tools, placement. */
export function FeedbackCardReadout({ card }: { card: FeedbackCardView }) {
  const { t, i18n } = useTranslation();
  const language = textLanguage(i18n.resolvedLanguage);
  const theme = useTheme(card.themeId);
  const { content } = card;
  const toolLabel = (id: string) => {
    const tool = theme?.tools.find((x) => x.id === id);
    return tool ? localize(tool.label, language) : id;
  };
  const items =
    theme?.focusItems ?? Object.keys(content.focus).map((id) => ({ id, label: { nb: id, en: id } }));
  return (
    <div className="card-readout">
      <dl className="card-readout__marks">
        {items.map((item) => {
          const marked = Object.hasOwn(content.focus, item.id) ? content.focus[item.id] : undefined;
          return (
            <div
              key={item.id}
              className="card-readout__mark"
              data-item={item.id}
              data-mark={marked?.mark ?? ''}
            >
              <dt>{localize(item.label, language)}</dt>
              <dd>
                <span className={`mark-pill mark-pill--${marked?.mark ?? 'none'}`}>
                  {marked ? localize(MARK_LABELS[marked.mark], language) : t('feedback.read.notMarked')}
                </span>
                {marked?.example && (
                  <span className="card-readout__example">
                    {' '}
                    {t('feedback.read.example')} «{marked.example}»
                  </span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      <h4 className="card-readout__label">{t('feedback.workedWell')}</h4>
      <p className="card-readout__text">{content.workedWell || t('feedback.read.empty')}</p>
      <h4 className="card-readout__label">{t('feedback.tryNext')}</h4>
      <p className="card-readout__text">{content.tryNext || t('feedback.read.empty')}</p>
      <h4 className="card-readout__label">{t('feedback.tools')}</h4>
      <p className="card-readout__text">
        {content.toolsUsed.length > 0
          ? content.toolsUsed.map(toolLabel).join(', ')
          : t('feedback.read.noTools')}
      </p>
      <p className="card-readout__text">
        {content.supportChallenge === null
          ? t('feedback.read.notRated')
          : t('feedback.read.supportChallenge', { value: content.supportChallenge })}
      </p>
    </div>
  );
}
