import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading, StatusMessage } from '../components/Feedback.tsx';
import { WebinarStatusBadge } from '../components/WebinarStatusBadge.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useErrorText } from '../hooks/use-error-text.ts';
import { useFormatDate } from '../hooks/use-format-date.ts';
import { useAppStore } from '../store/index.ts';

/** The facilitator's webinars, newest first. */
function WebinarList() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const list = useAppStore((s) => s.webinarList);
  const loadWebinars = useAppStore((s) => s.loadWebinars);

  useEffect(() => {
    void loadWebinars();
  }, [loadWebinars]);

  if (list.status === 'idle' || list.status === 'loading') return <Loading label={t('app.loading')} />;
  if (list.status === 'error') return <ErrorMessage>{errorText(list.code)}</ErrorMessage>;
  if (list.data.length === 0)
    return (
      <p className="empty-state" data-testid="webinars-empty">
        {t('webinars.empty')}
      </p>
    );
  return (
    <ul className="card-list" data-testid="webinar-list">
      {list.data.map((webinar) => (
        <li key={webinar.id} className="card">
          <Link to={`/facilitator/webinars/${webinar.id}`} className="card__title" data-testid="webinar-link">
            {webinar.title}
          </Link>
          <div className="card__meta">
            <WebinarStatusBadge status={webinar.status} />
            <span>{t('webinars.createdAt', { date: formatDate(webinar.createdAt) })}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Creates a new webinar (in a new series) from a title. */
function CreateWebinarForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const createWebinar = useAppStore((s) => s.createWebinar);
  const id = useId();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const created = await createWebinar(title.trim());
      setTitle('');
      setNotice(t('webinars.created', { title: created.title }));
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form form--inline" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('webinars.titleLabel')}</label>
        <input
          id={`${id}-title`}
          name="title"
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="webinar-title-input"
        />
      </div>
      <button type="submit" className="button" disabled={busy} data-testid="create-webinar">
        {busy ? t('webinars.creating') : t('webinars.create')}
      </button>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <StatusMessage>{notice}</StatusMessage>
    </form>
  );
}

/** `/facilitator`: list and create webinars. */
export function FacilitatorHomePage() {
  const { t } = useTranslation();
  const id = useId();
  useDocumentTitle(t('webinars.title'));
  return (
    <div className="stack">
      <h1>{t('webinars.title')}</h1>
      <section className="panel" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>{t('webinars.listHeading')}</h2>
        <WebinarList />
      </section>
      <section className="panel" aria-labelledby={`${id}-create`}>
        <h2 id={`${id}-create`}>{t('webinars.createHeading')}</h2>
        <CreateWebinarForm />
      </section>
    </div>
  );
}
