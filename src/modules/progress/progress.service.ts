import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { formatMinorUnits, parseMinorUnits } from '../../common/money/money.js';
import { districtDate } from '../../common/time/district-clock.js';
import { DerivedCache } from '../../database/derived-cache.js';
import { Plan, PlanIndicator } from '../plans/plan.entities.js';
import { LEAD_SOURCES, PROVINCES } from '../reference/enums.js';
import { ReferenceService } from '../reference/reference.service.js';
import { User } from '../users/user.entity.js';
import type { BreakdownResponse, ExcludedFigure, Figure, IndicatorProgress, ProgressResponse } from './dto/progress.response.js';
import { BreakdownBy, INDICATORS, IndicatorDefinition } from './indicators.js';
import { expectedByNow, finalStatusOf, forecast, Milestone, percentOf, ProgressStatus, statusOf } from './progress-math.js';
import * as q from './progress.queries.js';

/** Chinese labels of what 吸引京冀投资 leaves out (统计口径). */
export const EXCLUDED_ZH: Record<q.ExcludedKey, string> = {
  EARLIER_SIGNED: '期前签约京冀项目的期内到位资金（不计入本指标）',
  NOT_SIGNED_IN_PERIOD: '期内未签约京冀项目的到位资金（不计入本指标）',
};

/** Decimal strings of the plan (targets, baselines) into the bigint unit the queries use, and back. */
export function toInternal(def: IndicatorDefinition, decimal: string): bigint {
  if (def.valueType === 'count') return BigInt(decimal.split('.')[0]);
  const minor = parseMinorUnits(decimal);
  if (minor === null) throw new Error(`Not a decimal: ${decimal}`);
  return minor; // money in fen; areas in m² × 100
}

export function toFigure(def: IndicatorDefinition, value: bigint): Figure {
  if (def.valueType === 'money') return formatMinorUnits(value);
  if (def.valueType === 'area') return Number(value) / 100;
  return Number(value);
}

/** Progress toward a plan's targets, the breakdowns that explain it, and the pipeline funnel. */
@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
    private readonly cache: DerivedCache,
  ) {}

  async plan(code: string): Promise<{ plan: Plan; indicators: PlanIndicator[] }> {
    const em = this.dataSource.manager;
    const plan = await em.getRepository(Plan).findOneBy({ code });
    if (!plan) throw DomainError.notFound('Plan', code);
    const indicators = await em.getRepository(PlanIndicator).find({ where: { planCode: code }, order: { sortOrder: 'ASC' } });
    return { plan, indicators };
  }

  window(plan: Plan, asOf: string): q.Window {
    return { start: plan.startDate, cut: asOf < plan.endDate ? asOf : plan.endDate };
  }

  /**
   * One indicator's figure in a window. `money` lets the indicators of one progress call share a
   * single read of the funds-in-place totals.
   */
  async measure(em: EntityManager, plan: Plan, def: IndicatorDefinition, w: q.Window, money?: () => Promise<q.MoneyFlows>): Promise<q.Measured> {
    const flows = money ?? (() => q.moneyFlows(em, w));
    switch (def.code) {
      case 'JINGJI_PROJECTS':
        return q.jingjiProjects(em, w);
      case 'JINGJI_INVESTMENT':
        return q.jingjiInvestment(em, w, await flows());
      case 'JINGJI_FLOOR_AREA':
        return q.jingjiFloorArea(em, w);
      case 'DOMESTIC_CAPITAL':
        return (await flows()).get('CNY', false);
      case 'FOREIGN_CAPITAL':
        return (await flows()).get('USD', false);
      case 'HIGH_TECH_ENTERPRISES':
        return q.highTechCompanies(em, w);
      case 'MARKET_ENTITIES':
        return q.manualValues(em, plan.code, def.code, w);
      default:
        throw new Error(`No measure for indicator ${def.code}`);
    }
  }

  /** Progress as of a date (default: today in the district), recomputed only after a change. */
  progress(planCode: string, asOfInput?: string): Promise<ProgressResponse> {
    const asOf = asOfInput ?? districtDate();
    return this.cache.get(`progress:${planCode}:${asOf}`, () => this.computeProgress(planCode, asOf));
  }

  private async computeProgress(planCode: string, asOf: string): Promise<ProgressResponse> {
    const { plan, indicators } = await this.plan(planCode);
    const w = this.window(plan, asOf);
    const em = this.dataSource.manager;
    let money: Promise<q.MoneyFlows> | undefined;
    const flows = (): Promise<q.MoneyFlows> => (money ??= q.moneyFlows(em, w));
    const results: IndicatorProgress[] = [];
    for (const ind of indicators) {
      const def = INDICATORS[ind.code];
      if (!def) continue;
      const m = await this.measure(em, plan, def, w, flows);
      const target = toInternal(def, ind.target);
      const baseline = ind.baseline ? toInternal(def, ind.baseline) : 0n;
      const milestones: Milestone[] = (ind.milestones ?? []).map((x) => ({ year: x.year, value: toInternal(def, x.value) }));
      const expected = expectedByNow({ kind: def.kind, target, baseline, start: plan.startDate, end: plan.endDate, asOf, milestones });
      const years: { year: number; value: Figure }[] = [];
      if (w.cut >= w.start) {
        for (let y = Number(w.start.slice(0, 4)); y <= Number(w.cut.slice(0, 4)); y++) {
          if (def.kind === 'flow' || m.byYear.has(y)) years.push({ year: y, value: toFigure(def, m.byYear.get(y) ?? 0n) });
        }
      }
      const money = def.valueType === 'money';
      const entered = m.entered !== false;
      const ended = asOf >= plan.endDate;
      // The figure the status and forecast follow: verified funds when the plan says so.
      const basis = money && plan.statusBasis === 'VERIFIED' ? (m.verified ?? 0n) : m.actual;
      const status: ProgressStatus = !entered ? 'NOT_ENTERED' : ended ? finalStatusOf(basis, target) : statusOf(basis, expected);
      results.push({
        code: ind.code,
        nameZh: ind.nameZh,
        nameEn: ind.nameEn,
        unit: ind.unit,
        target: toFigure(def, target),
        baseline: ind.baseline ? toFigure(def, baseline) : null,
        actual: entered ? toFigure(def, m.actual) : null,
        ...(money && { verified: toFigure(def, m.verified ?? 0n) }),
        percent: entered ? percentOf(m.actual, target) : null,
        ...(money && { percentVerified: percentOf(m.verified ?? 0n, target) }),
        expectedByNow: toFigure(def, expected),
        forecast: entered ? toFigure(def, forecast({ kind: def.kind, actual: basis, baseline, start: plan.startDate, end: plan.endDate, asOf })) : null,
        status,
        statusBasis: money ? plan.statusBasis : 'REPORTED',
        periodEnded: ended,
        byYear: years,
        ...(m.excluded && { excluded: this.excludedFigures(def, m.excluded) }),
      });
    }
    return {
      plan: { code: plan.code, name: plan.name, startDate: plan.startDate, endDate: plan.endDate, statusBasis: plan.statusBasis },
      asOf,
      indicators: results,
    };
  }

  private excludedFigures(def: IndicatorDefinition, excluded: NonNullable<q.Measured['excluded']>): ExcludedFigure[] {
    return excluded.map((e) => ({ key: e.key, labelZh: EXCLUDED_ZH[e.key], value: toFigure(def, e.value), verified: toFigure(def, e.verified) }));
  }

  /** One indicator broken down by a dimension; recomputed only after a change. */
  breakdown(planCode: string, indicator: string, by: BreakdownBy, asOfInput?: string): Promise<BreakdownResponse> {
    const asOf = asOfInput ?? districtDate();
    return this.cache.get(`breakdown:${planCode}:${indicator}:${by}:${asOf}`, () => this.computeBreakdown(planCode, indicator, by, asOf));
  }

  private async computeBreakdown(planCode: string, indicator: string, by: BreakdownBy, asOf: string): Promise<BreakdownResponse> {
    const { plan, indicators } = await this.plan(planCode);
    const def = INDICATORS[indicator];
    if (!indicators.some((i) => i.code === indicator)) {
      throw DomainError.invalid('indicator', `plan ${planCode} has no indicator ${indicator}`, 'notInPlan');
    }
    if (!def.breakdowns.includes(by)) {
      throw DomainError.invalid('by', `${indicator} can be broken down by ${def.breakdowns.join(', ')}`, 'notAvailable');
    }
    const w = this.window(plan, asOf);
    const em = this.dataSource.manager;
    let grouped: Map<string, bigint>;
    // Measured whole when the answer needs it: the year rows, and what 吸引京冀投资 leaves out.
    const whole = by === 'year' || def.code === 'JINGJI_INVESTMENT' ? await this.measure(em, plan, def, w) : null;
    if (by === 'year') {
      grouped = new Map([...(whole as q.Measured).byYear].map(([y, v]) => [String(y), v]));
    } else {
      // Before the period starts the flows' queries find nothing; the stocks are read at the cut, as progress reads them.
      grouped = await this.grouped(em, def, w, by);
    }
    const labels = await this.labels(by, [...grouped.keys()]);
    const rows = [...grouped]
      .filter(([, v]) => v !== 0n)
      .map(([key, v]) => ({ key, labelZh: labels.get(key) ?? key, value: v }))
      .sort((a, b) => (by === 'year' ? Number(a.key) - Number(b.key) : a.value === b.value ? a.key.localeCompare(b.key) : a.value > b.value ? -1 : 1));
    const total = rows.reduce((s, r) => s + r.value, 0n);
    return {
      plan: planCode,
      indicator,
      by,
      asOf,
      total: toFigure(def, total),
      rows: rows.map((r) => ({ ...r, value: toFigure(def, r.value) })),
      ...(whole?.excluded && { excluded: this.excludedFigures(def, whole.excluded) }),
    };
  }

  private grouped(em: EntityManager, def: IndicatorDefinition, w: q.Window, by: Exclude<BreakdownBy, 'year'>): Promise<Map<string, bigint>> {
    switch (def.code) {
      case 'JINGJI_PROJECTS':
        return q.jingjiProjectsBy(em, w, by);
      case 'JINGJI_INVESTMENT':
        return q.moneyFlowBy(em, w, 'CNY', true, by);
      case 'JINGJI_FLOOR_AREA':
        return q.jingjiFloorAreaBy(em, w, by);
      case 'DOMESTIC_CAPITAL':
        return q.moneyFlowBy(em, w, 'CNY', false, by);
      case 'FOREIGN_CAPITAL':
        return q.moneyFlowBy(em, w, 'USD', false, by);
      case 'HIGH_TECH_ENTERPRISES':
        return q.highTechBy(em, w, by as 'industry' | 'origin');
      default:
        throw new Error(`No breakdown for ${def.code} by ${by}`);
    }
  }

  /** Chinese labels for breakdown keys. */
  private async labels(by: BreakdownBy, keys: string[]): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    switch (by) {
      case 'industry':
        for (const i of await this.reference.listIndustries()) map.set(i.code, i.nameZh);
        map.set('NONE', '未标注行业');
        break;
      case 'zone':
        for (const z of await this.reference.listZones()) map.set(z.code, z.nameZh);
        map.set('NONE', '未指定区域');
        break;
      case 'origin':
        for (const [k, v] of Object.entries(PROVINCES)) map.set(k, v.nameZh);
        map.set('UNKNOWN', '来源地未知');
        break;
      case 'source':
        for (const [k, v] of Object.entries(LEAD_SOURCES)) map.set(k, v.nameZh);
        map.set('DIRECT', '直接立项');
        break;
      case 'owner':
      case 'firstContact': {
        const ids = keys.filter((k) => k !== 'NONE');
        const users = ids.length ? await this.dataSource.getRepository(User).findBy({ id: In(ids) }) : [];
        for (const u of users) map.set(u.id, u.displayName);
        map.set('NONE', '未分配');
        break;
      }
      case 'year':
        for (const k of keys) map.set(k, `${k}年`);
        break;
    }
    return map;
  }
}
