/**
 * Backoff after failed sign-ins, per key (an account, an address). A few failures are free; after
 * that each failure locks the key for twice as long as the one before, up to a ceiling, and while
 * locked the password is not even checked — so guessing gets slower with every guess, and a
 * correct guess made during a lockout does not get in. Kept in memory: a restart forgets it,
 * which costs an attacker a restart they cannot cause.
 */

/** How a key is throttled. */
export interface ThrottlePolicy {
  /** Failures after which the key is first locked out. */
  failuresBeforeLock: number;
  /** The first lockout; each further failure doubles it. */
  baseLockMs: number;
  /** The longest lockout. */
  maxLockMs: number;
  /** A key with no failure for this long starts afresh. */
  forgetAfterMs: number;
}

interface Entry {
  failures: number;
  lockedUntil: number;
  lastFailureAt: number;
}

/** Remembers failures per key and says how long a key must wait. */
export class FailureThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly now: () => number = Date.now,
    /** Beyond this many keys, forgotten ones are dropped (and then the oldest), so memory stays bounded. */
    private readonly maxKeys = 10_000,
  ) {}

  /** Milliseconds until `key` may try again; 0 = now. */
  waitMs(key: string): number {
    const entry = this.current(key);
    return entry ? Math.max(0, entry.lockedUntil - this.now()) : 0;
  }

  /** Records a failed attempt of `key`. */
  failed(key: string): void {
    const t = this.now();
    const entry = this.current(key) ?? { failures: 0, lockedUntil: 0, lastFailureAt: t };
    entry.failures += 1;
    entry.lastFailureAt = t;
    const over = entry.failures - this.policy.failuresBeforeLock;
    if (over >= 0) {
      entry.lockedUntil = t + Math.min(this.policy.maxLockMs, this.policy.baseLockMs * 2 ** over);
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.bound();
  }

  /** A successful attempt: `key` starts afresh. */
  succeeded(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.lastFailureAt > this.policy.forgetAfterMs + this.policy.maxLockMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private bound() {
    if (this.entries.size <= this.maxKeys) return;
    for (const key of [...this.entries.keys()]) this.current(key);
    // Map order is least recently failed first.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxKeys) break;
      this.entries.delete(key);
    }
  }
}
