import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DurationError, formatDuration, parseDuration, stepDuration } from '../lib/duration.ts';

/**
 * A duration field in minutes:seconds with − / + steppers. It accepts "1:30", "0,5" or "5"
 * (minutes), reports every valid value at once in whole seconds, shows the canonical "m:ss"
 * when the field is left, and says in words what is wrong otherwise (the last valid value
 * stays the form's value meanwhile).
 */
export function DurationInput({
  label,
  valueSec,
  onChange,
  minSec = 10,
  maxSec = 3 * 3600,
  stepSec = 30,
  testId,
}: {
  label: string;
  valueSec: number;
  onChange: (seconds: number) => void;
  minSec?: number;
  maxSec?: number;
  stepSec?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = useId();
  const [text, setText] = useState(() => formatDuration(valueSec));
  const [error, setError] = useState<DurationError | null>(null);

  // A new value from outside (a stepper, a prefilled form) replaces the text unless it already says it.
  useEffect(() => {
    setText((current) => {
      const parsed = parseDuration(current, minSec, maxSec);
      return parsed.ok && parsed.seconds === valueSec ? current : formatDuration(valueSec);
    });
  }, [valueSec, minSec, maxSec]);

  const accept = (next: string) => {
    setText(next);
    const parsed = parseDuration(next, minSec, maxSec);
    setError(parsed.ok ? null : parsed.error);
    if (parsed.ok && parsed.seconds !== valueSec) onChange(parsed.seconds);
  };
  const step = (direction: 1 | -1) => {
    const next = stepDuration(valueSec, direction, stepSec, minSec, maxSec);
    setError(null);
    setText(formatDuration(next));
    if (next !== valueSec) onChange(next);
  };
  const range = { min: formatDuration(minSec), max: formatDuration(maxSec) };
  const stepText = formatDuration(stepSec);

  return (
    <div className="duration-input">
      <label htmlFor={id}>{label}</label>
      <div className="duration-input__row">
        <button
          type="button"
          className="duration-input__step"
          aria-label={t('duration.shorter', { label, step: stepText })}
          disabled={valueSec <= minSec}
          onClick={() => step(-1)}
          data-testid={testId ? `${testId}-minus` : undefined}
        >
          −
        </button>
        <input
          id={id}
          type="text"
          inputMode="text"
          autoComplete="off"
          className="duration-input__field"
          value={text}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={errorId}
          data-testid={testId}
          onChange={(e) => accept(e.target.value)}
          onBlur={() => {
            if (!error) setText(formatDuration(valueSec));
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
              e.preventDefault();
              step(e.key === 'ArrowUp' ? 1 : -1);
            }
          }}
        />
        <button
          type="button"
          className="duration-input__step"
          aria-label={t('duration.longer', { label, step: stepText })}
          disabled={valueSec >= maxSec}
          onClick={() => step(1)}
          data-testid={testId ? `${testId}-plus` : undefined}
        >
          +
        </button>
      </div>
      <p id={errorId} className={error ? 'error-text duration-input__error' : 'hint duration-input__hint'}>
        {error === 'range'
          ? t('duration.errorRange', range)
          : error
            ? t('duration.errorFormat')
            : t('duration.hint')}
      </p>
    </div>
  );
}
