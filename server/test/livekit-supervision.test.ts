/**
 * The embedded LiveKit is supervised: a child killed with SIGKILL comes back on the same port
 * with the same keys, readiness says in words what is happening meanwhile, and the config file
 * holding the API secret is private, removed at stop and swept when a crash left it behind.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveKitAdapter } from '../src/livekit/adapter.ts';
import { type LaunchedLiveKit, type LiveKitLogFields, launchLiveKit } from '../src/livekit/launcher.ts';
import { freePort, freeUdpPort } from './helpers/ports.ts';
import { alive, childPids, spawnTs } from './helpers/processes.ts';
import { api, startTestApp } from './helpers/test-app.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'rundgang-lk-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Polls until check returns something truthy; fails with what was awaited. */
async function until<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 30_000,
): Promise<NonNullable<T>> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const answers = async (url: string) => {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).status === 200;
  } catch {
    return false;
  }
};

const mode = (path: string) => statSync(path).mode & 0o777;

/** A pid that surely belongs to no process any more: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.once('exit', r));
  return child.pid ?? 0;
}

/** Whether LiveKit accepts a join token (its own validation endpoint checks the signature). */
async function tokenAccepted(lk: LaunchedLiveKit, token: string): Promise<boolean> {
  const res = await fetch(`${lk.httpUrl}/rtc/validate?access_token=${encodeURIComponent(token)}`);
  return res.status === 200;
}

/** LiveKit processes (alive, not zombies) whose parent is pid; tsx may have an esbuild child too. */
const livekitChildrenOf = (parent: number) =>
  childPids(parent).filter((pid) => {
    try {
      return alive(pid) && readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('livekit');
    } catch {
      return false;
    }
  });

const grant = { canPublish: true, canSubscribe: true, canPublishData: false };

describe('the LiveKit supervisor', () => {
  it('brings a SIGKILLed child back on the same port with the same keys; readiness says so meanwhile', async () => {
    const events: { level: string; message: string; fields: LiveKitLogFields }[] = [];
    const lk = await launchLiveKit({
      port: await freePort(),
      rtcPort: await freeUdpPort(),
      configDir: join(tempDir(), 'livekit'),
      onSupervision: (level, message, fields) => events.push({ level, message, fields }),
      // The first restart waits long enough that readiness is surely asked while it is down.
      restartPolicy: { firstDelayMs: 1500 },
    });
    const t = await startTestApp('pglite', { livekit: lk });
    const adapter = new LiveKitAdapter(lk);
    try {
      expect((await api(t, 'GET', '/readyz')).status).toBe(200);
      const before = await adapter.mintToken({ room: 'before-crash', identity: 'p1', name: 'P', grant });
      expect(await tokenAccepted(lk, before.token)).toBe(true);
      // A token signed with another secret is refused, so the check above can fail.
      const stranger = new LiveKitAdapter({ ...lk, apiSecret: 'y'.repeat(48) });
      const forged = await stranger.mintToken({ room: 'before-crash', identity: 'p1', name: 'P', grant });
      expect(await tokenAccepted(lk, forged.token)).toBe(false);

      const oldPid = lk.pid;
      const killedAt = Date.now();
      process.kill(oldPid, 'SIGKILL');
      // Until the supervisor has seen the exit, readiness may only say "not reachable".
      const down = await until('readiness to report the restart', async () => {
        const r = await api(t, 'GET', '/readyz');
        return r.status === 503 && /restarting/.test(r.body.livekit) ? r : undefined;
      });
      expect(down.body).toMatchObject({
        status: 'not_ready',
        db: 'ok',
        livekit: 'down: LiveKit is restarting (attempt 1)',
      });
      expect(lk.status()).toMatchObject({ state: 'restarting', attempt: 1 });

      await until(
        'LiveKit to answer again on the same port',
        () => lk.status().state === 'running' && answers(`${lk.httpUrl}/`),
      );
      expect(Date.now() - killedAt).toBeLessThan(20_000);
      expect(lk.pid).not.toBe(oldPid);
      expect(alive(oldPid)).toBe(false);
      expect(alive(lk.pid)).toBe(true);
      expect(lk.status()).toEqual({ state: 'running', restarts: 1 });
      const ready = await api(t, 'GET', '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body.livekit).toBe('ok');

      // Same keys: a token minted before the crash and one minted now are both accepted, and the
      // room service answers the adapter.
      expect(await tokenAccepted(lk, before.token)).toBe(true);
      const after = await adapter.mintToken({ room: 'after-crash', identity: 'p2', name: 'Q', grant });
      expect(await tokenAccepted(lk, after.token)).toBe(true);
      await adapter.ensureRoom('after-crash');
      expect(await adapter.listIdentities('after-crash')).toEqual([]);

      expect(events.map((e) => [e.level, e.message])).toEqual([
        ['warn', 'LiveKit exited unexpectedly; restarting'],
        ['info', 'LiveKit is back after a restart'],
      ]);
      expect(events[0]?.fields).toMatchObject({ signal: 'SIGKILL', attempt: 1, delayMs: 1500 });
      expect(JSON.stringify(events)).not.toContain(lk.apiSecret);
    } finally {
      await t.close();
      await lk.stop();
    }
  }, 120_000);

  it('keeps trying with growing delays while the port is taken, and comes back once it is free', async () => {
    const port = await freePort();
    const events: { level: string; fields: LiveKitLogFields }[] = [];
    const lk = await launchLiveKit({
      port,
      rtcPort: await freeUdpPort(),
      onSupervision: (level, _message, fields) => events.push({ level, fields }),
      // The first restart waits long enough for the test to take the port first, even on a busy machine.
      restartPolicy: { firstDelayMs: 400, maxDelayMs: 1600 },
    });
    const adapter = new LiveKitAdapter(lk);
    let blocker: Server | undefined;
    try {
      process.kill(lk.pid, 'SIGKILL');
      await until('the supervisor to notice', () => lk.status().state === 'restarting');
      // Someone else takes the port while LiveKit is down: restarts fail until it is free again.
      // It accepts and drops connections, so probes fail fast instead of hanging.
      blocker = createServer((socket) => socket.destroy());
      await new Promise<void>((resolve, reject) => {
        blocker?.once('error', reject).listen(port, '127.0.0.1', resolve);
      });
      await until('the third attempt', () => {
        const s = lk.status();
        return s.state === 'restarting' && s.attempt >= 3;
      });
      await expect(adapter.ping()).rejects.toThrow(/^LiveKit is restarting \(attempt \d+\)$/);
      const failures = events.filter((e) => e.level === 'error');
      expect(failures.length).toBeGreaterThanOrEqual(2);
      expect(failures.map((e) => e.fields.delayMs).slice(0, 2)).toEqual([800, 1600]);
      expect(failures[0]?.fields.output).toContain('address already in use');
      blocker.close();
      blocker = undefined;
      await until('LiveKit to be back', () => lk.status().state === 'running', 60_000);
      await adapter.ping();
      await adapter.ensureRoom('back-again');
    } finally {
      blocker?.close();
      await lk.stop();
    }
  }, 120_000);

  it('never restarts after stop(), even when stopped while restarting, and leaves no child', async () => {
    const port = await freePort();
    const lk = await launchLiveKit({
      port,
      rtcPort: await freeUdpPort(),
      restartPolicy: { firstDelayMs: 200 },
    });
    const firstPid = lk.pid;
    process.kill(firstPid, 'SIGKILL');
    await until('the supervisor to notice', () => lk.status().state === 'restarting');
    await lk.stop();
    expect(lk.status()).toEqual({ state: 'stopped' });
    const livekitChildren = () => livekitChildrenOf(process.pid);
    expect(livekitChildren()).toEqual([]);
    // A restart would have come after 200 ms and answered within a few seconds; watch that long.
    const watchUntil = Date.now() + 4000;
    while (Date.now() < watchUntil) {
      expect(livekitChildren()).toEqual([]);
      expect(await answers(`${lk.httpUrl}/`)).toBe(false);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 60_000);
});

describe('the LiveKit config file', () => {
  it('is private (0600 in a 0700 folder of the data dir), gone after stop(), and stale ones are swept at start', async () => {
    const dataDir = tempDir();
    const configDir = join(dataDir, 'livekit');
    mkdirSync(configDir, { mode: 0o755 });
    // Left behind by a process that crashed, and one of a process that still runs.
    const stale = join(configDir, `livekit-${await deadPid()}.yaml`);
    const ownPidStale = join(configDir, `livekit-${process.pid}.yaml`);
    const living = join(configDir, `livekit-${process.ppid}.yaml`);
    for (const f of [stale, ownPidStale, living]) writeFileSync(f, 'keys:\n  rundgang: old-secret\n');

    const lk = await launchLiveKit({ port: await freePort(), rtcPort: await freeUdpPort(), configDir });
    try {
      expect(lk.configPath).toBe(join(configDir, `livekit-${process.pid}.yaml`));
      expect(mode(configDir)).toBe(0o700);
      expect(mode(lk.configPath)).toBe(0o600);
      expect(readFileSync(lk.configPath, 'utf8')).toContain(lk.apiSecret);
      expect(readdirSync(configDir).sort()).toEqual(
        [`livekit-${process.pid}.yaml`, `livekit-${process.ppid}.yaml`].sort(),
      );
    } finally {
      await lk.stop();
    }
    expect(readdirSync(configDir)).toEqual([`livekit-${process.ppid}.yaml`]);
  }, 60_000);

  it('is removed when the first start fails', async () => {
    const configDir = join(tempDir(), 'livekit');
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      await expect(
        launchLiveKit({
          port,
          rtcPort: await freeUdpPort(),
          configDir,
          restartPolicy: { startTimeoutMs: 10_000 },
        }),
      ).rejects.toThrow(/LiveKit/);
      expect(readdirSync(configDir)).toEqual([]);
    } finally {
      blocker.close();
    }
  }, 60_000);
});

describe('the server process', () => {
  it('restarts its killed LiveKit child, logs it without secrets, and shuts down cleanly', async () => {
    const port = await freePort();
    const dataDir = tempDir();
    const server = spawnTs('src/main.ts', [], {
      PORT: String(port),
      DATA_DIR: dataDir,
      LIVEKIT_PORT: String(await freePort()),
      LIVEKIT_RTC_PORT: String(await freeUdpPort()),
      LOG_LEVEL: 'info',
    });
    try {
      await server.waitFor('Rundgang is running', 60_000);
      const configPath = join(dataDir, 'livekit', `livekit-${server.child.pid}.yaml`);
      expect(mode(configPath)).toBe(0o600);
      const secret = readFileSync(configPath, 'utf8').match(/^ {2}rundgang: (\S+)$/m)?.[1];
      expect(secret).toMatch(/^[0-9a-f]{48}$/);
      const [lkPid] = livekitChildrenOf(server.child.pid ?? -1);
      expect(lkPid).toBeDefined();
      process.kill(lkPid ?? -1, 'SIGKILL');
      const down = await until('readiness to report the restart', async () => {
        const r = await fetch(`http://127.0.0.1:${port}/readyz`);
        return r.status === 503 ? ((await r.json()) as { livekit: string }) : undefined;
      });
      expect(down.livekit).toMatch(/^down: LiveKit (is restarting \(attempt 1\)|is not reachable)$/);
      await until(
        'readiness to recover',
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200,
      );
      await server.waitFor('LiveKit is back after a restart');
      expect(server.output()).toContain('LiveKit exited unexpectedly; restarting');
      expect(server.output()).not.toContain(secret);
      const kids = livekitChildrenOf(server.child.pid ?? -1);
      expect(kids).toHaveLength(1);
      expect(kids[0]).not.toBe(lkPid);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      await until('the child to be gone', () => kids.every((pid) => !alive(pid)), 5000);
      expect(readdirSync(join(dataDir, 'livekit'))).toEqual([]);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 120_000);

  it('after being killed with SIGKILL, starts again: the LiveKit it left running is stopped and its config swept', async () => {
    const dataDir = tempDir();
    const env = {
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      LIVEKIT_PORT: String(await freePort()),
      LIVEKIT_RTC_PORT: String(await freeUdpPort()),
      LOG_LEVEL: 'info',
    };
    const first = spawnTs('src/main.ts', [], env);
    let orphan: number | undefined;
    let second: ReturnType<typeof spawnTs> | undefined;
    try {
      await first.waitFor('Rundgang is running', 60_000);
      orphan = livekitChildrenOf(first.child.pid ?? -1)[0];
      expect(orphan).toBeDefined();
      const leftConfig = `livekit-${first.child.pid}.yaml`;
      first.child.kill('SIGKILL');
      await first.exited;
      // The crash leaves LiveKit running on its ports and the secret on disk.
      expect(alive(orphan ?? -1)).toBe(true);
      expect(readdirSync(join(dataDir, 'livekit'))).toEqual([leftConfig]);

      second = spawnTs('src/main.ts', [], env);
      await second.waitFor('Rundgang is running', 60_000);
      expect(second.output()).toContain('Stopped a LiveKit left running by a crashed Rundgang process');
      expect(alive(orphan ?? -1)).toBe(false);
      expect(readdirSync(join(dataDir, 'livekit'))).toEqual([`livekit-${second.child.pid}.yaml`]);
      expect((await fetch(`http://127.0.0.1:${env.PORT}/readyz`)).status).toBe(200);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(readdirSync(join(dataDir, 'livekit'))).toEqual([]);
    } finally {
      first.child.kill('SIGKILL');
      second?.child.kill('SIGKILL');
      if (orphan && alive(orphan)) process.kill(orphan, 'SIGKILL');
    }
  }, 180_000);
});
