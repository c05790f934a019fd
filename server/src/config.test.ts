import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it.each([
    [{}, { kind: 'pglite', dataDir: '.data' }, 'embedded'],
    [{ DATABASE_URL: 'postgres://u@h/db' }, { kind: 'postgres', url: 'postgres://u@h/db' }, 'embedded'],
    [
      { LIVEKIT_URL: 'wss://lk.example', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's'.repeat(32) },
      { kind: 'pglite', dataDir: '.data' },
      'external',
    ],
  ])('%j picks the database and LiveKit mode', (env, database, livekitMode) => {
    const c = loadConfig(env);
    expect(c.database).toEqual(database);
    expect(c.livekit.mode).toBe(livekitMode);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT:'],
    [{ LIVEKIT_URL: 'wss://lk.example' }, 'set all three of LIVEKIT_URL'],
    [{ LIVEKIT_URL: 'wss://x', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 'short' }, 'at least 32 characters'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL:'],
  ])('%j is refused naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('keeps a data folder for its own files when the database is Postgres', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', DATA_DIR: '/srv/rundgang' }).dataDir).toBe(
      '/srv/rundgang',
    );
  });

  it('allows the public origin for websockets', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://rundgang.example/app' }).allowedOrigins).toEqual([
      'https://rundgang.example',
    ]);
  });
});
