import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * The project of a placement (入驻) or release (迁出) on the unit-history row it writes, so the
 * history can show the project to those who may read projects and leave it out for the others
 * (building managers); rows from before carry null and are recognised by their note.
 */
export class UnitHistoryProject1764711000000 implements MigrationInterface {
  name = 'UnitHistoryProject1764711000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('unit_status_history', new TableColumn({ name: 'project_id', type: 'varchar', length: '36', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('unit_status_history', 'project_id');
  }
}
