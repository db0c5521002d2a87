import { Logger } from '@nestjs/common';
import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { DataSource, EntitySubscriberInterface, type QueryRunner } from 'typeorm';
import { databaseFaultCode, databaseFaultOf, TransactionNotSavedError } from '../common/errors/database-faults.js';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent.js';

/**
 * How long a failed write keeps /health reporting the database down without a successful write since
 * (ms): SQLite also needs room in the file and on its disk again (a file-size limit is not seen there).
 */
const SQLITE_FAILURE_HOLD_MS = 10_000;
const PG_FAILURE_HOLD_MS = 30_000;
/** Room the SQLite file must have again (in its page limit and on its disk) before /health reports it up without a successful write. */
const SQLITE_MIN_ROOM_BYTES = 1024 * 1024;

/**
 * Whether the database can save right now, as seen from the writes themselves: `SELECT 1` answers on a
 * full disk, so /health alone cannot tell. A write that fails for lack of storage marks the database
 * failing; a committed write marks it saving again, and so do 10 seconds without another failed write
 * and room in the file and on its disk again (SQLite), or 30 seconds without one (PostgreSQL).
 */
export class DatabaseStatus {
  private failure: { at: number; code?: string } | null = null;
  private readonly logger = new Logger('Database');

  constructor(private readonly dataSource: DataSource) {}

  writeFailed(code: string | undefined): void {
    if (!this.failure) this.logger.error({ event: 'database cannot save', code, message: 'writes fail until the database has room (or is writable) again; see /health' });
    this.failure = { at: performance.now(), code };
  }

  writeSaved(): void {
    if (this.failure) this.logger.log({ event: 'database saving again' });
    this.failure = null;
  }

  /** True while the last write failed for lack of storage and nothing says it would succeed now. */
  failing(): boolean {
    if (!this.failure) return false;
    const since = performance.now() - this.failure.at;
    const recovered = this.dataSource.options.type === 'better-sqlite3' ? since > SQLITE_FAILURE_HOLD_MS && sqliteHasRoom(this.dataSource) : since > PG_FAILURE_HOLD_MS;
    if (recovered) this.writeSaved();
    return !recovered;
  }
}

/** The better-sqlite3 connection behind the data source (TypeORM keeps one per SQLite data source). */
export function sqliteConnection(dataSource: DataSource): Database.Database {
  return (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
}

/** The file and its directory writable, and a megabyte of room under the page limit and on the disk. */
function sqliteHasRoom(dataSource: DataSource): boolean {
  try {
    const db = sqliteConnection(dataSource);
    const file = db.name;
    accessSync(file, constants.W_OK);
    accessSync(dirname(file), constants.W_OK);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    const free = db.pragma('freelist_count', { simple: true }) as number;
    const max = db.pragma('max_page_count', { simple: true }) as number;
    if ((max - pages + free) * pageSize < SQLITE_MIN_ROOM_BYTES) return false;
    const fs = statfsSync(dirname(file));
    return fs.bavail * fs.bsize >= SQLITE_MIN_ROOM_BYTES;
  } catch {
    return false;
  }
}

const WRITE_STATEMENT = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;

/** Feeds DatabaseStatus from every query TypeORM runs, on both databases. */
class WriteOutcomeSubscriber implements EntitySubscriberInterface {
  constructor(private readonly status: DatabaseStatus) {}

  afterQuery(event: AfterQueryEvent): void {
    if (!event.success) {
      if (databaseFaultOf(event.error) === 'storage') this.status.writeFailed(databaseFaultCode(event.error));
      return;
    }
    const q = event.query.trimStart().slice(0, 8).toUpperCase();
    if (q.startsWith('COMMIT') || (WRITE_STATEMENT.test(event.query) && !event.queryRunner?.isTransactionActive)) this.status.writeSaved();
  }
}

interface SqliteRunnerInternals {
  transactionDepth: number;
  isTransactionActive: boolean;
}

/**
 * TypeORM shares ONE better-sqlite3 connection and keeps its own count of open transactions. When a
 * COMMIT failed (SQLITE_FULL, an I/O error), SQLite may have rolled the transaction back itself, so
 * TypeORM's ROLLBACK failed too ("no transaction is active") and its count stayed at 1: every later
 * transaction became a SAVEPOINT inside a transaction nobody would ever commit, answered 201 and
 * lost at the next restart. Here the shared runner is made to leave the connection clean whatever
 * happens: a failed COMMIT or ROLLBACK of the outermost transaction rolls back what is left and
 * resets the count; a statement inside a transaction the database already ended fails instead of
 * running on its own (autocommit); a transaction never starts inside a stray one.
 */
export function guardSqliteTransactions(dataSource: DataSource): void {
  const runner = dataSource.driver.createQueryRunner('master') as QueryRunner & SqliteRunnerInternals;
  const db = (): Database.Database => sqliteConnection(dataSource);
  const logger = new Logger('Database');
  const query = runner.query.bind(runner);
  const start = runner.startTransaction.bind(runner);
  const commit = runner.commitTransaction.bind(runner);
  const rollback = runner.rollbackTransaction.bind(runner);

  /** Ends whatever transaction the connection still has and zeroes TypeORM's count. */
  const reset = (): void => {
    try {
      if (db().inTransaction) db().exec('ROLLBACK');
    } catch (e) {
      logger.error({ event: 'rollback failed', code: databaseFaultCode(e) });
    }
    runner.transactionDepth = 0;
    runner.isTransactionActive = false;
  };

  runner.query = (async (text: string, parameters?: unknown[], structured?: boolean) => {
    if (runner.transactionDepth > 0 && !db().inTransaction && !/^\s*(ROLLBACK|COMMIT)\b/i.test(text)) {
      throw new TransactionNotSavedError('lost', undefined, 'The database ended the transaction (after an earlier error); nothing of it was saved');
    }
    return (query as (q: string, p?: unknown[], s?: boolean) => Promise<unknown>)(text, parameters, structured);
  }) as QueryRunner['query'];

  runner.startTransaction = async (isolation) => {
    if (runner.transactionDepth === 0 && db().inTransaction) {
      logger.error({ event: 'stray transaction rolled back', message: 'the shared connection had a transaction open outside any caller' });
      reset();
    }
    return start(isolation);
  };

  runner.commitTransaction = async () => {
    const outermost = runner.transactionDepth <= 1;
    if (outermost && runner.isTransactionActive && !db().inTransaction) {
      reset();
      throw new TransactionNotSavedError('lost', undefined, 'The database ended the transaction before it was committed; nothing of it was saved');
    }
    try {
      await commit();
    } catch (e) {
      if (!outermost) throw e;
      reset();
      throw new TransactionNotSavedError(databaseFaultOf(e) ?? 'storage', databaseFaultCode(e), 'The transaction could not be committed; nothing of it was saved');
    }
  };

  runner.rollbackTransaction = async () => {
    if (runner.transactionDepth <= 1) {
      // The outermost transaction: whatever happens, the connection is left without one.
      if (!runner.isTransactionActive) return rollback();
      try {
        if (db().inTransaction) await rollback();
      } finally {
        reset();
      }
      return;
    }
    return rollback();
  };
}

/** Installs the write outcome tracking (both databases) and, on SQLite, the transaction guard. */
export function guardWrites(dataSource: DataSource): DatabaseStatus {
  const status = new DatabaseStatus(dataSource);
  dataSource.subscribers.push(new WriteOutcomeSubscriber(status));
  if (dataSource.options.type === 'better-sqlite3') guardSqliteTransactions(dataSource);
  STATUS.set(dataSource, status);
  return status;
}

const STATUS = new WeakMap<DataSource, DatabaseStatus>();

/** The status guardWrites installed for this data source (a fresh one when none was). */
export function databaseStatusOf(dataSource: DataSource): DatabaseStatus {
  return STATUS.get(dataSource) ?? guardWrites(dataSource);
}
