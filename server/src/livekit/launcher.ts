/**
 * Starts the real LiveKit server (built into .tools/bin by `npm run setup`) as a child process
 * on chosen ports with a loopback-safe config, waits until `GET /` answers, keeps it running,
 * and stops it.
 * Loopback-safe: bound to 127.0.0.1, ICE/TCP off (its listener ignores --bind), loopback ICE
 * candidates on, and a local STUN address so clients are not told to use Google's.
 * Supervised: a child that exits unless we stopped it is started again on the same ports with
 * the same keys (so minted tokens and the adapter stay valid), with backoff between attempts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LiveKitStatus } from './livekit-status.ts';
import { type PrivateConfigFile, privateConfigFile, tempConfigFile } from './private-config-file.ts';
import { reapOrphans } from './reap-orphans.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Where `npm run setup` puts the LiveKit binary. */
export const DEFAULT_LIVEKIT_BIN = join(repoRoot, '.tools', 'bin', 'livekit-server');

/** How a crashed child is brought back. */
export interface RestartPolicy {
  /** Wait before the first restart; doubles with every further attempt. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A child that ran this long counts as stable: the next crash starts the backoff afresh. */
  stableAfterMs: number;
  /** How long a (re)started child may take to answer `GET /`. */
  startTimeoutMs: number;
}

/** Restart backoff 0.5 s, 1 s, 2 s … 10 s; reset after a minute of stable running. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 500,
  maxDelayMs: 10_000,
  stableAfterMs: 60_000,
  startTimeoutMs: 20_000,
};

/** Fields of a supervision log line; never secrets. */
export type LiveKitLogFields = Record<string, string | number | null>;

/** Options for {@link launchLiveKit}. */
export interface LaunchOptions {
  port: number;
  rtcPort: number;
  bin?: string | undefined;
  /** Where LiveKit posts webhooks (our server), if anywhere. */
  webhookUrl?: string | undefined;
  /**
   * Folder for the config file, which holds the API secret (0700 folder, 0600 file). Config files
   * of crashed processes are removed at start and LiveKit children they left running are killed.
   * Default: a fresh private folder in the OS temp dir.
   */
  configDir?: string | undefined;
  /** Called with each line LiveKit writes (for the app's logger). */
  onLog?: (line: string) => void;
  /** Called for each unexpected exit, restart attempt and recovery (for the app's logger). */
  onSupervision?: (level: 'info' | 'warn' | 'error', message: string, fields: LiveKitLogFields) => void;
  restartPolicy?: Partial<RestartPolicy>;
}

/** A supervised LiveKit child process and the credentials to talk to it. */
export interface LaunchedLiveKit {
  url: string;
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  /** The current child's pid (changes with every restart). */
  readonly pid: number;
  /** Where the current config file is (it exists while the child may need it). */
  readonly configPath: string;
  /** What the supervisor is doing; readiness reports it in words. */
  status(): LiveKitStatus;
  /** Ends supervision and the child (SIGTERM, SIGKILL after 2 s) and removes the config file. */
  stop(): Promise<void>;
  /** Ends supervision and kills the child at once (SIGKILL), for a process that must exit now. */
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

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

const exited = (child: ChildProcess) =>
  running(child) ? new Promise<void>((r) => child.once('exit', () => r())) : Promise.resolve();

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!running(child))
      throw new LiveKitLaunchError(`LiveKit exited early with code ${child.exitCode ?? child.signalCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok && running(child)) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new LiveKitLaunchError(`LiveKit did not answer on ${url} within ${timeoutMs} ms`);
}

/**
 * Ends a child: SIGTERM, then SIGKILL after graceMs (with participants connected LiveKit drains
 * for a long time; a local child may just go). graceMs 0 kills at once.
 */
async function end(child: ChildProcess, graceMs: number): Promise<void> {
  if (!running(child)) return;
  const done = exited(child);
  if (graceMs === 0) {
    child.kill('SIGKILL');
    return done;
  }
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(killTimer);
}

/**
 * Launches LiveKit and resolves once it answers, then supervises it: an unexpected exit is
 * followed by restarts with backoff until one answers again. stop() and kill() end supervision
 * first, so shutting down never starts a new child.
 */
export async function launchLiveKit(o: LaunchOptions): Promise<LaunchedLiveKit> {
  const bin = o.bin ?? DEFAULT_LIVEKIT_BIN;
  if (!existsSync(bin)) {
    throw new LiveKitLaunchError(
      `LiveKit server binary not found at ${bin}. Run \`npm run setup\` (needs Go 1.26+) to build it, ` +
        'or set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET to use an external LiveKit.',
    );
  }
  const policy = { ...DEFAULT_RESTART_POLICY, ...o.restartPolicy };
  const log = o.onSupervision ?? (() => {});
  const apiKey = 'rundgang';
  const apiSecret = randomBytes(24).toString('hex');
  const yaml = configYaml(o, apiKey, apiSecret);
  const file: PrivateConfigFile = o.configDir ? privateConfigFile(o.configDir) : tempConfigFile();
  for (const stalePath of file.stale) {
    for (const pid of await reapOrphans(stalePath))
      log('warn', 'Stopped a LiveKit left running by a crashed Rundgang process', { pid });
  }
  const httpUrl = `http://127.0.0.1:${o.port}`;

  /** The newest child (starting or up); only its exit matters. */
  let current: ChildProcess | undefined;
  /** The child that answered and is being watched, with the time it came up. */
  let up: { child: ChildProcess; since: number } | undefined;
  let stopping = false;
  let status: LiveKitStatus = { state: 'running', restarts: 0 };
  let restarts = 0;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  /** The current child's last output line, e.g. why it could not start (secret masked). */
  let lastLine = '';
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      lastLine = line.replaceAll(apiSecret, '***');
      o.onLog?.(line);
    }
  };

  /** Spawns a child and resolves once it answers; a child that does not is ended before rejecting. */
  const start = async (): Promise<ChildProcess> => {
    file.write(yaml);
    lastLine = '';
    const child = spawn(bin, ['--config', file.path, '--bind', '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    current = child;
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.once('exit', (code, signal) => onExit(child, code, signal));
    try {
      await waitForHttp(`${httpUrl}/`, child, policy.startTimeoutMs);
    } catch (err) {
      await end(child, 0);
      throw err;
    }
    up = { child, since: Date.now() };
    return child;
  };

  const scheduleRestart = () => {
    attempt += 1;
    const delayMs = Math.min(policy.firstDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
    if (status.state !== 'restarting') status = { state: 'restarting', attempt, downSince: new Date() };
    else status = { ...status, attempt };
    retryTimer = setTimeout(() => void restart(), delayMs);
    return delayMs;
  };

  const restart = async () => {
    retryTimer = undefined;
    if (stopping) return;
    try {
      const child = await start();
      if (stopping) return; // stop() ends the current child itself
      restarts += 1;
      status = { state: 'running', restarts };
      log('info', 'LiveKit is back after a restart', { attempt, pid: child.pid ?? null });
    } catch (err) {
      if (stopping) return;
      const reason = (err as Error).message;
      const delayMs = scheduleRestart();
      log('error', 'LiveKit did not come back; trying again', { attempt, delayMs, reason, output: lastLine });
    }
  };

  function onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null) {
    // Exits while starting are the start's to report; stopping and old children are expected.
    if (stopping || child !== current || up?.child !== child) return;
    const uptimeMs = Date.now() - up.since;
    up = undefined;
    if (uptimeMs >= policy.stableAfterMs) attempt = 0;
    const delayMs = scheduleRestart();
    log('warn', 'LiveKit exited unexpectedly; restarting', {
      code,
      signal,
      uptimeMs,
      attempt,
      delayMs,
    });
  }

  const stopSupervising = () => {
    stopping = true;
    status = { state: 'stopped' };
    clearTimeout(retryTimer);
  };

  try {
    await start();
  } catch (err) {
    stopSupervising();
    file.remove();
    throw err;
  }

  return {
    url: `ws://127.0.0.1:${o.port}`,
    httpUrl,
    apiKey,
    apiSecret,
    get pid() {
      return current?.pid ?? -1;
    },
    configPath: file.path,
    status: () => status,
    stop: async () => {
      stopSupervising();
      if (current) await end(current, 2000);
      file.remove();
    },
    kill: () => {
      stopSupervising();
      if (current && running(current)) current.kill('SIGKILL');
      file.remove();
    },
  };
}
