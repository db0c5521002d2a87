import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** The bell's number: an inbox's unread count, counted from the index alone (recipient, read_at IS NULL). */
export class NotificationsUnread1764732000000 implements MigrationInterface {
  name = 'NotificationsUnread1764732000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('notifications', new TableIndex({ name: 'idx_notifications_unread', columnNames: ['recipient_id', 'read_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('notifications', 'idx_notifications_unread');
  }
}
