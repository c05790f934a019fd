import { httpRoutes } from '@rundgang/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { callApi } from '../api/call-api.ts';
import { ErrorMessage } from '../components/Feedback.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useErrorText } from '../hooks/use-error-text.ts';
import { useAppStore } from '../store/index.ts';
import type { LoginLocationState } from './LoginPage.tsx';

/** One-time creation of the first facilitator with the setup token printed at first start. */
export function SetupPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const tokenFromUrl = params.get('token') ?? '';
  const loadFacilitator = useAppStore((s) => s.loadFacilitator);
  const id = useId();
  const [token, setToken] = useState(tokenFromUrl);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(t('setup.title'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await callApi(httpRoutes.setup, { body: { token, name, email, password } });
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
      return;
    }
    // The server may sign the new facilitator in at once; if not, send them to the login form.
    await loadFacilitator().catch(() => undefined);
    if (useAppStore.getState().authStatus === 'signedIn') {
      navigate('/facilitator', { replace: true });
    } else {
      navigate('/login', { replace: true, state: { notice: 'setupDone' } satisfies LoginLocationState });
    }
  };

  return (
    <section className="panel narrow" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form className="form" onSubmit={submit}>
        {!tokenFromUrl && (
          <div className="field">
            <label htmlFor={`${id}-token`}>{t('setup.token')}</label>
            <input
              id={`${id}-token`}
              name="token"
              required
              minLength={10}
              autoComplete="off"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              data-testid="setup-token"
            />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('setup.name')}</label>
          <input
            id={`${id}-name`}
            name="name"
            required
            maxLength={100}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="setup-name"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('setup.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            name="email"
            required
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="setup-email"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('setup.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            name="password"
            required
            minLength={10}
            autoComplete="new-password"
            aria-describedby={`${id}-password-hint`}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="setup-password"
          />
          <p id={`${id}-password-hint`} className="hint">
            {t('setup.passwordHint')}
          </p>
        </div>
        {error && <ErrorMessage testId="setup-error">{error}</ErrorMessage>}
        <button type="submit" className="button" disabled={busy} data-testid="setup-submit">
          {busy ? t('setup.submitting') : t('setup.submit')}
        </button>
      </form>
    </section>
  );
}
