/**
 * The app's three dependencies as named plugins (`config`, `db`, `livekit`) that decorate the
 * app, so other plugins declare them in `dependencies` and routes read `app.db` and friends
 * instead of importing the composition root. The caller opened them and closes them (main after
 * the app, tests after dropping their schema), so these plugins do not.
 */
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { LiveKitAdapter } from '../livekit/adapter.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    livekit: LiveKitAdapter;
  }
}

/** The `config` plugin: `app.config`. */
export const configPlugin = fp<{ value: Config }>(
  async (app, { value }) => void app.decorate('config', value),
  { name: 'config' },
);
/** The `db` plugin: `app.db`. */
export const dbPlugin = fp<{ value: Db }>(async (app, { value }) => void app.decorate('db', value), {
  name: 'db',
});
/** The `livekit` plugin: `app.livekit`, the adapter of the embedded or external LiveKit. */
export const livekitPlugin = fp<{ value: LiveKitAdapter }>(
  async (app, { value }) => void app.decorate('livekit', value),
  { name: 'livekit' },
);
