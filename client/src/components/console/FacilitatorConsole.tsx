import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../hooks/use-can.ts';
import { useCommand } from '../../hooks/use-command.ts';
import { useGroupName } from '../../hooks/use-group-name.ts';
import { visitRoom } from '../../realtime/session.ts';
import { useAppStore } from '../../store/index.ts';
import { ParticipantGrid } from '../room/ParticipantGrid.tsx';
import { AgendaTimeline } from './AgendaTimeline.tsx';
import { AttendancePanel } from './AttendancePanel.tsx';
import { BroadcastForm } from './BroadcastForm.tsx';
import { FeedbackConsolePanel } from './FeedbackConsolePanel.tsx';
import { FloorPanel } from './FloorPanel.tsx';
import { OpenBreakoutsPanel } from './OpenBreakoutsPanel.tsx';
import { RoomsOverview } from './RoomsOverview.tsx';
import { WebinarStateBar } from './WebinarStateBar.tsx';

/** The video of the room the facilitator is in: the plenary, or a group they visit. */
function ConsoleVideo({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const groupName = useGroupName();
  const currentGroupId = useAppStore((s) => s.currentGroupId);
  const switching = useAppStore((s) => s.switchingRoom);
  const mayVisit = useCan()('room:visit');
  const { run, busy, error } = useCommand();
  return (
    <section
      className="panel console-panel console-video"
      aria-labelledby={headingId}
      data-testid="console-video"
      data-group-id={currentGroupId ?? ''}
    >
      <div className="console-panel__head">
        <h2 id={headingId}>
          {currentGroupId
            ? t('console.visitingVideo', { group: groupName(currentGroupId) })
            : t('console.plenaryVideo')}
        </h2>
        {currentGroupId && mayVisit && (
          <button
            type="button"
            className="button button--small"
            disabled={busy || switching}
            data-testid="back-to-plenary"
            aria-keyshortcuts="Alt+Shift+V"
            onClick={() => void run(() => visitRoom(null))}
          >
            {t('console.backToPlenary')}
          </button>
        )}
      </div>
      {switching && (
        <p className="hint" role="status">
          {t('breakout.moving')}
        </p>
      )}
      <ParticipantGrid compact={compact} />
      <p className="status-message" role="status">
        {error ?? ''}
      </p>
    </section>
  );
}

/**
 * The facilitator's live console: video, agenda, broadcast, and breakouts (open them, or run
 * them). Each control shows only if `can` grants its capability, as the server checks it.
 */
export function FacilitatorConsole({ webinarId }: { webinarId: string }) {
  const { t } = useTranslation();
  const may = useCan();
  const liveState = useAppStore((s) => s.liveState);
  const breakouts = liveState?.breakouts ?? null;
  const loadWebinar = useAppStore((s) => s.loadWebinar);
  const participants = useAppStore((s) =>
    s.webinarDetail.status === 'loaded' && s.webinarDetail.data.id === webinarId
      ? s.webinarDetail.data.participants
      : null,
  );
  const namesLearned = useAppStore((s) => s.namesLearned);

  // Names of everyone in the webinar, also of those not connected (tiles show who is gone).
  useEffect(() => {
    void loadWebinar(webinarId);
  }, [loadWebinar, webinarId]);
  useEffect(() => {
    if (participants) namesLearned(Object.fromEntries(participants.map((p) => [p.id, p.name])));
  }, [participants, namesLearned]);

  // A visit ends with the breakouts: back to the plenary without a click.
  const visiting = useAppStore((s) => s.currentGroupId);
  const breakoutsOpen = breakouts !== null;
  useEffect(() => {
    if (!breakoutsOpen && visiting) void visitRoom(null);
  }, [breakoutsOpen, visiting]);

  if (!may('console:view')) return null;
  return (
    <div className="console" data-testid="facilitator-console">
      <div className="console__side">
        <WebinarStateBar webinarId={webinarId} />
        {breakouts && <ConsoleVideo compact />}
        {may('broadcast:send') && (
          <section className="panel console-panel">
            <BroadcastForm />
          </section>
        )}
        <AgendaTimeline />
        <section className="panel console-panel shortcuts" aria-labelledby="shortcuts-heading">
          <h2 id="shortcuts-heading">{t('console.shortcutsHeading')}</h2>
          <p className="hint">{t('console.shortcuts')}</p>
        </section>
      </div>
      <div className="console__main">
        {liveState === null ? (
          <p className="loading" role="status">
            {t('console.loading')}
          </p>
        ) : breakouts ? (
          <div className="stack">
            <RoomsOverview webinarId={webinarId} state={liveState} breakouts={breakouts} />
            {may('feedback:read_all') && <FeedbackConsolePanel webinarId={webinarId} />}
          </div>
        ) : (
          // In the plenary the video is what matters, so it gets the main column.
          <div className="stack">
            <AttendancePanel webinarId={webinarId} present={liveState.present} />
            {may('floor:moderate') && <FloorPanel />}
            {may('breakouts:open') && <OpenBreakoutsPanel />}
            <ConsoleVideo compact={false} />
            {may('feedback:read_all') && <FeedbackConsolePanel webinarId={webinarId} />}
          </div>
        )}
      </div>
    </div>
  );
}
