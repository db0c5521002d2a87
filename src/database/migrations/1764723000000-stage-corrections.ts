import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * An admin's correction of a project's stage history replaces the rows it corrects; they stay, marked
 * with the time they were superseded, so the trail is kept while every figure reads the current ones.
 */
export class StageCorrections1764723000000 implements MigrationInterface {
  name = 'StageCorrections1764723000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.addColumn('project_transitions', new TableColumn({ name: 'superseded_at', type: pg ? 'timestamptz' : 'datetime', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('project_transitions', 'superseded_at');
  }
}
