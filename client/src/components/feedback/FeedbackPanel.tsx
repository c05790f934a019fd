import type { Breakouts, PublicSessionState } from '@rundgang/shared';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../../hooks/use-theme.ts';
import type { CardSlot } from '../../lib/feedback-outbox.ts';
import { draftKey } from '../../lib/feedback-outbox.ts';
import type { GroupView } from '../../lib/live-view.ts';
import { useAppStore } from '../../store/index.ts';
import { FeedbackCardForm } from './FeedbackCardForm.tsx';
import { ReceivedFeedbackList } from './ReceivedFeedbackList.tsx';

/** Which card the observer should see now, and whether to remind them. */
interface CardTarget {
  round: number;
  guideId: string;
  /** The feedback phase of that round is over. */
  feedbackOver: boolean;
  submitted: boolean;
}

function cardTarget(
  state: PublicSessionState,
  breakouts: Breakouts,
  group: GroupView,
  me: string,
  queuedRounds: ReadonlySet<number>,
): CardTarget | null {
  const plan = breakouts.groups.find((g) => g.id === group.id);
  if (!plan) return null;
  const feedbackPhase = breakouts.exercise.phases.findIndex((p) => p.kind === 'feedback');
  const over = (round: number) =>
    group.finished || group.round > round || (group.round === round && group.phaseIndex > feedbackPhase);
  const submitted = (round: number) =>
    queuedRounds.has(round) ||
    state.feedbackIn.some((r) => r.groupId === group.id && r.round === round && r.observerId === me);
  const lastRound = group.finished ? plan.rotation.length - 1 : group.round;
  for (let round = lastRound; round >= 0; round -= 1) {
    const roles = plan.rotation[round];
    if (!roles?.observerIds.includes(me)) continue;
    const isCurrent = round === group.round && !group.finished;
    // The current round's card always; an earlier one only while it still waits to be sent.
    if (isCurrent || !submitted(round))
      return { round, guideId: roles.guideId, feedbackOver: over(round), submitted: submitted(round) };
  }
  return null;
}

/**
 * The breakout's feedback panel: the observer's card (the current round's, or an earlier one
 * still unsent, with a reminder), a short explanation for the guide and advisee, and the
 * feedback this person received as a guide.
 */
export function FeedbackPanel({
  state,
  breakouts,
  group,
  participantId,
}: {
  state: PublicSessionState;
  breakouts: Breakouts;
  group: GroupView;
  participantId: string;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const names = useAppStore((s) => s.knownNames);
  const invite = useAppStore((s) =>
    s.sessionTarget?.kind === 'participant' ? s.sessionTarget.invite : null,
  );
  const queuedKey = useAppStore((s) =>
    s.feedbackOutbox
      .filter(
        (e) =>
          e.ownerId === participantId &&
          e.request.breakoutsId === breakouts.id &&
          e.request.groupId === group.id,
      )
      .map((e) => e.request.round)
      .join(','),
  );
  const queuedRounds = new Set(queuedKey ? queuedKey.split(',').map(Number) : []);
  const target = cardTarget(state, breakouts, group, participantId, queuedRounds);
  const theme = useTheme(breakouts.exercise.themeId);
  const isGuideSomewhere = breakouts.groups.some((g) => g.rotation.some((r) => r.guideId === participantId));
  const round = target?.round ?? -1;
  const slot = useMemo<CardSlot>(
    () => ({ breakoutsId: breakouts.id, groupId: group.id, round, observerId: participantId }),
    [breakouts.id, group.id, round, participantId],
  );
  const currentRole = group.roles
    ? group.roles.guideId === participantId
      ? 'guide'
      : group.roles.adviseeId === participantId
        ? 'advisee'
        : 'observer'
    : null;

  let reminder: string | null = null;
  if (target?.feedbackOver && !target.submitted) {
    reminder =
      target.round === group.round && !group.finished
        ? t('feedback.reminder')
        : t('feedback.reminderEarlier', { round: target.round + 1 });
  }
  const roundOver = target ? group.finished || group.round > target.round : false;

  return (
    <section
      className="panel breakout-panel feedback-panel"
      aria-labelledby={headingId}
      data-testid="feedback-panel"
      data-active={target ? 'true' : 'false'}
    >
      <h2 id={headingId} className="breakout-panel__label">
        {t('breakout.feedbackPanel')}
      </h2>
      {target && theme ? (
        <FeedbackCardForm
          key={draftKey(slot)}
          slot={slot}
          theme={theme}
          guideName={names[target.guideId] ?? target.guideId}
          reminder={reminder}
          locked={roundOver && target.submitted}
        />
      ) : (
        currentRole !== 'observer' && <p className="hint">{t('feedback.notObserver')}</p>
      )}
      {(currentRole === 'guide' || isGuideSomewhere) && invite && (
        <ReceivedFeedbackList guideId={participantId} printHref={`/join/${invite}/feedback`} />
      )}
    </section>
  );
}
