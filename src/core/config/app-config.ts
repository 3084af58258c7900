import { resolve } from 'node:path';
import { Environment, splitOrigins } from './environment';

/** Everything the app needs at run time, resolved once at boot. Injected as AppConfig. */
export class AppConfig {
  port: number;
  /** Absolute path of the data directory (embedded database, uploads in progress). */
  dataDir: string;
  databaseUrl: string;
  /** JWT_SECRET; when unset, a secret is generated and kept in the database (see accessTokenKey). */
  jwtSecret?: string;
  jwtExpiresInSeconds: number;
  /** ERP_SECRET; when unset, ERP credentials are sealed under the access-token secret. */
  erpSecret?: string;
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
  /** The browser origins allowed to call the API (CORS_ORIGINS): every one, or these. */
  corsOrigins: '*' | string[];
  /** Fastify's trustProxy: false, or the addresses whose X-Forwarded-For is believed. */
  trustProxy: boolean | string;
  /** Scheduled jobs are off in tests, which trigger them by hand. */
  schedulerEnabled: boolean;
  /** When the silent-period scan runs (SILENT_PERIOD_CRON). */
  silentPeriodCron: string;
  /** When the ticket first-response SLA is checked (TICKET_SLA_CRON). */
  ticketSlaCron: string;
  /** When the funnel anomaly job runs (FUNNEL_ANOMALY_CRON). */
  funnelAnomalyCron: string;
  /** When the metrics' roll-ups are compacted (ROLLUP_COMPACTION_CRON). */
  rollupCompactionCron: string;
  /** When stock levels are pulled from the ERP (ERP_STOCK_CRON). */
  erpStockCron: string;
  /** When the alert rules are evaluated (ALERT_EVALUATION_CRON). */
  alertEvaluationCron: string;
  /** How often due knowledge-base pushes are run (KB_PUSH_CRON). */
  kbPushCron: string;
  /** How long a confirmation link stays valid (CONFIRMATION_TTL_HOURS). */
  confirmationTtlHours: number;
  /** How often the job queue expires leases and archives (QUEUE_MAINTENANCE_SECONDS). */
  queueMaintenanceSeconds: number;
  /** The ERP sync dispatcher (ERP_SYNC_*). Its workers run only with the scheduler. */
  erpSync: ErpSyncConfig;
}

export interface ErpSyncConfig {
  maxAttempts: number;
  retryDelaySeconds: number;
  leaseSeconds: number;
  workers: number;
  pollSeconds: number;
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
    jwtSecret: env.JWT_SECRET,
    jwtExpiresInSeconds: env.JWT_EXPIRES_IN_SECONDS,
    erpSecret: env.ERP_SECRET,
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
    corsOrigins: env.CORS_ORIGINS === '*' ? '*' : splitOrigins(env.CORS_ORIGINS),
    trustProxy: env.TRUST_PROXY === 'false' ? false : env.TRUST_PROXY === 'true' || env.TRUST_PROXY,
    schedulerEnabled: true,
    silentPeriodCron: env.SILENT_PERIOD_CRON,
    ticketSlaCron: env.TICKET_SLA_CRON,
    funnelAnomalyCron: env.FUNNEL_ANOMALY_CRON,
    rollupCompactionCron: env.ROLLUP_COMPACTION_CRON,
    erpStockCron: env.ERP_STOCK_CRON,
    alertEvaluationCron: env.ALERT_EVALUATION_CRON,
    kbPushCron: env.KB_PUSH_CRON,
    confirmationTtlHours: env.CONFIRMATION_TTL_HOURS,
    queueMaintenanceSeconds: env.QUEUE_MAINTENANCE_SECONDS,
    erpSync: {
      maxAttempts: env.ERP_SYNC_MAX_ATTEMPTS,
      retryDelaySeconds: env.ERP_SYNC_RETRY_DELAY_SECONDS,
      leaseSeconds: env.ERP_SYNC_LEASE_SECONDS,
      workers: env.ERP_SYNC_WORKERS,
      pollSeconds: env.ERP_SYNC_POLL_SECONDS,
    },
    ...overrides,
  });
}
