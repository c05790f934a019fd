import type { ParticipantWithInvite, WebinarDetail } from '@rundgang/shared';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { CopyLinkButton } from '../components/CopyLinkButton.tsx';
import { ErrorMessage, Loading, StatusMessage } from '../components/Feedback.tsx';
import { WebinarStatusBadge } from '../components/WebinarStatusBadge.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useErrorText } from '../hooks/use-error-text.ts';
import { inviteUrl } from '../lib/invite-url.ts';
import { useAppStore } from '../store/index.ts';

function ParticipantCard({ participant }: { participant: ParticipantWithInvite }) {
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
      </div>
    </li>
  );
}

function ParticipantList({ webinar }: { webinar: WebinarDetail }) {
  const { t } = useTranslation();
  if (webinar.participants.length === 0) {
    return (
      <p className="empty-state" data-testid="participants-empty">
        {t('webinar.participantsEmpty')}
      </p>
    );
  }
  return (
    <ul className="card-list" data-testid="participant-list">
      {webinar.participants.map((participant) => (
        <ParticipantCard key={participant.id} participant={participant} />
      ))}
    </ul>
  );
}

function AddParticipantForm({ webinarId }: { webinarId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const addParticipant = useAppStore((s) => s.addParticipant);
  const id = useId();
  const [name, setName] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [workplace, setWorkplace] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const added = await addParticipant(webinarId, {
        name: name.trim(),
        ...(municipality.trim() ? { municipality: municipality.trim() } : {}),
        ...(workplace.trim() ? { workplace: workplace.trim() } : {}),
      });
      setName('');
      setNotice(t('webinar.added', { name: added.name }));
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('webinar.name')}</label>
          <input
            id={`${id}-name`}
            name="name"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="participant-name-input"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-municipality`}>{t('webinar.municipality')}</label>
          <input
            id={`${id}-municipality`}
            name="municipality"
            maxLength={100}
            value={municipality}
            onChange={(e) => setMunicipality(e.target.value)}
            data-testid="participant-municipality-input"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-workplace`}>{t('webinar.workplace')}</label>
          <input
            id={`${id}-workplace`}
            name="workplace"
            maxLength={100}
            value={workplace}
            onChange={(e) => setWorkplace(e.target.value)}
            data-testid="participant-workplace-input"
          />
        </div>
      </div>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <button type="submit" className="button" disabled={busy} data-testid="add-participant">
        {busy ? t('webinar.adding') : t('webinar.add')}
      </button>
      <StatusMessage>{notice}</StatusMessage>
    </form>
  );
}

function OpenWebinarButton({ webinar }: { webinar: WebinarDetail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const openWebinar = useAppStore((s) => s.openWebinar);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  if (webinar.status !== 'planned') return <StatusMessage>{notice}</StatusMessage>;
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy}
        data-testid="open-webinar"
        onClick={() => {
          setBusy(true);
          setError(null);
          openWebinar(webinar.id)
            .then(() => setNotice(t('webinar.opened')))
            .catch((caught: unknown) => setError(errorText(caught)))
            .finally(() => setBusy(false));
        }}
      >
        {busy ? t('webinar.opening') : t('webinar.open')}
      </button>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </>
  );
}

/** `/facilitator/webinars/:id`: participants, invite links, open the webinar, enter the room. */
export function WebinarDetailPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { id = '' } = useParams();
  const detail = useAppStore((s) => s.webinarDetail);
  const loadWebinar = useAppStore((s) => s.loadWebinar);
  const headingId = useId();
  const webinar = detail.status === 'loaded' && detail.data.id === id ? detail.data : null;
  useDocumentTitle(webinar?.title);

  useEffect(() => {
    void loadWebinar(id);
  }, [id, loadWebinar]);

  const back = (
    <p>
      <Link to="/facilitator">← {t('webinar.back')}</Link>
    </p>
  );
  if (detail.status === 'error') {
    return (
      <div className="stack">
        {back}
        <ErrorMessage>{errorText(detail.code)}</ErrorMessage>
      </div>
    );
  }
  if (!webinar) return <Loading label={t('app.loading')} />;

  return (
    <div className="stack">
      {back}
      <header className="page-header">
        <h1 data-testid="webinar-title">{webinar.title}</h1>
        <WebinarStatusBadge status={webinar.status} />
      </header>
      <div className="actions">
        <OpenWebinarButton webinar={webinar} />
        <Link
          className="button button--secondary"
          to={`/facilitator/webinars/${webinar.id}/room`}
          data-testid="enter-room"
        >
          {t('webinar.enterRoom')}
        </Link>
      </div>
      <section className="panel" aria-labelledby={`${headingId}-participants`}>
        <h2 id={`${headingId}-participants`}>{t('webinar.participantsHeading')}</h2>
        <ParticipantList webinar={webinar} />
      </section>
      <section className="panel" aria-labelledby={`${headingId}-add`}>
        <h2 id={`${headingId}-add`}>{t('webinar.addHeading')}</h2>
        <AddParticipantForm webinarId={webinar.id} />
      </section>
    </div>
  );
}
