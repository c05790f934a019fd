import { useRemoteParticipants } from '@livekit/components-react';
import { useTranslation } from 'react-i18next';

/**
 * Tells the group that a facilitator is in their room: a visit is quiet (camera and microphone
 * off), so without this nobody would know someone is listening. Facilitators are never group
 * members; they are recognised by their LiveKit identity (`f:<id>`).
 */
export function VisitNotice() {
  const { t } = useTranslation();
  const visitors = useRemoteParticipants().filter((p) => p.identity.startsWith('f:'));
  if (visitors.length === 0) return null;
  return (
    <p className="notice visit-notice" role="status" data-testid="visit-notice">
      {t('breakout.facilitatorVisiting', { name: visitors.map((p) => p.name || p.identity).join(', ') })}
    </p>
  );
}
