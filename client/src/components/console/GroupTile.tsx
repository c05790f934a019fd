import type { RoundRole, TimerCommand } from '@rundgang/shared';
import { useTranslation } from 'react-i18next';
import { groupNumber, useGroupName } from '../../hooks/use-group-name.ts';
import type { AttentionReason } from '../../lib/attention.ts';
import { formatTimeLeft, type GroupView } from '../../lib/live-view.ts';
import { type MemberConnection, memberConnection } from '../../lib/member-connection.ts';
import { useAppStore } from '../../store/index.ts';
import { feedbackGroupAnchor } from './FeedbackConsolePanel.tsx';

/** What a tile can ask the console to do; an action the person may not use (`can`) is absent. */
export interface GroupTileActions {
  timer?: (command: TimerCommand) => void;
  resolveHelp?: (groupId: string) => void;
  visit?: (groupId: string) => void;
  move?: (participantId: string, toGroupId: string) => void;
}

function roleIn(view: GroupView, id: string): RoundRole | null {
  if (!view.roles) return null;
  if (view.roles.guideId === id) return 'guide';
  if (view.roles.adviseeId === id) return 'advisee';
  return view.roles.observerIds.includes(id) ? 'observer' : null;
}

const ROLE_ORDER: Record<RoundRole, number> = { guide: 0, advisee: 1, observer: 2 };

/**
 * A member's connection as a shape plus words: the usual case (connected) is a quiet check
 * with its words for screen readers; the exceptions say what is wrong in visible text (`quiet`:
 * in the compact view the mark's shape and the tile's attention line say it, the words stay for
 * screen readers).
 */
function ConnectionMark({ connection, quiet = false }: { connection: MemberConnection; quiet?: boolean }) {
  const { t } = useTranslation();
  const text = t(`console.connection.${connection}`);
  return (
    <>
      <span className={`connection-mark connection-mark--${connection}`} aria-hidden="true" />
      {connection === 'connected' || quiet ? (
        <span className="visually-hidden">{text}, </span>
      ) : (
        <span className="connection-text" data-testid="member-connection-text">
          {text}
        </span>
      )}
    </>
  );
}

/** One breakout group at a glance: phase and time, members with roles and presence, cards, help, controls. */
export function GroupTile({
  view,
  webinarId,
  names,
  present,
  groupIds,
  visiting,
  phaseJustEnded,
  actions,
  reasons = [],
  compact = false,
  active = true,
  onActivate,
}: {
  view: GroupView;
  webinarId: string;
  names: Record<string, string>;
  present: ReadonlySet<string>;
  groupIds: string[];
  visiting: boolean;
  phaseJustEnded: boolean;
  actions: GroupTileActions;
  /** Why the group needs the facilitator now, most urgent first. */
  reasons?: readonly AttentionReason[];
  /** The compact view: no per-group timer controls, so 19+ groups fit one screen. */
  compact?: boolean;
  /** The tile that holds the grid's one tab stop (roving tabindex); others are reached by arrows. */
  active?: boolean;
  onActivate?: (groupId: string) => void;
}) {
  const { t } = useTranslation();
  const { timer, visit, resolveHelp, move } = actions;
  const groupName = useGroupName();
  const mediaRooms = useAppStore((s) => s.mediaRooms);
  const speaking = useAppStore((s) => s.speaking);
  const name = groupName(view.id);
  const phase = view.finished ? t('phases.finished') : t(`phases.${view.phaseKind ?? 'preparation'}`);
  const time = formatTimeLeft(view.timeLeftMs);
  const members = [...view.memberIds].sort((a, b) => {
    const ra = roleIn(view, a);
    const rb = roleIn(view, b);
    return (ra ? ROLE_ORDER[ra] : 3) - (rb ? ROLE_ORDER[rb] : 3);
  });
  const target = view.id;
  // Controls of tiles other than the active one leave the tab order: the grid is one tab stop.
  const tab = active ? undefined : -1;
  const classes = [
    'group-tile',
    compact ? 'group-tile--compact' : '',
    reasons.length > 0 ? 'group-tile--attention' : '',
    view.helpRequested ? 'group-tile--help' : '',
    phaseJustEnded ? 'group-tile--phase-ended' : '',
    visiting ? 'group-tile--visiting' : '',
    view.finished ? 'group-tile--finished' : '',
  ].join(' ');
  const controls = (
    <div className="group-tile__controls">
      {timer && !compact && (
        <>
          {view.paused ? (
            <button
              type="button"
              tabIndex={tab}
              className="chip-button"
              aria-label={t('console.resumeLabel', { group: name })}
              onClick={() => timer({ action: 'resume', target })}
            >
              {t('console.resume')}
            </button>
          ) : (
            <button
              type="button"
              tabIndex={tab}
              className="chip-button"
              disabled={view.finished}
              aria-label={t('console.pauseLabel', { group: name })}
              onClick={() => timer({ action: 'pause', target })}
            >
              {t('console.pause')}
            </button>
          )}
          {[1, 5].map((minutes) => (
            <button
              key={minutes}
              type="button"
              tabIndex={tab}
              className="chip-button"
              disabled={view.finished}
              aria-label={t('console.extendLabel', { group: name, minutes })}
              onClick={() => timer({ action: 'extend', target, ms: minutes * 60_000 })}
            >
              {t('console.extend', { minutes })}
            </button>
          ))}
          <button
            type="button"
            tabIndex={tab}
            className="chip-button chip-button--jump"
            disabled={view.finished}
            aria-label={t('console.skipLabel', { group: name })}
            onClick={() => timer({ action: 'skip_phase', target })}
          >
            {t('console.skip')}
          </button>
          <button
            type="button"
            tabIndex={tab}
            className="chip-button chip-button--jump"
            disabled={view.finished}
            aria-label={t('console.nextRoundLabel', { group: name })}
            onClick={() => timer({ action: 'end_round', target })}
          >
            {t('console.nextRoundShort')}
          </button>
        </>
      )}
      {visit && (
        <button
          type="button"
          tabIndex={tab}
          className="chip-button"
          disabled={visiting}
          aria-label={t('console.visitLabel', { group: name })}
          data-testid="visit-group"
          onClick={() => visit(view.id)}
        >
          {visiting ? t('console.visiting') : t('console.visit')}
        </button>
      )}
      {resolveHelp && view.helpRequested && (
        <button
          type="button"
          tabIndex={tab}
          className="chip-button chip-button--help"
          aria-label={t('console.helpResolveLabel', { group: name })}
          data-testid="help-resolve"
          onClick={() => resolveHelp(view.id)}
        >
          {t('console.helpResolve')}
        </button>
      )}
      {move && !compact && groupIds.length > 1 && (
        <details className="group-tile__move">
          <summary tabIndex={tab}>{t('console.moveTo')}</summary>
          {view.memberIds.map((id) => (
            <label key={id} className="group-tile__move-row">
              <span>{names[id] ?? id}</span>
              <select
                tabIndex={tab}
                aria-label={t('console.moveLabel', { name: names[id] ?? id })}
                value={view.id}
                onChange={(e) => move(id, e.target.value)}
              >
                {groupIds.map((gid) => (
                  <option key={gid} value={gid}>
                    {groupName(gid)}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </details>
      )}
    </div>
  );
  return (
    <li
      className={classes}
      data-testid="group-tile"
      data-group-id={view.id}
      data-member-ids={view.memberIds.join(',')}
      data-round={view.round}
      data-attention={reasons.join(' ')}
      tabIndex={active ? 0 : -1}
      onFocus={(e) => {
        if (e.target === e.currentTarget) onActivate?.(view.id);
      }}
      aria-label={[
        t('console.groupLabel', { number: groupNumber(view.id), phase, time }),
        ...reasons.map((r) => t(`console.attention.${r}`)),
      ].join('. ')}
    >
      <div className="group-tile__head">
        <h3 className="group-tile__name">{name}</h3>
        {view.helpRequested && (
          <span className="help-flag" data-testid="help-flag" title={t('console.help')}>
            <span aria-hidden="true">{t('console.helpShort')}</span>
            <span className="visually-hidden">{t('console.help')}</span>
          </span>
        )}
        {compact && controls}
        <span className="group-tile__time" data-testid="group-time-left">
          {view.finished ? '–' : time}
        </span>
      </div>
      <p className="group-tile__meta">
        <span
          className="group-tile__phase"
          data-testid="group-phase"
          data-phase={view.phaseKind ?? 'finished'}
        >
          {phase}
        </span>
        {!view.finished && <span>{t('console.round', { round: view.round + 1, rounds: view.rounds })}</span>}
        {view.paused && <span className="group-tile__paused">{t('console.paused')}</span>}
        {view.feedbackExpected > 0 && (
          <a
            tabIndex={tab}
            className="group-tile__cards"
            href={`#${feedbackGroupAnchor(view.id)}`}
            data-testid="feedback-count"
            data-complete={view.feedbackIn >= view.feedbackExpected ? 'true' : 'false'}
          >
            {t('console.feedbackCards')}{' '}
            <span data-testid="console-feedback-count">
              {view.feedbackIn}/{view.feedbackExpected}
            </span>
            <span className="visually-hidden">
              {', '}
              {t('console.feedbackInLabel', { count: view.feedbackIn, expected: view.feedbackExpected })}
            </span>
          </a>
        )}
      </p>
      {reasons.length > 0 && (
        <p className="group-tile__attention" data-testid="group-attention">
          {reasons.map((r) => t(`console.attention.${r}`)).join(' · ')}
        </p>
      )}
      <ul className="group-tile__members">
        {members.map((id) => {
          const role = roleIn(view, id);
          const connection = memberConnection(id, { present, mediaRooms, webinarId, groupId: view.id });
          const talking = connection === 'connected' && speaking[id] === true;
          return (
            <li
              key={id}
              className={`group-member group-member--${connection}${talking ? ' group-member--speaking' : ''}`}
              data-testid="group-member"
              data-participant-id={id}
              data-role={role ?? ''}
              data-present={present.has(id) ? 'true' : 'false'}
              data-connection={connection}
              data-speaking={talking ? 'true' : 'false'}
            >
              <ConnectionMark connection={connection} quiet={compact} />
              <span className="group-member__name">{names[id] ?? id}</span>
              {talking && (
                <span className="speaking-mark" data-testid="member-speaking">
                  <span className="speaking-mark__bars" aria-hidden="true">
                    <span />
                    <span />
                    <span />
                  </span>
                  <span className="visually-hidden">{t('console.speaking')}</span>
                </span>
              )}
              {role && <span className={`role-badge role-badge--${role}`}>{t(`roles.${role}`)}</span>}
            </li>
          );
        })}
      </ul>
      {!compact && controls}
    </li>
  );
}
