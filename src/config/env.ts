import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { isValidTimeZone } from '../common/time/district-clock.js';
import { parseWebhookTargetPolicy } from '../common/net/webhook-targets.js';
import { passwordProblems } from '../common/auth/password-policy.js';

/**
 * Every environment variable the service reads, with its default. Validated once at boot: the
 * service refuses to start and lists every problem at once, rather than failing later at first use.
 */
export class Env {
  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt({ message: 'PORT must be an integer' })
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @MinLength(1, { message: 'SQLITE_PATH must not be empty' })
  SQLITE_PATH = './data/crm.sqlite';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** PostgreSQL schema to use (tests give each run its own). */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier' })
  DATABASE_SCHEMA?: string;

  /** How long a statement waits for a lock another connection holds (SQLite busy_timeout, PostgreSQL lock_timeout) before 503 (ms). */
  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt({ message: 'DB_LOCK_TIMEOUT_MS must be an integer' })
  @Min(1)
  @Max(600000)
  DB_LOCK_TIMEOUT_MS = 5000;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key this instance writes (tests give each run its own). */
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'REDIS_PREFIX must be 1–64 letters, digits, _ . -' })
  REDIS_PREFIX = 'heping';

  /** Also held to the password policy (not the username "admin", not one repeated character, not a common password). */
  @IsOptional()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  /** HS256 signing key for access tokens; when unset, one is generated once and kept in the database. */
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Lifetime of an access token in seconds (default 8 hours: one working day). */
  @Transform(({ value }) => (value === undefined || value === '' ? 28800 : Number(value)))
  @IsInt({ message: 'JWT_TTL_SECONDS must be an integer' })
  @Min(60)
  JWT_TTL_SECONDS = 28800;

  /** Failed logins per account and address (or per trusted device) within a minute before 429. */
  @Transform(({ value }) => (value === undefined || value === '' ? 5 : Number(value)))
  @IsInt({ message: 'LOGIN_MAX_FAILURES must be an integer' })
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  /** Failed logins per account within a minute, from clients it has not seen sign in, before such clients get 429. */
  @Transform(({ value }) => (value === undefined || value === '' ? 20 : Number(value)))
  @IsInt({ message: 'LOGIN_ACCOUNT_MAX_FAILURES must be an integer' })
  @Min(1)
  LOGIN_ACCOUNT_MAX_FAILURES = 20;

  /** Login requests per address per minute, failed or not (trusted devices excepted). */
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt({ message: 'LOGIN_RATE_LIMIT must be an integer' })
  @Min(1)
  LOGIN_RATE_LIMIT = 30;

  /** Days a device cookie, and an address an account signed in from, stay trusted by the login throttle. */
  @Transform(({ value }) => (value === undefined || value === '' ? 90 : Number(value)))
  @IsInt({ message: 'LOGIN_TRUST_DAYS must be an integer' })
  @Min(1)
  @Max(400)
  LOGIN_TRUST_DAYS = 90;

  /** Comma-separated origins allowed by CORS; empty: no cross-origin access. */
  @IsString()
  CORS_ORIGINS = '';

  @IsString()
  TZ_DISTRICT = 'Asia/Shanghai';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Largest accepted JSON body, as body-parser reads it ("1mb", "100kb"). */
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT = '1mb';

  /** Days ahead within which a unit's lease end is listed as expiring (GET /api/v1/units/lease-expiring). */
  @Transform(({ value }) => (value === undefined || value === '' ? 90 : Number(value)))
  @IsInt({ message: 'LEASE_EXPIRY_WINDOW_DAYS must be an integer' })
  @Min(1)
  @Max(3650)
  LEASE_EXPIRY_WINDOW_DAYS = 90;

  /** Run the queue workers in this process; `false` for an API-only instance (see `npm run worker`). */
  @IsIn(['true', 'false'])
  WORKERS = 'true';

  /** BullMQ lock of a running job (ms): a worker that dies mid-job loses its job to another worker after this. */
  @Transform(({ value }) => (value === undefined || value === '' ? 30000 : Number(value)))
  @IsInt({ message: 'QUEUE_LOCK_MS must be an integer' })
  @Min(200)
  QUEUE_LOCK_MS = 30000;

  /** How often workers look for jobs whose lock expired (ms). */
  @Transform(({ value }) => (value === undefined || value === '' ? 30000 : Number(value)))
  @IsInt({ message: 'QUEUE_STALLED_MS must be an integer' })
  @Min(100)
  QUEUE_STALLED_MS = 30000;

  /** How often the reconciler re-enqueues scheduled reminders and pending deliveries whose job is missing (ms). */
  @Transform(({ value }) => (value === undefined || value === '' ? 300000 : Number(value)))
  @IsInt({ message: 'RECONCILE_INTERVAL_MS must be an integer' })
  @Min(1000)
  RECONCILE_INTERVAL_MS = 300000;

  /** Attempts per channel delivery (WeCom, DingTalk, webhook) before it is FAILED. */
  @Transform(({ value }) => (value === undefined || value === '' ? 6 : Number(value)))
  @IsInt({ message: 'DELIVERY_ATTEMPTS must be an integer' })
  @Min(1)
  @Max(20)
  DELIVERY_ATTEMPTS = 6;

  /** First retry delay of a failed delivery (ms); it doubles with each attempt. */
  @Transform(({ value }) => (value === undefined || value === '' ? 10000 : Number(value)))
  @IsInt({ message: 'DELIVERY_BACKOFF_MS must be an integer' })
  @Min(10)
  DELIVERY_BACKOFF_MS = 10000;

  /** Time allowed for one HTTP call to a robot or webhook (ms). */
  @Transform(({ value }) => (value === undefined || value === '' ? 10000 : Number(value)))
  @IsInt({ message: 'DELIVERY_TIMEOUT_MS must be an integer' })
  @Min(100)
  @Max(120000)
  DELIVERY_TIMEOUT_MS = 10000;

  /** Messages one group robot (channel) receives in any minute at most; more wait their turn. WeCom and DingTalk accept about 20. */
  @Transform(({ value }) => (value === undefined || value === '' ? 18 : Number(value)))
  @IsInt({ message: 'ROBOT_RATE_PER_MINUTE must be an integer' })
  @Min(1)
  @Max(600)
  ROBOT_RATE_PER_MINUTE = 18;

  /**
   * Robots and webhooks on internal addresses that channels may target, comma-separated: host names
   * (`robot.corp.example`, `*.corp.example`), IP addresses or CIDR ranges (`10.8.0.0/16`). Empty: only
   * public addresses (loopback, private, link-local and metadata addresses are refused).
   */
  @IsString()
  ALLOWED_WEBHOOK_HOSTS = '';

  /** Days without an activity after which an open project is flagged to its owner; twice as many escalate to leaders. */
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt({ message: 'STALE_PROJECT_DAYS must be an integer' })
  @Min(1)
  @Max(365)
  STALE_PROJECT_DAYS = 30;

  /** Days past a problem's deadline (its department's contacts were told the day after it) before the leaders are told (督办). */
  @Transform(({ value }) => (value === undefined || value === '' ? 7 : Number(value)))
  @IsInt({ message: 'PROBLEM_ESCALATION_DAYS must be an integer' })
  @Min(1)
  @Max(365)
  PROBLEM_ESCALATION_DAYS = 7;

  /** Days without a vacancy update after which a building's managers are reminded; twice as many escalate to admins. */
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt({ message: 'VACANCY_STALE_DAYS must be an integer' })
  @Min(1)
  @Max(365)
  VACANCY_STALE_DAYS = 30;

  /** Days without an activity after which an officer's open lead returns to the shared pool (公海). */
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt({ message: 'LEAD_POOL_DAYS must be an integer' })
  @Min(1)
  @Max(365)
  LEAD_POOL_DAYS = 30;

  /** Days before that return when the lead's owner is warned (0: no warning). */
  @Transform(({ value }) => (value === undefined || value === '' ? 5 : Number(value)))
  @IsInt({ message: 'LEAD_POOL_WARN_DAYS must be an integer' })
  @Min(0)
  @Max(365)
  LEAD_POOL_WARN_DAYS = 5;

  /** Open leads an officer may hold from the pool at once (claimed, not yet converted or disqualified). */
  @Transform(({ value }) => (value === undefined || value === '' ? 20 : Number(value)))
  @IsInt({ message: 'LEAD_POOL_CLAIM_LIMIT must be an integer' })
  @Min(1)
  @Max(10000)
  LEAD_POOL_CLAIM_LIMIT = 20;

  /** The follow-up scan creates the reminders of follow-ups that came due within this many days (the stale scans report every backlog once, summarised). */
  @Transform(({ value }) => (value === undefined || value === '' ? 7 : Number(value)))
  @IsInt({ message: 'SCAN_LOOKBACK_DAYS must be an integer' })
  @Min(1)
  @Max(365)
  SCAN_LOOKBACK_DAYS = 7;

  /** Largest accepted import file (MB); larger uploads get 413. */
  @Transform(({ value }) => (value === undefined || value === '' ? 50 : Number(value)))
  @IsInt({ message: 'IMPORT_MAX_FILE_MB must be an integer' })
  @Min(1)
  @Max(1024)
  IMPORT_MAX_FILE_MB = 50;

  /** Rows per import batch: one transaction each, all or nothing. */
  @Transform(({ value }) => (value === undefined || value === '' ? 500 : Number(value)))
  @IsInt({ message: 'IMPORT_BATCH_SIZE must be an integer' })
  @Min(1)
  @Max(10000)
  IMPORT_BATCH_SIZE = 500;

  /** Where uploads of background imports wait for a queue worker (shared storage when workers run elsewhere). */
  @IsString()
  @MinLength(1, { message: 'IMPORT_DIR must not be empty' })
  IMPORT_DIR = './data/imports';

  /** What all parts of an uploaded .xlsx may unzip to together (MB); past it the import stops with 413. */
  @Transform(({ value }) => (value === undefined || value === '' ? 256 : Number(value)))
  @IsInt({ message: 'IMPORT_MAX_UNZIPPED_MB must be an integer' })
  @Min(1)
  @Max(4096)
  IMPORT_MAX_UNZIPPED_MB = 256;

  /** What a workbook's shared strings (held in memory while its rows are read) may unzip to (MB); past it, 413. */
  @Transform(({ value }) => (value === undefined || value === '' ? 32 : Number(value)))
  @IsInt({ message: 'IMPORT_MAX_SHARED_STRINGS_MB must be an integer' })
  @Min(1)
  @Max(1024)
  IMPORT_MAX_SHARED_STRINGS_MB = 32;

  /** Longest cell text an import reads (characters; Excel's own limit is 32,767); past it, 413. */
  @Transform(({ value }) => (value === undefined || value === '' ? 32767 : Number(value)))
  @IsInt({ message: 'IMPORT_MAX_CELL_CHARS must be an integer' })
  @Min(100)
  IMPORT_MAX_CELL_CHARS = 32767;

  /** Longest row an import reads: a CSV line or a worksheet row, all cells and separators (characters); past it, 413. */
  @Transform(({ value }) => (value === undefined || value === '' ? 1000000 : Number(value)))
  @IsInt({ message: 'IMPORT_MAX_ROW_CHARS must be an integer' })
  @Min(1000)
  IMPORT_MAX_ROW_CHARS = 1000000;

  /** Imports (direct, not background) this process runs at once; more get 429 with Retry-After. */
  @Transform(({ value }) => (value === undefined || value === '' ? 2 : Number(value)))
  @IsInt({ message: 'IMPORT_CONCURRENCY must be an integer' })
  @Min(1)
  @Max(64)
  IMPORT_CONCURRENCY = 2;

  /** Imports (direct, not background) one user runs at once; more get 429 with Retry-After. */
  @Transform(({ value }) => (value === undefined || value === '' ? 1 : Number(value)))
  @IsInt({ message: 'IMPORT_CONCURRENCY_PER_USER must be an integer' })
  @Min(1)
  @Max(64)
  IMPORT_CONCURRENCY_PER_USER = 1;

  /** Where backups of the SQLite database go (npm run backup and the scheduled backup); unset: `backups/` beside SQLITE_PATH. */
  @IsOptional()
  @IsString()
  BACKUP_DIR?: string;

  /** Backups older than this many days are removed after each backup. */
  @Transform(({ value }) => (value === undefined || value === '' ? 14 : Number(value)))
  @IsInt({ message: 'BACKUP_KEEP_DAYS must be an integer' })
  @Min(1)
  @Max(3650)
  BACKUP_KEEP_DAYS = 14;

  /** When the worker backs up the SQLite database: a cron pattern in TZ_DISTRICT (default daily 03:00), or `off`. */
  @Matches(/^(off|[0-9*/,-]+( [0-9*/,-]+){4})$/, { message: 'BACKUP_SCHEDULE must be a five-field cron pattern such as "0 3 * * *", or off' })
  BACKUP_SCHEDULE = '0 3 * * *';

  /** Row problems listed in an import report; beyond, they are only counted. */
  @Transform(({ value }) => (value === undefined || value === '' ? 1000 : Number(value)))
  @IsInt({ message: 'IMPORT_MAX_ERRORS must be an integer' })
  @Min(1)
  IMPORT_MAX_ERRORS = 1000;

  /** The address users reach the service at, for full links in messages (the weekly digest's link to the dashboard). */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL such as https://zhaoshang.heping.gov.cn' })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** Load the seeds/ reference data at start (upsert by code). */
  @IsIn(['true', 'false'])
  SEED_REFERENCE_DATA = 'true';
}

export function validateEnv(raw: Record<string, unknown>): Env {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(Env, defined, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  if (!isValidTimeZone(env.TZ_DISTRICT)) problems.push(`TZ_DISTRICT '${env.TZ_DISTRICT}' is not a known IANA time zone`);
  try {
    parseWebhookTargetPolicy(env.ALLOWED_WEBHOOK_HOSTS);
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (typeof env.ADMIN_PASSWORD === 'string') {
    for (const p of passwordProblems(env.ADMIN_PASSWORD, 'admin')) problems.push(`ADMIN_PASSWORD is refused by the password policy: ${p.message} (${p.code})`);
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return env;
}

/** For process entry points (API, worker, CLI): the validated configuration, or every problem printed and exit 1. */
export function envOrExit(raw: Record<string, unknown> = process.env): Env {
  try {
    return validateEnv(raw);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
