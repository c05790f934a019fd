import type { ReactNode } from 'react';

/** A polite live region: announced by screen readers without interrupting. */
export function StatusMessage({ children, testId }: { children?: ReactNode; testId?: string }) {
  return (
    <p className="status-message" role="status" aria-live="polite" data-testid={testId}>
      {children}
    </p>
  );
}

/** An error the person should notice now. */
export function ErrorMessage({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="error-message" role="alert" data-testid={testId}>
      {children}
    </p>
  );
}

/** A loading indicator that screen readers announce. */
export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {label}
    </p>
  );
}
