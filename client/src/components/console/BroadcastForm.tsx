import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../hooks/use-command.ts';
import { request } from '../../realtime/session.ts';

/** A message to every room; participants see it as a banner. */
export function BroadcastForm() {
  const { t } = useTranslation();
  const inputId = useId();
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const { run, busy, error } = useCommand();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setSent(false);
    if (await run(() => request('broadcast:send', { text: text.trim() }))) {
      setText('');
      setSent(true);
    }
  };
  return (
    <form className="broadcast-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor={inputId}>{t('console.broadcastLabel')}</label>
      <div className="broadcast-form__row">
        <input
          id={inputId}
          data-testid="broadcast-input"
          data-shortcut-target="broadcast"
          value={text}
          maxLength={500}
          onChange={(e) => {
            setText(e.target.value);
            setSent(false);
          }}
        />
        <button
          type="submit"
          className="button button--small"
          disabled={busy || !text.trim()}
          data-testid="broadcast-send"
        >
          {t('console.broadcastSend')}
        </button>
      </div>
      <p className="status-message" role="status">
        {error ?? (sent ? t('console.broadcastSent') : '')}
      </p>
    </form>
  );
}
