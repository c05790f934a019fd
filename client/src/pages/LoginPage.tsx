import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiRequestError } from '../api/http.ts';
import { ErrorMessage, StatusMessage } from '../components/Feedback.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useErrorText } from '../hooks/use-error-text.ts';
import { useAppStore } from '../store/index.ts';

/** Where to go after signing in, and an optional notice (e.g. after setup). */
export interface LoginLocationState {
  from?: string;
  notice?: 'setupDone';
}

/** Facilitator sign-in with email and password; the server sets an HttpOnly cookie. */
export function LoginPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginLocationState;
  const signIn = useAppStore((s) => s.signIn);
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(t('login.title'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn({ email, password });
      navigate(state.from?.startsWith('/facilitator') ? state.from : '/facilitator', { replace: true });
    } catch (caught) {
      const wrong =
        caught instanceof ApiRequestError &&
        (caught.code === 'unauthorized' || caught.code === 'bad_request');
      setError(wrong ? t('login.wrongCredentials') : errorText(caught));
      setBusy(false);
    }
  };

  return (
    <section className="panel narrow" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('login.title')}</h1>
      <p>{t('login.intro')}</p>
      {state.notice === 'setupDone' && <StatusMessage>{t('setup.done')}</StatusMessage>}
      <form className="form" onSubmit={submit} noValidate={false}>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('login.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="login-email"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('login.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </div>
        {error && <ErrorMessage testId="login-error">{error}</ErrorMessage>}
        <button type="submit" className="button" disabled={busy} data-testid="login-submit">
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </section>
  );
}
