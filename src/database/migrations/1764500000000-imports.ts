import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Duplicates and merges of companies: a normalised name key on companies (filled by the service for
 * rows written without it, existing ones included) and the record of each merge so that it can be
 * undone; and the background import jobs. Table API only, so the one migration runs on SQLite and
 * PostgreSQL alike.
 */
export class Imports1764500000000 implements MigrationInterface {
  name = 'Imports1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const ts = pg ? 'timestamptz' : 'datetime';
    const now = pg ? 'now()' : "datetime('now')";

    await q.addColumn('companies', new TableColumn({ name: 'name_key', type: 'varchar', length: '200', isNullable: true }));
    await q.createIndex('companies', new TableIndex({ name: 'idx_companies_name_key', columnNames: ['name_key'] }));

    const fk = (name: string, column: string): TableForeignKey =>
      new TableForeignKey({ name, columnNames: [column], referencedTableName: 'companies', referencedColumnNames: ['id'], onDelete: 'RESTRICT' });
    await q.createTable(
      new Table({
        name: 'company_merges',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'source_company_id', type: 'varchar', length: '36' },
          { name: 'target_company_id', type: 'varchar', length: '36' },
          { name: 'details', type: 'text' },
          { name: 'merged_by_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'undone_at', type: ts, isNullable: true },
          { name: 'undone_by_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: ts, default: now },
          { name: 'updated_at', type: ts, default: now },
          { name: 'version', type: 'integer' },
        ],
        foreignKeys: [fk('fk_company_merges_source', 'source_company_id'), fk('fk_company_merges_target', 'target_company_id')],
        indices: [
          new TableIndex({ name: 'idx_company_merges_source', columnNames: ['source_company_id'] }),
          new TableIndex({ name: 'idx_company_merges_target', columnNames: ['target_company_id'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'import_jobs',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'dry_run', type: 'boolean' },
          { name: 'building_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'file_name', type: 'varchar', length: '255' },
          { name: 'file_path', type: 'varchar', length: '500' },
          { name: 'file_size', type: 'integer' },
          { name: 'actor_id', type: 'varchar', length: '36' },
          { name: 'rows_read', type: 'integer' },
          { name: 'result', type: 'text', isNullable: true },
          { name: 'error', type: 'varchar', length: '2000', isNullable: true },
          { name: 'started_at', type: ts, isNullable: true },
          { name: 'finished_at', type: ts, isNullable: true },
          { name: 'created_at', type: ts, default: now },
          { name: 'updated_at', type: ts, default: now },
          { name: 'version', type: 'integer' },
        ],
        indices: [
          new TableIndex({ name: 'idx_import_jobs_actor', columnNames: ['actor_id', 'id'] }),
          new TableIndex({ name: 'idx_import_jobs_status', columnNames: ['status'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('import_jobs');
    await q.dropTable('company_merges');
    await q.dropIndex('companies', 'idx_companies_name_key');
    await q.dropColumn('companies', 'name_key');
  }
}
