import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Breakdowns of funds in place sum a million entries by project: with the project and the amount in
 * the (currency, date) index the scan never touches the table (about 2 s → 1 s per breakdown at the
 * benchmark size on SQLite). It replaces the narrower index it extends.
 */
export class FundingsCovering1764650000000 implements MigrationInterface {
  name = 'FundingsCovering1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('fundings', new TableIndex({ name: 'idx_fundings_date_cover', columnNames: ['currency', 'date', 'project_id', 'amount'] }));
    await q.dropIndex('fundings', 'idx_fundings_date');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('fundings', new TableIndex({ name: 'idx_fundings_date', columnNames: ['currency', 'date'] }));
    await q.dropIndex('fundings', 'idx_fundings_date_cover');
  }
}
