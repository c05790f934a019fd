import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../hooks/use-document-title.ts';

/** The front page: what this is, and the way in for facilitators. */
export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(null);
  return (
    <section className="panel narrow">
      <h1>{t('app.name')}</h1>
      <p className="lead">{t('app.tagline')}</p>
      <p>{t('app.welcome')}</p>
      <p>
        <Link className="button" to="/facilitator">
          {t('app.facilitatorSignIn')}
        </Link>
      </p>
    </section>
  );
}
