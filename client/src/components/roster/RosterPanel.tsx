import {
  httpRoutes,
  PROFESSION_LABELS,
  type RosterEntryInput,
  type RosterParticipant,
  routeUrl,
} from '@rundgang/shared';
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callApi } from '../../api/call-api.ts';
import { errorCodeOf } from '../../api/http.ts';
import { useErrorText } from '../../hooks/use-error-text.ts';
import { inviteUrl } from '../../lib/invite-url.ts';
import { textLanguage } from '../../lib/themes.ts';
import { CopyLinkButton } from '../CopyLinkButton.tsx';
import { ErrorMessage, Loading, StatusMessage } from '../Feedback.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { ParticipantForm } from './ParticipantForm.tsx';

type Roster =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'loaded';
      participants: RosterParticipant[];
      mailConfigured: boolean;
    };

/** Turns a failed save into a sentence; a taken email is the one conflict a roster has. */
function useSaveErrorText() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (caught: unknown) =>
    errorCodeOf(caught) === 'conflict' ? t('roster.emailTaken') : errorText(caught);
}

function ParticipantRow({
  participant,
  seriesId,
  onChanged,
  onRemoved,
}: {
  participant: RosterParticipant;
  seriesId: string;
  onChanged: (p: RosterParticipant) => void;
  onRemoved: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const saveErrorText = useSaveErrorText();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const url = inviteUrl(participant.invitePath, window.location.origin);
  const place = [participant.municipality, participant.workplace].filter(Boolean).join(' · ');
  const profession = participant.profession
    ? PROFESSION_LABELS[participant.profession][textLanguage(i18n.resolvedLanguage)]
    : '';

  if (editing) {
    return (
      <tr data-testid="participant-row" data-participant-id={participant.id}>
        <td colSpan={4}>
          <ParticipantForm
            initial={participant}
            testIdPrefix="edit-participant"
            submitLabel={t('roster.save')}
            busyLabel={t('roster.saving')}
            onCancel={() => setEditing(false)}
            onSubmit={async (entry) => {
              try {
                const answer = await callApi(httpRoutes.updateSeriesParticipant, {
                  params: { id: seriesId, participantId: participant.id },
                  body: entry,
                });
                onChanged(answer.participant);
                setEditing(false);
              } catch (caught) {
                throw new Error(saveErrorText(caught));
              }
            }}
          />
        </td>
      </tr>
    );
  }
  return (
    <tr data-testid="participant-row" data-participant-id={participant.id}>
      <th scope="row">{participant.name}</th>
      <td className="card__meta">{[place, profession, participant.email].filter(Boolean).join(' · ')}</td>
      <td>
        <div className="invite">
          <span className="visually-hidden">{t('webinar.inviteLink', { name: participant.name })}</span>
          <code className="invite__url" data-testid="invite-link">
            {url}
          </code>
          <CopyLinkButton url={url} name={participant.name} />
        </div>
      </td>
      <td>
        <div className="actions roster-table__actions">
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => setEditing(true)}
          >
            {t('roster.edit')}
            <span className="visually-hidden"> {participant.name}</span>
          </button>
          {confirming ? (
            <>
              <button
                type="button"
                className="button button--danger button--small"
                data-testid="confirm-remove-participant"
                onClick={() => {
                  callApi(httpRoutes.removeSeriesParticipant, {
                    params: { id: seriesId, participantId: participant.id },
                  })
                    .then(() => onRemoved(participant.id))
                    .catch((caught: unknown) => setError(saveErrorText(caught)));
                }}
              >
                {t('roster.confirmRemove', { name: participant.name })}
              </button>
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => setConfirming(false)}
              >
                {t('roster.cancel')}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button--quiet button--small"
              data-testid="remove-participant"
              onClick={() => setConfirming(true)}
            >
              {t('roster.remove')}
              <span className="visually-hidden"> {participant.name}</span>
            </button>
          )}
        </div>
        {confirming && <p className="card__meta">{t('roster.removeWarning')}</p>}
        {error && <ErrorMessage>{error}</ErrorMessage>}
      </td>
    </tr>
  );
}

/** Emails every participant with an address their personal link, after a confirmation. */
function SendInvitesButton({ seriesId, count }: { seriesId: string; count: number }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [state, setState] = useState<'idle' | 'confirming' | 'sending'>('idle');
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = () => {
    setState('sending');
    setError(null);
    callApi(httpRoutes.sendInvites, {
      params: { id: seriesId },
      body: { language: textLanguage(i18n.resolvedLanguage) },
    })
      .then((r) =>
        setNotice(t('roster.mail.result', { sent: r.sent, without: r.withoutEmail, failed: r.failed })),
      )
      .catch((caught: unknown) => setError(errorText(caught)))
      .finally(() => setState('idle'));
  };
  return (
    <div className="stack">
      {state === 'confirming' ? (
        <div className="actions">
          <button type="button" className="button" onClick={send} data-testid="send-invites-confirm">
            {t('roster.mail.confirm', { count })}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setState('idle')}>
            {t('roster.cancel')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button button--secondary"
          disabled={state === 'sending' || count === 0}
          onClick={() => setState('confirming')}
          data-testid="send-invites"
        >
          {state === 'sending' ? t('roster.mail.sending') : t('roster.mail.send')}
        </button>
      )}
      <StatusMessage>{notice}</StatusMessage>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </div>
  );
}

/**
 * The cohort of a series: everyone with their personal invite link, added by hand or imported
 * from a spreadsheet, edited and removed; exported as CSV for a mail merge.
 */
export function RosterPanel({ seriesId }: { seriesId: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const saveErrorText = useSaveErrorText();
  const headingId = useId();
  const [roster, setRoster] = useState<Roster>({ status: 'loading' });
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState('');

  const load = useCallback(() => {
    callApi(httpRoutes.seriesRoster, { params: { id: seriesId } })
      .then((answer) => setRoster({ status: 'loaded', ...answer }))
      .catch((caught: unknown) => setRoster({ status: 'error', message: errorText(caught) }));
  }, [seriesId, errorText]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per series, not per render of errorText
  useEffect(load, [seriesId]);

  const update = (fn: (list: RosterParticipant[]) => RosterParticipant[]) =>
    setRoster((r) => (r.status === 'loaded' ? { ...r, participants: fn(r.participants) } : r));

  const add = async (entry: RosterEntryInput) => {
    try {
      const answer = await callApi(httpRoutes.addSeriesParticipant, {
        params: { id: seriesId },
        body: entry,
      });
      update((list) => [...list, answer.participant]);
      setNotice(t('webinar.added', { name: answer.participant.name }));
    } catch (caught) {
      throw new Error(saveErrorText(caught));
    }
  };

  if (roster.status === 'loading') return <Loading label={t('app.loading')} />;
  if (roster.status === 'error') {
    return (
      <div className="panel">
        <ErrorMessage>{roster.message}</ErrorMessage>
        <button type="button" className="button" onClick={load}>
          {t('roster.retry')}
        </button>
      </div>
    );
  }
  const { participants } = roster;
  const csvHref = routeUrl(httpRoutes.rosterCsv, {
    params: { id: seriesId },
    query: { lang: textLanguage(i18n.resolvedLanguage) },
  });

  return (
    <div className="stack" data-testid="roster-panel">
      <section className="panel" aria-labelledby={`${headingId}-list`}>
        <h2 id={`${headingId}-list`}>
          {t('webinar.participantsHeading')} <span className="card__meta">({participants.length})</span>
        </h2>
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setImporting(true)}
            data-testid="open-import"
          >
            {t('roster.import.open')}
          </button>
          <a className="button button--secondary" href={csvHref} download data-testid="roster-csv">
            {t('roster.exportCsv')}
          </a>
        </div>
        {roster.mailConfigured ? (
          <SendInvitesButton seriesId={seriesId} count={participants.filter((p) => p.email).length} />
        ) : (
          <p className="card__meta" data-testid="mail-not-configured">
            {t('roster.mailNotConfigured')}
          </p>
        )}
        <StatusMessage>{notice}</StatusMessage>
        {participants.length === 0 ? (
          <p className="empty-state" data-testid="participants-empty">
            {t('roster.empty')}
          </p>
        ) : (
          <div className="roster-table__scroll">
            <table className="summary-table roster-table" data-testid="participant-list">
              <thead>
                <tr>
                  <th scope="col">{t('webinar.columnName')}</th>
                  <th scope="col">{t('roster.columnDetails')}</th>
                  <th scope="col">{t('webinar.columnLink')}</th>
                  <th scope="col">{t('roster.columnActions')}</th>
                </tr>
              </thead>
              <tbody>
                {participants.map((p) => (
                  <ParticipantRow
                    key={p.id}
                    participant={p}
                    seriesId={seriesId}
                    onChanged={(changed) =>
                      update((list) => list.map((x) => (x.id === changed.id ? changed : x)))
                    }
                    onRemoved={(id) => {
                      update((list) => list.filter((x) => x.id !== id));
                      setNotice(t('roster.removed', { name: p.name }));
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby={`${headingId}-add`}>
        <h2 id={`${headingId}-add`}>{t('webinar.addHeading')}</h2>
        <ParticipantForm submitLabel={t('webinar.add')} busyLabel={t('webinar.adding')} onSubmit={add} />
      </section>
      {importing && (
        <ImportDialog
          seriesId={seriesId}
          onClose={() => setImporting(false)}
          onImported={(imported) => {
            setImporting(false);
            update((list) => [...list, ...imported]);
            setNotice(t('roster.import.done', { count: imported.length }));
          }}
        />
      )}
    </div>
  );
}
