import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a delivery's last error may keep of a message written before: the status or errcode, not what followed. */
const KEPT = /^(WECOM|DINGTALK|WEBHOOK) (HTTP \d{3}|errcode -?\d+|answered something other than JSON)/;

/**
 * Deliveries' `last_error` used to end with up to 300 characters of the answer's body ("WEBHOOK HTTP
 * 500: <body>", "WECOM errcode 310000: <errmsg>"): whatever an internal address answered was stored and
 * shown. Those messages are cut back to the status or errcode, as new ones are written.
 */
export class DeliveryErrorsScrubbed1764713000000 implements MigrationInterface {
  name = 'DeliveryErrorsScrubbed1764713000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const rows: { id: string; last_error: string }[] = await q.query("SELECT id, last_error FROM notification_deliveries WHERE last_error LIKE '%: %'");
    for (const row of rows) {
      const kept = KEPT.exec(row.last_error)?.[0];
      if (kept === undefined) continue;
      await q.query(`UPDATE notification_deliveries SET last_error = ${pg ? '$1' : '?'} WHERE id = ${pg ? '$2' : '?'}`, [kept, row.id]);
    }
  }

  async down(): Promise<void> {
    // The removed text is gone on purpose.
  }
}
