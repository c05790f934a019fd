import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchLiveKit } from '../src/livekit/launcher.ts';
import { freePort, freeUdpPort } from './helpers/ports.ts';
import { alive, childPids, spawnTs } from './helpers/processes.ts';
import { api, startTestApp } from './helpers/test-app.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'rundgang-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('embedded database lock', () => {
  it('refuses a second process on the same PGlite folder with a clear message', async () => {
    const dir = tempDir();
    const first = spawnTs('test/fixtures/hold-pglite.ts', [dir]);
    try {
      await first.waitFor('OPENED');
      const second = spawnTs('test/fixtures/hold-pglite.ts', [dir]);
      expect(await second.exited).toBe(3);
      expect(second.output()).toContain(`is in use by another Rundgang process (pid ${first.child.pid})`);
    } finally {
      first.child.kill('SIGKILL');
      await first.exited;
    }
    // The lock of a killed process is stale and is taken over.
    const third = spawnTs('test/fixtures/hold-pglite.ts', [dir]);
    await third.waitFor('OPENED');
    third.child.kill('SIGTERM');
    await third.exited;
  });
});

describe('readiness with LiveKit down', () => {
  it('reports LiveKit down in /readyz once the LiveKit server stops', async () => {
    const lk = await launchLiveKit({ port: await freePort(), rtcPort: await freeUdpPort() });
    const t = await startTestApp('pglite', { livekit: lk });
    try {
      expect((await api(t, 'GET', '/readyz')).status).toBe(200);
      await lk.stop();
      const down = await api(t, 'GET', '/readyz');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'not_ready', db: 'ok' });
      expect(down.body.livekit).toMatch(/^down: /);
    } finally {
      await t.close();
      await lk.stop();
    }
  });
});

describe('the server process', () => {
  it('starts embedded LiveKit and leaves no child process behind on SIGTERM', async () => {
    const port = await freePort();
    const server = spawnTs('src/main.ts', [], {
      PORT: String(port),
      DATA_DIR: tempDir(),
      LIVEKIT_PORT: String(await freePort()),
      LIVEKIT_RTC_PORT: String(await freeUdpPort()),
      LOG_LEVEL: 'warn',
    });
    try {
      await server.waitFor('Rundgang is running', 60_000);
      const link = await server.waitFor(/SETUP_LINK \S+/);
      expect(link).toContain(`http://127.0.0.1:${port}/setup?token=`);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      const kids = childPids(server.child.pid ?? -1);
      expect(kids.length).toBeGreaterThan(0);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      await new Promise((r) => setTimeout(r, 200));
      expect(kids.filter(alive)).toEqual([]);
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('fails to start with a clear message on invalid configuration', async () => {
    const server = spawnTs('src/main.ts', [], { PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Invalid configuration:\n  PORT:');
  });
});
