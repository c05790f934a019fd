import { RoomAudioRenderer, RoomContext, StartAudio } from '@livekit/components-react';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { BreakoutView } from '../components/breakout/BreakoutView.tsx';
import { BroadcastBanner } from '../components/breakout/BroadcastBanner.tsx';
import { FacilitatorConsole } from '../components/console/FacilitatorConsole.tsx';
import { LateFeedbackPanel } from '../components/feedback/LateFeedbackPanel.tsx';
import { PresentedSummary } from '../components/feedback/PresentedSummary.tsx';
import { PreJoin } from '../components/PreJoin.tsx';
import { ConnectionBanner } from '../components/room/ConnectionBanner.tsx';
import { ParticipantGrid } from '../components/room/ParticipantGrid.tsx';
import { PresentList } from '../components/room/PresentList.tsx';
import { RoomControls } from '../components/room/RoomControls.tsx';
import { SessionErrorPanel } from '../components/room/SessionErrorPanel.tsx';
import { ConsoleEndWebinarButton } from '../components/series/EndWebinarButton.tsx';
import { useClosingRedirect } from '../hooks/use-closing-redirect.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { participantIdOf } from '../lib/live-view.ts';
import { endSession, startSession } from '../realtime/session.ts';
import { useAppStore } from '../store/index.ts';
import type { SessionTarget } from '../store/session-slice.ts';

/** Who is looking at the room. */
type Viewer = 'facilitator' | 'participant';

function RoomTitle() {
  const { t } = useTranslation();
  const title = useAppStore((s) => s.webinarState?.title);
  useDocumentTitle(title ?? t('room.titleFallback'));
  return (
    <h1 className="room__title" data-testid="room-title">
      {title ?? t('room.titleFallback')}
    </h1>
  );
}

/** The agenda segment running now, so participants know where the webinar is. */
function CurrentSegmentLine() {
  const { t } = useTranslation();
  const title = useAppStore((s) => {
    const agenda = s.liveState?.agenda;
    return agenda?.run ? (agenda.plan.segments[agenda.run.currentIndex]?.title ?? null) : null;
  });
  if (!title) return null;
  return (
    <p className="current-segment" data-testid="current-segment">
      {t('room.currentSegment', { title })}
    </p>
  );
}

/** The plenary: everyone's video and who is present. */
function PlenaryBody() {
  return (
    <div className="room__body" data-testid="plenary-view">
      <CurrentSegmentLine />
      <ParticipantGrid />
      <PresentList />
    </div>
  );
}

/** A participant's room: their breakout group while they have a seat in one, else the plenary. */
function ParticipantBody() {
  const liveState = useAppStore((s) => s.liveState);
  const selfId = useAppStore((s) => participantIdOf(s.selfIdentity));
  const breakouts = liveState?.breakouts ?? null;
  const seated = breakouts && selfId && breakouts.groups.some((g) => g.memberIds.includes(selfId));
  return (
    <>
      <BroadcastBanner />
      <PresentedSummary />
      {liveState && breakouts && selfId && seated ? (
        <BreakoutView state={liveState} breakouts={breakouts} participantId={selfId} />
      ) : (
        <>
          {selfId && <LateFeedbackPanel participantId={selfId} />}
          <PlenaryBody />
        </>
      )}
    </>
  );
}

/** The live room: starts the session on mount and ends it on unmount. */
function LiveRoom({
  target,
  viewer,
  onLeave,
  children,
}: {
  target: SessionTarget;
  viewer: Viewer;
  onLeave: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const room = useAppStore((s) => s.room);
  const sessionError = useAppStore((s) => s.sessionError);
  const targetKey = target.kind === 'participant' ? `p:${target.invite}` : `f:${target.webinarId}`;
  useClosingRedirect(
    target.kind === 'participant'
      ? `/join/${target.invite}/closed`
      : `/facilitator/webinars/${target.webinarId}/closed`,
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: the session is keyed by targetKey, not object identity.
  useEffect(() => {
    void startSession(target);
    return () => endSession(false);
  }, [targetKey]);

  const rejoin = () => endSession(false);

  return (
    <div className="room">
      <header className="room__header">
        <RoomTitle />
        <ConnectionBanner />
        {target.kind === 'facilitator' && <ConsoleEndWebinarButton webinarId={target.webinarId} />}
      </header>
      {sessionError && <SessionErrorPanel error={sessionError} viewer={viewer} onRejoin={rejoin} />}
      {room && (
        <RoomContext.Provider value={room}>
          {children}
          <RoomAudioRenderer />
          <StartAudio label={t('room.startAudio')} className="button button--primary start-audio" />
        </RoomContext.Provider>
      )}
      <RoomControls onLeave={onLeave} />
    </div>
  );
}

/** Shown after a participant leaves, with the way back in. */
function LeftRoom({ rejoinTo }: { rejoinTo: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('room.left'));
  return (
    <section className="panel narrow" data-testid="left-room">
      <h1>{t('room.left')}</h1>
      <Link className="button" to={rejoinTo} data-testid="rejoin-link">
        {t('room.rejoin')}
      </Link>
    </section>
  );
}

/** `/join/:token/room`: the plenary for a participant; without pre-join done, back to pre-join. */
export function ParticipantRoomPage() {
  const { token = '' } = useParams();
  const prejoinDone = useAppStore((s) => s.prejoinDone);
  const leftRoom = useAppStore((s) => s.leftRoom);
  const joinPath = `/join/${token}`;
  if (prejoinDone) {
    return (
      <LiveRoom
        target={{ kind: 'participant', invite: token }}
        viewer="participant"
        onLeave={() => endSession(true)}
      >
        <ParticipantBody />
      </LiveRoom>
    );
  }
  if (leftRoom) return <LeftRoom rejoinTo={joinPath} />;
  return <Navigate to={joinPath} replace />;
}

/** `/facilitator/webinars/:id/room`: the plenary for a facilitator, with pre-join inline. */
export function FacilitatorRoomPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const prejoinDone = useAppStore((s) => s.prejoinDone);
  const detailPath = `/facilitator/webinars/${id}`;
  useDocumentTitle(prejoinDone ? null : t('prejoin.heading'));
  if (prejoinDone) {
    return (
      <LiveRoom
        target={{ kind: 'facilitator', webinarId: id }}
        viewer="facilitator"
        onLeave={() => navigate(detailPath)}
      >
        <FacilitatorConsole webinarId={id} />
      </LiveRoom>
    );
  }
  return (
    <div className="stack">
      <p>
        <Link to={detailPath}>← {t('room.backToWebinar')}</Link>
      </p>
      <h1>{t('webinar.enterRoom')}</h1>
      <PreJoin onJoin={() => undefined} />
    </div>
  );
}
