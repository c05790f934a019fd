import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';

/** The webinar's invited participants (names, municipality), or null while they load. */
function useInvited(webinarId: string) {
  return useAppStore((s) =>
    s.webinarDetail.status === 'loaded' && s.webinarDetail.data.id === webinarId
      ? s.webinarDetail.data.participants
      : null,
  );
}

/**
 * Who came and who is missing, by municipality: what the facilitator checks before starting the
 * plenary of 57. Presence is the session's `present` (connected sockets), the list the invitees.
 */
export function AttendancePanel({ webinarId, present }: { webinarId: string; present: readonly string[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const invited = useInvited(webinarId);
  if (!invited) return null;
  const here = new Set(present);
  const missing = invited.filter((p) => !here.has(p.id));
  const byMunicipality = new Map<string, string[]>();
  for (const p of missing) {
    const key = p.municipality ?? '';
    byMunicipality.set(key, [...(byMunicipality.get(key) ?? []), p.name]);
  }
  const count = invited.length - missing.length;
  return (
    <section className="panel console-panel attendance" aria-labelledby={headingId} data-testid="attendance">
      <h2 id={headingId}>
        {t('console.attendance.heading')}{' '}
        <span data-testid="attendance-count">
          {t('console.attendance.count', { count, expected: invited.length })}
        </span>
      </h2>
      {missing.length === 0 ? (
        <p className="hint">{t('console.attendance.everyone')}</p>
      ) : (
        <details className="attendance__missing" open={missing.length <= 12}>
          <summary>{t('console.attendance.missing', { count: missing.length })}</summary>
          <ul className="attendance__list" data-testid="attendance-missing">
            {[...byMunicipality]
              .sort(([a], [b]) => a.localeCompare(b, 'nb'))
              .map(([municipality, names]) => (
                <li key={municipality}>
                  <strong>{municipality || t('console.attendance.noMunicipality')}:</strong>{' '}
                  {[...names].sort((a, b) => a.localeCompare(b, 'nb')).join(', ')}
                </li>
              ))}
          </ul>
        </details>
      )}
    </section>
  );
}
