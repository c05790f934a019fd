/** Adds one participant to a series by hand (name, optional municipality and workplace). */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../hooks/use-error-text.ts';
import { useAppStore } from '../../store/index.ts';
import { ErrorMessage, StatusMessage } from '../Feedback.tsx';

/** The add-participant form; `webinarId` is any webinar of the series (participants belong to the series). */
export function AddParticipantForm({ webinarId }: { webinarId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const addParticipant = useAppStore((s) => s.addParticipant);
  const id = useId();
  const [name, setName] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [workplace, setWorkplace] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const added = await addParticipant(webinarId, {
        name: name.trim(),
        ...(municipality.trim() ? { municipality: municipality.trim() } : {}),
        ...(workplace.trim() ? { workplace: workplace.trim() } : {}),
      });
      setName('');
      setNotice(t('webinar.added', { name: added.name }));
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('webinar.name')}</label>
          <input
            id={`${id}-name`}
            name="name"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="participant-name-input"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-municipality`}>{t('webinar.municipality')}</label>
          <input
            id={`${id}-municipality`}
            name="municipality"
            maxLength={100}
            value={municipality}
            onChange={(e) => setMunicipality(e.target.value)}
            data-testid="participant-municipality-input"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-workplace`}>{t('webinar.workplace')}</label>
          <input
            id={`${id}-workplace`}
            name="workplace"
            maxLength={100}
            value={workplace}
            onChange={(e) => setWorkplace(e.target.value)}
            data-testid="participant-workplace-input"
          />
        </div>
      </div>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <button type="submit" className="button" disabled={busy} data-testid="add-participant">
        {busy ? t('webinar.adding') : t('webinar.add')}
      </button>
      <StatusMessage>{notice}</StatusMessage>
    </form>
  );
}
