import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { TransactionNotSavedError } from '../common/errors/database-faults.js';
import { guardWrites, sqliteConnection } from './write-guard.js';

/**
 * The transaction guard on TypeORM's one shared SQLite connection. SQLite ends a transaction by itself
 * on some errors (SQLITE_FULL, I/O errors); here that is done by hand on the raw connection, which
 * is what TypeORM then faces.
 */
describe('SQLite transaction guard', () => {
  let dir: string;
  let ds: DataSource;
  let other: Database.Database;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guard-'));
    ds = await new DataSource({ type: 'better-sqlite3', database: join(dir, 'g.sqlite'), prepareDatabase: (db: Database.Database) => void db.pragma('journal_mode = WAL') }).initialize();
    guardWrites(ds);
    await ds.query('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    other = new Database(join(dir, 'g.sqlite'), { readonly: true });
  });
  afterEach(async () => {
    other.close();
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const committed = (): string[] => (other.prepare('SELECT v FROM t ORDER BY id').all() as { v: string }[]).map((r) => r.v);
  const runner = (): { transactionDepth: number; isTransactionActive: boolean } => ds.driver.createQueryRunner('master') as never;

  it('fails a transaction SQLite already ended, saves none of it, and leaves the connection clean for the next', async () => {
    const lost = ds.transaction(async (em) => {
      await em.query("INSERT INTO t (v) VALUES ('before')");
      sqliteConnection(ds).exec('ROLLBACK'); // what SQLITE_FULL may do under the caller
      await em.query("INSERT INTO t (v) VALUES ('after')");
    });
    await expect(lost).rejects.toBeInstanceOf(TransactionNotSavedError);
    expect({ depth: runner().transactionDepth, active: runner().isTransactionActive, open: sqliteConnection(ds).inTransaction }).toEqual({ depth: 0, active: false, open: false });
    expect(committed()).toEqual([]);

    await ds.transaction((em) => em.query("INSERT INTO t (v) VALUES ('next')"));
    expect(sqliteConnection(ds).inTransaction).toBe(false);
    expect(committed()).toEqual(['next']);
  });

  it('fails the commit of a transaction ended before COMMIT, and the next transaction is a real one', async () => {
    await expect(
      ds.transaction(async (em) => {
        await em.query("INSERT INTO t (v) VALUES ('gone')");
        sqliteConnection(ds).exec('ROLLBACK');
      }),
    ).rejects.toBeInstanceOf(TransactionNotSavedError);
    await ds.transaction(async (em) => {
      await em.query("INSERT INTO t (v) VALUES ('kept')");
      expect(sqliteConnection(ds).inTransaction).toBe(true);
    });
    expect(committed()).toEqual(['kept']);
  });
});
