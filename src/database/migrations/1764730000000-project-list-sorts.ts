import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The project list's new orders (issue 13): each nullable sort column gets an index on (column, id),
 * so a keyset page is one index range at any depth — forwards or backwards for the rows with a value,
 * the NULL range by id for the rest (see nullable-keyset.ts). signedAt already has idx_projects_signed.
 */
export class ProjectListSorts1764730000000 implements MigrationInterface {
  name = 'ProjectListSorts1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndices('projects', [
      new TableIndex({ name: 'idx_projects_last_activity', columnNames: ['last_activity_at', 'id'] }),
      new TableIndex({ name: 'idx_projects_next_follow_up', columnNames: ['next_follow_up_at', 'id'] }),
      new TableIndex({ name: 'idx_projects_planned', columnNames: ['planned_investment', 'id'] }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['idx_projects_last_activity', 'idx_projects_next_follow_up', 'idx_projects_planned']) await q.dropIndex('projects', name);
  }
}
