import { describe, expect, it } from 'vitest';
import { type ClockSample, estimateClockOffset, measureClockOffset, sampleOffset } from './clock-sync.ts';

describe('sampleOffset', () => {
  it.each<[string, ClockSample, { offsetMs: number; rttMs: number }]>([
    [
      'clocks agree',
      { clientSentAt: 1000, serverTime: 1050, clientReceivedAt: 1100 },
      { offsetMs: 0, rttMs: 100 },
    ],
    [
      'server ahead',
      { clientSentAt: 1000, serverTime: 6050, clientReceivedAt: 1100 },
      { offsetMs: 5000, rttMs: 100 },
    ],
    [
      'server behind',
      { clientSentAt: 1000, serverTime: -1950, clientReceivedAt: 1100 },
      { offsetMs: -3000, rttMs: 100 },
    ],
    ['zero rtt', { clientSentAt: 500, serverTime: 700, clientReceivedAt: 500 }, { offsetMs: 200, rttMs: 0 }],
  ])('%s', (_name, sample, expected) => {
    expect(sampleOffset(sample)).toEqual(expected);
  });
});

describe('estimateClockOffset', () => {
  it('returns null without samples', () => {
    expect(estimateClockOffset([])).toBeNull();
  });

  it('picks the sample with the lowest round trip', () => {
    const samples: ClockSample[] = [
      { clientSentAt: 0, serverTime: 2300, clientReceivedAt: 400 }, // rtt 400, offset 2100
      { clientSentAt: 1000, serverTime: 3020, clientReceivedAt: 1040 }, // rtt 40, offset 2000
      { clientSentAt: 2000, serverTime: 4150, clientReceivedAt: 2200 }, // rtt 200, offset 2050
    ];
    expect(estimateClockOffset(samples)).toEqual({ offsetMs: 2000, rttMs: 40, samples: 3 });
  });

  it('ignores samples with a negative round trip (clock jumped)', () => {
    const samples: ClockSample[] = [
      { clientSentAt: 1000, serverTime: 0, clientReceivedAt: 900 },
      { clientSentAt: 1000, serverTime: 1100, clientReceivedAt: 1100 },
    ];
    expect(estimateClockOffset(samples)).toEqual({ offsetMs: 50, rttMs: 100, samples: 1 });
  });
});

describe('measureClockOffset', () => {
  it('pings several times, skips failures and estimates from the best sample', async () => {
    // A fake clock: each ping takes a scripted round trip; the server runs 10 s ahead.
    const rtts = [80, 20, 50, 30];
    let time = 0;
    let call = 0;
    const result = await measureClockOffset(
      async (clientSentAt) => {
        const rtt = rtts[call] ?? 10;
        call += 1;
        time += rtt;
        if (call === 4) return { ok: false, error: { code: 'rate_limited', message: 'slow down' } };
        return { ok: true, data: { clientSentAt, serverTime: clientSentAt + rtt / 2 + 10_000 } };
      },
      { samples: 4, now: () => time, sleep: async () => {} },
    );
    expect(call).toBe(4);
    expect(result).toEqual({ offsetMs: 10_000, rttMs: 20, samples: 3 });
  });

  it('survives pings that throw', async () => {
    const result = await measureClockOffset(
      async () => {
        throw new Error('timeout');
      },
      { samples: 3, sleep: async () => {} },
    );
    expect(result).toBeNull();
  });
});
