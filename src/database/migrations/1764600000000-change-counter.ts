import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * One row counting committed changes. Every audited write adds one in its own transaction, so a
 * process can tell whether anything changed since it last computed a derived figure (plan progress,
 * breakdowns) by reading a single row — the same answer for every instance sharing the database.
 */
export class ChangeCounter1764600000000 implements MigrationInterface {
  name = 'ChangeCounter1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'change_counter',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'value', type: 'bigint', default: 0 },
        ],
      }),
    );
    await q.query('INSERT INTO change_counter (id, value) VALUES (1, 0)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('change_counter');
  }
}
