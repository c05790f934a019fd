/**
 * Who attended each webinar of the series (from live presence): the count against the cohort and
 * per municipality, and the CSV for a spreadsheet or the yearly report.
 */
import { type AttendanceReport, httpRoutes, routeUrl } from '@rundgang/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callApi } from '../../api/call-api.ts';
import { errorCodeOf } from '../../api/http.ts';
import { useErrorText } from '../../hooks/use-error-text.ts';
import type { Loadable } from '../../store/index.ts';
import { ErrorMessage, Loading } from '../Feedback.tsx';

/** The attendance table of a series; `version` reloads it when the series changed. */
export function AttendancePanel({
  seriesId,
  cohortSize,
  version,
}: {
  seriesId: string;
  cohortSize: number;
  version: string;
}) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [state, setState] = useState<Loadable<AttendanceReport>>({ status: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the reload trigger.
  useEffect(() => {
    let cancelled = false;
    callApi(httpRoutes.seriesAttendance, { params: { id: seriesId } }).then(
      (r) => !cancelled && setState({ status: 'loaded', data: r.attendance }),
      (error: unknown) => !cancelled && setState({ status: 'error', code: errorCodeOf(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [seriesId, version]);

  if (state.status === 'error') return <ErrorMessage>{errorText(state.code)}</ErrorMessage>;
  if (state.status !== 'loaded') return <Loading label={t('app.loading')} />;
  const lang = i18n.language === 'en' ? 'en' : 'nb';
  const csvHref = routeUrl(httpRoutes.seriesAttendanceCsv, { params: { id: seriesId }, query: { lang } });
  return (
    <>
      <div className="table-scroll">
        <table className="attendance-table" data-testid="attendance-table">
          <caption className="visually-hidden">{t('attendance.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('attendance.webinar')}</th>
              <th scope="col">{t('attendance.attended')}</th>
              <th scope="col">{t('attendance.byMunicipality')}</th>
            </tr>
          </thead>
          <tbody>
            {state.data.webinars.map((w) => (
              <tr key={w.webinarId} data-testid="attendance-row" data-webinar-id={w.webinarId}>
                <th scope="row">{w.title}</th>
                <td data-testid="attendance-count">
                  {t('attendance.ofCohort', { count: w.attended, total: cohortSize })}
                </td>
                <td>
                  {w.byMunicipality.length === 0
                    ? '–'
                    : w.byMunicipality
                        .map((m) => `${m.municipality || t('attendance.noMunicipality')} ${m.count}`)
                        .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a className="button button--secondary" href={csvHref} download data-testid="attendance-csv">
          {t('attendance.download')}
        </a>
      </p>
    </>
  );
}
