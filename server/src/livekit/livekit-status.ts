/**
 * What an embedded LiveKit is doing, as its supervisor sees it. Readiness turns it into words so
 * an operator reads "restarting (attempt 3)" instead of a bare connection error.
 */

/** The supervisor's view of the embedded LiveKit child. */
export type LiveKitStatus =
  | { state: 'running'; restarts: number }
  | { state: 'restarting'; attempt: number; downSince: Date }
  | { state: 'stopped' };

/** One sentence for readiness and logs. */
export function describeLiveKitStatus(status: LiveKitStatus): string {
  switch (status.state) {
    case 'running':
      return 'LiveKit is running';
    case 'restarting':
      return `LiveKit is restarting (attempt ${status.attempt})`;
    case 'stopped':
      return 'LiveKit is stopped';
  }
}
