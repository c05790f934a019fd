import { httpRoutes, type SeriesFacilitator } from '@rundgang/shared';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callApi } from '../../api/call-api.ts';
import { useErrorText } from '../../hooks/use-error-text.ts';
import { useAppStore } from '../../store/index.ts';
import { CopyLinkButton } from '../CopyLinkButton.tsx';
import { ErrorMessage, Loading, StatusMessage } from '../Feedback.tsx';

/**
 * Who runs a series with you: the owner and co-facilitators. The owner makes single-use links
 * for colleagues and removes co-facilitators (their access ends at once).
 */
export function CoFacilitatorsPanel({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const headingId = useId();
  const me = useAppStore((s) => s.facilitator);
  const [list, setList] = useState<SeriesFacilitator[] | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    callApi(httpRoutes.seriesFacilitators, { params: { id: seriesId } })
      .then((answer) => setList(answer.facilitators))
      .catch((caught: unknown) => setError(errorText(caught)));
  }, [seriesId, errorText]);

  const isOwner = list?.some((f) => f.id === me?.id && f.role === 'owner') ?? false;
  const createLink = () => {
    setError(null);
    callApi(httpRoutes.createCoFacilitatorInvite, { params: { id: seriesId } })
      .then((answer) => setLink(`${window.location.origin}${answer.invitePath}`))
      .catch((caught: unknown) => setError(errorText(caught)));
  };
  const remove = (f: SeriesFacilitator) => {
    callApi(httpRoutes.removeCoFacilitator, { params: { id: seriesId, facilitatorId: f.id } })
      .then(() => {
        setList((l) => l?.filter((x) => x.id !== f.id) ?? null);
        setConfirming(null);
        setNotice(t('coFacilitators.removed', { name: f.name }));
      })
      .catch((caught: unknown) => setError(errorText(caught)));
  };

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="co-facilitators-panel">
      <h2 id={headingId}>{t('coFacilitators.heading')}</h2>
      {list === null && !error && <Loading label={t('app.loading')} />}
      {list && (
        <ul className="card-list">
          {list.map((f) => (
            <li key={f.id} className="card" data-testid="co-facilitator-row">
              <h3 className="card__title">{f.name}</h3>
              <p className="card__meta">
                {f.role === 'owner' ? t('coFacilitators.owner') : t('coFacilitators.co')} · {f.email}
              </p>
              {isOwner && f.role === 'co' && (
                <div className="actions">
                  {confirming === f.id ? (
                    <>
                      <button
                        type="button"
                        className="button button--danger button--small"
                        onClick={() => remove(f)}
                      >
                        {t('coFacilitators.confirmRemove', { name: f.name })}
                      </button>
                      <button
                        type="button"
                        className="button button--quiet button--small"
                        onClick={() => setConfirming(null)}
                      >
                        {t('roster.cancel')}
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      onClick={() => setConfirming(f.id)}
                    >
                      {t('roster.remove')}
                      <span className="visually-hidden"> {f.name}</span>
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {isOwner && (
        <div className="stack">
          <button
            type="button"
            className="button button--secondary"
            onClick={createLink}
            data-testid="co-invite-create"
          >
            {t('coFacilitators.createLink')}
          </button>
          {link && (
            <div className="invite">
              <span className="visually-hidden">{t('coFacilitators.linkLabel')}</span>
              <code className="invite__url" data-testid="co-invite-link">
                {link}
              </code>
              <CopyLinkButton url={link} name={t('coFacilitators.colleague')} />
            </div>
          )}
          {link && <p className="card__meta">{t('coFacilitators.linkHint')}</p>}
        </div>
      )}
      <StatusMessage>{notice}</StatusMessage>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </section>
  );
}
