import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';
import { newId } from '../../common/identity/ids.js';

/** The district bodies a problem can be assigned to (责任单位), seeded in this order. */
const DEPARTMENTS: [code: string, nameZh: string][] = [
  ['COMMERCE', '区商务局'],
  ['DEVELOPMENT_REFORM', '区发展改革委'],
  ['MARKET_REGULATION', '区市场监管局'],
  ['HOUSING_CONSTRUCTION', '区住建委'],
  ['FINANCE', '区金融局'],
  ['HUMAN_RESOURCES', '区人社局'],
  ['SCIENCE_TECHNOLOGY', '区科技局'],
  ['TAXATION', '区税务局'],
  ['GOVERNMENT_SERVICES', '区政务服务办'],
  ['PLANNING_RESOURCES', '区规划资源分局'],
  ['SUBDISTRICT', '楼宇所在街道'],
];

/**
 * 督办: departments (责任单位) with their contacts, the problems of projects (问题清单) with a
 * department and a deadline, and each problem's history. Seeds the usual district bodies.
 */
export class Supervision1764820000000 implements MigrationInterface {
  name = 'Supervision1764820000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const ts = pg ? 'timestamptz' : 'datetime';
    const now = pg ? 'now()' : "datetime('now')";
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const fk = (name: string, column: string, table: string): TableForeignKey =>
      new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT' });
    const idx = (name: string, columns: string[], unique = false): TableIndex => new TableIndex({ name, columnNames: columns, isUnique: unique });

    await q.createTable(
      new Table({
        name: 'departments',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          str('code', 32),
          str('name_zh', 100),
          { name: 'active', type: 'boolean' },
          { name: 'created_at', type: ts, default: now },
          { name: 'updated_at', type: ts, default: now },
          { name: 'version', type: 'integer' },
        ],
        indices: [idx('uq_departments_code', ['code'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'department_contacts',
        columns: [
          { name: 'department_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
        ],
        foreignKeys: [fk('fk_department_contacts_department', 'department_id', 'departments'), fk('fk_department_contacts_user', 'user_id', 'users')],
        indices: [idx('idx_department_contacts_user', ['user_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'problems',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          str('project_id', 36),
          str('title', 200),
          str('description', 2000, true),
          str('category', 16),
          str('department_id', 36),
          str('assignee_id', 36, true),
          { name: 'due_date', type: 'date' },
          str('status', 16),
          str('resolution', 2000, true),
          { name: 'reported_on', type: 'date' },
          { name: 'closed_on', type: 'date', isNullable: true },
          { name: 'days_to_resolve', type: 'integer', isNullable: true },
          { name: 'supervised', type: 'boolean' },
          str('instruction', 1000, true),
          { name: 'supervised_at', type: ts, isNullable: true },
          str('supervised_by_id', 36, true),
          { name: 'overdue_notified_for', type: 'date', isNullable: true },
          { name: 'escalated_for', type: 'date', isNullable: true },
          str('created_by_id', 36, true),
          { name: 'created_at', type: ts, default: now },
          { name: 'updated_at', type: ts, default: now },
          { name: 'version', type: 'integer' },
        ],
        foreignKeys: [
          fk('fk_problems_project', 'project_id', 'projects'),
          fk('fk_problems_department', 'department_id', 'departments'),
          fk('fk_problems_assignee', 'assignee_id', 'users'),
          fk('fk_problems_supervised_by', 'supervised_by_id', 'users'),
          fk('fk_problems_created_by', 'created_by_id', 'users'),
        ],
        indices: [
          idx('idx_problems_project', ['project_id', 'id']),
          idx('idx_problems_department', ['department_id', 'id']),
          idx('idx_problems_status', ['status', 'id']),
          idx('idx_problems_status_due', ['status', 'due_date']),
          idx('idx_problems_assignee', ['assignee_id', 'id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'problem_events',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          str('problem_id', 36),
          str('project_id', 36),
          str('kind', 24),
          str('from_status', 16, true),
          str('to_status', 16, true),
          str('note', 2000, true),
          str('actor_id', 36, true),
          { name: 'created_at', type: ts, default: now },
        ],
        foreignKeys: [fk('fk_problem_events_problem', 'problem_id', 'problems')],
        indices: [idx('idx_problem_events_problem', ['problem_id', 'id']), idx('idx_problem_events_project', ['project_id', 'id'])],
      }),
    );
    const p = (n: number): string => (pg ? `$${n}` : '?');
    for (const [code, nameZh] of DEPARTMENTS) {
      await q.query(`INSERT INTO departments (id, code, name_zh, active, version) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, 1)`, [newId(), code, nameZh, pg ? true : 1]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['problem_events', 'problems', 'department_contacts', 'departments']) await q.dropTable(table);
  }
}
