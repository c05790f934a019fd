import {
  httpRoutes,
  ROSTER_FIELDS,
  type RosterImportPreview,
  type RosterParticipant,
  type RosterPreviewRow,
} from '@rundgang/shared';
import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callApi } from '../../api/call-api.ts';
import { useErrorText } from '../../hooks/use-error-text.ts';
import { ErrorMessage, StatusMessage } from '../Feedback.tsx';

/** Longest text the server accepts in one import (its request body limit is 64 KiB). */
const MAX_TEXT = 60_000;

function RowErrors({ row }: { row: RosterPreviewRow }) {
  const { t } = useTranslation();
  return (
    <ul className="import-preview__errors">
      {row.errors.map((e) => (
        <li key={`${e.code}-${e.field}`}>
          {t(`roster.import.rowErrors.${e.code}`, { line: e.duplicateOfLine ?? '' })}
        </li>
      ))}
    </ul>
  );
}

function PreviewTable({ preview }: { preview: RosterImportPreview }) {
  const { t } = useTranslation();
  const rows = [...preview.rows].sort(
    (a, b) => Number(a.errors.length === 0) - Number(b.errors.length === 0),
  );
  return (
    <div className="import-preview__scroll" tabIndex={-1}>
      <table className="summary-table import-preview__table" data-testid="import-preview-table">
        <caption>{t('roster.import.previewCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('roster.import.line')}</th>
            <th scope="col">{t('roster.import.problems')}</th>
            {ROSTER_FIELDS.map((f) => (
              <th key={f} scope="col">
                {t(`roster.fields.${f}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.line}
              className={row.errors.length ? 'import-preview__row--error' : undefined}
              data-testid={row.errors.length ? 'import-row-error' : 'import-row-ok'}
            >
              <th scope="row">{row.line}</th>
              <td>{row.errors.length ? <RowErrors row={row} /> : t('roster.import.ok')}</td>
              {ROSTER_FIELDS.map((f) => (
                <td key={f}>{row.values[f]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Import a roster: pick a CSV file or paste cells from a spreadsheet, see every row checked
 * (errors on their own line), then confirm. Nothing is saved before the confirm button.
 */
export function ImportDialog({
  seriesId,
  onClose,
  onImported,
}: {
  seriesId: string;
  onClose: () => void;
  onImported: (imported: RosterParticipant[]) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<RosterImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const check = async (value: string) => {
    setError(null);
    setPreview(null);
    if (value.length > MAX_TEXT) {
      setError(t('roster.import.tooLarge'));
      return;
    }
    if (!value.trim()) return;
    setBusy(true);
    try {
      const answer = await callApi(httpRoutes.previewRosterImport, {
        params: { id: seriesId },
        body: { text: value },
      });
      setPreview(answer.preview);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const pickFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    // File.text() decodes UTF-8 and keeps a BOM, which the shared reader drops.
    const value = await file.text();
    setText(value);
    await check(value);
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await callApi(httpRoutes.importRoster, {
        params: { id: seriesId },
        body: { text, skipInvalid: preview.errorCount > 0 },
      });
      onImported(answer.imported);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="import-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={onClose}
      data-testid="import-dialog"
    >
      <h2 id={`${id}-title`}>{t('roster.import.title')}</h2>
      <p>{t('roster.import.help')}</p>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('roster.import.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          onChange={(e) => void pickFile(e)}
          data-testid="import-file"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-paste`}>{t('roster.import.paste')}</label>
        <textarea
          id={`${id}-paste`}
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('roster.import.pastePlaceholder')}
          data-testid="import-paste"
        />
        <button
          type="button"
          className="button button--secondary"
          disabled={busy || !text.trim()}
          onClick={() => void check(text)}
          data-testid="import-check"
        >
          {t('roster.import.check')}
        </button>
      </div>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <StatusMessage testId="import-summary">
        {preview?.fileError
          ? t(`roster.import.fileErrors.${preview.fileError}`)
          : preview
            ? t('roster.import.summary', { valid: preview.validCount, errors: preview.errorCount })
            : busy
              ? t('roster.import.checking')
              : ''}
      </StatusMessage>
      {preview && preview.ignoredColumns.length > 0 && (
        <p className="card__meta">
          {t('roster.import.ignored', { columns: preview.ignoredColumns.join(', ') })}
        </p>
      )}
      {preview && !preview.fileError && <PreviewTable preview={preview} />}
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={busy || !preview || Boolean(preview.fileError) || preview.validCount === 0}
          onClick={() => void confirm()}
          data-testid="import-confirm"
        >
          {preview && preview.errorCount > 0
            ? t('roster.import.confirmSkipping', { count: preview.validCount, errors: preview.errorCount })
            : t('roster.import.confirm', { count: preview?.validCount ?? 0 })}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={onClose}
          data-testid="import-cancel"
        >
          {t('roster.cancel')}
        </button>
      </div>
    </dialog>
  );
}
