import { RequestErrorCode } from '@rundgang/shared';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../api/http.ts';

/**
 * Translates an error code (or anything thrown) into a sentence for the person. The key is
 * typed as `errors.<RequestErrorCode>`, so a code without a translation does not compile.
 */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    const parsed = RequestErrorCode.safeParse(error);
    const code: RequestErrorCode = parsed.success ? parsed.data : errorCodeOf(error);
    return t(`errors.${code}`);
  };
}
