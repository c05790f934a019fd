import {
  PROFESSION_LABELS,
  PROFESSIONS,
  type RosterEntryInput,
  type RosterParticipant,
} from '@rundgang/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { textLanguage } from '../../lib/themes.ts';
import { ErrorMessage } from '../Feedback.tsx';

/** The fields of one participant: adding (empty) or editing (filled from `initial`). */
export function ParticipantForm({
  initial,
  submitLabel,
  busyLabel,
  onSubmit,
  onCancel,
  testIdPrefix = 'participant',
}: {
  initial?: RosterParticipant;
  submitLabel: string;
  busyLabel: string;
  /** Resolves when saved; rejects with a message to show. */
  onSubmit: (entry: RosterEntryInput) => Promise<void>;
  onCancel?: () => void;
  testIdPrefix?: string;
}) {
  const { t, i18n } = useTranslation();
  const language = textLanguage(i18n.resolvedLanguage);
  const id = useId();
  const [name, setName] = useState(initial?.name ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [municipality, setMunicipality] = useState(initial?.municipality ?? '');
  const [workplace, setWorkplace] = useState(initial?.workplace ?? '');
  const [profession, setProfession] = useState<string>(initial?.profession ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        name: name.trim(),
        email: email.trim(),
        municipality: municipality.trim(),
        workplace: workplace.trim(),
        profession: PROFESSIONS.find((p) => p === profession) ?? null,
      });
      if (!initial) {
        setName('');
        setEmail('');
      }
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  const text = (
    key: 'name' | 'email' | 'municipality' | 'workplace',
    value: string,
    set: (v: string) => void,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`roster.fields.${key}`)}</label>
      <input
        id={`${id}-${key}`}
        name={key}
        type={key === 'email' ? 'email' : 'text'}
        autoComplete="off"
        required={key === 'name'}
        maxLength={key === 'email' ? 254 : 100}
        value={value}
        onChange={(e) => set(e.target.value)}
        data-testid={`${testIdPrefix}-${key}-input`}
      />
    </div>
  );

  return (
    <form className="form" onSubmit={submit}>
      <div className="field-row">
        {text('name', name, setName)}
        {text('email', email, setEmail)}
        {text('municipality', municipality, setMunicipality)}
        {text('workplace', workplace, setWorkplace)}
        <div className="field">
          <label htmlFor={`${id}-profession`}>{t('roster.fields.profession')}</label>
          <select
            id={`${id}-profession`}
            name="profession"
            value={profession}
            onChange={(e) => setProfession(e.target.value)}
            data-testid={`${testIdPrefix}-profession-input`}
          >
            <option value="">{t('roster.professionUnknown')}</option>
            {PROFESSIONS.map((p) => (
              <option key={p} value={p}>
                {PROFESSION_LABELS[p][language]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <div className="actions">
        <button
          type="submit"
          className="button"
          disabled={busy}
          data-testid={initial ? 'save-participant' : 'add-participant'}
        >
          {busy ? busyLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('roster.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
