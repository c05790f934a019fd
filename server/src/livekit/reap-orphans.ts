/**
 * A Rundgang process killed with SIGKILL cannot stop its LiveKit child, which then keeps the
 * ports (and the old keys), so the next start's LiveKit could never bind them. Such an orphan is
 * recognised by the crashed process's config file on its command line and killed before a new
 * LiveKit starts. Uses /proc (Linux); elsewhere nothing is found and the busy port is reported.
 */
import { readdirSync, readFileSync } from 'node:fs';

function commandLine(pid: string): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/** Gone, or a zombie (which holds no ports any more). */
function ended(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z';
  } catch {
    return true;
  }
}

/** Kills processes started with `--config <configPath>` and resolves with their pids once they ended. */
export async function reapOrphans(configPath: string, timeoutMs = 5000): Promise<number[]> {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const orphans = entries
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      const args = commandLine(entry);
      return args.some((arg, i) => arg === '--config' && args[i + 1] === configPath);
    })
    .map(Number);
  for (const pid of orphans) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  const until = Date.now() + timeoutMs;
  while (!orphans.every(ended) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return orphans;
}
