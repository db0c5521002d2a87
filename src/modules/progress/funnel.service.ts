import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { formatMinorUnits, minorUnitsFromDb } from '../../common/money/money.js';
import { DerivedCache } from '../../database/derived-cache.js';
import { isPostgres, sql } from '../../database/sql.js';
import { FORWARD } from '../projects/stage-machine.js';
import type { Funnel, FunnelStage } from './dto/progress.response.js';

const NAMES: Record<string, string> = { NEGOTIATING: '洽谈', SITE_VISIT: '考察', SIGNED: '签约', REGISTERED: '注册落地', OPERATING: '投产运营' };

/** The pipeline funnel of projects created in a date range, from their stage histories. */
@Injectable()
export class FunnelService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: DerivedCache,
  ) {}

  /** Recomputed only after a change (it reads every project's stage history). */
  funnel(from?: string, to?: string): Promise<Funnel> {
    if (from && to && from > to) throw DomainError.invalid('to', 'to must not be before from', 'notBeforeFrom');
    return this.cache.get(`funnel:${from ?? ''}:${to ?? ''}`, () => this.compute(from, to));
  }

  private async compute(from?: string, to?: string): Promise<Funnel> {
    const em = this.dataSource.manager;
    const pg = isPostgres(em);
    // A project's creation date is its first stage change (NEGOTIATING), a business date: a range keeps
    // the projects with a first transition inside it. Without one, SQLite groups the whole table faster
    // by sorting it (NOT INDEXED) than by walking idx_transitions_project with a row lookup per entry.
    // Rows an admin's stage correction superseded are history of the record, not of the pipeline.
    const created: string[] = ['f.from_stage IS NULL', 'f.superseded_at IS NULL'];
    const params: unknown[] = [];
    if (from) {
      created.push('f.at >= ?');
      params.push(from);
    }
    if (to) {
      created.push('f.at <= ?');
      params.push(to);
    }
    const transitions =
      from || to
        ? `project_transitions t WHERE t.superseded_at IS NULL AND t.project_id IN (SELECT f.project_id FROM project_transitions f WHERE ${created.join(' AND ')})`
        : `project_transitions t${pg ? '' : ' NOT INDEXED'} WHERE t.superseded_at IS NULL`;
    const rank = `CASE t.to_stage ${FORWARD.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} ELSE -1 END`;
    // Day numbers whose difference is the calendar days between two dates (`at` is a date column).
    const day = pg ? 't.at' : 'julianday(t.at)';
    const arrivals = FORWARD.map((s, i) => `MIN(CASE WHEN t.to_stage = '${s}' THEN ${day} END) AS a${i}`).join(', ');
    const gaps = FORWARD.slice(1).map((_, i) => `CAST(h.a${i + 1} - h.a${i} AS INTEGER) AS d${i}`).join(', ');
    // The middle one (odd count) or two (even count) of the sorted day gaps from stage i to i + 1.
    const middles = FORWARD.slice(1).map(
      (_, i) =>
        `SELECT 'median', ${i}, NULL, NULL, d, NULL
           FROM (SELECT d${i} AS d FROM funnel WHERE d${i} IS NOT NULL ORDER BY d${i}
                 LIMIT 2 - (SELECT COUNT(d${i}) FROM funnel) % 2 OFFSET ((SELECT COUNT(d${i}) FROM funnel) - 1) / 2) m${i}`,
    );
    // history: per project, the furthest stage it reached and the day it first reached each stage;
    // funnel: the live ones with their plans and the day gaps between consecutive stages. Out come a
    // few rows: per furthest stage × LOST × currency the count and planned sum (as text: exact past 2^53
    // on SQLite too), and the median rows.
    const rows = await sql<{ kind: string; i: number; lost: number | null; currency: string | null; n: unknown; amount: unknown }>(
      em,
      `WITH history AS (
         SELECT t.project_id, MAX(${rank}) AS reached, ${arrivals}
           FROM ${transitions}
          GROUP BY t.project_id
         HAVING MAX(CASE WHEN t.from_stage IS NULL THEN 1 ELSE 0 END) = 1
       ), funnel AS MATERIALIZED (
         SELECT h.reached, CASE WHEN p.stage = 'LOST' THEN 1 ELSE 0 END AS lost, p.planned_currency AS currency,
                p.planned_investment AS amount, ${gaps}
           FROM history h
           JOIN projects p ON p.id = h.project_id
          WHERE p.archived_at IS NULL
       )
       SELECT 'reached' AS kind, reached AS i, lost, currency, COUNT(*) AS n, CAST(SUM(amount) AS VARCHAR(40)) AS amount
         FROM funnel
        GROUP BY reached, lost, currency
       UNION ALL ${middles.join(' UNION ALL ')}`,
      params,
    );
    // Reaching a stage passes every stage before it (skipped ones included).
    const count = FORWARD.map(() => 0);
    const planned = { CNY: FORWARD.map(() => 0n), USD: FORWARD.map(() => 0n) };
    const middle = FORWARD.map((): number[] => []);
    let lost = 0;
    for (const r of rows) {
      const i = Number(r.i);
      if (r.kind === 'median') {
        middle[i].push(Number(r.n));
        continue;
      }
      const n = Number(r.n);
      const sums = r.currency === 'CNY' || r.currency === 'USD' ? planned[r.currency] : null;
      const amount = sums ? minorUnitsFromDb(r.amount) : 0n;
      if (Number(r.lost)) lost += n;
      for (let s = 0; s <= i; s++) {
        count[s] += n;
        if (sums) sums[s] += amount;
      }
    }
    const stages: FunnelStage[] = FORWARD.map((stage, i) => {
      const last = i === FORWARD.length - 1;
      return {
        stage,
        nameZh: NAMES[stage],
        count: count[i],
        plannedAmount: { amount: formatMinorUnits(planned.CNY[i]), currency: 'CNY' },
        plannedAmountUsd: { amount: formatMinorUnits(planned.USD[i]), currency: 'USD' },
        conversionToNext: last ? null : count[i] ? Math.round((count[i + 1] / count[i]) * 1000) / 1000 : 0,
        medianDays: middle[i].length ? middle[i].reduce((a, b) => a + b, 0) / middle[i].length : null,
      };
    });
    return { from: from ?? null, to: to ?? null, lost, stages };
  }
}
