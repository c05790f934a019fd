import { useEffect, useState } from 'react';
import { serverNow } from '../realtime/clock-sync.ts';
import { useAppStore } from '../store/index.ts';

/**
 * Server time (ms epoch) re-read every `intervalMs`: only the components that show a countdown
 * use this, so the rest of the page does not re-render on every tick.
 */
export function useServerNow(intervalMs = 250): number {
  const offsetMs = useAppStore((s) => s.clockOffset?.offsetMs ?? 0);
  const [now, setNow] = useState(() => serverNow(offsetMs));
  useEffect(() => {
    setNow(serverNow(offsetMs));
    const id = window.setInterval(() => setNow(serverNow(offsetMs)), intervalMs);
    return () => window.clearInterval(id);
  }, [offsetMs, intervalMs]);
  return now;
}
