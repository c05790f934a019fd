import type { PhaseKind } from '@rundgang/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { playCue } from '../../lib/chime.ts';
import { formatTimeLeft, minutesLeft } from '../../lib/live-view.ts';

/**
 * The phase timer, counted down to the server's deadline. Screen readers hear it politely at
 * each new phase and each whole minute, never every second; a chime marks the end of a phase.
 */
export function PhaseTimer({
  phaseKind,
  phaseKey,
  timeLeftMs,
  paused,
  round,
  rounds,
}: {
  phaseKind: PhaseKind | null;
  /** Changes when the phase changes (round and phase index). */
  phaseKey: string;
  timeLeftMs: number;
  paused: boolean;
  round: number;
  rounds: number;
}) {
  const { t } = useTranslation();
  const phase = phaseKind ? t(`phases.${phaseKind}`) : t('phases.finished');
  const minutes = minutesLeft(timeLeftMs);
  const [announcement, setAnnouncement] = useState('');
  const lastPhase = useRef<string | null>(null);
  const lastMinutes = useRef<number | null>(null);

  useEffect(() => {
    if (lastPhase.current !== null && lastPhase.current !== phaseKey) {
      playCue('phase');
      setAnnouncement(t('breakout.announcePhase', { phase }));
    } else if (lastMinutes.current !== null && minutes !== lastMinutes.current && minutes > 0 && !paused) {
      setAnnouncement(t('breakout.announceMinutes', { phase, count: minutes }));
    }
    lastPhase.current = phaseKey;
    lastMinutes.current = minutes;
  }, [phaseKey, minutes, phase, paused, t]);

  return (
    <section
      className={`phase-timer${paused ? ' phase-timer--paused' : ''}`}
      data-testid="phase-timer"
      data-phase={phaseKind ?? 'finished'}
      aria-label={t('breakout.phaseTimer')}
    >
      <p className="phase-timer__phase">
        <span className="phase-timer__name">{phase}</span>
        {phaseKind && (
          <span className="phase-timer__round">{t('breakout.round', { round: round + 1, rounds })}</span>
        )}
      </p>
      <p className="phase-timer__time" role="timer" aria-live="off" data-testid="time-left">
        {formatTimeLeft(timeLeftMs)}
      </p>
      {paused && <p className="phase-timer__paused">{t('breakout.paused')}</p>}
      <p className="visually-hidden" aria-live="polite" data-testid="timer-announcement">
        {announcement}
      </p>
    </section>
  );
}
