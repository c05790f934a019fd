#!/usr/bin/env node
// Runs every workspace's `test` script (all of them, even after a failure), then counts the
// vitest JSON reports in reports/ and prints one plain line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaces = ['shared', 'server', 'client', 'e2e'];
const reports = join(root, 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
let exitCode = 0;
for (const ws of workspaces) {
  process.stdout.write(`\n=== ${ws} ===\n`);
  const run = spawnSync('npm', ['run', 'test', '-w', ws], { cwd: root, stdio: 'inherit' });
  const report = join(reports, `${ws}.json`);
  if (run.status !== 0) exitCode = 1;
  if (!existsSync(report)) {
    process.stdout.write(`${ws}: no test report was written (counted as 1 failed)\n`);
    failed += 1;
    exitCode = 1;
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  if (r.numTotalTests === 0) {
    process.stdout.write(`${ws}: ran no test (counted as 1 failed)\n`);
    failed += 1;
    exitCode = 1;
  }
}
if (failed > 0) exitCode = 1;
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(exitCode);
