import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Plan progress: daily funds-in-place totals (maintained with every funding write, so progress reads
 * a few thousand rows instead of a million), hand-entered indicator values, and an index for
 * counting signed Beijing–Hebei projects.
 */
export class Progress1764300000000 implements MigrationInterface {
  name = 'Progress1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const ts = pg ? 'timestamptz' : 'datetime';
    const now = pg ? 'now()' : "datetime('now')";

    await q.createTable(
      new Table({
        name: 'funding_day_totals',
        columns: [
          { name: 'day', type: 'date', isPrimary: true },
          { name: 'currency', type: 'varchar', length: '3', isPrimary: true },
          { name: 'jingji', type: 'boolean', isPrimary: true },
          { name: 'status', type: 'varchar', length: '16', isPrimary: true },
          { name: 'amount', type: 'bigint' },
          { name: 'entries', type: 'integer' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'indicator_values',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'plan_code', type: 'varchar', length: '32' },
          { name: 'indicator_code', type: 'varchar', length: '48' },
          { name: 'date', type: 'date' },
          { name: 'value', type: 'varchar', length: '32' },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_by_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: ts, default: now },
          { name: 'updated_at', type: ts, default: now },
          { name: 'version', type: 'integer' },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_indicator_values_plan',
            columnNames: ['plan_code'],
            referencedTableName: 'plans',
            referencedColumnNames: ['code'],
            onDelete: 'RESTRICT',
          }),
        ],
        indices: [new TableIndex({ name: 'uq_indicator_values_date', columnNames: ['plan_code', 'indicator_code', 'date'], isUnique: true })],
      }),
    );
    await q.createIndex(
      'projects',
      new TableIndex({ name: 'idx_projects_jingji_signed', columnNames: ['jingji', 'signed_at', 'archived_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('projects', 'idx_projects_jingji_signed');
    await q.dropTable('indicator_values');
    await q.dropTable('funding_day_totals');
  }
}
