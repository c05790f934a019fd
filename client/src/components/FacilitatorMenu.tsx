import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAppStore } from '../store/index.ts';

/** The signed-in facilitator's name and a sign-out button; nothing for anyone else. */
export function FacilitatorMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const name = useAppStore((s) => s.facilitator?.name);
  const signOut = useAppStore((s) => s.signOut);
  if (!name) return null;
  return (
    <div className="facilitator-menu">
      <span className="facilitator-menu__name">{t('app.signedInAs', { name })}</span>
      <button
        type="button"
        className="button button--quiet"
        data-testid="sign-out"
        onClick={() => {
          void signOut().finally(() => navigate('/login'));
        }}
      >
        {t('app.signOut')}
      </button>
    </div>
  );
}
