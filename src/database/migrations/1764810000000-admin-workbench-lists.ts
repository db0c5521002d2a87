import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** The admin's pages: a channel's delivery log (channel, newest first) and the audit trail by date. */
export class AdminWorkbenchLists1764810000000 implements MigrationInterface {
  name = 'AdminWorkbenchLists1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('notification_deliveries', new TableIndex({ name: 'idx_notification_deliveries_channel', columnNames: ['channel_id', 'id'] }));
    await q.createIndex('audit_log', new TableIndex({ name: 'idx_audit_at', columnNames: ['at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('audit_log', 'idx_audit_at');
    await q.dropIndex('notification_deliveries', 'idx_notification_deliveries_channel');
  }
}
