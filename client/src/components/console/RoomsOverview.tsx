import type { Breakouts, PublicSessionState, TimerCommand } from '@rundgang/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../hooks/use-can.ts';
import { useCommand } from '../../hooks/use-command.ts';
import { useGroupName } from '../../hooks/use-group-name.ts';
import { useServerNow } from '../../hooks/use-server-now.ts';
import { attentionReasons, byAttention } from '../../lib/attention.ts';
import { playCue } from '../../lib/chime.ts';
import { closingLeftMs, formatTimeLeft, groupView } from '../../lib/live-view.ts';
import { memberConnection } from '../../lib/member-connection.ts';
import { request, visitRoom } from '../../realtime/session.ts';
import { useAppStore } from '../../store/index.ts';
import { GroupTile, type GroupTileActions } from './GroupTile.tsx';
import { UndoToast } from './UndoToast.tsx';

const EDITABLE = 'input, textarea, select, [contenteditable="true"]';
/**
 * Shortcuts that change all groups or move the facilitator need Alt+Shift, so one stray key
 * never acts on 19 groups; they are read by physical key (`code`), since Alt changes the
 * character on some layouts. Only "M" (focus the message field) is a single key.
 */
const GUARDED_KEYS: Readonly<Record<string, string>> = {
  KeyP: 'p',
  Digit1: '1',
  Digit5: '5',
  KeyS: 's',
  KeyN: 'n',
  KeyV: 'v',
};
const TIMER_KEYS: ReadonlySet<string> = new Set(['p', '1', '5', 's', 'n']);
const COMPACT_KEY = 'rundgang.console.compact';

/** The facilitator's choice of the compact view, remembered on this device; compact by default from 10 groups. */
function useCompactView(groupCount: number): [boolean, (compact: boolean) => void] {
  const [stored, setStored] = useState<boolean | null>(() => {
    const value = globalThis.localStorage?.getItem(COMPACT_KEY);
    return value === null || value === undefined ? null : value === 'true';
  });
  const set = (compact: boolean) => {
    globalThis.localStorage?.setItem(COMPACT_KEY, String(compact));
    setStored(compact);
  };
  return [stored ?? groupCount >= 10, set];
}

/** How many tiles a row of the grid holds, read from the laid-out grid (for arrow up/down). */
function columnsOf(grid: HTMLElement): number {
  const columns = getComputedStyle(grid).gridTemplateColumns.split(' ').filter(Boolean).length;
  return Math.max(1, columns);
}

/** Where an arrow key moves from index `i` in a grid of `count` tiles and `columns` columns. */
function nextIndex(key: string, i: number, count: number, columns: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return Math.min(count - 1, i + 1);
    case 'ArrowLeft':
      return Math.max(0, i - 1);
    case 'ArrowDown':
      return i + columns < count ? i + columns : i;
    case 'ArrowUp':
      return i - columns >= 0 ? i - columns : i;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** Every breakout group as a tile, with controls for all groups, alerts, cues and shortcuts. */
export function RoomsOverview({
  webinarId,
  state,
  breakouts,
}: {
  webinarId: string;
  state: PublicSessionState;
  breakouts: Breakouts;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const hintId = useId();
  const groupName = useGroupName();
  const now = useServerNow(250);
  const names = useAppStore((s) => s.knownNames);
  const alerts = useAppStore((s) => s.alerts);
  const alertDismissed = useAppStore((s) => s.alertDismissed);
  const currentGroupId = useAppStore((s) => s.currentGroupId);
  const mediaRooms = useAppStore((s) => s.mediaRooms);
  const may = useCan();
  const { run, busy, error } = useCommand();
  const [confirmClose, setConfirmClose] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [recentlyEnded, setRecentlyEnded] = useState<ReadonlySet<string>>(new Set());

  const present = new Set(state.present);
  const views = byAttention(
    breakouts.groups.map((g) => {
      const view = groupView(state, breakouts, g, now);
      const connectionOf = (id: string) =>
        memberConnection(id, { present, mediaRooms, webinarId, groupId: g.id });
      return { ...view, reasons: attentionReasons(view, connectionOf) };
    }),
  );
  const [compact, setCompact] = useCompactView(views.length);
  const [activeId, setActiveId] = useState<string | null>(null);
  const active = views.some((v) => v.id === activeId) ? activeId : (views[0]?.id ?? null);
  const gridRef = useRef<HTMLUListElement>(null);
  const onGridKey = (event: React.KeyboardEvent<HTMLUListElement>) => {
    const grid = gridRef.current;
    if (!grid || !(event.target instanceof HTMLElement) || event.target.closest(EDITABLE)) return;
    const i = views.findIndex((v) => v.id === active);
    const to = nextIndex(event.key, i, views.length, columnsOf(grid));
    const id = to === null ? undefined : views[to]?.id;
    if (!id) return;
    event.preventDefault();
    setActiveId(id);
    grid.querySelector<HTMLElement>(`[data-testid="group-tile"][data-group-id="${id}"]`)?.focus();
  };
  const groupIds = breakouts.groups.map((g) => g.id);
  const allPaused = views.every((v) => v.paused || v.finished);
  const closingLeft = closingLeftMs(state, now);
  const helpCount = views.filter((v) => v.helpRequested).length;
  const memberCount = views.reduce((n, v) => n + v.memberIds.length, 0);
  const presentCount = views.reduce(
    (n, v) =>
      n +
      v.memberIds.filter(
        (id) => memberConnection(id, { present, mediaRooms, webinarId, groupId: v.id }) === 'connected',
      ).length,
    0,
  );

  const timer = (command: TimerCommand) => void run(() => request('timer:control', command));
  const actions: GroupTileActions = {
    timer: may('timer:control') ? timer : undefined,
    resolveHelp: may('help:resolve')
      ? (groupId) => void run(() => request('help:resolve', { groupId }))
      : undefined,
    visit: may('room:visit') ? (groupId) => void run(() => visitRoom(groupId)) : undefined,
    move: may('group:move_member')
      ? (participantId, toGroupId) =>
          void run(() => request('group:move_member', { participantId, toGroupId }))
      : undefined,
  };
  const pauseOrResumeAll = () => timer({ action: allPaused ? 'resume' : 'pause', target: 'all' });

  // Cues: a new help request, or phases that moved on (several at once make one sound).
  const phaseKeys = views.map((v) => `${v.id}:${v.round}:${v.phaseIndex}:${v.finished}`).join('|');
  const helpKeys = views
    .filter((v) => v.helpRequested)
    .map((v) => v.id)
    .join('|');
  const previous = useRef<{ phases: Map<string, string>; help: Set<string> } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the derived keys change, not on every tick.
  useEffect(() => {
    const phases = new Map(views.map((v) => [v.id, `${v.round}:${v.phaseIndex}:${v.finished}`]));
    const help = new Set(views.filter((v) => v.helpRequested).map((v) => v.id));
    const before = previous.current;
    previous.current = { phases, help };
    if (!before) return;
    const newHelp = [...help].filter((id) => !before.help.has(id));
    const ended = [...phases]
      .filter(([id, key]) => before.phases.has(id) && before.phases.get(id) !== key)
      .map(([id]) => id);
    if (newHelp.length > 0) {
      playCue('help');
      setAnnouncement(newHelp.map((id) => t('console.helpAnnounce', { group: groupName(id) })).join(' '));
    } else if (ended.length > 0) {
      playCue('phase');
      setAnnouncement(t('console.phaseEndAnnounce', { count: ended.length }));
    }
    if (ended.length > 0) {
      setRecentlyEnded(new Set(ended));
      const id = window.setTimeout(() => setRecentlyEnded(new Set()), 4000);
      return () => window.clearTimeout(id);
    }
  }, [phaseKeys, helpKeys]);

  // Shortcuts for the frequent controls; never while typing.
  const shortcutRef = useRef<(key: string) => boolean>(() => false);
  shortcutRef.current = (key) => {
    const lower = key.toLowerCase();
    if (TIMER_KEYS.has(lower) && !may('timer:control')) return false;
    if (lower === 'v' && !may('room:visit')) return false;
    switch (lower) {
      case 'p':
        pauseOrResumeAll();
        return true;
      case '1':
      case '5':
        timer({ action: 'extend', target: 'all', ms: Number(key) * 60_000 });
        return true;
      case 's':
        timer({ action: 'skip_phase', target: 'all' });
        return true;
      case 'n':
        timer({ action: 'end_round', target: 'all' });
        return true;
      case 'm':
        document.querySelector<HTMLInputElement>('[data-shortcut-target="broadcast"]')?.focus();
        return true;
      case 'v':
        if (currentGroupId) void run(() => visitRoom(null));
        return true;
      default:
        return false;
    }
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.repeat) return;
      if (event.target instanceof Element && event.target.closest(EDITABLE)) return;
      const guarded = event.altKey && event.shiftKey ? GUARDED_KEYS[event.code] : undefined;
      const plain = !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'm' ? 'm' : undefined;
      const key = guarded ?? plain;
      if (key && shortcutRef.current(key)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section
      className="rooms"
      aria-labelledby={headingId}
      data-testid="rooms-overview"
      data-media-presence={mediaRooms ? 'reported' : 'unknown'}
    >
      <div className="rooms__head">
        <h2 id={headingId}>{t('console.roomsHeading')}</h2>
        <label className="rooms__compact">
          <input
            type="checkbox"
            checked={compact}
            data-testid="compact-view"
            onChange={(e) => setCompact(e.target.checked)}
          />
          {t('console.compactView')}
        </label>
        <p className="rooms__summary" data-testid="rooms-summary">
          {t('console.summary', {
            count: views.length,
            help: helpCount,
            present: presentCount,
            members: memberCount,
          })}
        </p>
      </div>
      <div className="rooms__bar" role="toolbar" aria-label={t('console.allGroups')}>
        {may('timer:control') && (
          <>
            <button
              type="button"
              className="button button--small"
              data-testid="timer-pause-all"
              aria-keyshortcuts="Alt+Shift+P"
              onClick={pauseOrResumeAll}
            >
              {allPaused ? t('console.resumeAll') : t('console.pauseAll')}
            </button>
            {[1, 5].map((minutes) => (
              <button
                key={minutes}
                type="button"
                className="button button--small button--secondary"
                data-testid={`timer-extend-all-${minutes}`}
                aria-keyshortcuts={`Alt+Shift+${minutes}`}
                onClick={() => timer({ action: 'extend', target: 'all', ms: minutes * 60_000 })}
              >
                {t('console.extendAll', { minutes })}
              </button>
            ))}
            <button
              type="button"
              className="button button--small button--secondary"
              data-testid="timer-skip-all"
              aria-keyshortcuts="Alt+Shift+S"
              onClick={() => timer({ action: 'skip_phase', target: 'all' })}
            >
              {t('console.skipAll')}
            </button>
            <button
              type="button"
              className="button button--small button--secondary"
              data-testid="next-round-all"
              aria-keyshortcuts="Alt+Shift+N"
              onClick={() => timer({ action: 'end_round', target: 'all' })}
            >
              {t('console.nextRoundAll')}
            </button>
          </>
        )}
        {closingLeft !== null ? (
          <span className="closing-badge" data-testid="console-closing">
            {t('console.closingIn', { time: formatTimeLeft(closingLeft) })}
          </span>
        ) : may('breakouts:close') ? (
          confirmClose ? (
            <span className="rooms__confirm">
              <span>{t('console.closeConfirm', { seconds: breakouts.exercise.closingCountdownSec })}</span>
              <button
                type="button"
                className="button button--small button--danger"
                data-testid="confirm-close-breakouts"
                disabled={busy}
                onClick={() => {
                  setConfirmClose(false);
                  void run(() => request('breakouts:close', {}));
                }}
              >
                {t('console.closeNow')}
              </button>
              <button
                type="button"
                className="button button--small button--quiet"
                onClick={() => setConfirmClose(false)}
              >
                {t('console.cancel')}
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="button button--small button--danger"
              data-testid="close-breakouts"
              onClick={() => setConfirmClose(true)}
            >
              {t('console.closeBreakouts')}
            </button>
          )
        ) : null}
      </div>
      {may('timer:control') && <UndoToast undo={breakouts.undo} />}
      <p className="status-message error-text" role="status" data-testid="command-error">
        {error ?? ''}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {alerts.length > 0 && (
        <ul className="alerts" data-testid="role-alerts">
          {alerts.map((alert) => {
            const args = {
              group: groupName(alert.groupId),
              role: t(`roles.${alert.role}`).toLowerCase(),
              name: names[alert.missingId] ?? alert.missingId,
              replacement: alert.replacementId ? (names[alert.replacementId] ?? alert.replacementId) : '',
            };
            return (
              <li key={`${alert.groupId}:${alert.role}`} className="notice alerts__item">
                <span>
                  {alert.replacementId ? t('console.alert', args) : t('console.alertNoReplacement', args)}
                </span>
                {alert.replacementId && may('roles:swap') && (
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => {
                      const ids: [string, string] = [alert.missingId, alert.replacementId as string];
                      void run(() =>
                        request('roles:swap', { groupId: alert.groupId, participantIds: ids }),
                      ).then((ok) => ok && alertDismissed(alert.groupId));
                    }}
                  >
                    {t('console.swap')}
                  </button>
                )}
                <button
                  type="button"
                  className="button button--small button--quiet"
                  onClick={() => alertDismissed(alert.groupId)}
                >
                  {t('console.dismiss')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ul
        ref={gridRef}
        className={`rooms__grid${compact ? ' rooms__grid--compact' : ''}`}
        data-count={views.length}
        aria-label={t('console.gridLabel')}
        aria-describedby={hintId}
        onKeyDown={onGridKey}
      >
        {views.map((view) => (
          <GroupTile
            key={view.id}
            view={view}
            webinarId={webinarId}
            names={names}
            present={present}
            groupIds={groupIds}
            visiting={currentGroupId === view.id}
            phaseJustEnded={recentlyEnded.has(view.id)}
            actions={actions}
            reasons={view.reasons}
            compact={compact}
            active={view.id === active}
            onActivate={setActiveId}
          />
        ))}
      </ul>
      <p id={hintId} className="visually-hidden">
        {t('console.gridHint')}
      </p>
    </section>
  );
}
