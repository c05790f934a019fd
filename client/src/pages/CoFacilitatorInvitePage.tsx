import { httpRoutes } from '@rundgang/shared';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { callApi } from '../api/call-api.ts';
import { errorCodeOf } from '../api/http.ts';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useErrorText } from '../hooks/use-error-text.ts';
import { useAppStore } from '../store/index.ts';

type Info =
  | { status: 'loading' }
  | { status: 'invalid' }
  | { status: 'ok'; seriesTitle: string; invitedBy: string };

function Field({
  id,
  name,
  type,
  label,
  value,
  onChange,
  autoComplete,
}: {
  id: string;
  name: string;
  type: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  autoComplete: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        required
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={`co-${name}`}
      />
    </div>
  );
}

/**
 * `/co-facilitate/:token`: a colleague's single-use link to help run a series. Signed in, one
 * button accepts it; otherwise sign in or create an account here, and the link is redeemed.
 */
export function CoFacilitatorInvitePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { token = '' } = useParams();
  const id = useId();
  const authStatus = useAppStore((s) => s.authStatus);
  const me = useAppStore((s) => s.facilitator);
  const loadFacilitator = useAppStore((s) => s.loadFacilitator);
  const signIn = useAppStore((s) => s.signIn);
  const [info, setInfo] = useState<Info>({ status: 'loading' });
  const [mode, setMode] = useState<'signIn' | 'register'>('signIn');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(t('coFacilitators.invite.title'));

  useEffect(() => {
    callApi(httpRoutes.coFacilitatorInvite, { params: { token } })
      .then((answer) => setInfo({ status: 'ok', ...answer }))
      .catch(() => setInfo({ status: 'invalid' }));
    if (authStatus === 'unknown') void loadFacilitator().catch(() => undefined);
  }, [token, authStatus, loadFacilitator]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      navigate('/facilitator', { replace: true });
    } catch (caught) {
      const code = errorCodeOf(caught);
      setError(
        code === 'unauthorized'
          ? t('login.wrongCredentials')
          : code === 'conflict'
            ? t('coFacilitators.invite.emailTaken')
            : errorText(caught),
      );
      setBusy(false);
    }
  };
  const accept = () =>
    callApi(httpRoutes.acceptCoFacilitatorInvite, { params: { token } }).then(() => undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      if (mode === 'signIn') {
        await signIn({ email, password });
        await accept();
      } else {
        await callApi(httpRoutes.registerCoFacilitator, {
          params: { token },
          body: { name, email, password },
        });
        await loadFacilitator();
      }
    });
  };

  if (info.status === 'loading' || authStatus === 'checking') return <Loading label={t('app.loading')} />;
  if (info.status === 'invalid') {
    return (
      <section className="panel narrow" data-testid="co-invite-invalid">
        <h1>{t('coFacilitators.invite.title')}</h1>
        <p>{t('coFacilitators.invite.invalid')}</p>
      </section>
    );
  }
  return (
    <section className="panel narrow" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('coFacilitators.invite.title')}</h1>
      <p data-testid="co-invite-series">
        {t('coFacilitators.invite.intro', { invitedBy: info.invitedBy, series: info.seriesTitle })}
      </p>
      {authStatus === 'signedIn' && me ? (
        <>
          <p>{t('coFacilitators.invite.signedInAs', { name: me.name })}</p>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(accept)}
            data-testid="co-invite-accept"
          >
            {t('coFacilitators.invite.accept')}
          </button>
        </>
      ) : (
        <form className="form" onSubmit={submit}>
          <fieldset className="field">
            <legend>{t('coFacilitators.invite.haveAccount')}</legend>
            <label className="choice">
              <input type="radio" checked={mode === 'signIn'} onChange={() => setMode('signIn')} />{' '}
              {t('coFacilitators.invite.modeSignIn')}
            </label>
            <label className="choice">
              <input
                type="radio"
                checked={mode === 'register'}
                onChange={() => setMode('register')}
                data-testid="co-mode-register"
              />{' '}
              {t('coFacilitators.invite.modeRegister')}
            </label>
          </fieldset>
          {mode === 'register' && (
            <Field
              id={`${id}-name`}
              name="name"
              type="text"
              label={t('setup.name')}
              value={name}
              onChange={setName}
              autoComplete="name"
            />
          )}
          <Field
            id={`${id}-email`}
            name="email"
            type="email"
            label={t('login.email')}
            value={email}
            onChange={setEmail}
            autoComplete="username"
          />
          <Field
            id={`${id}-password`}
            name="password"
            type="password"
            label={t('login.password')}
            value={password}
            onChange={setPassword}
            autoComplete={mode === 'register' ? 'new-password' : 'current-password'}
          />
          {error && <ErrorMessage>{error}</ErrorMessage>}
          <button type="submit" className="button" disabled={busy} data-testid="co-invite-submit">
            {mode === 'signIn'
              ? t('coFacilitators.invite.signInAccept')
              : t('coFacilitators.invite.registerAccept')}
          </button>
        </form>
      )}
    </section>
  );
}
