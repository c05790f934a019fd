import {
  type ExerciseConfig,
  exerciseFit,
  phasesForGroup,
  roundDurationSec,
  roundsForGroup,
  type Segment,
} from '@rundgang/shared';
import { useTranslation } from 'react-i18next';
import { formatTimeLeft } from '../../lib/live-view.ts';

type TimingConfig = Pick<ExerciseConfig, 'rounds' | 'phases' | 'groupOfFourPolicy' | 'closingCountdownSec'>;

const minutesOf = (sec: number) => Math.ceil(sec / 60);

/**
 * An exercise's total next to its agenda slot: how long each group size's rounds take, plus the
 * closing countdown, and a warning when that does not fit the slot (or there is no slot).
 */
export function ExerciseFitNote({
  config,
  sizes,
  slot,
  compact = false,
}: {
  config: TimingConfig;
  /** The group sizes to check (the proposed groups, or the usual 3 and 4). */
  sizes: readonly number[];
  slot: Segment | null;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const fit = exerciseFit(config, slot?.plannedMinutes ?? 0, sizes.length ? sizes : [3]);
  const perSize = fit.bySize.map(({ size, sec }) => {
    const rounds = roundsForGroup(config, size);
    const round = roundDurationSec(phasesForGroup(config, size));
    return t('timing.perSize', {
      size,
      rounds,
      round: formatTimeLeft(round * 1000),
      total: formatTimeLeft(sec * 1000),
    });
  });
  const over = minutesOf(fit.neededSec - fit.slotSec);
  return (
    <div
      className={`exercise-fit${slot && !fit.fits ? ' exercise-fit--warn' : ''}`}
      data-testid="exercise-fit"
      data-fits={slot ? String(fit.fits) : 'no-slot'}
      data-needed-sec={fit.neededSec}
    >
      <p className="exercise-fit__total" data-testid="exercise-total">
        {t('timing.total', { minutes: minutesOf(fit.neededSec), countdown: config.closingCountdownSec })}
      </p>
      {!compact && <p className="hint">{perSize.join(' · ')}</p>}
      {slot === null ? (
        <p className="hint">{t('timing.noSlot')}</p>
      ) : fit.fits ? (
        <p className="exercise-fit__verdict" data-testid="exercise-fit-ok">
          {t('timing.fits', { title: slot.title, minutes: slot.plannedMinutes })}
        </p>
      ) : (
        <p className="exercise-fit__verdict" role="alert" data-testid="exercise-fit-warning">
          {t('timing.doesNotFit', { title: slot.title, minutes: slot.plannedMinutes, over })}
        </p>
      )}
    </div>
  );
}
