/** A token bucket per socket: bursts are fine, floods are refused with `rate_limited`. */

/** Creates a limiter allowing `burst` requests at once, refilled at `perSecond`. */
export function tokenBucket(perSecond: number, burst: number, now: () => number = Date.now) {
  let tokens = burst;
  let last = now();
  return (): boolean => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * perSecond);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
