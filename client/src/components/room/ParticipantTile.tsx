import {
  isTrackReference,
  type TrackReferenceOrPlaceholder,
  useIsMuted,
  useIsSpeaking,
  VideoTrack,
} from '@livekit/components-react';
import { Track } from 'livekit-client';
import { useTranslation } from 'react-i18next';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((part) => part?.charAt(0).toUpperCase() ?? '').join('');
}

/** One person in the grid: their camera (a real <video>) or their initials, name and mic state. */
export function ParticipantTile({ trackRef }: { trackRef: TrackReferenceOrPlaceholder }) {
  const { t } = useTranslation();
  const { participant } = trackRef;
  const speaking = useIsSpeaking(participant);
  const cameraMuted = useIsMuted(trackRef);
  const micMuted = useIsMuted({ participant, source: Track.Source.Microphone });
  const name = participant.name || participant.identity;
  const label = participant.isLocal ? t('room.you', { name }) : name;
  const showVideo = isTrackReference(trackRef) && !cameraMuted;

  return (
    <li
      className={`tile${speaking ? ' tile--speaking' : ''}${participant.isLocal ? ' tile--local' : ''}`}
      data-testid="participant-tile"
      data-identity={participant.identity}
      data-local={participant.isLocal ? 'true' : 'false'}
      data-speaking={speaking ? 'true' : 'false'}
    >
      {showVideo ? (
        <VideoTrack trackRef={trackRef} className="tile__video" muted playsInline />
      ) : (
        <div className="tile__placeholder">
          <span className="tile__initials" aria-hidden="true">
            {initials(name)}
          </span>
          <span className="visually-hidden">{t('room.cameraOff')}</span>
        </div>
      )}
      <div className="tile__label">
        <span className="tile__name">{label}</span>
        {micMuted && <span className="tile__badge">{t('room.micMuted')}</span>}
        {speaking && <span className="visually-hidden">{t('room.speaking')}</span>}
      </div>
    </li>
  );
}
