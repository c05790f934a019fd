import { useState } from 'react';
import { useTranslation } from 'react-i18next';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Copies one participant's invite link and says so in a polite live region. */
export function CopyLinkButton({ url, name }: { url: string; name: string }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);
  return (
    <>
      <button
        type="button"
        className="button button--quiet button--small"
        data-testid="copy-invite-link"
        onClick={() => {
          void copyText(url).then((ok) => setResult(ok ? 'copied' : 'failed'));
        }}
      >
        {t('webinar.copy')}
        {/* Visible text first, so the accessible name contains it (WCAG 2.5.3). */}
        <span className="visually-hidden"> {t('webinar.copyFor', { name })}</span>
      </button>
      <span className="copy-result" role="status" aria-live="polite">
        {result === 'copied' && t('webinar.copied', { name })}
        {result === 'failed' && t('webinar.copyFailed')}
      </span>
    </>
  );
}
