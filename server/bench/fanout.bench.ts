/**
 * Realtime fan-out on this machine, printed as numbers (not asserted): a 60-participant webinar
 * in 20 breakout groups; the facilitator extends every timer, and we measure how long until
 * every one of the 61 sockets has the new state, plus the command's ack time and memory.
 * Real parts: real LiveKit child, embedded PGlite, real socket.io clients over loopback.
 * Run: npm run bench -w server
 */
import { performance } from 'node:perf_hooks';
import { PROTOCOL_VERSION, type SessionSnapshot } from '@rundgang/shared';
import { io, type Socket } from 'socket.io-client';
import { buildApp } from '../src/app.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { newToken } from '../src/auth/tokens.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPglite } from '../src/db/pglite.ts';
import { insertFacilitator, insertParticipant, setWebinarStatus } from '../src/db/repo.ts';
import { insertWebinarInNewSeries } from '../src/db/series.ts';
import { LiveKitAdapter } from '../src/livekit/adapter.ts';
import { launchLiveKit } from '../src/livekit/launcher.ts';

const PARTICIPANTS = 60;
const ROUNDS = 40;
const lkPort = 17_980 + Math.floor(Math.random() * 15);
const lk = await launchLiveKit({ port: lkPort, rtcPort: lkPort + 20 });
const db = await openPglite(undefined);
await migrate(db);
const { app } = await buildApp(
  { config: loadConfig({ LOG_LEVEL: 'silent' }), db, livekit: new LiveKitAdapter(lk) },
  { logger: false },
);
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

const f = await insertFacilitator(db, {
  email: 'bench@example.no',
  name: 'Bench',
  passwordHash: await hashPassword('x'),
});
const w = await insertWebinarInNewSeries(db, f.id, 'Bench');
await setWebinarStatus(db, w.id, 'live');
const invites = [];
for (let i = 0; i < PARTICIPANTS; i++) {
  invites.push(
    await insertParticipant(db, {
      seriesId: w.series_id,
      name: `P${i}`,
      municipality: `M${i % 4}`,
      inviteToken: newToken(),
    }),
  );
}
const login = await fetch(`${url}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'bench@example.no', password: 'x' }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

type Client = { socket: Socket; seq: number; waiters: { seq: number; resolve: (t: number) => void }[] };
const connect = (auth: object, headers: Record<string, string> = {}) =>
  new Promise<Client>((resolve, reject) => {
    const socket = io(url, {
      auth: { protocol: PROTOCOL_VERSION, ...auth },
      transports: ['websocket'],
      extraHeaders: headers,
      forceNew: true,
    });
    const client: Client = { socket, seq: 0, waiters: [] };
    socket.on('session:updated', (s: SessionSnapshot) => {
      client.seq = Math.max(client.seq, s.seq);
      const now = performance.now();
      const due = client.waiters.filter((w) => w.seq <= client.seq);
      client.waiters = client.waiters.filter((w) => w.seq > client.seq);
      for (const w of due) w.resolve(now);
    });
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', reject);
  });
const facilitator = await connect({ webinarId: w.id }, { cookie });
const clients = await Promise.all(invites.map((p) => connect({ invite: p.invite_token })));
const all = [facilitator, ...clients];
const rssBefore = process.memoryUsage().rss;

const proposal = await facilitator.socket.emitWithAck('breakouts:propose', {
  strategy: 'mix_municipalities',
  groupSize: 3,
});
const opened = await facilitator.socket.emitWithAck('breakouts:open', {
  exercise: { themeId: 'structure' },
  groups: proposal.data.groups,
});
if (!opened.ok) throw new Error(opened.error.message);

const acks: number[] = [];
const fanout: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const sent = performance.now();
  const ack = await facilitator.socket.emitWithAck('timer:control', {
    action: 'extend',
    target: 'all',
    ms: 1000,
  });
  acks.push(performance.now() - sent);
  const arrivals = await Promise.all(
    all.map((c) =>
      c.seq >= ack.data.seq
        ? performance.now()
        : new Promise<number>((resolve) => c.waiters.push({ seq: ack.data.seq, resolve })),
    ),
  );
  fanout.push(Math.max(...arrivals) - sent);
}
const pct = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]?.toFixed(1);
process.stdout.write(
  `fan-out: ${PARTICIPANTS} participants + 1 facilitator, ${proposal.data.groups.length} groups, ${ROUNDS} commands\n` +
    `  command ack (persisted)          p50 ${pct(acks, 0.5)} ms  p95 ${pct(acks, 0.95)} ms\n` +
    `  all 61 sockets have the state    p50 ${pct(fanout, 0.5)} ms  p95 ${pct(fanout, 0.95)} ms\n` +
    `  rss: ${(rssBefore / 2 ** 20).toFixed(0)} MiB before breakouts, ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB after (bench process holds server and clients)\n`,
);
for (const c of all) c.socket.close();
await app.close();
await db.close();
await lk.stop();
process.exit(0);
