/**
 * Starts the real LiveKit server (built into .tools/bin by `npm run setup`) as a child process
 * on chosen ports with a loopback-safe config, waits until `GET /` answers, and stops it.
 * Loopback-safe: bound to 127.0.0.1, ICE/TCP off (its listener ignores --bind), loopback ICE
 * candidates on, and a local STUN address so clients are not told to use Google's.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Where `npm run setup` puts the LiveKit binary. */
export const DEFAULT_LIVEKIT_BIN = join(repoRoot, '.tools', 'bin', 'livekit-server');

/** Options for {@link launchLiveKit}. */
export interface LaunchOptions {
  port: number;
  rtcPort: number;
  bin?: string | undefined;
  /** Where LiveKit posts webhooks (our server), if anywhere. */
  webhookUrl?: string | undefined;
  /** Called with each line LiveKit writes (for the app's logger). */
  onLog?: (line: string) => void;
}

/** A running LiveKit child process and the credentials to talk to it. */
export interface LaunchedLiveKit {
  url: string;
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  pid: number;
  stop(): Promise<void>;
  /** Kills the child at once (SIGKILL), for a process that must exit now. */
  kill(): void;
}

/** Thrown when the binary is missing or the server does not come up. */
export class LiveKitLaunchError extends Error {}

function configYaml(o: LaunchOptions, apiKey: string, apiSecret: string): string {
  return [
    `port: ${o.port}`,
    'bind_addresses: ["127.0.0.1"]',
    'rtc:',
    `  udp_port: ${o.rtcPort}`,
    '  tcp_port: 0',
    '  node_ip: 127.0.0.1',
    '  use_external_ip: false',
    '  enable_loopback_candidate: true',
    '  stun_servers: ["127.0.0.1:3478"]',
    'keys:',
    `  ${apiKey}: ${apiSecret}`,
    'room:',
    '  empty_timeout: 300',
    '  departure_timeout: 20',
    ...(o.webhookUrl ? ['webhook:', `  api_key: ${apiKey}`, `  urls: ["${o.webhookUrl}"]`] : []),
    'logging:',
    '  level: warn',
    '',
  ].join('\n');
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new LiveKitLaunchError(`LiveKit exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new LiveKitLaunchError(`LiveKit did not answer on ${url} within ${timeoutMs} ms`);
}

/** Launches LiveKit and resolves once it answers; stop() ends it and waits for the exit. */
export async function launchLiveKit(o: LaunchOptions): Promise<LaunchedLiveKit> {
  const bin = o.bin ?? DEFAULT_LIVEKIT_BIN;
  if (!existsSync(bin)) {
    throw new LiveKitLaunchError(
      `LiveKit server binary not found at ${bin}. Run \`npm run setup\` (needs Go 1.26+) to build it, ` +
        'or set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET to use an external LiveKit.',
    );
  }
  const apiKey = 'rundgang';
  const apiSecret = randomBytes(24).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'rundgang-livekit-'));
  const configPath = join(dir, 'livekit.yaml');
  writeFileSync(configPath, configYaml(o, apiKey, apiSecret), { mode: 0o600 });
  const child = spawn(bin, ['--config', configPath, '--bind', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) o.onLog?.(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      // With participants connected LiveKit drains for a long time; a local child may just go.
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(killTimer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const httpUrl = `http://127.0.0.1:${o.port}`;
  try {
    await waitForHttp(`${httpUrl}/`, child, 20_000);
  } catch (err) {
    await stop();
    throw err;
  }
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return { url: `ws://127.0.0.1:${o.port}`, httpUrl, apiKey, apiSecret, pid: child.pid ?? -1, stop, kill };
}
