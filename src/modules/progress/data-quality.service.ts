import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, Page } from '../../common/pagination/cursor.js';
import { districtDate } from '../../common/time/district-clock.js';
import { bool, sql } from '../../database/sql.js';
import { DataQualitySummary, UnmarkedJingjiItem } from './dto/data-quality.response.js';

const CONDITION = `p.jingji = ? AND p.archived_at IS NULL
  AND (c.origin_province IN ('BEIJING', 'HEBEI') OR l.origin_province IN ('BEIJING', 'HEBEI'))`;
const FROM = 'FROM projects p JOIN companies c ON c.id = p.company_id LEFT JOIN leads l ON l.id = p.lead_id';

/**
 * 数据质量: records the plan figures would count differently if they were complete. Today one check:
 * 疑似京冀项目未标注 — projects whose company or lead comes from Beijing or Hebei, without a relocation
 * record, so an officer can add one (PATCH /projects/:id relocation) or confirm it is not a relocation.
 */
@Injectable()
export class DataQualityService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async summary(): Promise<DataQualitySummary> {
    const em = this.dataSource.manager;
    const [row] = await sql<{ n: unknown; signed: unknown }>(
      em,
      `SELECT COUNT(*) AS n, SUM(CASE WHEN p.signed_at IS NOT NULL THEN 1 ELSE 0 END) AS signed ${FROM} WHERE ${CONDITION}`,
      [bool(em, false)],
    );
    return {
      asOf: districtDate(),
      checks: [
        {
          code: 'UNMARKED_JINGJI',
          labelZh: '疑似京冀项目未标注',
          count: Number(row?.n ?? 0),
          signedCount: Number(row?.signed ?? 0),
          path: '/api/v1/data-quality/unmarked-jingji',
        },
      ],
    };
  }

  /** The projects of 疑似京冀项目未标注, newest first (keyset on id). `signed`: only those that have signed. */
  async unmarkedJingji(args: { signed?: boolean; ownerId?: string; limit: number; cursor?: string }): Promise<Page<UnmarkedJingjiItem>> {
    const em = this.dataSource.manager;
    const sort = 'unmarked-jingji';
    const after = args.cursor ? decodeCursor(args.cursor, sort).id : null;
    const rows = await sql<Omit<UnmarkedJingjiItem, 'suggestedOriginProvince'>>(
      em,
      `SELECT p.id AS "projectId", p.name AS "projectName", p.stage, CAST(p.signed_at AS VARCHAR(10)) AS "signedAt", p.owner_id AS "ownerId",
              c.id AS "companyId", c.name AS "companyName", c.origin_province AS "companyOrigin",
              l.id AS "leadId", l.origin_province AS "leadOrigin"
         ${FROM}
        WHERE ${CONDITION}
          ${args.signed === true ? 'AND p.signed_at IS NOT NULL' : args.signed === false ? 'AND p.signed_at IS NULL' : ''}
          ${args.ownerId ? 'AND p.owner_id = ?' : ''}
          ${after ? 'AND p.id < ?' : ''}
        ORDER BY p.id DESC LIMIT ?`,
      [bool(em, false), ...(args.ownerId ? [args.ownerId] : []), ...(after ? [after] : []), args.limit + 1],
    );
    const more = rows.length > args.limit;
    const items = (more ? rows.slice(0, args.limit) : rows).map((r) => ({
      ...r,
      suggestedOriginProvince: (r.companyOrigin === 'BEIJING' || r.companyOrigin === 'HEBEI' ? r.companyOrigin : r.leadOrigin) as 'BEIJING' | 'HEBEI',
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodeCursor({ id: last.projectId, s: sort }) : null };
  }
}
