import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/** Users' building assignments, the audit trail and server-side secrets (the JWT key when JWT_SECRET is unset). */
export class AuthAudit1764100000000 implements MigrationInterface {
  name = 'AuthAudit1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const ts = pg ? 'timestamptz' : 'datetime';
    const now = pg ? 'now()' : "datetime('now')";

    await q.createTable(
      new Table({
        name: 'building_managers',
        columns: [
          { name: 'building_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_building_managers_building',
            columnNames: ['building_id'],
            referencedTableName: 'buildings',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'fk_building_managers_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [new TableIndex({ name: 'idx_building_managers_user', columnNames: ['user_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'actor_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'actor_username', type: 'varchar', length: '64', isNullable: true },
          { name: 'action', type: 'varchar', length: '48' },
          { name: 'entity', type: 'varchar', length: '32' },
          { name: 'entity_id', type: 'varchar', length: '64' },
          { name: 'changes', type: 'text' },
          { name: 'at', type: ts, default: now },
        ],
        indices: [
          new TableIndex({ name: 'idx_audit_entity', columnNames: ['entity', 'entity_id', 'id'] }),
          new TableIndex({ name: 'idx_audit_actor', columnNames: ['actor_id', 'id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'app_secrets',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'varchar', length: '255' },
          { name: 'created_at', type: ts, default: now },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('app_secrets');
    await q.dropTable('audit_log');
    await q.dropTable('building_managers');
  }
}
