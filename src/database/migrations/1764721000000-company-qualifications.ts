import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { newId } from '../../common/identity/ids.js';
import { districtDate } from '../../common/time/district-clock.js';

/**
 * Qualifications (资质) get dates: one row per award with the date obtained and the expiry (three
 * years by default), so a count at a past date counts only the companies that held it then. The
 * undated lists of before are carried over as obtained on the day the company was recorded (what
 * the system knew), and the list column goes.
 */
export class CompanyQualifications1764721000000 implements MigrationInterface {
  name = 'CompanyQualifications1764721000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.createTable(
      new Table({
        name: 'company_qualifications',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'company_id', type: 'varchar', length: '36' },
          { name: 'code', type: 'varchar', length: '16' },
          { name: 'obtained_on', type: 'date' },
          { name: 'expires_on', type: 'date' },
          { name: 'created_by_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: pg ? 'timestamptz' : 'datetime', default: pg ? 'now()' : "datetime('now')" },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_company_qualifications_company',
            columnNames: ['company_id'],
            referencedTableName: 'companies',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
        indices: [
          new TableIndex({ name: 'uq_company_qualifications', columnNames: ['company_id', 'code', 'obtained_on'], isUnique: true }),
          new TableIndex({ name: 'idx_company_qualifications_held', columnNames: ['code', 'obtained_on', 'expires_on', 'company_id'] }),
        ],
      }),
    );
    const p = (n: number): string => (pg ? `$${n}` : '?');
    const rows = (await q.query(`SELECT id, qualifications, created_at FROM companies WHERE qualifications <> '[]'`)) as {
      id: string;
      qualifications: string;
      created_at: string | Date;
    }[];
    for (const c of rows) {
      const created = c.created_at instanceof Date ? c.created_at : new Date(`${String(c.created_at).replace(' ', 'T')}Z`);
      const obtained = districtDate(Number.isNaN(created.getTime()) ? new Date() : created);
      for (const code of JSON.parse(c.qualifications) as string[]) {
        await q.query(
          `INSERT INTO company_qualifications (id, company_id, code, obtained_on, expires_on, created_by_id) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, NULL)`,
          [newId(), c.id, code, obtained, qualificationExpiry(obtained)],
        );
      }
    }
    await q.dropColumn('companies', 'qualifications');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.addColumn('companies', new TableColumn({ name: 'qualifications', type: 'text', default: "'[]'" }));
    const rows = (await q.query('SELECT DISTINCT company_id, code FROM company_qualifications')) as { company_id: string; code: string }[];
    const byCompany = new Map<string, string[]>();
    for (const r of rows) byCompany.set(r.company_id, [...(byCompany.get(r.company_id) ?? []), r.code]);
    const pg = q.connection.options.type === 'postgres';
    for (const [id, codes] of byCompany) {
      await q.query(`UPDATE companies SET qualifications = ${pg ? '$1' : '?'} WHERE id = ${pg ? '$2' : '?'}`, [JSON.stringify(codes), id]);
    }
    await q.dropTable('company_qualifications');
  }
}

/**
 * The default expiry as this migration wrote it (three years less a day), frozen here: a migration
 * keeps what it did when it ran, whatever the rule of the day (src/modules/companies/qualification-rules.ts).
 */
function qualificationExpiry(obtainedOn: string): string {
  const y = Number(obtainedOn.slice(0, 4));
  const m = Number(obtainedOn.slice(5, 7));
  const d = Number(obtainedOn.slice(8, 10));
  return new Date(Date.UTC(y + 3, m - 1, d) - 86_400_000).toISOString().slice(0, 10);
}
