import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  NotContains,
  validateSync,
  ValidateBy,
} from 'class-validator';
import { validateCronExpression } from 'cron';

/** A cron expression the scheduler accepts: five fields, or six with seconds first. */
const IsCronExpression = () =>
  ValidateBy({
    name: 'isCronExpression',
    validator: {
      validate: (value) => typeof value === 'string' && validateCronExpression(value).valid,
      defaultMessage: (args) => `${args?.property} must be a cron expression, e.g. */15 * * * *`,
    },
  });

const toInt = ({ value }: { value: unknown }) => (value === undefined ? undefined : Number(value));

/** CORS_ORIGINS' entries: comma-separated, spaces around them ignored. */
export function splitOrigins(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * Whether an entry is an origin as browsers send it in `Origin`:
 * http(s)://host[:port] in lower case, with no path, not even a trailing slash.
 */
function isOrigin(entry: string): boolean {
  try {
    const url = new URL(entry);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === entry;
  } catch {
    return false;
  }
}

/** `*`, or a comma-separated list of origins; the message names each bad entry. */
const IsCorsOrigins = () =>
  ValidateBy({
    name: 'isCorsOrigins',
    validator: {
      validate: (value) =>
        value === '*' ||
        (typeof value === 'string' &&
          splitOrigins(value).length > 0 &&
          splitOrigins(value).every(isOrigin)),
      defaultMessage: (args) => {
        const bad = splitOrigins(String(args?.value)).filter((entry) => !isOrigin(entry));
        return (
          `CORS_ORIGINS must be * or a comma-separated list of origins such as ` +
          `https://crm.example.com,http://localhost:5173 (scheme, host and port as the browser ` +
          `sends them: lower case, no path or trailing slash)` +
          (bad.length ? `; not an origin: ${bad.join(', ')}` : '')
        );
      },
    },
  });

/** Values people copy from examples and forget to replace. */
const PLACEHOLDER_SECRET = /change-?me|changeit|your[-_ ]?(jwt[-_ ]?)?secret/i;
const ONE_REPEATED_CHARACTER = /^(.)\1+$/;

/**
 * The process environment, validated at boot. Anything wrong stops the app
 * with a message naming each bad variable, before a port or database is opened.
 */
export class Environment {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /**
   * Seals ERP connection credentials; the access-token secret when unset.
   * Set it to rotate JWT_SECRET without re-entering every ERP password.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'ERP_SECRET must be at least 32 characters' })
  ERP_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_EXPIRES_IN_SECONDS = 8 * 3600;

  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, {
    message: 'ADMIN_USERNAME must be 3-64 letters, digits, _ . -',
  })
  ADMIN_USERNAME = 'admin';

  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' })
  @MaxLength(256)
  @NotContains(' ', { message: 'ADMIN_PASSWORD must not contain spaces' })
  ADMIN_PASSWORD?: string;

  @IsIn(['0', '1'])
  DEMO_DATA = '0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Wrong passwords allowed per account (and, times five, per IP) in the login window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 900;

  /**
   * Which proxies may set X-Forwarded-For (and so the client IP that login
   * throttling counts): 'loopback', a comma-separated list of CIDRs, or 'false'.
   */
  @IsString()
  @Matches(/^(false|true|loopback|linklocal|uniquelocal|[0-9a-fA-F.:/, ]+)$/, {
    message: "TRUST_PROXY must be 'false', 'loopback' or a list of IPs/CIDRs",
  })
  TRUST_PROXY = 'loopback';

  /**
   * The browser origins allowed to call the API (CORS): `*`, or a
   * comma-separated list. Every origin by default, because credentials travel
   * in headers (a bearer token or an API key that the page's own script sets),
   * never in cookies: a page on another origin cannot borrow a session the
   * browser holds, so it gets nothing its own user could not send with curl.
   * A list narrows which sites may embed calls to the API; it is no access
   * control (a non-browser client ignores CORS).
   */
  @IsCorsOrigins()
  CORS_ORIGINS = '*';

  /** Largest JSON body accepted, in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 10 * 1024 * 1024;

  /** Largest customer import file (xlsx or CSV), in bytes; uploads stream to disk, so this is not memory. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  IMPORT_MAX_FILE_BYTES = 50 * 1024 * 1024;

  /**
   * Largest attachment, in bytes. Attachments are stored in the database and
   * read back into memory whole, so the cap stays well below what a PostgreSQL
   * bytea round trip (sent back as hex text) can carry.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

  /** When the trigger rules are evaluated (cron syntax); replicas never run it at the same time. */
  @IsCronExpression()
  TRIGGER_EVALUATION_CRON = '*/15 * * * *';

  /** When the silent-period scan runs (cron syntax); replicas never run it at the same time. */
  @IsCronExpression()
  SILENT_PERIOD_CRON = '*/15 * * * *';

  /** When the ticket first-response SLA is checked (cron syntax); one replica per tick. */
  @IsCronExpression()
  TICKET_SLA_CRON = '*/5 * * * *';

  /** When the funnel anomaly job evaluates the last complete week (cron syntax); one replica per tick. */
  @IsCronExpression()
  FUNNEL_ANOMALY_CRON = '0 7 * * 1';

  /** When the metrics' daily roll-ups fold their delta rows (cron syntax); one replica per tick. */
  @IsCronExpression()
  ROLLUP_COMPACTION_CRON = '*/10 * * * *';

  /** When stock levels are pulled from the active ERP connection (cron syntax); one replica per tick. */
  @IsCronExpression()
  ERP_STOCK_CRON = '*/15 * * * *';

  /** When the alert rules are evaluated for the week just ended (cron syntax, the organisation's zone). */
  @IsCronExpression()
  ALERT_EVALUATION_CRON = '0 8 * * 1';

  /** How often the knowledge-base pushes that are due are run (cron syntax); one replica per tick. */
  @IsCronExpression()
  KB_PUSH_CRON = '* * * * *';

  /** How often the job queue fails jobs whose lease ran out and archives finished ones, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  QUEUE_MAINTENANCE_SECONDS = 30;

  /** Attempts of one ERP sync job before it is `dead` (API.md §6). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  ERP_SYNC_MAX_ATTEMPTS = 8;

  /** The first retry of an ERP sync job waits 1–2× this, each next one twice as long (jittered). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  ERP_SYNC_RETRY_DELAY_SECONDS = 10;

  /**
   * How long a claimed ERP sync job may run before another worker takes it
   * over (its worker is presumed dead). Keep it above a few ERP timeouts.
   */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(3600)
  ERP_SYNC_LEASE_SECONDS = 120;

  /** ERP sync workers per replica; each claims up to 25 due jobs per poll. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(64)
  ERP_SYNC_WORKERS = 4;

  /** How often an idle ERP sync worker looks for due jobs, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  ERP_SYNC_POLL_SECONDS = 2;

  /** How long a follow-up confirmation link stays valid, in hours. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  CONFIRMATION_TTL_HOURS = 168;
}

export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
  }
}

export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  // An empty variable means unset, so its default applies (as shells and .env files intend).
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const env = plainToInstance(Environment, given, { exposeDefaultValues: true });
  const problems = validateSync(env).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
  for (const name of ['JWT_SECRET', 'ERP_SECRET'] as const) {
    const secret = env[name];
    if (secret && (PLACEHOLDER_SECRET.test(secret) || ONE_REPEATED_CHARACTER.test(secret))) {
      problems.push(`${name} is a placeholder value; set a real secret or leave it unset`);
    }
  }
  if (problems.length) throw new EnvironmentError(problems);
  return env;
}
