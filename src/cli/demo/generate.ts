import type { DataSource } from 'typeorm';
import { districtDate, getDistrictTimeZone } from '../../common/time/district-clock.js';
import { countChange } from '../../database/change-counter.js';
import { Company } from '../../modules/companies/company.entity.js';
import { rebuildTotals } from '../../modules/projects/funding-totals.js';
import { Project } from '../../modules/projects/project.entity.js';
import type { ProjectStage } from '../../modules/reference/enums.js';
import { ActivityPlan, planActivities, writeActivities } from './activities.js';
import { BuildingModel, ExistingBuilding, loadBuildings, planBuildings, writeBuildings } from './buildings.js';
import { Calendar, DAY_MS, dayNumber, timeZoneOffsetMs } from './calendar.js';
import { CompanyModel, companyRow, completeCompanies, draftCompanies } from './companies.js';
import { DemoContext, createContext } from './context.js';
import { FundingPlan, planFundings, rebuildFundingTotals, writeFundings } from './fundings.js';
import { PlannedLead, planLeads, writeLeads } from './leads.js';
import { DEMO_PASSWORD, DemoDataError, DemoOptions, DemoSizes, DemoSummary, FIRST_DAY, PLAN_END, PLAN_START, resolveSizes } from './options.js';
import { writePlacements } from './placements.js';
import { ProjectModel, planProjects, projectRow } from './projects.js';
import { Rng } from './random.js';
import { writeQualifications } from './qualifications.js';
import { loadReference } from './reference.js';
import { refuseToMix, resetDistrict } from './reset.js';
import { SpaceModel, planSpace } from './space.js';
import { DemoTables } from './tables.js';
import { writeTransitions } from './transitions.js';
import { writeUnits } from './units.js';
import { ensureUsers } from './users.js';
import { createWriter } from './writer.js';

export { DEMO_PASSWORD, DemoDataError, resolveSizes } from './options.js';
export type { DemoOptions, DemoSizes, DemoSummary, TableTiming } from './options.js';

/**
 * The demo district: users, companies, leads, projects with their stage history, funds in place,
 * activity logs, and the office buildings' floors and units with their tenants and the placements
 * of landed projects, generated from a seed and written in bulk, one planning file per table
 * (columns from the entities' metadata). Deterministic: the same seed, sizes and day give the same
 * rows, ids included.
 */

/**
 * Where the floor space of landed Beijing–Hebei projects should end up, at the plan's end: a
 * little under the 14th plan's 40 万㎡. Only a share of the landed projects is placed, so a large
 * district stays near it; a small one places every landed project it has room for.
 */
const JINGJI_AREA_AIM_M2 = 38e4;

/** Everything planned before a row is written. */
interface DistrictPlan {
  companies: CompanyModel[];
  projects: ProjectModel[];
  leads: PlannedLead[];
  activities: ActivityPlan;
  fundings: FundingPlan;
  buildings: BuildingModel[];
  space: SpaceModel;
  stages: Record<ProjectStage, number>;
}

export async function generateDemoData(dataSource: DataSource, options: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const log = options.log ?? ((): void => undefined);
  // Checked before anything is deleted; the building count is settled once the existing ones are known.
  let sizes = resolveSizes(options);
  const today = options.today ?? districtDate();
  const todayDay = dayNumber(today);
  const firstDay = dayNumber(FIRST_DAY);
  const lastDay = todayDay - 1;
  if (lastDay < firstDay) throw new DemoDataError(`today (${today}) must be after ${FIRST_DAY}`);
  const writer = createWriter(dataSource);
  const tables = new DemoTables(writer, dataSource, log);
  const offset = timeZoneOffsetMs(getDistrictTimeZone(), new Date(todayDay * DAY_MS + DAY_MS / 2));
  const cal = new Calendar(offset, writer.postgres);

  const resetSeconds = options.reset ? await resetDistrict(writer, log) : (await refuseToMix(writer), null);

  // Reference data (loaded by the app at start), the demo users and the buildings.
  const ref = await loadReference(writer);
  const users = await ensureUsers(tables, cal);
  if (users.created > 0) log(`Created ${users.created} demo users (password "${DEMO_PASSWORD}")`);
  const existing = await loadBuildings(writer);
  sizes = resolveSizes(options, existing.length);
  if (options.buildings !== undefined && options.buildings < existing.length) {
    log(`  --buildings ${options.buildings} is below the ${existing.length} buildings already in the database: all of them get units`);
  }
  const stream = (name: string): Rng => Rng.stream(sizes.seed, name);
  const ctx = createContext({ cal, stream, firstDay, lastDay, todayDay, anchorMs: cal.instant(todayDay, 0), ref, users });

  const existingUscc = new Set(
    (await writer.query<{ uscc: string }>(`SELECT uscc FROM ${writer.table('companies')} WHERE uscc IS NOT NULL`)).map((r) => r.uscc),
  );
  const plan = planDistrict(ctx, sizes, { buildings: existing, uscc: existingUscc }, log);
  await writeDistrict(ctx, tables, plan, Boolean(options.reset));

  const { space, buildings, fundings } = plan;
  return {
    sizes,
    today,
    tables: tables.timings,
    resetSeconds,
    usersCreated: users.created,
    fundingScale: fundings.scale,
    jingjiFundsInPlanYuan: fundings.jingjiInPlanYuan,
    stages: plan.stages,
    buildings: { existing: existing.length, generated: buildings.length - existing.length },
    units: space.byStatus,
    vacancyRate: space.vacancyRate,
    placements: { active: space.activePlacements, released: space.releasedPlacements },
    jingjiPlacedAreaM2: space.jingjiAreaM2,
    jingjiPlacedAreaInPlanM2: space.jingjiAreaInPlanM2,
    totalSeconds: (performance.now() - started) / 1000,
  };
}

/** Plans the whole district in memory: every row is known (and every id drawn) before one is written. */
function planDistrict(ctx: DemoContext, sizes: DemoSizes, existing: { buildings: ExistingBuilding[]; uscc: Set<string> }, log: (line: string) => void): DistrictPlan {
  const { cal, firstDay, lastDay, ref } = ctx;
  const buildings = planBuildings(ctx.stream('buildings'), cal, { total: sizes.buildings, existing: existing.buildings, zones: ref.zones, firstDay, lastDay });
  // Officers mention the generated buildings in their activity logs too.
  for (const b of buildings) {
    if (!b.demo) continue;
    ref.allBuildings.push(b.name);
    ref.buildings.set(b.zone, [...(ref.buildings.get(b.zone) ?? []), b.name]);
  }
  const stages = Object.fromEntries(['NEGOTIATING', 'SITE_VISIT', 'SIGNED', 'REGISTERED', 'OPERATING', 'LOST'].map((s) => [s, 0])) as Record<ProjectStage, number>;
  const genStart = performance.now();
  const draft = draftCompanies(ctx, sizes.companies);
  const projects = planProjects(ctx, draft, sizes.projects, stages);
  const companies = completeCompanies(ctx, draft, existing.uscc);
  const leads = planLeads(ctx, projects, sizes.leads);
  const activities = planActivities(ctx, projects, sizes.activities);
  const fundings = planFundings(ctx, projects, sizes.fundings, log);
  const spaceStart = performance.now();
  const space = planDistrictSpace(ctx, sizes, buildings, companies, projects);
  log(
    `Generated the model in ${((performance.now() - genStart) / 1000).toFixed(1)} s ` +
      `(funds scaled by ${fundings.scale.CNY.toPrecision(3)} CNY / ${fundings.scale.USD.toPrecision(3)} USD; Beijing–Hebei funds in place ${PLAN_START.slice(0, 4)}–${PLAN_END.slice(0, 4)}: ${(fundings.jingjiInPlanYuan / 1e8).toFixed(1)} 亿元)`,
  );
  log(
    `  ${space.units.length.toLocaleString('en-US')} units in ${buildings.length} buildings (${buildings.length - existing.buildings.length} generated, laid out in ${((performance.now() - spaceStart) / 1000).toFixed(1)} s), ` +
      `vacancy ${space.vacancyRate === null ? '–' : `${(space.vacancyRate * 100).toFixed(1)} %`}, ${space.activePlacements} active placements; ` +
      `Beijing–Hebei placed area ${(space.jingjiAreaInPlanM2 / 1e4).toFixed(1)} 万㎡ at the plan's end, ${(space.jingjiAreaM2 / 1e4).toFixed(1)} 万㎡ now`,
  );
  return { companies, projects, leads, activities, fundings, buildings, space, stages };
}

/** Floors and units of the buildings, their tenants, and the placements of landed projects. */
function planDistrictSpace(ctx: DemoContext, sizes: DemoSizes, buildings: BuildingModel[], companies: CompanyModel[], projects: ProjectModel[]): SpaceModel {
  const landedCompanies = new Set<string>();
  const spaceProjects = projects.map((p) => {
    const stage = p.path[p.path.length - 1];
    const landed = stage === 'REGISTERED' || stage === 'OPERATING';
    if (landed) landedCompanies.add(p.company.id);
    return {
      id: p.id,
      name: p.name,
      companyId: p.company.id,
      landedDay: landed ? p.days[p.path.indexOf('REGISTERED')] : null,
      signedOpen: stage === 'SIGNED',
      jingji: p.jingji,
      zone: p.zone,
      industry: p.industry,
      areaMin: p.areaMin,
      owner: p.owner,
    };
  });
  return planSpace({
    stream: ctx.stream,
    cal: ctx.cal,
    lastDay: ctx.lastDay,
    todayDay: ctx.todayDay,
    planEnd: dayNumber(PLAN_END),
    buildings,
    zones: ctx.ref.zones,
    units: sizes.units,
    // Registered companies rent; local ones and those with a landed project more often.
    tenants: companies.map((c) => ({
      id: c.id,
      weight: c.uscc === null ? 0 : 1 + (c.origin.province === 'TIANJIN' ? 2 : 0) + (landedCompanies.has(c.id) ? 2 : 0),
    })),
    projects: spaceProjects,
    managers: ctx.users.managers,
    jingjiAimM2: JINGJI_AREA_AIM_M2,
  });
}

/**
 * Writes the plan, parents first, each table in one transaction. The funds-in-place totals and the
 * change counter follow the ledger whatever happens (a service on this database recomputes its cached
 * figures on the next read).
 */
async function writeDistrict(ctx: DemoContext, tables: DemoTables, plan: DistrictPlan, reset: boolean): Promise<void> {
  const { cal } = ctx;
  const { dataSource, writer } = tables;
  let totalsStale = reset;
  writer.begin();
  try {
    await tables.write(Company, plan.companies.length, (i) => companyRow(ctx, plan.companies[i]));
    await writeQualifications(ctx, tables, plan.companies);
    await tables.write(Project, plan.projects.length, (i) => projectRow(ctx, plan.projects[i]));
    await writeLeads(tables, plan.leads);
    await writeTransitions(ctx, tables, plan.projects);
    totalsStale = true;
    await writeFundings(ctx, tables, plan.projects, plan.fundings);
    await writeActivities(ctx, tables, plan.projects, plan.activities);
    await rebuildFundingTotals(tables);
    totalsStale = false;
    await writeBuildings(tables, cal, plan.buildings, plan.space.managerRows);
    await writeUnits(tables, cal, plan.space.units);
    await writePlacements(tables, cal, plan.space.placements);
    // Planner statistics for the new rows on PostgreSQL. Without them it estimated 78 projects where
    // 24,000 matched a list filter and chose a plan five times slower (autovacuum catches up later).
    // Not on SQLite: there, statistics moved the list to a worse index (1.5 ms -> 3.6 ms).
    if (dataSource.options.type === 'postgres') {
      const t = performance.now();
      await dataSource.query('ANALYZE');
      tables.log(`  analyzed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    writer.end();
    await dataSource.transaction((em) => countChange(em)).catch(() => undefined);
    if (totalsStale) {
      // A failure after the reset: keep the totals true to whatever the ledger now holds.
      await dataSource.transaction((em) => rebuildTotals(em)).catch(() => undefined);
    }
  }
}
