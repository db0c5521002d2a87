import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * The lead pool (公海): since when a lead's owner has held it, whether it was claimed from the pool,
 * when it last entered the pool; pool moves in the lead's timeline; the project's first-contact
 * officer (首谈人), kept for credit when ownership moves. Existing projects take their lead's creator,
 * or their owner.
 */
export class LeadPool1764830000000 implements MigrationInterface {
  name = 'LeadPool1764830000000';

  async up(q: QueryRunner): Promise<void> {
    const ts = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.addColumns('leads', [
      new TableColumn({ name: 'owned_since', type: ts, isNullable: true }),
      new TableColumn({ name: 'claimed_at', type: ts, isNullable: true }),
      new TableColumn({ name: 'pool_entered_at', type: ts, isNullable: true }),
    ]);
    await q.createIndex('leads', new TableIndex({ name: 'idx_leads_last_activity', columnNames: ['last_activity_at', 'id'] }));
    await q.addColumn('lead_activities', new TableColumn({ name: 'pool_event', type: 'varchar', length: '16', isNullable: true }));
    await q.addColumn('projects', new TableColumn({ name: 'first_contact_id', type: 'varchar', length: '36', isNullable: true }));
    await q.query(
      'UPDATE projects SET first_contact_id = COALESCE((SELECT l.created_by_id FROM leads l WHERE l.id = projects.lead_id), owner_id)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('projects', 'first_contact_id');
    await q.dropColumn('lead_activities', 'pool_event');
    await q.dropIndex('leads', 'idx_leads_last_activity');
    await q.dropColumns('leads', ['owned_since', 'claimed_at', 'pool_entered_at']);
  }
}
