import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { formatMinorUnits, minorUnitsFromDb, MoneyDto } from '../../common/money/money.js';
import { DerivedCache } from '../../database/derived-cache.js';
import { sql } from '../../database/sql.js';
import { FORWARD } from '../projects/stage-machine.js';
import type { ProjectStage } from '../reference/enums.js';
import { daysInclusive } from './progress-math.js';

export interface FunnelStage {
  stage: ProjectStage;
  nameZh: string;
  /** Projects that reached this stage or a later one (skipped stages count as passed). */
  count: number;
  /** Sum of their planned investment in CNY (USD plans are listed apart). */
  plannedAmount: MoneyDto;
  plannedAmountUsd: MoneyDto;
  /** Share of this stage's projects that reached the next one (null for the last stage). */
  conversionToNext: number | null;
  /** Median days from arriving here to arriving at the next stage, over those that did. */
  medianDays: number | null;
}

const NAMES: Record<string, string> = { NEGOTIATING: '洽谈', SITE_VISIT: '考察', SIGNED: '签约', REGISTERED: '注册落地', OPERATING: '投产运营' };

export interface Funnel {
  from: string | null;
  to: string | null;
  lost: number;
  stages: FunnelStage[];
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The pipeline funnel of projects created in a date range, from their stage histories. */
@Injectable()
export class FunnelService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: DerivedCache,
  ) {}

  /** Recomputed only after a change (it reads every project's stage history). */
  funnel(from?: string, to?: string): Promise<Funnel> {
    if (from && to && from > to) throw DomainError.invalid('to', 'to must not be before from');
    return this.cache.get(`funnel:${from ?? ''}:${to ?? ''}`, () => this.compute(from, to));
  }

  private async compute(from?: string, to?: string): Promise<Funnel> {
    const em = this.dataSource.manager;
    const where: string[] = ['p.archived_at IS NULL'];
    const params: unknown[] = [];
    // A project's creation date is its first stage change (NEGOTIATING), a business date.
    if (from) {
      where.push('first.at >= ?');
      params.push(from);
    }
    if (to) {
      where.push('first.at <= ?');
      params.push(to);
    }
    const rows = await sql<{ id: string; stage: string; amount: unknown; currency: string | null; to_stage: string; at: string }>(
      em,
      `SELECT p.id, p.stage, p.planned_investment AS amount, p.planned_currency AS currency, t.to_stage, CAST(MIN(t.at) AS VARCHAR(10)) AS at
         FROM projects p
         JOIN project_transitions first ON first.project_id = p.id AND first.from_stage IS NULL
         JOIN project_transitions t ON t.project_id = p.id
        WHERE ${where.join(' AND ')}
        GROUP BY p.id, p.stage, p.planned_investment, p.planned_currency, t.to_stage`,
      params,
    );
    interface P {
      stage: string;
      amount: bigint;
      currency: string | null;
      arrivals: Map<string, string>;
    }
    const projects = new Map<string, P>();
    for (const r of rows) {
      let p = projects.get(r.id);
      if (!p) {
        p = { stage: r.stage, amount: minorUnitsFromDb(r.amount), currency: r.currency, arrivals: new Map() };
        projects.set(r.id, p);
      }
      p.arrivals.set(r.to_stage, r.at);
    }
    const reachedRank = (p: P): number => Math.max(...[...p.arrivals.keys()].map((s) => FORWARD.indexOf(s as ProjectStage)));
    const stages: FunnelStage[] = FORWARD.map((stage, i) => {
      const reached = [...projects.values()].filter((p) => reachedRank(p) >= i);
      const next = FORWARD[i + 1];
      const reachedNext = next ? reached.filter((p) => reachedRank(p) >= i + 1).length : 0;
      const days = next
        ? reached
            .filter((p) => p.arrivals.has(stage) && p.arrivals.has(next))
            .map((p) => daysInclusive(p.arrivals.get(stage) as string, p.arrivals.get(next) as string) - 1)
        : [];
      const sum = (currency: string): bigint => reached.filter((p) => p.currency === currency).reduce((s, p) => s + p.amount, 0n);
      return {
        stage,
        nameZh: NAMES[stage],
        count: reached.length,
        plannedAmount: { amount: formatMinorUnits(sum('CNY')), currency: 'CNY' },
        plannedAmountUsd: { amount: formatMinorUnits(sum('USD')), currency: 'USD' },
        conversionToNext: next ? (reached.length ? Math.round((reachedNext / reached.length) * 1000) / 1000 : 0) : null,
        medianDays: median(days),
      };
    });
    const lost = [...projects.values()].filter((p) => p.stage === 'LOST').length;
    return { from: from ?? null, to: to ?? null, lost, stages };
  }
}
