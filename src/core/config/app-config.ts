import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Environment } from './environment';

/** Everything the app needs at run time, resolved once at boot. Injected as AppConfig. */
export class AppConfig {
  port: number;
  /** Absolute path of the data directory (embedded database, generated secrets). */
  dataDir: string;
  databaseUrl: string;
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  adminUsername: string;
  adminPassword?: string;
  demoData: boolean;
  logLevel: string;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  bodyLimitBytes: number;
  /** Largest customer import file, in bytes (IMPORT_MAX_FILE_BYTES). */
  importMaxFileBytes: number;
  /** Largest attachment, in bytes (ATTACHMENT_MAX_BYTES). */
  attachmentMaxBytes: number;
  /** When the trigger rules are evaluated (TRIGGER_EVALUATION_CRON). */
  triggerEvaluationCron: string;
  /** Fastify's trustProxy: false, or the addresses whose X-Forwarded-For is believed. */
  trustProxy: boolean | string;
  /** Scheduled jobs are off in tests, which trigger them by hand. */
  schedulerEnabled: boolean;
  /** When the silent-period scan runs (SILENT_PERIOD_CRON). */
  silentPeriodCron: string;
  /** How long a confirmation link stays valid (CONFIRMATION_TTL_HOURS). */
  confirmationTtlHours: number;
}

const JWT_SECRET_FILE = 'jwt-secret';

/**
 * Reads the JWT secret from the environment, or else from the data directory,
 * generating and persisting one on first boot. Replicas that share a database
 * but not a data directory must set JWT_SECRET so their tokens agree.
 */
export function resolveJwtSecret(env: Environment, dataDir: string): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  const file = join(dataDir, JWT_SECRET_FILE);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // 'wx' fails if another process wrote the file first; then we read theirs.
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file, 'utf8').trim();
  }
}

export function buildAppConfig(
  env: Environment,
  databaseUrl: string,
  overrides: Partial<AppConfig> = {},
): AppConfig {
  const dataDir = resolve(env.DATA_DIR);
  return Object.assign(new AppConfig(), {
    port: env.PORT,
    dataDir,
    databaseUrl,
    jwtSecret: resolveJwtSecret(env, dataDir),
    jwtExpiresInSeconds: env.JWT_EXPIRES_IN_SECONDS,
    adminUsername: env.ADMIN_USERNAME,
    adminPassword: env.ADMIN_PASSWORD,
    demoData: env.DEMO_DATA === '1',
    logLevel: env.LOG_LEVEL,
    loginMaxFailures: env.LOGIN_MAX_FAILURES,
    loginWindowSeconds: env.LOGIN_WINDOW_SECONDS,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    importMaxFileBytes: env.IMPORT_MAX_FILE_BYTES,
    attachmentMaxBytes: env.ATTACHMENT_MAX_BYTES,
    triggerEvaluationCron: env.TRIGGER_EVALUATION_CRON,
    trustProxy: env.TRUST_PROXY === 'false' ? false : env.TRUST_PROXY === 'true' || env.TRUST_PROXY,
    schedulerEnabled: true,
    silentPeriodCron: env.SILENT_PERIOD_CRON,
    confirmationTtlHours: env.CONFIRMATION_TTL_HOURS,
    ...overrides,
  });
}
