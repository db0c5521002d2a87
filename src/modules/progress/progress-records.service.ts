import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { formatMinorUnits, minorUnitsFromDb } from '../../common/money/money.js';
import { decodeCursor, encodeCursor, Page } from '../../common/pagination/cursor.js';
import { districtDate } from '../../common/time/district-clock.js';
import { bool, sql } from '../../database/sql.js';
import { INDICATORS } from './indicators.js';
import { ProgressService } from './progress.service.js';

type Row = Record<string, unknown> & { id: string };

/**
 * The records behind an indicator's figure (统计口径): the same filters as the figure itself, so a
 * leader can defend a number line by line. Newest first, keyset-paginated on id.
 */
@Injectable()
export class ProgressRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly progress: ProgressService,
  ) {}

  async records(args: { plan: string; indicator: string; asOf?: string; limit: number; cursor?: string }): Promise<Page<Row> & { indicator: string }> {
    const { plan, indicators } = await this.progress.plan(args.plan);
    if (!indicators.some((i) => i.code === args.indicator)) {
      throw DomainError.invalid('indicator', `plan ${args.plan} has no indicator ${args.indicator}`, 'notInPlan');
    }
    const w = this.progress.window(plan, args.asOf ?? districtDate());
    const sort = `records:${args.indicator}`;
    const after = args.cursor ? decodeCursor(args.cursor, sort).id : null;
    const em = this.dataSource.manager;
    const page = (alias: string): string => `${after ? `AND ${alias}.id < ?` : ''} ORDER BY ${alias}.id DESC LIMIT ?`;
    const tail = [...(after ? [after] : []), args.limit + 1];
    let rows: Row[];
    switch (INDICATORS[args.indicator].code) {
      case 'JINGJI_PROJECTS':
        rows = await sql<Row>(
          em,
          `SELECT p.id, p.name, c.name AS "companyName", CAST(p.signed_at AS VARCHAR(10)) AS "signedAt", p.stage,
                  p.industry_code AS industry, p.zone_code AS zone, p.origin_province AS "originProvince"
             FROM projects p JOIN companies c ON c.id = p.company_id
            WHERE p.jingji = ? AND p.signed_at >= ? AND p.signed_at <= ? AND p.archived_at IS NULL ${page('p')}`,
          [bool(em, true), w.start, w.cut, ...tail],
        );
        break;
      case 'JINGJI_INVESTMENT':
      case 'DOMESTIC_CAPITAL':
      case 'FOREIGN_CAPITAL': {
        const currency = args.indicator === 'FOREIGN_CAPITAL' ? 'USD' : 'CNY';
        const jingji = args.indicator === 'JINGJI_INVESTMENT';
        // 吸引京冀投资: only the projects 引进京冀项目 counts (first signed in the period).
        rows = await sql<Row>(
          em,
          `SELECT f.id, CAST(f.date AS VARCHAR(10)) AS date, f.amount, f.currency, f.status, f.evidence_ref AS "evidenceRef",
                  r.original_id AS "reversalOfId", p.id AS "projectId", p.name AS "projectName", c.name AS "companyName",
                  CAST(p.signed_at AS VARCHAR(10)) AS "signedAt"
             FROM fundings f JOIN projects p ON p.id = f.project_id JOIN companies c ON c.id = p.company_id
             LEFT JOIN funding_reversals r ON r.reversal_id = f.id
            WHERE f.currency = ? AND f.date >= ? AND f.date <= ? AND p.archived_at IS NULL
                  ${jingji ? 'AND p.jingji = ? AND p.signed_at >= ? AND p.signed_at <= ?' : ''} ${page('f')}`,
          [currency, w.start, w.cut, ...(jingji ? [bool(em, true), w.start, w.cut] : []), ...tail],
        );
        rows = rows.map((r) => ({ ...r, amount: formatMinorUnits(minorUnitsFromDb(r.amount)) }));
        break;
      }
      case 'JINGJI_FLOOR_AREA':
        rows = await sql<Row>(
          em,
          `SELECT pl.id, pl.area, CAST(pl.start_date AS VARCHAR(10)) AS "startDate", pl.unit_id AS "unitId",
                  u.code AS "unitCode", b.name AS "buildingName", p.id AS "projectId", p.name AS "projectName"
             FROM placements pl JOIN projects p ON p.id = pl.project_id
             JOIN units u ON u.id = pl.unit_id JOIN buildings b ON b.id = u.building_id
            WHERE p.jingji = ? AND p.archived_at IS NULL AND pl.start_date <= ? AND (pl.end_date IS NULL OR pl.end_date > ?) ${page('pl')}`,
          [bool(em, true), w.cut, w.cut, ...tail],
        );
        rows = rows.map((r) => ({ ...r, area: Number(r.area) }));
        break;
      case 'HIGH_TECH_ENTERPRISES':
        // Companies holding the qualification at the cut, with the award that counts (the latest held).
        rows = await sql<Row>(
          em,
          `SELECT c.id, c.name, c.uscc, c.industry_code AS industry, c.origin_province AS "originProvince",
                  (SELECT CAST(MAX(q.obtained_on) AS VARCHAR(10)) FROM company_qualifications q
                    WHERE q.company_id = c.id AND q.code = 'HIGH_TECH' AND q.obtained_on <= ? AND q.expires_on >= ?) AS "obtainedOn",
                  (SELECT CAST(MAX(q.expires_on) AS VARCHAR(10)) FROM company_qualifications q
                    WHERE q.company_id = c.id AND q.code = 'HIGH_TECH' AND q.obtained_on <= ? AND q.expires_on >= ?) AS "expiresOn"
             FROM companies c
            WHERE c.archived_at IS NULL AND EXISTS (SELECT 1 FROM company_qualifications q
                    WHERE q.company_id = c.id AND q.code = 'HIGH_TECH' AND q.obtained_on <= ? AND q.expires_on >= ?) ${page('c')}`,
          [w.cut, w.cut, w.cut, w.cut, w.cut, w.cut, ...tail],
        );
        break;
      default:
        rows = await sql<Row>(
          em,
          `SELECT v.id, CAST(v.date AS VARCHAR(10)) AS date, v.value, v.note
             FROM indicator_values v WHERE v.plan_code = ? AND v.indicator_code = ? AND v.date <= ? ${page('v')}`,
          [plan.code, args.indicator, w.cut, ...tail],
        );
    }
    const more = rows.length > args.limit;
    const items = more ? rows.slice(0, args.limit) : rows;
    const last = items[items.length - 1];
    return { indicator: args.indicator, items, nextCursor: more && last ? encodeCursor({ id: last.id, s: sort }) : null };
  }
}
