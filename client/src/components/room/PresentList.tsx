import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';

const EMPTY: never[] = [];

/** Who is present in the webinar, as the server announces it in `webinar:updated`. */
export function PresentList() {
  const { t } = useTranslation();
  const headingId = useId();
  const present = useAppStore((s) => s.webinarState?.present ?? EMPTY);
  return (
    <aside className="panel present" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('room.presentHeading', { count: present.length })}</h2>
      {present.length === 0 ? (
        <p className="empty-state">{t('room.presentEmpty')}</p>
      ) : (
        <ul className="present__list" data-testid="present-list">
          {present.map((entry) => (
            <li key={`${entry.kind}:${entry.id}`} data-testid="present-entry" data-kind={entry.kind}>
              {entry.name}
              {entry.kind === 'facilitator' && (
                <span className="badge present__badge">{t('room.facilitatorBadge')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
