import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router-dom';
import { FacilitatorMenu } from './FacilitatorMenu.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

/** Page frame: skip link, header with the language switcher, and the main landmark. */
export function AppShell() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <div className="app-header__tools">
          <FacilitatorMenu />
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <Outlet />
      </main>
    </>
  );
}
