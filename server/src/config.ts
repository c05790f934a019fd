/**
 * Configuration from the environment, validated once at start so a typo fails loudly with the
 * variable's name instead of surfacing later as a confusing runtime error.
 */
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    PUBLIC_URL: z.string().url().optional(),
    ALLOWED_ORIGINS: z.string().optional(),
    DATABASE_URL: z.string().url().optional(),
    DATA_DIR: z.string().default('.data'),
    LIVEKIT_URL: z.string().url().optional(),
    LIVEKIT_API_KEY: z.string().min(1).optional(),
    LIVEKIT_API_SECRET: z.string().min(32, 'LIVEKIT_API_SECRET must be at least 32 characters').optional(),
    LIVEKIT_PORT: z.coerce.number().int().min(0).max(65535).default(7880),
    LIVEKIT_RTC_PORT: z.coerce.number().int().min(0).max(65535).default(7882),
    LIVEKIT_BIN: z.string().optional(),
    CLIENT_DIST: z.string().optional(),
    RUNDGANG_LOW_VIDEO: bool.default(false),
    FEEDBACK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    COOKIE_SECURE: bool.optional(),
    /** e.g. `smtp://user:pass@mail.example.no:587`; unset = invites are not emailed. */
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().min(3).default('Rundgang <noreply@rundgang.local>'),
    SOCKET_REQUIRE_ORIGIN: bool.optional(),
    NODE_ENV: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    const lk = [env.LIVEKIT_URL, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET];
    if (lk.some(Boolean) && !lk.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        message: 'set all three of LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET, or none (local LiveKit)',
        path: ['LIVEKIT_URL'],
      });
    }
  });

/** External LiveKit connection, or a request to launch the embedded one. */
export type LiveKitConfig =
  | { mode: 'external'; url: string; apiKey: string; apiSecret: string }
  | { mode: 'embedded'; port: number; rtcPort: number; bin: string | undefined };

/** The validated configuration of one server process. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  allowedOrigins: string[];
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  /** The server's own files (the PGlite database, LiveKit's private config), also with Postgres. */
  dataDir: string;
  livekit: LiveKitConfig;
  clientDist: string | undefined;
  lowVideo: boolean;
  /** Feedback cards older than this are deleted (data minimisation). */
  feedbackRetentionDays: number;
  cookieSecure: boolean;
  /** Refuse websockets without an Origin header (on by default when NODE_ENV=production). */
  requireSocketOrigin: boolean;
  logLevel: string;
  /** Where invite emails go out (secret: holds credentials; never logged). */
  smtpUrl: string | undefined;
  /** The From header of invite emails. */
  mailFrom: string;
}

/** Thrown when the environment is invalid; its message lists every problem. */
export class ConfigError extends Error {}

/** Reads and validates the configuration from an environment object. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || 'env'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const origins = (e.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (e.PUBLIC_URL) origins.push(new URL(e.PUBLIC_URL).origin);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    allowedOrigins: origins,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: e.DATA_DIR },
    dataDir: e.DATA_DIR,
    livekit:
      e.LIVEKIT_URL && e.LIVEKIT_API_KEY && e.LIVEKIT_API_SECRET
        ? { mode: 'external', url: e.LIVEKIT_URL, apiKey: e.LIVEKIT_API_KEY, apiSecret: e.LIVEKIT_API_SECRET }
        : { mode: 'embedded', port: e.LIVEKIT_PORT, rtcPort: e.LIVEKIT_RTC_PORT, bin: e.LIVEKIT_BIN },
    clientDist: e.CLIENT_DIST,
    lowVideo: e.RUNDGANG_LOW_VIDEO,
    feedbackRetentionDays: e.FEEDBACK_RETENTION_DAYS,
    cookieSecure: e.COOKIE_SECURE ?? e.PUBLIC_URL?.startsWith('https://') ?? false,
    requireSocketOrigin: e.SOCKET_REQUIRE_ORIGIN ?? e.NODE_ENV === 'production',
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
  };
}
