import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Office buildings' units and vacancy: units with their status history, placements of landed
 * projects into units, month-end vacancy snapshots, and when a building's vacancy was last kept
 * current. Table API only, so the one migration runs on SQLite and PostgreSQL alike.
 */
export class Buildings1764200000000 implements MigrationInterface {
  name = 'Buildings1764200000000';

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
    const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
    const date = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'date', isNullable: nullable });
    const area = (name: string, precision: number): TableColumnOptions => ({ name, type: 'numeric', precision, scale: 2 });
    const stamps = (): TableColumnOptions[] => [
      { name: 'created_at', type: ts, default: now },
      { name: 'updated_at', type: ts, default: now },
      { name: 'version', type: 'integer' },
    ];
    const fk = (name: string, column: string, table: string): TableForeignKey =>
      new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT' });
    const idx = (name: string, columns: string[], unique = false): TableIndex =>
      new TableIndex({ name, columnNames: columns, isUnique: unique });

    // When the building's vacancy was last confirmed or changed (the reminders flag stale buildings).
    await q.addColumn('buildings', new TableColumn({ name: 'vacancy_updated_at', type: ts, isNullable: true }));
    await q.createIndex('buildings', idx('idx_buildings_vacancy_updated', ['vacancy_updated_at']));

    await q.createTable(
      new Table({
        name: 'units',
        columns: [
          id(),
          str('building_id', 36),
          str('code', 32),
          int('floor'),
          area('area', 12),
          str('status', 16),
          { name: 'asking_rent', type: 'bigint', isNullable: true },
          date('available_from', true),
          str('tenant_company_id', 36, true),
          date('lease_start', true),
          date('lease_end', true),
          str('reserved_for_project_id', 36, true),
          str('project_id', 36, true),
          ...stamps(),
        ],
        foreignKeys: [
          fk('fk_units_building', 'building_id', 'buildings'),
          fk('fk_units_tenant', 'tenant_company_id', 'companies'),
          fk('fk_units_reserved_project', 'reserved_for_project_id', 'projects'),
          fk('fk_units_project', 'project_id', 'projects'),
        ],
        indices: [
          idx('uq_units_code', ['building_id', 'code'], true),
          idx('idx_units_building_status', ['building_id', 'status', 'code']),
          idx('idx_units_status_area', ['status', 'area']),
          idx('idx_units_lease_end', ['lease_end', 'id']),
          idx('idx_units_tenant', ['tenant_company_id']),
          idx('idx_units_reserved_project', ['reserved_for_project_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'unit_status_history',
        columns: [
          id(),
          str('unit_id', 36),
          str('building_id', 36),
          str('from_status', 16, true),
          str('to_status', 16),
          str('tenant_company_id', 36, true),
          date('on_date'),
          str('note', 500, true),
          str('actor_id', 36, true),
          { name: 'created_at', type: ts, default: now },
        ],
        foreignKeys: [fk('fk_unit_history_unit', 'unit_id', 'units'), fk('fk_unit_history_building', 'building_id', 'buildings')],
        indices: [idx('idx_unit_history_unit', ['unit_id', 'on_date', 'id']), idx('idx_unit_history_building', ['building_id', 'on_date'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'placements',
        columns: [
          id(),
          str('project_id', 36),
          str('unit_id', 36),
          date('start_date'),
          date('end_date', true),
          area('area', 12),
          // unit_id while the placement is active, NULL once released: its unique index allows one
          // active placement per unit on both databases (NULLs never collide).
          str('active_unit_id', 36, true),
          str('note', 500, true),
          str('created_by_id', 36, true),
          str('released_by_id', 36, true),
          ...stamps(),
        ],
        foreignKeys: [fk('fk_placements_project', 'project_id', 'projects'), fk('fk_placements_unit', 'unit_id', 'units')],
        indices: [
          idx('uq_placements_active_unit', ['active_unit_id'], true),
          idx('idx_placements_project', ['project_id', 'start_date']),
          idx('idx_placements_unit', ['unit_id', 'id']),
          idx('idx_placements_period', ['start_date', 'end_date']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'vacancy_snapshots',
        columns: [
          id(),
          str('building_id', 36),
          str('month', 7),
          date('as_of'),
          int('unit_count'),
          area('leasable_area', 14),
          area('vacant_area', 14),
          area('reserved_area', 14),
          area('leased_area', 14),
          area('jingji_area', 14),
          int('tenant_count'),
          { name: 'tenants_by_industry', type: 'text' },
          { name: 'taken_at', type: ts },
        ],
        foreignKeys: [fk('fk_vacancy_snapshots_building', 'building_id', 'buildings')],
        indices: [idx('uq_vacancy_snapshots_month', ['building_id', 'month'], true), idx('idx_vacancy_snapshots_month', ['month'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['vacancy_snapshots', 'placements', 'unit_status_history', 'units']) {
      await q.dropTable(table);
    }
    await q.dropIndex('buildings', 'idx_buildings_vacancy_updated');
    await q.dropColumn('buildings', 'vacancy_updated_at');
  }
}
