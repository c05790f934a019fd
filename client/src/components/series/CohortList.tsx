/**
 * The cohort of a series: each participant with their personal invite link (one for every webinar
 * of the series), and — on the series page — a new link that makes the old one stop working.
 * The roster (import, edit, email) builds on this list.
 */
import type { ParticipantWithInvite } from '@rundgang/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../hooks/use-error-text.ts';
import { inviteUrl } from '../../lib/invite-url.ts';
import { useAppStore } from '../../store/index.ts';
import { CopyLinkButton } from '../CopyLinkButton.tsx';
import { ErrorMessage, StatusMessage } from '../Feedback.tsx';

/** Re-issues one participant's link after a confirmation; the old link is refused from then on. */
function ReissueLinkButton({
  seriesId,
  participant,
}: {
  seriesId: string;
  participant: ParticipantWithInvite;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const reissueInvite = useAppStore((s) => s.reissueInvite);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const reissue = () => {
    setBusy(true);
    setError(null);
    reissueInvite(seriesId, participant.id)
      .then(() => setNotice(t('series.reissued', { name: participant.name })))
      .catch((caught: unknown) => setError(errorText(caught)))
      .finally(() => {
        setBusy(false);
        setConfirming(false);
      });
  };
  return (
    <>
      {confirming ? (
        <span className="inline-confirm">
          <span>{t('series.reissueConfirm', { name: participant.name })}</span>
          <button
            type="button"
            className="button button--danger button--small"
            disabled={busy}
            onClick={reissue}
            data-testid="confirm-reissue-link"
          >
            {t('series.reissueYes')}
          </button>
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => setConfirming(false)}
          >
            {t('series.cancel')}
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={() => setConfirming(true)}
          data-testid="reissue-link"
        >
          {t('series.reissue')}
          <span className="visually-hidden"> {t('webinar.copyFor', { name: participant.name })}</span>
        </button>
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <StatusMessage>{notice}</StatusMessage>
    </>
  );
}

function ParticipantCard({
  participant,
  seriesId,
}: {
  participant: ParticipantWithInvite;
  seriesId?: string;
}) {
  const { t } = useTranslation();
  const url = inviteUrl(participant.invitePath, window.location.origin);
  const place = [participant.municipality, participant.workplace].filter(Boolean).join(' · ');
  return (
    <li className="card" data-testid="participant-row" data-participant-id={participant.id}>
      <h3 className="card__title">{participant.name}</h3>
      {place && <p className="card__meta">{place}</p>}
      <div className="invite">
        <span className="visually-hidden">{t('webinar.inviteLink', { name: participant.name })}</span>
        <code className="invite__url" data-testid="invite-link">
          {url}
        </code>
        <CopyLinkButton url={url} name={participant.name} />
        {seriesId && <ReissueLinkButton seriesId={seriesId} participant={participant} />}
      </div>
    </li>
  );
}

/** The participants with their links; `seriesId` adds the re-issue action. */
export function CohortList({
  participants,
  seriesId,
}: {
  participants: readonly ParticipantWithInvite[];
  seriesId?: string;
}) {
  const { t } = useTranslation();
  if (participants.length === 0) {
    return (
      <p className="empty-state" data-testid="participants-empty">
        {t('webinar.participantsEmpty')}
      </p>
    );
  }
  return (
    <ul className="card-list" data-testid="participant-list">
      {participants.map((participant) => (
        <ParticipantCard key={participant.id} participant={participant} {...(seriesId ? { seriesId } : {})} />
      ))}
    </ul>
  );
}
