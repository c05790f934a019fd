import type { Breakouts, PublicSessionState } from '@rundgang/shared';
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { groupNumber } from '../../hooks/use-group-name.ts';
import { useServerNow } from '../../hooks/use-server-now.ts';
import { closingLeftMs, seatView } from '../../lib/live-view.ts';
import { textLanguage, themeTitle } from '../../lib/themes.ts';
import { useAppStore } from '../../store/index.ts';
import { FeedbackPanel } from '../feedback/FeedbackPanel.tsx';
import { ParticipantGrid } from '../room/ParticipantGrid.tsx';
import { ClosingCountdown } from './ClosingCountdown.tsx';
import { HelpButton } from './HelpButton.tsx';
import { PhaseTimer } from './PhaseTimer.tsx';
import { RoleCard } from './RoleCard.tsx';
import { VisitNotice } from './VisitNotice.tsx';

/** The group's video, kept out of the timer's re-renders. */
const GroupVideo = memo(function GroupVideo({ label }: { label: string }) {
  return <ParticipantGrid label={label} />;
});

function ThemePanel({ breakouts }: { breakouts: Breakouts }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const { themeId, focusSkills } = breakouts.exercise;
  return (
    <section className="panel breakout-panel" aria-labelledby={headingId} data-testid="theme-panel">
      <h2 id={headingId} className="breakout-panel__label">
        {t('breakout.theme')}
      </h2>
      <p className="breakout-panel__theme">
        {themeTitle(themeId, textLanguage(i18n.resolvedLanguage)) ?? t('themes.unknown', { id: themeId })}
      </p>
      {focusSkills.length > 0 && (
        <>
          <h3 className="breakout-panel__label">{t('breakout.focusSkills')}</h3>
          <ul className="focus-skills">
            {focusSkills.map((skill) => (
              <li key={skill}>{skill}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** A participant in a breakout: role, phase timer, the group's video, theme, feedback slot and help. */
export function BreakoutView({
  state,
  breakouts,
  participantId,
}: {
  state: PublicSessionState;
  breakouts: Breakouts;
  participantId: string;
}) {
  const { t } = useTranslation();
  const now = useServerNow(250);
  const names = useAppStore((s) => s.knownNames);
  const switching = useAppStore((s) => s.switchingRoom);
  const seat = seatView(state, participantId, now);
  if (!seat) return null;
  const { group, role } = seat;
  const closingLeft = closingLeftMs(state, now);
  return (
    <div className="breakout" data-testid="breakout-view" data-group-id={group.id}>
      <h2 className="breakout__heading">{t('breakout.heading', { number: groupNumber(group.id) })}</h2>
      {closingLeft !== null && <ClosingCountdown leftMs={closingLeft} />}
      <VisitNotice />
      {switching && (
        <p className="notice" role="status">
          {t('breakout.moving')}
        </p>
      )}
      <div className="breakout__top">
        <RoleCard
          role={role}
          phaseKind={group.phaseKind}
          roles={group.roles}
          selfId={participantId}
          names={names}
        />
        <PhaseTimer
          phaseKind={group.phaseKind}
          phaseKey={`${group.round}:${group.phaseIndex}:${group.finished}`}
          timeLeftMs={group.timeLeftMs}
          paused={group.paused}
          round={group.round}
          rounds={group.rounds}
        />
      </div>
      <div className={`breakout__body${role === 'observer' ? ' breakout__body--observing' : ''}`}>
        {/* The side comes first in reading order, so on a phone the feedback card is on top and
            the video follows; on wider screens the grid puts the video on the left. */}
        <div className="breakout__side">
          <HelpButton requested={group.helpRequested} />
          <FeedbackPanel state={state} breakouts={breakouts} group={group} participantId={participantId} />
          <ThemePanel breakouts={breakouts} />
        </div>
        <div className="breakout__video">
          <GroupVideo label={t('breakout.groupVideo')} />
        </div>
      </div>
    </div>
  );
}
