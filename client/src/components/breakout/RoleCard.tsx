import type { PhaseKind, RoundRole, RoundRoles } from '@rundgang/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** "Du er veileder i denne runden": the person's role, what to do in this phase, and who has which role. */
export function RoleCard({
  role,
  phaseKind,
  roles,
  selfId,
  names,
}: {
  role: RoundRole | null;
  phaseKind: PhaseKind | null;
  roles: RoundRoles | null;
  selfId: string;
  names: Record<string, string>;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const nameOf = (id: string) => (id === selfId ? t('breakout.you') : (names[id] ?? id));
  if (!role || !phaseKind || !roles) {
    return (
      <section
        className="role-card role-card--finished"
        data-testid="role-card"
        data-role="none"
        aria-labelledby={headingId}
      >
        <h2 id={headingId} className="role-card__title">
          {t('phases.finished')}
        </h2>
        <p className="role-card__todo">{t('roles.finished')}</p>
      </section>
    );
  }
  return (
    <section
      className={`role-card role-card--${role}`}
      data-testid="role-card"
      data-role={role}
      aria-labelledby={headingId}
    >
      <h2 id={headingId} className="role-card__title">
        {t(`roles.youAre.${role}`)}
      </h2>
      <p className="role-card__todo" data-testid="role-todo">
        {t(`roles.todo.${role}.${phaseKind}`)}
      </p>
      <ul className="role-card__who">
        <li>
          <span className={`role-badge role-badge--guide`}>{t('roles.guide')}</span> {nameOf(roles.guideId)}
        </li>
        <li>
          <span className={`role-badge role-badge--advisee`}>{t('roles.advisee')}</span>{' '}
          {nameOf(roles.adviseeId)}
        </li>
        {roles.observerIds.length > 0 && (
          <li>
            <span className={`role-badge role-badge--observer`}>{t('roles.observer')}</span>{' '}
            {roles.observerIds.map(nameOf).join(', ')}
          </li>
        )}
      </ul>
    </section>
  );
}
