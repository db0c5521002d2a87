import type Database from 'better-sqlite3';
import type { DataSource, QueryRunner } from 'typeorm';

/** A value to bind: node-postgres takes booleans as they are; the SQLite writer turns them into 1/0. */
export type Cell = string | number | boolean | null;
export type Row = Cell[];

/**
 * Bulk inserts for the demo generator, below TypeORM's entity layer: on SQLite through the
 * better-sqlite3 handle TypeORM opened (prepared multi-row INSERTs, one transaction per table);
 * on PostgreSQL through multi-row parameterised INSERTs in one transaction per table.
 */
export interface BulkWriter {
  readonly postgres: boolean;
  /** The table name as SQL, schema-qualified on PostgreSQL. */
  table(name: string): string;
  query<T = Record<string, unknown>>(sql: string, params?: Cell[]): Promise<T[]>;
  /** Foreign keys of the schema: which column of which table refers to which table. */
  foreignKeys(): Promise<ForeignKey[]>;
  /**
   * All or nothing: detaches rows of other tables that refer to the tables (nullable references
   * set to NULL, rows with a required reference deleted), then deletes every row of the tables, in
   * the order given; then, likewise, the rows of `purges` (some rows of a table, each with the
   * references to them detached first). Returns how many rows each detach and purge touched.
   */
  deleteAll(tables: string[], detach: ForeignKey[], purges?: RowPurge[]): Promise<DeleteCounts>;
  /**
   * Inserts `count` rows, each built on demand by `make(i)` (in insertion order) and bound at once,
   * so rows never pile up in memory.
   */
  insert(table: string, columns: string[], count: number, make: (i: number) => Row, onProgress?: (done: number) => void): Promise<number>;
  /** Bulk-load settings on (SQLite pragmas) and back. */
  begin(): void;
  end(): void;
}

export interface ForeignKey {
  table: string;
  column: string;
  references: string;
  /** The referenced column (the primary key, as a rule). */
  referencedColumn: string;
  nullable: boolean;
}

/** Some rows of a table (`where`: an SQL condition on its columns), with the references to them to detach. */
export interface RowPurge {
  table: string;
  where: string;
  detach: ForeignKey[];
}

export interface DeleteCounts {
  /** Rows touched by each detach of the whole-table deletes, in order. */
  detached: number[];
  /** Per purge: rows touched by each of its detaches, and rows deleted. */
  purged: { detached: number[]; deleted: number }[];
}

function detachSql(fk: ForeignKey, table: (name: string) => string): string {
  return fk.nullable
    ? `UPDATE ${table(fk.table)} SET ${quote(fk.column)} = NULL WHERE ${quote(fk.column)} IS NOT NULL`
    : `DELETE FROM ${table(fk.table)} WHERE ${quote(fk.column)} IS NOT NULL`;
}

/** Detaches the rows of `fk.table` that refer to the purged rows only. */
function purgeDetachSql(fk: ForeignKey, purge: RowPurge, table: (name: string) => string): string {
  const target = `${quote(fk.column)} IN (SELECT ${quote(fk.referencedColumn)} FROM ${table(purge.table)} WHERE ${purge.where})`;
  return fk.nullable ? `UPDATE ${table(fk.table)} SET ${quote(fk.column)} = NULL WHERE ${target}` : `DELETE FROM ${table(fk.table)} WHERE ${target}`;
}

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

export function createWriter(dataSource: DataSource): BulkWriter {
  if (dataSource.options.type === 'postgres') return new PostgresWriter(dataSource);
  if (dataSource.options.type === 'better-sqlite3') return new SqliteWriter(dataSource);
  throw new Error(`The demo generator supports PostgreSQL and better-sqlite3, not ${dataSource.options.type}`);
}

/** Progress is reported about every this many rows. */
const PROGRESS_EVERY = 100_000;

/** Rows per INSERT statement on SQLite (well under its 32766-variable limit). */
const SQLITE_ROWS_PER_STATEMENT = 50;

class SqliteWriter implements BulkWriter {
  readonly postgres = false;
  private readonly db: Database.Database;
  private saved: { synchronous: number; cacheSize: number; journalMode: string } | null = null;

  constructor(dataSource: DataSource) {
    this.db = (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
    if (!this.db) throw new Error('The SQLite connection is not open');
  }

  table(name: string): string {
    return quote(name);
  }

  async query<T>(sql: string, params: Cell[] = []): Promise<T[]> {
    const stmt = this.db.prepare(sql);
    const bound = params.map(toSqlite);
    if (stmt.reader) return stmt.all(...bound) as T[];
    stmt.run(...bound);
    return [];
  }

  async foreignKeys(): Promise<ForeignKey[]> {
    const rows = this.db
      .prepare(
        `SELECT m.name AS tbl, f."from" AS col, f."table" AS ref, f."to" AS refcol, i."notnull" AS required
           FROM sqlite_master m
           JOIN pragma_foreign_key_list(m.name) f
           JOIN pragma_table_info(m.name) i ON i.name = f."from"
          WHERE m.type = 'table'`,
      )
      .all() as { tbl: string; col: string; ref: string; refcol: string | null; required: number }[];
    return rows.map((r) => ({ table: r.tbl, column: r.col, references: r.ref, referencedColumn: r.refcol ?? 'id', nullable: !r.required }));
  }

  /**
   * With foreign-key enforcement off for the duration (a DELETE of a parent would otherwise scan
   * every child table once per row), and a foreign_key_check before the commit instead.
   */
  async deleteAll(tables: string[], detach: ForeignKey[], purges: RowPurge[] = []): Promise<DeleteCounts> {
    const enforced = this.db.pragma('foreign_keys', { simple: true }) === 1;
    this.db.pragma('foreign_keys = OFF');
    try {
      return this.db.transaction(() => {
        const touched = detach.map((fk) => this.db.prepare(detachSql(fk, quote)).run().changes);
        for (const t of tables) this.db.prepare(`DELETE FROM ${quote(t)}`).run();
        const purged = purges.map((p) => ({
          detached: p.detach.map((fk) => this.db.prepare(purgeDetachSql(fk, p, quote)).run().changes),
          deleted: this.db.prepare(`DELETE FROM ${quote(p.table)} WHERE ${p.where}`).run().changes,
        }));
        const checked = new Set([
          ...tables,
          ...detach.map((fk) => fk.table),
          ...purges.flatMap((p) => [p.table, ...p.detach.map((fk) => fk.table)]),
        ]);
        for (const t of checked) {
          const problems = this.db.prepare(`SELECT * FROM pragma_foreign_key_check(?)`).all(t);
          if (problems.length > 0) {
            throw new Error(`Resetting would leave ${problems.length} rows of ${t} pointing at deleted rows: ${JSON.stringify(problems[0])}`);
          }
        }
        return { detached: touched, purged };
      })();
    } finally {
      if (enforced) this.db.pragma('foreign_keys = ON');
    }
  }

  begin(): void {
    // A bulk load of demo rows: a power cut may lose it (a rerun restores it), so no fsync; and,
    // when no other process has the file open, a rollback journal instead of the WAL, which would
    // write every new page twice (WAL, then checkpoint). The service's settings come back in end().
    this.saved = {
      synchronous: this.db.pragma('synchronous', { simple: true }) as number,
      cacheSize: this.db.pragma('cache_size', { simple: true }) as number,
      journalMode: this.db.pragma('journal_mode', { simple: true }) as string,
    };
    this.db.pragma('synchronous = OFF');
    // Small on purpose: rows go in in key order, so a big cache only costs memory to fill.
    this.db.pragma('cache_size = -65536');
    if (this.saved.journalMode === 'wal') {
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
        this.db.pragma('journal_mode = TRUNCATE');
      } catch {
        // Another connection holds the database: stay in WAL mode.
      }
    }
  }

  end(): void {
    if (!this.saved) return;
    const saved = this.saved;
    this.saved = null;
    if ((this.db.pragma('journal_mode', { simple: true }) as string) !== saved.journalMode) {
      // (Every connection the service opens sets WAL again, should this ever fail.)
      this.db.pragma(`journal_mode = ${saved.journalMode}`);
    } else if (saved.journalMode === 'wal') {
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // Busy: SQLite's automatic checkpoints will fold the WAL in later.
      }
    }
    this.db.pragma(`synchronous = ${saved.synchronous}`);
    this.db.pragma(`cache_size = ${saved.cacheSize}`);
  }

  /**
   * One transaction per table: the table's secondary indexes are dropped, the rows go in (in id
   * order, so the primary-key index only appends), and the indexes are rebuilt from their own SQL,
   * which sorts once instead of updating a B-tree per row. All or nothing: an error or a kill
   * leaves the table and its indexes as they were.
   */
  async insert(table: string, columns: string[], count: number, make: (i: number) => Row, onProgress?: (done: number) => void): Promise<number> {
    const width = columns.length;
    const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES `;
    const tuple = `(${new Array(width).fill('?').join(', ')})`;
    const B = SQLITE_ROWS_PER_STATEMENT;
    const many = this.db.prepare(head + new Array(B).fill(tuple).join(', '));
    const one = this.db.prepare(head + tuple);
    const flat: unknown[] = new Array(width * B);
    const indexes = this.db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
      .all(table) as { name: string; sql: string }[];
    this.db.transaction(() => {
      for (const index of indexes) this.db.exec(`DROP INDEX ${quote(index.name)}`);
      let i = 0;
      for (; i + B <= count; i += B) {
        let k = 0;
        for (let r = 0; r < B; r++) {
          const row = make(i + r);
          for (let c = 0; c < width; c++) flat[k++] = toSqlite(row[c]);
        }
        many.run(flat);
        if ((i + B) % PROGRESS_EVERY < B) onProgress?.(i + B);
      }
      for (; i < count; i++) one.run(make(i).map(toSqlite));
      for (const index of indexes) this.db.exec(index.sql);
    })();
    await new Promise((resolve) => setImmediate(resolve));
    return count;
  }
}

function toSqlite(v: Cell): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/** PostgreSQL takes at most 65535 parameters per statement. */
const PG_MAX_PARAMS = 60_000;
const PG_MAX_ROWS = 2_000;

class PostgresWriter implements BulkWriter {
  readonly postgres = true;
  private readonly schema: string | undefined;

  constructor(private readonly dataSource: DataSource) {
    this.schema = (dataSource.options as { schema?: string }).schema;
  }

  table(name: string): string {
    return this.schema ? `${quote(this.schema)}.${quote(name)}` : quote(name);
  }

  async query<T>(sql: string, params: Cell[] = []): Promise<T[]> {
    return (await this.dataSource.query(sql, params)) as T[];
  }

  async foreignKeys(): Promise<ForeignKey[]> {
    const rows = (await this.dataSource.query(
      `SELECT tc.table_name AS tbl, kcu.column_name AS col, ccu.table_name AS ref, ccu.column_name AS refcol, cols.is_nullable AS nullable
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu
           ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
         JOIN information_schema.constraint_column_usage ccu
           ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
         JOIN information_schema.columns cols
           ON cols.table_schema = tc.table_schema AND cols.table_name = tc.table_name AND cols.column_name = kcu.column_name
        WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = COALESCE($1, current_schema())`,
      [this.schema ?? null],
    )) as { tbl: string; col: string; ref: string; refcol: string; nullable: string }[];
    return rows.map((r) => ({ table: r.tbl, column: r.col, references: r.ref, referencedColumn: r.refcol, nullable: r.nullable === 'YES' }));
  }

  async deleteAll(tables: string[], detach: ForeignKey[], purges: RowPurge[] = []): Promise<DeleteCounts> {
    const touched: number[] = [];
    const purged: DeleteCounts['purged'] = [];
    const table = (t: string): string => this.table(t);
    const run = async (qr: QueryRunner, text: string): Promise<number> => ((await qr.query(text, [], true)) as { affected?: number }).affected ?? 0;
    await this.inTransaction(async (qr) => {
      for (const fk of detach) touched.push(await run(qr, detachSql(fk, table)));
      for (const t of tables) await qr.query(`DELETE FROM ${this.table(t)}`);
      for (const p of purges) {
        const detached: number[] = [];
        for (const fk of p.detach) detached.push(await run(qr, purgeDetachSql(fk, p, table)));
        purged.push({ detached, deleted: await run(qr, `DELETE FROM ${this.table(p.table)} WHERE ${p.where}`) });
      }
    });
    return { detached: touched, purged };
  }

  begin(): void {}
  end(): void {}

  async insert(table: string, columns: string[], count: number, make: (i: number) => Row, onProgress?: (done: number) => void): Promise<number> {
    const width = columns.length;
    const perStatement = Math.max(1, Math.min(PG_MAX_ROWS, Math.floor(PG_MAX_PARAMS / width)));
    const head = `INSERT INTO ${this.table(table)} (${columns.map(quote).join(', ')}) VALUES `;
    const statements = new Map<number, string>();
    const sqlFor = (n: number): string => {
      let sql = statements.get(n);
      if (!sql) {
        const tuples: string[] = [];
        for (let r = 0; r < n; r++) {
          const ps: string[] = [];
          for (let c = 0; c < width; c++) ps.push(`$${r * width + c + 1}`);
          tuples.push(`(${ps.join(', ')})`);
        }
        sql = head + tuples.join(', ');
        statements.set(n, sql);
      }
      return sql;
    };
    await this.inTransaction(async (qr) => {
      for (let i = 0; i < count; i += perStatement) {
        const n = Math.min(perStatement, count - i);
        const params: Cell[] = new Array(n * width);
        let k = 0;
        for (let r = 0; r < n; r++) {
          const row = make(i + r);
          for (let c = 0; c < width; c++) params[k++] = row[c];
        }
        await qr.query(sqlFor(n), params);
        if ((i + n) % PROGRESS_EVERY < n) onProgress?.(i + n);
      }
    });
    return count;
  }

  private async inTransaction(work: (qr: QueryRunner) => Promise<void>): Promise<void> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      try {
        await work(qr);
        await qr.commitTransaction();
      } catch (e) {
        await qr.rollbackTransaction();
        throw e;
      }
    } finally {
      await qr.release();
    }
  }
}
