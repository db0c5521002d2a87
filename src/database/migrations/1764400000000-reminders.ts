import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Reminders and notifications: reminders (the database is the source of truth; their queue jobs are
 * derived and re-created by the reconciler), the notification channels (WeCom, DingTalk, webhook),
 * notification events (one per occurrence, unique by key), each user's inbox rows and one delivery
 * row per (event, channel). The unique keys make a redelivered job notify once.
 */
export class Reminders1764400000000 implements MigrationInterface {
  name = 'Reminders1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const ts = pg ? 'timestamptz' : 'datetime';
    const now = pg ? 'now()' : "datetime('now')";

    const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    const instant = (name: string, nullable = true): TableColumnOptions => ({ name, type: ts, isNullable: nullable });
    const created = (): TableColumnOptions => ({ name: 'created_at', type: ts, default: now });
    const updated = (): TableColumnOptions => ({ name: 'updated_at', type: ts, default: now });
    const fk = (name: string, column: string, table: string): TableForeignKey =>
      new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT' });
    const idx = (name: string, columns: string[], unique = false): TableIndex =>
      new TableIndex({ name, columnNames: columns, isUnique: unique });

    await q.createTable(
      new Table({
        name: 'reminders',
        columns: [
          id(),
          str('kind', 16),
          // Set for reminders the system derives (a project's next follow-up): makes them idempotent.
          str('source_key', 200, true),
          str('subject_type', 16),
          str('subject_id', 36),
          instant('due_at', false),
          str('message', 1000),
          str('assignee_id', 36),
          str('created_by_id', 36, true),
          str('status', 16),
          instant('sent_at'),
          instant('cancelled_at'),
          str('last_error', 1000, true),
          created(),
          updated(),
          { name: 'version', type: 'integer' },
        ],
        foreignKeys: [fk('fk_reminders_assignee', 'assignee_id', 'users'), fk('fk_reminders_created_by', 'created_by_id', 'users')],
        indices: [
          idx('uq_reminders_source_key', ['source_key'], true),
          idx('idx_reminders_status_due', ['status', 'due_at']),
          idx('idx_reminders_assignee', ['assignee_id', 'id']),
          idx('idx_reminders_created_by', ['created_by_id', 'id']),
          idx('idx_reminders_subject', ['subject_type', 'subject_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification_channels',
        columns: [
          id(),
          str('type', 16),
          str('name', 100),
          str('url', 1000),
          str('secret', 255, true),
          { name: 'events', type: 'text' },
          { name: 'active', type: 'boolean' },
          str('created_by_id', 36, true),
          created(),
          updated(),
          { name: 'version', type: 'integer' },
        ],
        foreignKeys: [fk('fk_notification_channels_created_by', 'created_by_id', 'users')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification_events',
        columns: [
          id(),
          str('event_key', 200),
          str('event', 24),
          str('title', 200),
          { name: 'body', type: 'text' },
          str('subject_type', 16, true),
          str('subject_id', 36, true),
          str('reminder_id', 36, true),
          created(),
        ],
        foreignKeys: [fk('fk_notification_events_reminder', 'reminder_id', 'reminders')],
        indices: [idx('uq_notification_events_key', ['event_key'], true), idx('idx_notification_events_reminder', ['reminder_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [id(), str('event_id', 36), str('recipient_id', 36), instant('read_at'), created()],
        foreignKeys: [fk('fk_notifications_event', 'event_id', 'notification_events'), fk('fk_notifications_recipient', 'recipient_id', 'users')],
        indices: [
          idx('uq_notifications_event_recipient', ['event_id', 'recipient_id'], true),
          idx('idx_notifications_recipient', ['recipient_id', 'id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification_deliveries',
        columns: [
          id(),
          str('event_id', 36),
          str('channel_id', 36),
          str('status', 16),
          { name: 'attempts', type: 'integer' },
          str('last_error', 1000, true),
          // While SENDING: until when the claiming worker holds it (a second run of the job waits).
          instant('claimed_until'),
          instant('sent_at'),
          created(),
          updated(),
        ],
        foreignKeys: [
          fk('fk_notification_deliveries_event', 'event_id', 'notification_events'),
          fk('fk_notification_deliveries_channel', 'channel_id', 'notification_channels'),
        ],
        indices: [
          idx('uq_notification_deliveries_event_channel', ['event_id', 'channel_id'], true),
          idx('idx_notification_deliveries_status', ['status', 'id']),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['notification_deliveries', 'notifications', 'notification_events', 'notification_channels', 'reminders']) {
      await q.dropTable(table);
    }
  }
}
