/** Spawning real server processes from tests and reading what they print. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The server workspace folder. */
export const serverDir = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A child process with its collected output. */
export interface Spawned {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  waitFor: (text: string | RegExp, timeoutMs?: number) => Promise<string>;
}

/** Runs a TypeScript file of the server workspace with node + tsx (no extra tsx process). */
export function spawnTs(file: string, args: string[] = [], env: Record<string, string> = {}): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const waitFor = (text: string | RegExp, timeoutMs = 30_000) =>
    new Promise<string>((resolve, reject) => {
      const started = Date.now();
      const tick = () => {
        const m = typeof text === 'string' ? (out.includes(text) ? text : null) : out.match(text)?.[0];
        if (m) return resolve(m);
        if (child.exitCode !== null) return reject(new Error(`process exited (${child.exitCode}):\n${out}`));
        if (Date.now() - started > timeoutMs)
          return reject(new Error(`timed out waiting for ${text}:\n${out}`));
        setTimeout(tick, 50);
      };
      tick();
    });
  return { child, output: () => out, exited, waitFor };
}

/** Pids whose parent is pid (from /proc). */
export function childPids(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) kids.push(Number(entry));
    } catch {
      // process went away
    }
  }
  return kids;
}

/** True while a process with this pid exists (and is not a zombie). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
