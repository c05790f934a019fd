import {
  emptyCard,
  type FeedbackCardContent,
  type FeedbackCardDraft,
  isCardComplete,
  localize,
  MARK_LABELS,
  MARKS,
  MAX_EXAMPLE_LENGTH,
  MAX_FREE_TEXT_LENGTH,
  type Mark,
  type ThemeTemplate,
} from '@rundgang/shared';
import { memo, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../hooks/use-error-text.ts';
import {
  type CardSlot,
  cardState,
  loadDraft,
  newCardId,
  sameContent,
  saveDraft,
} from '../../lib/feedback-outbox.ts';
import { textLanguage } from '../../lib/themes.ts';
import { feedbackStorage, hydrateSent, submitFeedbackCard } from '../../realtime/feedback-sync.ts';
import { useAppStore } from '../../store/index.ts';

function initialDraft(slot: CardSlot, theme: ThemeTemplate): FeedbackCardDraft {
  return (
    loadDraft(feedbackStorage(), slot) ?? {
      cardId: newCardId(),
      breakoutsId: slot.breakoutsId,
      groupId: slot.groupId,
      round: slot.round,
      content: emptyCard(theme),
      savedAt: Date.now(),
    }
  );
}

/** One focus item: the three marks as a segmented radio group, then an example once marked. */
function FocusItemField({
  item,
  value,
  language,
  onMark,
  onExample,
}: {
  item: ThemeTemplate['focusItems'][number];
  value: FeedbackCardContent['focus'][string] | undefined;
  language: 'nb' | 'en';
  onMark: (mark: Mark) => void;
  onExample: (text: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset
      className="focus-item"
      data-item={item.id}
      aria-describedby={item.hint ? `${id}-hint` : undefined}
    >
      <legend className="focus-item__label">{localize(item.label, language)}</legend>
      {item.hint && (
        <p className="hint focus-item__hint" id={`${id}-hint`}>
          {localize(item.hint, language)}
        </p>
      )}
      <div className="segmented">
        {MARKS.map((mark) => (
          <label key={mark} className={`segmented__option segmented__option--${mark}`}>
            <input
              type="radio"
              name={`${id}-mark`}
              value={mark}
              checked={value?.mark === mark}
              onChange={() => onMark(mark)}
              data-testid="feedback-mark"
              data-item={item.id}
              data-mark={mark}
            />
            <span>{localize(MARK_LABELS[mark], language)}</span>
          </label>
        ))}
      </div>
      {value && (
        <label className="focus-item__example">
          <span className="field-label">{t('feedback.example')}</span>
          <textarea
            rows={2}
            maxLength={MAX_EXAMPLE_LENGTH}
            placeholder={t('feedback.examplePlaceholder')}
            value={value.example ?? ''}
            onChange={(e) => onExample(e.target.value)}
            data-testid="feedback-example"
            data-item={item.id}
          />
        </label>
      )}
    </fieldset>
  );
}

/**
 * The observer's feedback card for one round: marks per focus item (tap, no typing), optional
 * examples and free texts, tools, and the support–challenge slider. Every change is a draft on
 * this device; "Send" queues it in the outbox and the status says "sent" only after the ack.
 */
export const FeedbackCardForm = memo(function FeedbackCardForm({
  slot,
  theme,
  guideName,
  reminder,
  locked,
}: {
  slot: CardSlot;
  theme: ThemeTemplate;
  guideName: string;
  /** The text of a reminder to show (the feedback phase ended without a submission). */
  reminder: string | null;
  /** The round is over and the card was sent: it can no longer be changed. */
  locked: boolean;
}) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const language = textLanguage(i18n.resolvedLanguage);
  const headingId = useId();
  const sliderId = useId();
  const [draft, setDraft] = useState(() => initialDraft(slot, theme));
  const [edited, setEdited] = useState(false);
  const { cardId, content } = draft;

  useEffect(() => hydrateSent(cardId), [cardId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form is keyed by its slot, so only the draft changes.
  useEffect(() => {
    saveDraft(feedbackStorage(), slot, draft);
  }, [draft]);

  const sent = useAppStore((s) => s.feedbackSent[cardId] ?? null);
  const queued = useAppStore((s) => s.feedbackOutbox.find((e) => e.request.cardId === cardId));
  const inFlight = useAppStore((s) => Boolean(s.feedbackInFlight[cardId]));
  const error = useAppStore((s) => s.feedbackErrors[cardId] ?? null);
  const state = cardState({ content, sent, queued, inFlight, error });

  const update = (change: (c: FeedbackCardContent) => FeedbackCardContent) => {
    setEdited(true);
    setDraft((d) => ({ ...d, content: change(d.content), savedAt: Date.now() }));
  };
  const setFocus = (itemId: string, mark: Mark) =>
    update((c) => ({ ...c, focus: { ...c.focus, [itemId]: { ...c.focus[itemId], mark } } }));
  const setExample = (itemId: string, example: string) =>
    update((c) => {
      const current = c.focus[itemId];
      if (!current) return c;
      const { example: _old, ...rest } = current;
      return { ...c, focus: { ...c.focus, [itemId]: example ? { ...rest, example } : rest } };
    });
  const toggleTool = (toolId: string, on: boolean) =>
    update((c) => ({
      ...c,
      toolsUsed: on
        ? theme.tools.map((tool) => tool.id).filter((id) => id === toolId || c.toolsUsed.includes(id))
        : c.toolsUsed.filter((id) => id !== toolId),
    }));
  const setSupportChallenge = (value: number | null) => update((c) => ({ ...c, supportChallenge: value }));

  const submit = () => {
    submitFeedbackCard(
      { cardId, breakoutsId: slot.breakoutsId, groupId: slot.groupId, round: slot.round, content },
      slot.observerId,
    );
  };

  const markedCount = theme.focusItems.filter((item) => Object.hasOwn(content.focus, item.id)).length;
  const time = sent
    ? new Date(sent.savedAt).toLocaleTimeString(i18n.resolvedLanguage, { hour: '2-digit', minute: '2-digit' })
    : '';
  const statusText = {
    draft: sent
      ? t('feedback.status.draftEdited')
      : edited || !sameContent(content, emptyCard(theme))
        ? t('feedback.status.draft')
        : t('feedback.editable'),
    sending: t('feedback.status.sending'),
    sent: t('feedback.status.sent', { time }),
    queued: t('feedback.status.queued'),
    error: t('feedback.status.error', { reason: error ? errorText(error) : '' }),
  }[state];
  const sc = content.supportChallenge;

  return (
    <form
      className="feedback-card"
      aria-labelledby={headingId}
      data-testid="feedback-card"
      data-card-id={cardId}
      data-round={slot.round}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="feedback-card__head">
        <h3 id={headingId}>{t('feedback.cardHeading', { guide: guideName })}</h3>
        <span className="feedback-card__round">{t('feedback.cardRound', { round: slot.round + 1 })}</span>
      </div>
      <div aria-live="assertive" className="feedback-card__reminder-region">
        {reminder && (
          <p className="notice feedback-card__reminder" data-testid="feedback-reminder">
            {reminder}
          </p>
        )}
      </div>
      <p className="feedback-card__privacy" data-testid="feedback-privacy">
        <span aria-hidden="true">⚠ </span>
        {t('feedback.noPatientData')}
      </p>
      <fieldset className="feedback-card__body" disabled={locked}>
        <legend className="visually-hidden">{t('feedback.focusHeading')}</legend>
        <p className="hint feedback-card__progress" data-complete={isCardComplete(content, theme)}>
          {t('feedback.marked', { count: markedCount, total: theme.focusItems.length })}
        </p>
        {theme.focusItems.map((item) => (
          <FocusItemField
            key={item.id}
            item={item}
            value={content.focus[item.id]}
            language={language}
            onMark={(mark) => setFocus(item.id, mark)}
            onExample={(text) => setExample(item.id, text)}
          />
        ))}
        <label className="feedback-card__text">
          <span className="field-label">{t('feedback.workedWell')}</span>
          <textarea
            rows={3}
            maxLength={MAX_FREE_TEXT_LENGTH}
            value={content.workedWell}
            onChange={(e) => update((c) => ({ ...c, workedWell: e.target.value }))}
            data-testid="feedback-worked-well"
          />
        </label>
        <label className="feedback-card__text">
          <span className="field-label">{t('feedback.tryNext')}</span>
          <textarea
            rows={3}
            maxLength={MAX_FREE_TEXT_LENGTH}
            value={content.tryNext}
            onChange={(e) => update((c) => ({ ...c, tryNext: e.target.value }))}
            data-testid="feedback-try-next"
          />
        </label>
        {theme.tools.length > 0 && (
          <fieldset className="feedback-card__tools">
            <legend className="field-label">{t('feedback.tools')}</legend>
            <div className="tool-chips">
              {theme.tools.map((tool) => (
                <label key={tool.id} className="tool-chip">
                  <input
                    type="checkbox"
                    checked={content.toolsUsed.includes(tool.id)}
                    onChange={(e) => toggleTool(tool.id, e.target.checked)}
                    data-testid="feedback-tool"
                    data-tool={tool.id}
                  />
                  <span className="tool-chip__text">{localize(tool.label, language)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="support-challenge">
          <label className="field-label" htmlFor={sliderId}>
            {t('feedback.supportChallenge')}
          </label>
          <input
            id={sliderId}
            className="support-challenge__slider"
            type="range"
            min={0}
            max={100}
            step={5}
            value={sc ?? 50}
            data-unset={sc === null ? 'true' : 'false'}
            aria-valuetext={
              sc === null
                ? t('feedback.supportChallengeUnset')
                : `${t('feedback.supportChallengeValue', { value: sc })} (${t('feedback.support')} – ${t('feedback.challenge')})`
            }
            onChange={(e) => setSupportChallenge(Number(e.target.value))}
            // A click on the untouched middle changes nothing, yet it is a placement.
            onPointerUp={(e) => sc === null && setSupportChallenge(Number(e.currentTarget.value))}
            data-testid="feedback-support-challenge"
          />
          <div className="support-challenge__ends" aria-hidden="true">
            <span>{t('feedback.support')}</span>
            <span>{t('feedback.challenge')}</span>
          </div>
          <p className="hint support-challenge__value">
            {sc === null
              ? t('feedback.supportChallengeUnset')
              : t('feedback.supportChallengeValue', { value: sc })}
            {sc !== null && (
              <button type="button" className="link-button" onClick={() => setSupportChallenge(null)}>
                {t('feedback.supportChallengeClear')}
              </button>
            )}
          </p>
        </div>
      </fieldset>
      <div className="feedback-card__foot">
        <button
          type="submit"
          className="button feedback-card__submit"
          disabled={locked || state === 'sent' || state === 'sending'}
          data-testid="feedback-submit"
        >
          {sent ? t('feedback.resubmit') : t('feedback.submit')}
        </button>
        <p
          className={`feedback-status feedback-status--${state}`}
          role="status"
          aria-live="polite"
          data-testid="feedback-status"
          data-state={state}
        >
          {statusText}
        </p>
      </div>
    </form>
  );
});
