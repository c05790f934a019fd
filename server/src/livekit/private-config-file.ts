/**
 * LiveKit reads its keys from a config file, so that file holds the API secret. It lives in a
 * folder only we can enter (0700), is readable only by us (0600), is named after our pid, and a
 * file left behind by a crashed process is removed at the next start instead of lingering.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pidAlive } from '../db/pglite.ts';

/** A config file that can be (re)written before each start of the child and removed at the end. */
export interface PrivateConfigFile {
  readonly path: string;
  /** Files of crashed processes removed at start (their LiveKit children may still run). */
  readonly stale: string[];
  /** Writes the contents afresh (0600), so a file deleted or loosened meanwhile is not reused. */
  write(contents: string): void;
  /** Removes the file (and a folder made only for it). */
  remove(): void;
}

const FILE_NAME = /^livekit-(\d+)\.yaml$/;

/**
 * Removes config files of processes that no longer run and returns their paths. Our own pid
 * counts as stale too: in a container the app is pid 1 every time, so a file with our pid is
 * from a previous life.
 */
function removeStale(dir: string): string[] {
  const stale: string[] = [];
  for (const name of readdirSync(dir)) {
    const pid = Number(name.match(FILE_NAME)?.[1]);
    if (!pid || (pid !== process.pid && pidAlive(pid))) continue;
    stale.push(join(dir, name));
    rmSync(join(dir, name), { force: true });
  }
  return stale;
}

function fileIn(dir: string, removeDir: boolean, stale: string[]): PrivateConfigFile {
  const path = join(dir, `livekit-${process.pid}.yaml`);
  return {
    path,
    stale,
    write(contents) {
      rmSync(path, { force: true });
      writeFileSync(path, contents, { mode: 0o600, flag: 'wx' });
    },
    remove() {
      rmSync(removeDir ? dir : path, { recursive: removeDir, force: true });
    },
  };
}

/**
 * A config file in dir (created or tightened to 0700), after removing stale ones there; one per
 * process and folder. The path is absolute so a child's command line names it unambiguously.
 */
export function privateConfigFile(dir: string): PrivateConfigFile {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true, mode: 0o700 });
  // mkdir's mode applies only to a folder it creates; an older, looser one is tightened.
  chmodSync(abs, 0o700);
  return fileIn(abs, false, removeStale(abs));
}

/** A config file in a fresh private folder under the OS temp dir (tests, benchmarks). */
export function tempConfigFile(): PrivateConfigFile {
  return fileIn(mkdtempSync(join(tmpdir(), 'rundgang-livekit-')), true, []);
}
