import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useErrorText } from '../hooks/use-error-text.ts';
import { useAppStore } from '../store/index.ts';
import { ErrorMessage, Loading } from './Feedback.tsx';

/** Renders facilitator pages only for a signed-in facilitator; others go to /login. */
export function RequireFacilitator() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const location = useLocation();
  const authStatus = useAppStore((s) => s.authStatus);
  const loadFacilitator = useAppStore((s) => s.loadFacilitator);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (authStatus === 'unknown') loadFacilitator().catch(setError);
  }, [authStatus, loadFacilitator]);

  if (error) return <ErrorMessage>{errorText(error)}</ErrorMessage>;
  if (authStatus === 'signedOut') {
    return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  }
  if (authStatus !== 'signedIn') return <Loading label={t('app.loading')} />;
  return <Outlet />;
}
