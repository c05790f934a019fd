import { useTranslation } from 'react-i18next';
import { toggleCamera, toggleMicrophone } from '../../realtime/session.ts';
import { useAppStore } from '../../store/index.ts';

/** Microphone, camera and leave; labels say what pressing will do. */
export function RoomControls({ onLeave }: { onLeave: () => void }) {
  const { t } = useTranslation();
  const micEnabled = useAppStore((s) => s.micEnabled);
  const cameraEnabled = useAppStore((s) => s.cameraEnabled);
  const connected = useAppStore((s) => s.livekitStatus === 'connected');
  return (
    <section className="room-controls" aria-label={t('room.controls')}>
      <button
        type="button"
        className={`button ${micEnabled ? 'button--secondary' : 'button--off'}`}
        disabled={!connected}
        data-testid="toggle-mic"
        data-enabled={micEnabled ? 'true' : 'false'}
        onClick={() => void toggleMicrophone()}
      >
        {micEnabled ? t('room.muteMic') : t('room.unmuteMic')}
      </button>
      <button
        type="button"
        className={`button ${cameraEnabled ? 'button--secondary' : 'button--off'}`}
        disabled={!connected}
        data-testid="toggle-camera"
        data-enabled={cameraEnabled ? 'true' : 'false'}
        onClick={() => void toggleCamera()}
      >
        {cameraEnabled ? t('room.cameraOffAction') : t('room.cameraOnAction')}
      </button>
      <button type="button" className="button button--danger" data-testid="leave-room" onClick={onLeave}>
        {t('room.leave')}
      </button>
    </section>
  );
}
