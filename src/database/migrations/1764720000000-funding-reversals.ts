import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Corrections of funds in place, the ledger way: a reversing entry (a funding row with the negated
 * amount) and this link from it to the entry it reverses, with the reason. The original entry stays
 * as it was. One reversal per entry (unique), and the fundings table itself is not rewritten.
 */
export class FundingReversals1764720000000 implements MigrationInterface {
  name = 'FundingReversals1764720000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.createTable(
      new Table({
        name: 'funding_reversals',
        columns: [
          { name: 'reversal_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'original_id', type: 'varchar', length: '36' },
          { name: 'reason', type: 'varchar', length: '500' },
          { name: 'actor_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: pg ? 'timestamptz' : 'datetime', default: pg ? 'now()' : "datetime('now')" },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_funding_reversals_reversal',
            columnNames: ['reversal_id'],
            referencedTableName: 'fundings',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            name: 'fk_funding_reversals_original',
            columnNames: ['original_id'],
            referencedTableName: 'fundings',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
        indices: [new TableIndex({ name: 'uq_funding_reversals_original', columnNames: ['original_id'], isUnique: true })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('funding_reversals');
  }
}
