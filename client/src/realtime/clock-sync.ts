/**
 * Clock offset between this browser and the server, estimated NTP-style.
 * Why: phase timers are absolute deadlines in server time; a client whose clock is off by
 * seconds must still show the same time left as everyone else. The sample with the lowest
 * round trip has the least room for asymmetric delay, so it gives the best estimate.
 */
import type { Ack, ClockPong } from '@rundgang/shared';

/** One ping: when it left, the server's clock when answered, when the answer came back. */
export interface ClockSample {
  clientSentAt: number;
  serverTime: number;
  clientReceivedAt: number;
}

/** Offset to add to the local clock to get server time, with the round trip it came from. */
export interface ClockEstimate {
  offsetMs: number;
  rttMs: number;
  samples: number;
}

/** Offset and round trip of one sample, assuming the server answered midway. */
export function sampleOffset(sample: ClockSample): { offsetMs: number; rttMs: number } {
  const rttMs = sample.clientReceivedAt - sample.clientSentAt;
  const midpoint = sample.clientSentAt + rttMs / 2;
  return { offsetMs: sample.serverTime - midpoint, rttMs };
}

/** Picks the lowest-RTT sample's offset; null when there is no usable sample. */
export function estimateClockOffset(samples: readonly ClockSample[]): ClockEstimate | null {
  let best: { offsetMs: number; rttMs: number } | null = null;
  let usable = 0;
  for (const sample of samples) {
    const candidate = sampleOffset(sample);
    // A negative round trip means the local clock jumped mid-sample: useless.
    if (!Number.isFinite(candidate.rttMs) || candidate.rttMs < 0) continue;
    usable += 1;
    if (best === null || candidate.rttMs < best.rttMs) best = candidate;
  }
  return best === null ? null : { ...best, samples: usable };
}

/** Server time now, given an offset from {@link estimateClockOffset}. */
export function serverNow(offsetMs: number, now: () => number = Date.now): number {
  return now() + offsetMs;
}

/** Sends one `clock:ping` and resolves with its ack; the transport is injected so this stays testable. */
export type ClockPinger = (clientSentAt: number) => Promise<Ack<ClockPong>>;

/** Options of {@link measureClockOffset}. */
export interface MeasureOptions {
  samples?: number;
  /** Pause between pings so they don't queue behind each other. */
  gapMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends several pings in sequence and estimates the offset; failed pings are skipped. */
export async function measureClockOffset(
  ping: ClockPinger,
  { samples = 5, gapMs = 50, now = Date.now, sleep = defaultSleep }: MeasureOptions = {},
): Promise<ClockEstimate | null> {
  const collected: ClockSample[] = [];
  for (let i = 0; i < samples; i += 1) {
    if (i > 0 && gapMs > 0) await sleep(gapMs);
    const clientSentAt = now();
    try {
      const ack = await ping(clientSentAt);
      const clientReceivedAt = now();
      if (ack.ok) collected.push({ clientSentAt, serverTime: ack.data.serverTime, clientReceivedAt });
    } catch {
      // A lost or timed-out ping is just a missing sample.
    }
  }
  return estimateClockOffset(collected);
}
