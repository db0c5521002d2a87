import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Notifications a group chat can bear: users' mobile numbers (robots @mention people by them), the
 * mobiles an event mentions, and on a reminder when a robot delivery of its notification ended FAILED.
 */
export class NotificationDigests1764831000000 implements MigrationInterface {
  name = 'NotificationDigests1764831000000';

  async up(q: QueryRunner): Promise<void> {
    const ts = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.addColumn('users', new TableColumn({ name: 'mobile', type: 'varchar', length: '20', isNullable: true }));
    await q.addColumn('notification_events', new TableColumn({ name: 'mention_mobiles', type: 'text', isNullable: true }));
    await q.addColumn('reminders', new TableColumn({ name: 'delivery_failed_at', type: ts, isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('reminders', 'delivery_failed_at');
    await q.dropColumn('notification_events', 'mention_mobiles');
    await q.dropColumn('users', 'mobile');
  }
}
