import { Lead } from '../../modules/leads/lead.entity.js';
import type { LeadSource, LeadStatus } from '../../modules/reference/enums.js';
import { DAY_MS } from './calendar.js';
import { companyName } from './companies.js';
import { DemoContext, mobile, personName, toWorkday, workSeconds } from './context.js';
import type { EntityRow } from './entity-rows.js';
import type { ProjectModel } from './projects.js';
import { Rng, Weighted, uuidV7 } from './random.js';
import type { DemoTables } from './tables.js';
import * as V from './vocabulary.js';

/**
 * Leads: a quarter became projects (each project from at most one lead, linked both ways); the rest
 * are open or dropped. No activities are logged on leads, so their activity times stay empty, and
 * none has been through the pool.
 */
const SOURCE_MIX = new Weighted<LeadSource>([
  ['REFERRAL', 20],
  ['MATCHMAKING_EVENT', 15],
  ['INTERMEDIARY', 15],
  ['FAIR', 10],
  ['COLD_VISIT', 12],
  ['GOVERNMENT_PROMOTION', 12],
  ['WALK_IN', 10],
  ['OTHER', 6],
]);
const OPEN_LEAD_STATUS = new Weighted<LeadStatus>([
  ['NEW', 22],
  ['CONTACTED', 22],
  ['QUALIFIED', 16],
  ['DISQUALIFIED', 15],
]);
/** Share of leads that became projects. */
const CONVERTED_SHARE = 0.25;

type LeadFacts = Pick<
  EntityRow<Lead>,
  'id' | 'companyName' | 'source' | 'status' | 'industryCode' | 'originProvince' | 'ownerId' | 'companyId' | 'projectId' | 'disqualifiedReason' | 'version'
> & { createdMs: number; closedMs: number | null; updatedMs: number };

export interface PlannedLead {
  ms: number;
  row: EntityRow<Lead>;
}

/** Plans the leads, in creation order, and links the converted projects to theirs (leadId). */
export function planLeads(ctx: DemoContext, projects: ProjectModel[], count: number): PlannedLead[] {
  const rng = ctx.stream('leads');
  const ids = ctx.stream('ids:leads');
  const converted = Math.min(projects.length, Math.round(count * CONVERTED_SHARE));
  const leads: PlannedLead[] = [];
  for (const p of rng.sample(projects, converted)) leads.push(convertedLead(ctx, rng, ids, p));
  for (let i = converted; i < count; i++) leads.push(openLead(ctx, rng, ids));
  return leads.sort((a, b) => a.ms - b.ms);
}

export async function writeLeads(tables: DemoTables, leads: PlannedLead[]): Promise<void> {
  await tables.write(Lead, leads.length, (i) => leads[i].row);
}

function convertedLead(ctx: DemoContext, rng: Rng, ids: Rng, p: ProjectModel): PlannedLead {
  const { cal, firstDay } = ctx;
  let ms = p.createdMs - 3_600_000 - rng.exponential(35 * DAY_MS);
  ms = cal.instant(Math.max(firstDay, cal.dayOf(ms)), workSeconds(rng));
  if (ms >= p.createdMs - 60_000) ms = p.createdMs - 60_000 - Math.floor(rng.next() * 7_200_000);
  ms = Math.floor(ms);
  const id = uuidV7(ms, ids);
  p.leadId = id;
  const source = p.jingji && rng.chance(0.3) ? 'MATCHMAKING_EVENT' : SOURCE_MIX.pick(rng);
  const row = leadRow(ctx, rng, {
    id,
    companyName: p.company.name,
    source,
    status: 'CONVERTED',
    industryCode: p.industry,
    originProvince: p.company.origin.province,
    ownerId: p.owner,
    companyId: p.company.id,
    projectId: p.id,
    disqualifiedReason: null,
    createdMs: ms,
    closedMs: p.createdMs,
    updatedMs: p.createdMs,
    version: 3,
  });
  return { ms, row };
}

function openLead(ctx: DemoContext, rng: Rng, ids: Rng): PlannedLead {
  const { cal, firstDay, lastDay, anchorMs } = ctx;
  const status = OPEN_LEAD_STATUS.pick(rng);
  const recency = status === 'NEW' ? 90 : status === 'CONTACTED' ? 200 : status === 'QUALIFIED' ? 260 : 0;
  const day = recency > 0 ? Math.max(firstDay, lastDay - Math.floor(rng.exponential(recency))) : rng.int(firstDay, lastDay);
  const createdDay = toWorkday(rng, day, firstDay, lastDay);
  const createdMs = Math.floor(cal.instant(createdDay, workSeconds(rng)));
  let closedMs: number | null = null;
  let updatedMs = createdMs;
  if (status === 'DISQUALIFIED') {
    const d = Math.min(lastDay, createdDay + rng.int(3, 120));
    closedMs = Math.max(createdMs + 60_000, Math.floor(cal.instant(d, workSeconds(rng))));
    if (closedMs >= anchorMs) closedMs = anchorMs - 1000;
    updatedMs = closedMs;
  } else if (status !== 'NEW') {
    const d = Math.min(lastDay, createdDay + rng.int(1, 60));
    updatedMs = Math.max(createdMs + 60_000, Math.floor(cal.instant(d, workSeconds(rng))));
    if (updatedMs >= anchorMs) updatedMs = anchorMs - 1000;
  }
  const origin = ctx.originPick.pick(rng);
  const source = SOURCE_MIX.pick(rng);
  const industry = rng.chance(0.92) ? ctx.anyIndustry(rng) : null;
  const name = companyName(rng, origin, industry ?? ctx.anyIndustry(rng), ctx.usedNames).name;
  const id = uuidV7(createdMs, ids);
  const row = leadRow(ctx, rng, {
    id,
    companyName: name,
    source,
    status,
    industryCode: industry,
    originProvince: rng.chance(0.9) ? origin.province : null,
    ownerId: ctx.officerPick.pick(rng),
    companyId: null,
    projectId: null,
    disqualifiedReason: status === 'DISQUALIFIED' ? rng.pick(V.DISQUALIFIED_REASONS) : null,
    createdMs,
    closedMs,
    updatedMs,
    version: status === 'NEW' ? 1 : 2,
  });
  return { ms: createdMs, row };
}

/** The row, with a contact person drawn for it. */
function leadRow(ctx: DemoContext, rng: Rng, f: LeadFacts): EntityRow<Lead> {
  const { cal } = ctx;
  const person = personName(rng);
  const formal = rng.chance(0.85);
  const contactName = formal ? person.name : `${person.name[0]}${rng.chance(0.6) ? '先生' : '女士'}`;
  const phone = rng.chance(0.9) ? mobile(rng) : null;
  const email = rng.chance(0.45) ? `${person.handle}${rng.chance(0.5) ? rng.int(1, 99) : ''}@${rng.pick(V.MAIL_DOMAINS)}` : null;
  const notes = rng.chance(0.5) ? rng.pick(V.LEAD_NOTES[f.source as LeadSource]) + (rng.chance(0.3) ? `，对接人为${rng.pick(V.TITLES)}` : '') : null;
  return {
    id: f.id,
    companyName: f.companyName,
    source: f.source,
    status: f.status,
    contactName,
    contactPhone: phone,
    contactEmail: email,
    industryCode: f.industryCode,
    originProvince: f.originProvince,
    notes,
    ownerId: f.ownerId,
    createdById: f.ownerId,
    companyId: f.companyId,
    projectId: f.projectId,
    disqualifiedReason: f.disqualifiedReason,
    closedAt: f.closedMs === null ? null : cal.stamp(f.closedMs),
    lastActivityAt: null,
    nextFollowUpAt: null,
    // Held by its owner since its creation; never in the pool (公海) or claimed from it.
    ownedSince: null,
    claimedAt: null,
    poolEnteredAt: null,
    createdAt: cal.stamp(f.createdMs),
    updatedAt: cal.stamp(f.updatedMs),
    version: f.version,
    archivedAt: null,
  };
}
