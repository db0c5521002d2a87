import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Activities logged on leads (跟进记录 of a 线索), and the lead's last-activity and next-follow-up
 * times as projects have them (the lead pool, 公海, will read lastActivityAt); leads by company.
 */
export class LeadActivities1764731000000 implements MigrationInterface {
  name = 'LeadActivities1764731000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const ts = pg ? 'timestamptz' : 'datetime';
    const now = pg ? 'now()' : "datetime('now')";
    await q.addColumns('leads', [
      new TableColumn({ name: 'last_activity_at', type: ts, isNullable: true }),
      new TableColumn({ name: 'next_follow_up_at', type: ts, isNullable: true }),
    ]);
    await q.createIndex('leads', new TableIndex({ name: 'idx_leads_company', columnNames: ['company_id', 'id'] }));
    await q.createTable(
      new Table({
        name: 'lead_activities',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'lead_id', type: 'varchar', length: '36' },
          { name: 'type', type: 'varchar', length: '16' },
          { name: 'at', type: ts },
          { name: 'summary', type: 'varchar', length: '2000' },
          { name: 'next_follow_up_at', type: ts, isNullable: true },
          { name: 'actor_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: ts, default: now },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_lead_activities_lead',
            columnNames: ['lead_id'],
            referencedTableName: 'leads',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
        indices: [new TableIndex({ name: 'idx_lead_activities_lead', columnNames: ['lead_id', 'id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('lead_activities');
    await q.dropIndex('leads', 'idx_leads_company');
    await q.dropColumns('leads', ['last_activity_at', 'next_follow_up_at']);
  }
}
