/**
 * Turns the local "is speaking" flips into a few lossy signals: the first change goes out at
 * once, later ones at most every `intervalMs`, and only the latest state is sent when the wait
 * is over (a quick on-off-on is one "on"). A lost signal is corrected by the next one.
 */
export interface SpeakingThrottle {
  /** The local speaking state changed (or was re-read). */
  update(speaking: boolean): void;
  /** Forgets pending sends (room switch or end); the next update counts as new. */
  reset(): void;
}

/** Creates a throttle that calls `send` with the speaking state; timers are injectable for tests. */
export function speakingThrottle(
  send: (speaking: boolean) => void,
  intervalMs = 400,
  timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis,
  now: () => number = Date.now,
): SpeakingThrottle {
  let sent: boolean | null = null;
  let latest = false;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    pending = null;
    if (latest === sent) return;
    sent = latest;
    lastSentAt = now();
    send(latest);
  };
  return {
    update(speaking) {
      latest = speaking;
      if (pending !== null) return;
      const wait = lastSentAt + intervalMs - now();
      if (wait <= 0) flush();
      else pending = timers.setTimeout(flush, wait);
    },
    reset() {
      if (pending !== null) timers.clearTimeout(pending);
      pending = null;
      sent = null;
      latest = false;
      lastSentAt = Number.NEGATIVE_INFINITY;
    },
  };
}
