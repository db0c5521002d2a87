import { QueryFailedError } from 'typeorm';

/**
 * What a failed query says about the database rather than about the request:
 * - `storage`: it cannot save (disk or file full, read-only, I/O error) — writes fail until an operator acts;
 * - `lock`: another connection held a lock past the lock timeout (DB_LOCK_TIMEOUT_MS);
 * - `lost`: a transaction the database ended by itself (SQLite rolls back on some errors), so nothing of it was saved.
 * Each is answered 503 with Retry-After, never 500 and never a 2xx.
 */
export type DatabaseFault = 'storage' | 'lock' | 'lost';

const SQLITE_STORAGE = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB)/;
const SQLITE_LOCK = /^SQLITE_(BUSY|LOCKED)/;
/** PostgreSQL: disk_full, insufficient_resources, out_of_memory, read_only_sql_transaction, io_error. */
const PG_STORAGE = new Set(['53100', '53000', '53200', '25006', '58030']);
/** PostgreSQL: lock_not_available (lock_timeout), deadlock_detected. */
const PG_LOCK = new Set(['55P03', '40P01']);

/** Thrown when a transaction could not be committed, or was ended by the database under the caller. */
export class TransactionNotSavedError extends Error {
  constructor(
    readonly fault: DatabaseFault,
    readonly driverCode: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'TransactionNotSavedError';
  }
}

function driverCodeOf(e: unknown): string | undefined {
  if (e instanceof TransactionNotSavedError) return e.driverCode;
  const driverError = e instanceof QueryFailedError ? (e as QueryFailedError & { driverError?: { code?: unknown } }).driverError : (e as { code?: unknown } | null);
  const code = driverError?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The kind of database fault behind an error, or null when the error is not one. */
export function databaseFaultOf(e: unknown): DatabaseFault | null {
  if (e instanceof TransactionNotSavedError) return e.fault;
  // Driver errors are matched by their code, not their class (a native driver's error class may come from another realm).
  if (!(e instanceof QueryFailedError) && !(typeof e === 'object' && e !== null && 'code' in e)) return null;
  const code = driverCodeOf(e);
  if (!code) return null;
  if (SQLITE_STORAGE.test(code) || PG_STORAGE.has(code)) return 'storage';
  if (SQLITE_LOCK.test(code) || PG_LOCK.has(code)) return 'lock';
  return null;
}

/** The driver's error code of a database fault, for the log (never its message, which may quote data). */
export function databaseFaultCode(e: unknown): string | undefined {
  return driverCodeOf(e);
}

