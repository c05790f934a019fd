import type { RequestOutcome } from '@rundgang/shared';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from './use-error-text.ts';

/**
 * Runs a socket request and keeps its outcome for a status line: `busy` while it runs, a
 * translated sentence when it was refused. Components stay free of ack plumbing.
 */
export function useCommand() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async <T>(send: () => Promise<RequestOutcome<T>>): Promise<T | null> => {
      setBusy(true);
      setError(null);
      try {
        const ack = await send();
        if (ack.ok) return ack.data;
        setError(t('console.commandFailed', { reason: errorText(ack.error.code) }));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [t, errorText],
  );
  return { run, busy, error, clearError: () => setError(null) };
}
