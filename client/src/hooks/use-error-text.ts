import { useTranslation } from 'react-i18next';
import type { ClientErrorCode } from '../api/http.ts';
import { errorCodeOf } from '../api/http.ts';

/** Translates an error code (or anything thrown) into a sentence for the person. */
export function useErrorText(): (error: ClientErrorCode | unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    const code = typeof error === 'string' ? (error as ClientErrorCode) : errorCodeOf(error);
    return t(`errors.${code}`);
  };
}
