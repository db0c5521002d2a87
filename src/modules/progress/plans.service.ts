import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError, ErrorCode, FieldIssue } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { Transactions } from '../../database/transactions.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import { formatMinorUnits, parseMinorUnits } from '../../common/money/money.js';
import { districtDate } from '../../common/time/district-clock.js';
import { Plan, PlanIndicator } from '../plans/plan.entities.js';
import { fiveYearPlanZh, runningPlan } from '../../common/time/plan-periods.js';
import { CreatePlanDto, IndicatorValueDto, PlanIndicatorUpdate, UpdatePlanDto } from './dto/progress.dto.js';
import type { IndicatorValueResponse, PlanResponse } from './dto/progress.response.js';
import { INDICATORS } from './indicators.js';
import { IndicatorValue } from './progress.entities.js';

/**
 * A plan figure as stored (a decimal string): counts whole ("1200"), money and areas with two places
 * ("20000000000.00"). Null with the problem when a count is not whole.
 */
function normalizedFigure(code: string, value: string | number): string | null {
  const minor = parseMinorUnits(value) as bigint; // checked by the DTO
  if (INDICATORS[code].valueType === 'count') return minor % 100n === 0n ? (minor / 100n).toString() : null;
  return formatMinorUnits(minor);
}

/**
 * A changed plan's yearly milestones (cumulative, at each year's end): each year once and within the
 * plan's period, none above the target. (Entry does not check these yet: POST keeps its behaviour.) `given` false: the stored milestones are checked against a new target,
 * and a problem is named on the target.
 */
function milestoneProblems(
  prefix: string,
  milestones: { year: number; value: string }[],
  target: string,
  startDate: string,
  endDate: string,
  given = true,
): FieldIssue[] {
  const problems: FieldIssue[] = [];
  const [from, to] = [Number(startDate.slice(0, 4)), Number(endDate.slice(0, 4))];
  const years = new Set<number>();
  const limit = parseMinorUnits(target) as bigint;
  milestones.forEach((m, k) => {
    const field = `${prefix}.milestones.${k}`;
    if (given && (m.year < from || m.year > to)) {
      problems.push({ field: `${field}.year`, code: 'outsidePlanPeriod', message: `${m.year} is outside the plan's period (${from}–${to})` });
    } else if (given && years.has(m.year)) problems.push({ field: `${field}.year`, code: 'duplicateYear', message: `${m.year} is listed twice` });
    years.add(m.year);
    if ((parseMinorUnits(m.value) as bigint) <= limit) return;
    if (given) problems.push({ field: `${field}.value`, code: 'aboveTarget', message: `the ${m.year} milestone ${m.value} is above the target ${target}` });
    else problems.push({ field: `${prefix}.target`, code: 'belowMilestone', message: `the target ${target} is below the ${m.year} milestone ${m.value}` });
  });
  return problems;
}

const NAMES_ZH: Record<string, string> = {
  JINGJI_PROJECTS: '引进京冀项目',
  JINGJI_INVESTMENT: '吸引京冀投资',
  JINGJI_FLOOR_AREA: '承载京冀产业转移的商务楼宇和园区面积',
  DOMESTIC_CAPITAL: '内资到位额',
  FOREIGN_CAPITAL: '外资到位额',
  HIGH_TECH_ENTERPRISES: '国家高新技术企业',
  MARKET_ENTITIES: '市场主体数量',
};

/** Plans as data: FYP14 is seeded; an admin enters the next plan's period and targets. */
@Injectable()
export class PlansService {
  constructor(
    @InjectRepository(Plan) private readonly plans: Repository<Plan>,
    @InjectRepository(PlanIndicator) private readonly indicators: Repository<PlanIndicator>,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<PlanResponse[]> {
    const [plans, indicators] = await Promise.all([
      this.plans.find({ order: { startDate: 'ASC' } }),
      this.indicators.find({ order: { sortOrder: 'ASC' } }),
    ]);
    const current = runningPlan(plans, districtDate())?.code;
    return plans.map((p) => ({ ...toPlanResponse(p, indicators.filter((i) => i.planCode === p.code)), current: p.code === current }));
  }

  /**
   * The plan a figure is asked of: the one named, else the one whose period contains `asOf` (today in
   * the district by default). With none entered for that date, 409 NO_CURRENT_PLAN, never an ended plan
   * shown as if it were current.
   */
  async codeFor(plan: string | undefined, asOf: string | undefined): Promise<string> {
    if (plan !== undefined) return plan;
    const date = asOf ?? districtDate();
    const running = runningPlan(await this.plans.find({ select: { code: true, startDate: true, endDate: true } }), date);
    if (running) return running.code;
    const period = fiveYearPlanZh(date);
    throw DomainError.conflict(
      'NO_CURRENT_PLAN',
      `No plan's period contains ${date}: the targets of the plan running then (${period.startYear}–${period.endYear}) are not entered yet; ` +
        'an admin enters them (POST /api/v1/plans), or name a plan',
    );
  }

  async create(dto: CreatePlanDto, actor: Actor): Promise<PlanResponse> {
    assertCan(actor, 'plan.manage');
    const problems: FieldIssue[] = [];
    if (dto.endDate <= dto.startDate) problems.push({ field: 'endDate', message: 'endDate must be after startDate' });
    const seen = new Set<string>();
    const figures = dto.indicators.map((ind, n) => {
      if (seen.has(ind.code)) problems.push({ field: `indicators.${n}.code`, message: `${ind.code} is listed twice` });
      seen.add(ind.code);
      const unit = INDICATORS[ind.code].unit;
      if (ind.unit !== unit) problems.push({ field: `indicators.${n}.unit`, message: `the unit of ${ind.code} is ${unit}` });
      const figure = (field: string, value: string | number): string => {
        const v = normalizedFigure(ind.code, value);
        if (v === null) problems.push({ field: `indicators.${n}.${field}`, code: 'isInt', message: `${ind.code} counts ${unit.toLowerCase()}: a whole number` });
        return v ?? '0';
      };
      return {
        target: figure('target', ind.target),
        baseline: ind.baseline === undefined ? null : figure('baseline', ind.baseline),
        milestones: (ind.milestones ?? []).map((m, k) => ({ year: m.year, value: figure(`milestones.${k}.value`, m.value) })),
      };
    });
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION, 'Validation failed', problems);
    await this.tx.run(async (em) => {
      if (await em.getRepository(Plan).existsBy({ code: dto.code })) {
        throw new DomainError(ErrorCode.DUPLICATE, `Plan ${dto.code} already exists`, [{ field: 'code', code: 'duplicate', message: 'already exists' }]);
      }
      // The district has one plan at a time; an overlap (a revision, a special programme) needs its reason.
      const overlapping = await em
        .getRepository(Plan)
        .createQueryBuilder('p')
        .where('p.startDate <= :end AND p.endDate >= :start', { start: dto.startDate, end: dto.endDate })
        .orderBy('p.startDate', 'ASC')
        .getMany();
      if (overlapping.length && !dto.overlapReason) {
        const o = overlapping[0];
        throw DomainError.conflict(
          'PLAN_PERIOD_OVERLAP',
          `The period ${dto.startDate} – ${dto.endDate} overlaps plan ${o.code} (${o.startDate} – ${o.endDate}); give overlapReason to enter it anyway`,
          [{ field: 'startDate', code: 'overlapsPlan', message: `overlaps ${o.code} (${o.startDate} – ${o.endDate})` }],
        );
      }
      await em.getRepository(Plan).insert({
        code: dto.code,
        name: dto.name,
        nameEn: null,
        startDate: dto.startDate,
        endDate: dto.endDate,
        statusBasis: dto.statusBasis ?? 'REPORTED',
        overlapReason: overlapping.length ? (dto.overlapReason ?? null) : null,
      });
      await em.getRepository(PlanIndicator).insert(
        dto.indicators.map((ind, n) => ({
          id: newId(),
          planCode: dto.code,
          code: ind.code,
          nameZh: NAMES_ZH[ind.code] ?? ind.code,
          nameEn: null,
          unit: ind.unit,
          target: figures[n].target,
          baseline: figures[n].baseline,
          milestones: figures[n].milestones,
          sourceZh: null,
          sortOrder: n,
        })),
      );
      const after = toPlanResponse(
        await em.getRepository(Plan).findOneByOrFail({ code: dto.code }),
        await em.getRepository(PlanIndicator).find({ where: { planCode: dto.code }, order: { sortOrder: 'ASC' } }),
      );
      await this.audit.record(em, { actor, action: 'plan.create', entity: 'Plan', entityId: dto.code, before: null, after });
    });
    return (await this.list()).find((p) => p.code === dto.code) as PlanResponse;
  }

  /**
   * Changes an entered plan (ADMIN): which figure its statuses follow, its name, and its indicators'
   * targets, baselines and yearly milestones, checked as on entry. One transaction, one audit entry with
   * the plan before and after; a stale version changes nothing (409).
   */
  async update(code: string, dto: UpdatePlanDto, actor: Actor): Promise<PlanResponse> {
    assertCan(actor, 'plan.manage');
    if (dto.statusBasis === undefined && dto.name === undefined && dto.indicators === undefined) {
      throw new DomainError(ErrorCode.VALIDATION, 'Nothing to change: give statusBasis, name or indicators', [
        { field: 'indicators', code: 'isDefined', message: 'give statusBasis, name or indicators' },
      ]);
    }
    await this.tx.run(async (em) => {
      const plan = await em.getRepository(Plan).findOneBy({ code });
      if (!plan) throw DomainError.notFound('Plan', code);
      const indicators = await em.getRepository(PlanIndicator).find({ where: { planCode: code }, order: { sortOrder: 'ASC' } });
      const before = toPlanResponse(plan, indicators);
      const changes = this.indicatorChanges(plan, indicators, dto.indicators ?? []);
      // Plans are keyed by code: the versioned write's "id" is the code. The plan row is written even when
      // only indicators change, so that its version moves with them.
      const result = await em
        .createQueryBuilder()
        .update(Plan)
        .set({ statusBasis: dto.statusBasis ?? plan.statusBasis, name: dto.name ?? plan.name })
        .where('code = :code AND version = :version', { code, version: dto.version })
        .execute();
      if (result.affected !== 1) throw DomainError.staleVersion('Plan', code);
      for (const c of changes) {
        await em.getRepository(PlanIndicator).update({ id: c.id }, { target: c.target, baseline: c.baseline, milestones: c.milestones });
      }
      const after = toPlanResponse(
        await em.getRepository(Plan).findOneByOrFail({ code }),
        await em.getRepository(PlanIndicator).find({ where: { planCode: code }, order: { sortOrder: 'ASC' } }),
      );
      await this.audit.record(em, { actor, action: 'plan.update', entity: 'Plan', entityId: code, before, after });
    });
    return (await this.list()).find((p) => p.code === code) as PlanResponse;
  }

  /** The indicators' new figures, checked as on entry (whole counts, exact money, milestones in the period), or 400 with every problem. */
  private indicatorChanges(
    plan: Plan,
    stored: PlanIndicator[],
    inputs: PlanIndicatorUpdate[],
  ): { id: string; target: string; baseline: string | null; milestones: { year: number; value: string }[] }[] {
    const problems: FieldIssue[] = [];
    const seen = new Set<string>();
    const changes = inputs.flatMap((ind, n) => {
      const current = stored.find((i) => i.code === ind.code);
      if (!current) {
        problems.push({ field: `indicators.${n}.code`, code: 'notInPlan', message: `plan ${plan.code} has no indicator ${ind.code}` });
        return [];
      }
      if (seen.has(ind.code)) problems.push({ field: `indicators.${n}.code`, message: `${ind.code} is listed twice` });
      seen.add(ind.code);
      const figure = (field: string, value: string | number): string => {
        const v = normalizedFigure(ind.code, value);
        if (v === null) problems.push({ field: `indicators.${n}.${field}`, code: 'isInt', message: `${ind.code} counts ${current.unit.toLowerCase()}: a whole number` });
        return v ?? '0';
      };
      const target = ind.target === undefined ? current.target : figure('target', ind.target);
      const baseline = ind.baseline === undefined ? current.baseline : ind.baseline === null ? null : figure('baseline', ind.baseline);
      const milestones =
        ind.milestones === undefined ? current.milestones : ind.milestones.map((m, k) => ({ year: m.year, value: figure(`milestones.${k}.value`, m.value) }));
      if (ind.milestones !== undefined || ind.target !== undefined) {
        problems.push(...milestoneProblems(`indicators.${n}`, milestones, target, plan.startDate, plan.endDate, ind.milestones !== undefined));
      }
      return [{ id: current.id, target, baseline, milestones }];
    });
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION, 'Validation failed', problems);
    return changes;
  }

  /** Enters (or corrects) the dated figure of a hand-entered indicator such as MARKET_ENTITIES. */
  async enterValue(planCode: string, indicator: string, dto: IndicatorValueDto, actor: Actor): Promise<IndicatorValueResponse> {
    assertCan(actor, 'plan.manage');
    const def = INDICATORS[indicator];
    if (!def) throw DomainError.notFound('Indicator', indicator);
    if (!def.manual) {
      throw DomainError.conflict('INDICATOR_COMPUTED', `${indicator} is computed from records and takes no hand-entered values`);
    }
    await this.tx.run(async (em) => {
      if (!(await em.getRepository(PlanIndicator).existsBy({ planCode, code: indicator }))) {
        throw DomainError.notFound('Plan indicator', `${planCode}/${indicator}`);
      }
      const repo = em.getRepository(IndicatorValue);
      const existing = await repo.findOneBy({ planCode, indicatorCode: indicator, date: dto.date });
      const entityId = existing?.id ?? newId();
      if (existing) await repo.update({ id: existing.id }, { value: dto.value, note: dto.note ?? null });
      else await repo.insert({ id: entityId, planCode, indicatorCode: indicator, date: dto.date, value: dto.value, note: dto.note ?? null, createdById: actor.id });
      await this.audit.record(em, {
        actor,
        action: 'plan.value',
        entity: 'IndicatorValue',
        entityId,
        before: existing ? { date: existing.date, value: existing.value, note: existing.note } : null,
        after: { date: dto.date, value: dto.value, note: dto.note ?? null },
      });
    });
    return { date: dto.date, value: dto.value, note: dto.note ?? null };
  }
}

function toPlanResponse(p: Plan, indicators: PlanIndicator[]): Omit<PlanResponse, 'current'> {
  return {
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    startDate: p.startDate,
    endDate: p.endDate,
    statusBasis: p.statusBasis,
    overlapReason: p.overlapReason,
    indicators: indicators.map((i) => ({
      code: i.code,
      nameZh: i.nameZh,
      unit: i.unit,
      target: i.target,
      baseline: i.baseline,
      milestones: i.milestones,
    })),
    version: p.version,
  };
}
