import { microphoneLocked, type PlenaryFloor } from '@rundgang/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../hooks/use-command.ts';
import { request } from '../../realtime/session.ts';
import { useAppStore } from '../../store/index.ts';

const OPEN: PlenaryFloor = { hands: [], locked: 'none', exceptions: [] };

/**
 * The plenary floor for facilitators: microphones off for all (enforced by the server through
 * LiveKit) and the queue of raised hands in the order they went up, each with "Gi ordet"
 * (microphone back, hand down) and "Ta ned".
 */
export function FloorPanel() {
  const { t } = useTranslation();
  const headingId = useId();
  const floor = useAppStore((s) => s.liveState?.floor ?? OPEN);
  const names = useAppStore((s) => s.knownNames);
  const { run, busy, error } = useCommand();
  const allLocked = floor.locked === 'all';
  const name = (id: string) => names[id] ?? id;
  return (
    <section className="panel console-panel floor" aria-labelledby={headingId} data-testid="floor-panel">
      <div className="console-panel__head">
        <h2 id={headingId}>{t('console.floor.heading')}</h2>
        <button
          type="button"
          className={`button button--small ${allLocked ? 'button--secondary' : ''}`}
          data-testid={allLocked ? 'unmute-all' : 'mute-all'}
          disabled={busy}
          onClick={() => void run(() => request('floor:microphones', { target: 'all', locked: !allLocked }))}
        >
          {allLocked ? t('console.floor.unmuteAll') : t('console.floor.muteAll')}
        </button>
      </div>
      <p className="hint">{allLocked ? t('console.floor.allMuted') : t('console.floor.noneMuted')}</p>
      <h3 className="floor__hands-heading">
        {floor.hands.length === 0
          ? t('console.floor.noHands')
          : t('console.floor.handsHeading', { count: floor.hands.length })}
      </h3>
      {floor.hands.length > 0 && (
        <ol className="floor__hands" data-testid="raised-hands">
          {floor.hands.map((hand) => (
            <li key={hand.participantId} data-testid="raised-hand" data-participant-id={hand.participantId}>
              <span className="floor__name">{name(hand.participantId)}</span>
              <span className="floor__actions">
                {microphoneLocked(floor, hand.participantId) && (
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t('console.floor.giveWordLabel', { name: name(hand.participantId) })}
                    disabled={busy}
                    onClick={() =>
                      void run(() =>
                        request('floor:microphones', { target: hand.participantId, locked: false }),
                      )
                    }
                  >
                    {t('console.floor.giveWord')}
                  </button>
                )}
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={t('console.floor.lowerLabel', { name: name(hand.participantId) })}
                  disabled={busy}
                  onClick={() => void run(() => request('hand:lower', { participantId: hand.participantId }))}
                >
                  {t('console.floor.lower')}
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <p className="status-message error-text" role="status">
        {error ?? ''}
      </p>
    </section>
  );
}
