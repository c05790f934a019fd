import { useTracks } from '@livekit/components-react';
import { Track } from 'livekit-client';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ParticipantTile } from './ParticipantTile.tsx';

const cameraWithPlaceholder = [{ source: Track.Source.Camera, withPlaceholder: true }] as const;

/** Everyone in the LiveKit room as a responsive grid, yourself first. */
export function ParticipantGrid({ compact = false, label }: { compact?: boolean; label?: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const tracks = useTracks([...cameraWithPlaceholder], { onlySubscribed: false });
  const ordered = [...tracks].sort((a, b) => Number(b.participant.isLocal) - Number(a.participant.isLocal));
  return (
    <section className="grid-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {label ?? t('room.participantsGrid')}
      </h2>
      <ul
        className={`participant-grid${compact ? ' participant-grid--compact' : ''}`}
        data-count={ordered.length}
      >
        {ordered.map((trackRef) => (
          <ParticipantTile key={`${trackRef.participant.identity}:${trackRef.source}`} trackRef={trackRef} />
        ))}
      </ul>
    </section>
  );
}
