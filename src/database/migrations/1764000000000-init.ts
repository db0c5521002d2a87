import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/**
 * The foundation schema. Written with TypeORM's Table API so the one migration set runs on SQLite
 * and PostgreSQL alike; only the instant type differs (timestamptz / datetime).
 */
export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

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
    const text = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
    const json = (name: string): TableColumnOptions => ({ name, type: 'text' });
    const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
    const instant = (name: string, nullable = true): TableColumnOptions => ({ name, type: ts, isNullable: nullable });
    const date = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'date', isNullable: nullable });
    const bool = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'boolean', isNullable: nullable });
    const bigint = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
    const area = (name: string, precision: number): TableColumnOptions => ({
      name,
      type: 'numeric',
      precision,
      scale: 2,
      isNullable: true,
    });
    const stamps = (): TableColumnOptions[] => [
      { name: 'created_at', type: ts, default: now },
      { name: 'updated_at', type: ts, default: now },
      { name: 'version', type: 'integer' },
    ];
    const fk = (name: string, column: string, table: string, refColumn = 'id'): TableForeignKey =>
      new TableForeignKey({
        name,
        columnNames: [column],
        referencedTableName: table,
        referencedColumnNames: [refColumn],
        onDelete: 'RESTRICT',
      });
    const idx = (name: string, columns: string[], unique = false): TableIndex =>
      new TableIndex({ name, columnNames: columns, isUnique: unique });

    await q.createTable(
      new Table({
        name: 'industries',
        columns: [
          { name: 'code', type: 'varchar', length: '32', isPrimary: true },
          str('name_zh', 100),
          str('name_en', 100),
          str('industry_group', 16),
          json('keywords'),
          int('sort_order'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'industry_segments',
        columns: [
          { name: 'code', type: 'varchar', length: '64', isPrimary: true },
          str('industry_code', 32),
          str('name_zh', 100),
          str('name_en', 100),
          json('keywords'),
          int('sort_order'),
        ],
        foreignKeys: [fk('fk_segments_industry', 'industry_code', 'industries', 'code')],
        indices: [idx('idx_segments_industry', ['industry_code'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'zones',
        columns: [
          { name: 'code', type: 'varchar', length: '32', isPrimary: true },
          str('name_zh', 100),
          str('name_en', 150),
          str('kind', 8),
          json('focus_industries'),
          text('description_zh'),
          int('sort_order'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'plans',
        columns: [
          { name: 'code', type: 'varchar', length: '32', isPrimary: true },
          str('name', 200),
          str('name_en', 200, true),
          date('start_date'),
          date('end_date'),
          ...stamps(),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'plan_indicators',
        columns: [
          id(),
          str('plan_code', 32),
          str('code', 48),
          str('name_zh', 100),
          str('name_en', 150, true),
          str('unit', 16),
          str('target', 32),
          str('baseline', 32, true),
          json('milestones'),
          str('source_zh', 200, true),
          int('sort_order'),
        ],
        foreignKeys: [fk('fk_plan_indicators_plan', 'plan_code', 'plans', 'code')],
        indices: [idx('uq_plan_indicators_code', ['plan_code', 'code'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          str('username', 64),
          str('display_name', 100),
          str('role', 24),
          str('password_hash', 255),
          { name: 'active', type: 'boolean', default: pg ? 'true' : 1 },
          ...stamps(),
        ],
        indices: [idx('uq_users_username', ['username'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'buildings',
        columns: [
          id(),
          str('code', 64, true),
          str('name', 200),
          str('name_en', 200, true),
          str('zone_code', 32),
          str('address', 300, true),
          str('grade', 8, true),
          area('total_area', 14),
          json('specialty_industries'),
          ...stamps(),
          instant('archived_at'),
        ],
        foreignKeys: [fk('fk_buildings_zone', 'zone_code', 'zones', 'code')],
        indices: [idx('uq_buildings_code', ['code'], true), idx('idx_buildings_zone', ['zone_code', 'id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'companies',
        columns: [
          id(),
          str('name', 200),
          str('uscc', 18, true),
          str('origin_province', 24, true),
          str('origin_city', 100, true),
          str('industry_code', 32, true),
          json('segments'),
          json('qualifications'),
          str('created_by_id', 36, true),
          ...stamps(),
          instant('archived_at'),
        ],
        foreignKeys: [fk('fk_companies_industry', 'industry_code', 'industries', 'code')],
        indices: [
          idx('uq_companies_uscc', ['uscc'], true),
          idx('idx_companies_industry', ['industry_code', 'id']),
          idx('idx_companies_origin', ['origin_province', 'id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'leads',
        columns: [
          id(),
          str('company_name', 200),
          str('source', 32),
          str('status', 16),
          str('contact_name', 100, true),
          str('contact_phone', 20, true),
          str('contact_email', 200, true),
          str('industry_code', 32, true),
          str('origin_province', 24, true),
          text('notes'),
          str('owner_id', 36, true),
          str('created_by_id', 36, true),
          str('company_id', 36, true),
          str('project_id', 36, true),
          str('disqualified_reason', 500, true),
          instant('closed_at'),
          ...stamps(),
          instant('archived_at'),
        ],
        foreignKeys: [fk('fk_leads_owner', 'owner_id', 'users'), fk('fk_leads_company', 'company_id', 'companies')],
        indices: [
          idx('idx_leads_status', ['status', 'id']),
          idx('idx_leads_source', ['source', 'id']),
          idx('idx_leads_owner', ['owner_id', 'id']),
          idx('uq_leads_project', ['project_id'], true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'projects',
        columns: [
          id(),
          str('name', 200),
          str('company_id', 36),
          str('industry_code', 32),
          json('segments'),
          str('zone_code', 32, true),
          str('stage', 16),
          bigint('planned_investment', true),
          str('planned_currency', 3, true),
          area('area_min', 12),
          area('area_max', 12),
          bool('jingji'),
          str('origin_province', 16, true),
          str('origin_city', 100, true),
          str('origin_district', 100, true),
          str('relocation_function', 24, true),
          bool('central_soe', true),
          date('signed_at', true),
          date('stage_changed_at'),
          str('lost_reason', 500, true),
          str('lead_id', 36, true),
          str('owner_id', 36, true),
          str('created_by_id', 36, true),
          instant('last_activity_at'),
          instant('next_follow_up_at'),
          ...stamps(),
          instant('archived_at'),
        ],
        foreignKeys: [
          fk('fk_projects_company', 'company_id', 'companies'),
          fk('fk_projects_industry', 'industry_code', 'industries', 'code'),
          fk('fk_projects_zone', 'zone_code', 'zones', 'code'),
          fk('fk_projects_owner', 'owner_id', 'users'),
        ],
        indices: [
          idx('idx_projects_stage', ['stage', 'id']),
          idx('idx_projects_industry', ['industry_code', 'id']),
          idx('idx_projects_zone', ['zone_code', 'id']),
          idx('idx_projects_jingji', ['jingji', 'id']),
          idx('idx_projects_owner', ['owner_id', 'id']),
          idx('idx_projects_signed', ['signed_at', 'id']),
          idx('idx_projects_company', ['company_id']),
          idx('idx_projects_name', ['name', 'id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'project_transitions',
        columns: [
          id(),
          str('project_id', 36),
          str('from_stage', 16, true),
          str('to_stage', 16),
          date('at'),
          str('reason', 500, true),
          str('note', 2000, true),
          str('actor_id', 36, true),
          { name: 'created_at', type: ts, default: now },
        ],
        foreignKeys: [fk('fk_transitions_project', 'project_id', 'projects')],
        indices: [idx('idx_transitions_project', ['project_id', 'id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'fundings',
        columns: [
          id(),
          str('project_id', 36),
          date('date'),
          bigint('amount'),
          str('currency', 3),
          str('note', 1000, true),
          { name: 'status', type: 'varchar', length: '16', default: "'REPORTED'" },
          str('verified_by_id', 36, true),
          instant('verified_at'),
          str('evidence_ref', 300, true),
          str('created_by_id', 36, true),
          ...stamps(),
        ],
        foreignKeys: [fk('fk_fundings_project', 'project_id', 'projects')],
        indices: [idx('idx_fundings_project', ['project_id', 'id']), idx('idx_fundings_date', ['currency', 'date'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'activities',
        columns: [
          id(),
          str('project_id', 36),
          str('type', 16),
          instant('at', false),
          str('summary', 2000),
          instant('next_follow_up_at'),
          str('actor_id', 36, true),
          { name: 'created_at', type: ts, default: now },
        ],
        foreignKeys: [fk('fk_activities_project', 'project_id', 'projects')],
        indices: [
          idx('idx_activities_project', ['project_id', 'at']),
          idx('idx_activities_follow_up', ['next_follow_up_at']),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'activities',
      'fundings',
      'project_transitions',
      'projects',
      'leads',
      'companies',
      'buildings',
      'users',
      'plan_indicators',
      'plans',
      'zones',
      'industry_segments',
      'industries',
    ]) {
      await q.dropTable(table);
    }
  }
}
