import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A plan chooses which figure its statuses follow (reported or verified funds in place), and a plan
 * whose period overlaps another's keeps the reason it was allowed to.
 */
export class PlanOptions1764722000000 implements MigrationInterface {
  name = 'PlanOptions1764722000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('plans', [
      new TableColumn({ name: 'status_basis', type: 'varchar', length: '16', default: "'REPORTED'" }),
      new TableColumn({ name: 'overlap_reason', type: 'varchar', length: '500', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('plans', ['status_basis', 'overlap_reason']);
  }
}
