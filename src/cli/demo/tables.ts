import type { DataSource, EntityTarget } from 'typeorm';
import { EntityRow, entityTable } from './entity-rows.js';
import type { TableTiming } from './options.js';
import type { BulkWriter } from './writer.js';

/**
 * The generator's way into the tables: rows of an entity, built on demand and written in bulk with
 * the columns its metadata lists; each table's rows and seconds are kept for the summary.
 */
export class DemoTables {
  readonly timings: TableTiming[] = [];

  constructor(
    readonly writer: BulkWriter,
    readonly dataSource: DataSource,
    readonly log: (line: string) => void,
  ) {}

  /** Writes `count` rows of the entity's table; `t0` is when planning them began (for the timing). */
  async write<E>(target: EntityTarget<E>, count: number, make: (i: number) => EntityRow<E>, t0 = performance.now()): Promise<void> {
    const { table, rows } = await this.insert(target, count, make);
    this.record(table, rows, t0);
  }

  /** Writes the rows without a timing line. */
  async insert<E>(target: EntityTarget<E>, count: number, make: (i: number) => EntityRow<E>): Promise<{ table: string; rows: number }> {
    const table = entityTable(this.dataSource, target);
    let lastPrint = performance.now();
    const rows = await this.writer.insert(table.table, table.columns, count, (i) => table.encode(make(i)), (done) => {
      if (performance.now() - lastPrint > 2000) {
        lastPrint = performance.now();
        this.log(`  ${table.table}: ${done.toLocaleString('en-US')} / ${count.toLocaleString('en-US')}`);
      }
    });
    return { table: table.table, rows };
  }

  /** Adds a timing line for work done outside `write` (e.g. totals rebuilt from the ledger). */
  record(table: string, rows: number, t0: number, verb = 'wrote'): void {
    const seconds = (performance.now() - t0) / 1000;
    this.timings.push({ table, rows, seconds });
    this.log(`  ${verb} ${table}: ${rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s`);
  }
}
