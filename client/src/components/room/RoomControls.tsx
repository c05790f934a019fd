import { microphoneLocked } from '@rundgang/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { participantIdOf } from '../../lib/live-view.ts';
import { request, toggleCamera, toggleMicrophone } from '../../realtime/session.ts';
import { useAppStore } from '../../store/index.ts';

/** Whether we observe in our group's current round (the usual reason publishing is revoked). */
function useObserving(): boolean {
  return useAppStore((s) => {
    const self = participantIdOf(s.selfIdentity);
    const group = s.liveState?.breakouts?.groups.find((g) => self && g.memberIds.includes(self));
    return Boolean(self && group?.rotation[group.timer.round]?.observerIds.includes(self));
  });
}

/** A participant in the plenary: whether facilitators locked their microphone, and their hand. */
function usePlenaryFloor(): { inPlenary: boolean; micLocked: boolean; handUp: boolean } {
  const self = useAppStore((s) => participantIdOf(s.selfIdentity));
  const inPlenary = useAppStore((s) => Boolean(self) && s.currentGroupId === null);
  const micLocked = useAppStore(
    (s) => Boolean(self) && inPlenary && microphoneLocked(s.liveState?.floor, self ?? ''),
  );
  const handUp = useAppStore((s) => Boolean(s.liveState?.floor?.hands.some((h) => h.participantId === self)));
  return { inPlenary, micLocked, handUp };
}

/** Microphone, camera, raise hand (participants in the plenary) and leave; labels say what pressing will do. */
export function RoomControls({ onLeave }: { onLeave: () => void }) {
  const { t } = useTranslation();
  const noticeId = useId();
  const micEnabled = useAppStore((s) => s.micEnabled);
  const cameraEnabled = useAppStore((s) => s.cameraEnabled);
  const connected = useAppStore((s) => s.livekitStatus === 'connected');
  // The server took our publish permission (observer during the conversation); it comes back by itself.
  const revoked = useAppStore((s) => !s.canPublish && s.livekitStatus === 'connected');
  const observing = useObserving();
  const floor = usePlenaryFloor();
  const micNoticeId = useId();
  return (
    <section className="room-controls" aria-label={t('room.controls')}>
      {revoked && (
        <p id={noticeId} className="room-controls__notice" role="status" data-testid="publish-revoked">
          {observing ? t('room.publishRevokedObserver') : t('room.publishRevoked')}
        </p>
      )}
      {floor.micLocked && !revoked && (
        <p id={micNoticeId} className="room-controls__notice" role="status" data-testid="mic-locked">
          {t('room.micLocked')}
        </p>
      )}
      <button
        type="button"
        className={`button ${micEnabled ? 'button--secondary' : 'button--off'}`}
        disabled={!connected || revoked || (floor.micLocked && !micEnabled)}
        aria-describedby={revoked ? noticeId : floor.micLocked ? micNoticeId : undefined}
        data-testid="toggle-mic"
        data-enabled={micEnabled ? 'true' : 'false'}
        onClick={() => void toggleMicrophone()}
      >
        {micEnabled ? t('room.muteMic') : t('room.unmuteMic')}
      </button>
      <button
        type="button"
        className={`button ${cameraEnabled ? 'button--secondary' : 'button--off'}`}
        disabled={!connected || revoked}
        aria-describedby={revoked ? noticeId : undefined}
        data-testid="toggle-camera"
        data-enabled={cameraEnabled ? 'true' : 'false'}
        onClick={() => void toggleCamera()}
      >
        {cameraEnabled ? t('room.cameraOffAction') : t('room.cameraOnAction')}
      </button>
      {floor.inPlenary && (
        <button
          type="button"
          className={`button ${floor.handUp ? 'button--primary' : 'button--secondary'}`}
          aria-pressed={floor.handUp}
          data-testid="raise-hand"
          disabled={!connected}
          onClick={() => void request('hand:raise', { raised: !floor.handUp })}
        >
          {floor.handUp ? t('room.lowerHand') : t('room.raiseHand')}
        </button>
      )}
      <button type="button" className="button button--danger" data-testid="leave-room" onClick={onLeave}>
        {t('room.leave')}
      </button>
    </section>
  );
}
