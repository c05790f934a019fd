#!/usr/bin/env node
// Installs what the project needs beyond npm packages, idempotently:
//  - the real LiveKit server, built from source with `go install` into .tools/bin (skipped when present
//    or when LIVEKIT_URL points at an external server);
//  - with --browser: Debian's Chromium for the e2e tests (apt-get, root only), skipped when present.
// Why a script and not docs: CI runs on a clean clone, so every install step must live in the repo.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIVEKIT_MODULE = 'github.com/livekit/livekit-server/cmd/server@v1.13.5';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(root, '.tools', 'bin');
const livekitBin = join(binDir, 'livekit-server');
const wantBrowser = process.argv.includes('--browser');

function fail(message) {
  process.stderr.write(`\nsetup: ${message}\n\n`);
  process.exit(1);
}

function has(cmd, args = ['--version']) {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

function installLiveKit() {
  if (existsSync(livekitBin)) return;
  if (process.env.LIVEKIT_URL && !wantBrowser) {
    process.stdout.write('setup: LIVEKIT_URL is set, using that LiveKit server (no local build)\n');
    return;
  }
  if (!has('go', ['version'])) {
    fail(
      'Go is not installed, so the local LiveKit server cannot be built.\n' +
        '  Install Go 1.26+ (https://go.dev/doc/install, or `apt-get install golang` where recent enough),\n' +
        '  or use an external LiveKit by setting LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.',
    );
  }
  mkdirSync(binDir, { recursive: true });
  process.stdout.write(
    `setup: building LiveKit server (${LIVEKIT_MODULE}); the first build takes minutes…\n`,
  );
  try {
    execFileSync('go', ['install', LIVEKIT_MODULE], {
      stdio: 'inherit',
      env: { ...process.env, GOBIN: binDir },
    });
  } catch {
    fail(`\`go install ${LIVEKIT_MODULE}\` failed (see the output above).`);
  }
  renameSync(join(binDir, 'server'), livekitBin);
  process.stdout.write(`setup: LiveKit server installed at ${livekitBin}\n`);
}

function installChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0) {
    fail('Chromium is missing for the e2e tests. Install it with: sudo apt-get install -y chromium');
  }
  process.stdout.write('setup: installing Debian Chromium for the e2e tests…\n');
  try {
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    fail('apt-get install chromium failed (see the output above).');
  }
}

installLiveKit();
if (wantBrowser) installChromium();
