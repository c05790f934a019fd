/**
 * Process entry: config → database → LiveKit (embedded child or external) → app → listen.
 * SIGTERM/SIGINT close HTTP and sockets, the database and the LiveKit child, in that order.
 */
import { join } from 'node:path';
import { httpRoutes } from '@rundgang/shared';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from './app.ts';
import { issueSetupTokenIfNeeded } from './auth/setup.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { DataDirLockedError } from './db/pglite.ts';
import { LiveKitAdapter } from './livekit/adapter.ts';
import { type LaunchedLiveKit, LiveKitLaunchError, launchLiveKit } from './livekit/launcher.ts';

function die(message: string): never {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

async function main() {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  let child: LaunchedLiveKit | undefined;
  let livekit: LiveKitAdapter;
  // LiveKit starts before the app (the app needs it), so its restarts log through the app's
  // logger once there is one.
  let logger: FastifyBaseLogger | undefined;
  if (config.livekit.mode === 'external') {
    livekit = new LiveKitAdapter(config.livekit);
  } else {
    const appOrigin = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
    try {
      child = await launchLiveKit({
        port: config.livekit.port,
        rtcPort: config.livekit.rtcPort,
        bin: config.livekit.bin,
        webhookUrl: config.port ? `${appOrigin}${httpRoutes.livekitWebhook.path}` : undefined,
        configDir: join(config.dataDir, 'livekit'),
        onSupervision: (level, message, fields) => {
          if (logger) logger[level]({ livekit: fields }, message);
          else process.stderr.write(`${message} ${JSON.stringify(fields)}\n`);
        },
      });
    } catch (err) {
      await db.close();
      throw err;
    }
    livekit = new LiveKitAdapter(child);
  }

  const { app } = await buildApp({ config, db, livekit });
  logger = app.log;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // Never leave the LiveKit child behind, even when a step hangs.
    const force = setTimeout(() => {
      child?.kill();
      process.exit(1);
    }, 10_000);
    force.unref();
    await app.close().catch((err) => app.log.error({ err }, 'error closing http'));
    await db.close().catch((err) => app.log.error({ err }, 'error closing db'));
    await child?.stop();
    process.exit(0);
  };
  // A stray rejected promise is a bug to log, not a reason to drop every live webinar.
  process.on('unhandledRejection', (err) => app.log.error({ err }, 'unhandled rejection'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await child?.stop();
    await db.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  process.stdout.write(
    `\nRundgang is running: open ${url}\n` +
      `  database: ${config.database.kind}${config.database.kind === 'pglite' ? ` (${config.database.dataDir})` : ''}\n` +
      `  LiveKit:  ${livekit.url}${child ? ' (local, started by Rundgang)' : ' (external)'}\n`,
  );
  const setupToken = await issueSetupTokenIfNeeded(db);
  if (setupToken) {
    process.stdout.write(
      `\nNo facilitator account yet. Create the first one here (one-time link):\n  SETUP_LINK ${url}/setup?token=${setupToken}\n`,
    );
  }
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof LiveKitLaunchError) {
    die(err.message);
  }
  die(`Rundgang failed to start: ${(err as Error).stack ?? err}`);
});
