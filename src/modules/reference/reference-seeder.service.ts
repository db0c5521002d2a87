import { Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EntityManager } from 'typeorm';
import { newId } from '../../common/identity/ids.js';
import { Transactions } from '../../database/transactions.js';
import { Building } from '../buildings/building.entity.js';
import { Plan, PlanIndicator } from '../plans/plan.entities.js';
import { Industry, IndustrySegment, IndustryGroup, Zone, ZoneKind } from './reference.entities.js';

interface SeedSegment {
  code: string;
  nameZh: string;
  nameEn: string;
  keywords: string[];
}
interface SeedIndustry extends SeedSegment {
  group: IndustryGroup;
  segments: SeedSegment[];
}
interface SeedZone {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: ZoneKind;
  focusIndustries: string[];
  descriptionZh?: string;
}
interface SeedPlan {
  code: string;
  name: string;
  nameEn?: string;
  startDate: string;
  endDate: string;
  indicators: {
    code: string;
    nameZh: string;
    nameEn?: string;
    unit: string;
    target: string;
    baseline?: string;
    milestones?: { year: number; value: string }[];
    sourceZh?: string;
  }[];
}
interface SeedBuilding {
  code: string;
  name: string;
  nameEn?: string;
  zone: string;
  address?: string;
  grade?: string | null;
  totalArea?: number;
  specialtyIndustries?: string[];
}

/** Where the reference data lives: `seeds/` at the project root, or SEEDS_DIR. */
export function seedsDir(): string {
  return resolve(process.env.SEEDS_DIR ?? 'seeds');
}

function readSeed<T>(file: string): T {
  return JSON.parse(readFileSync(resolve(seedsDir(), file), 'utf8')) as T;
}

/**
 * Loads seeds/ at every start: industries, sub-sectors, zones, plans and the buildings the plan
 * names. Upserts by code in one transaction, so restarts and upgrades neither duplicate nor lose
 * rows (rows no longer in the files are kept, since records may refer to them).
 */
@Injectable()
export class ReferenceSeeder {
  private readonly logger = new Logger(ReferenceSeeder.name);

  constructor(private readonly tx: Transactions) {}

  async seed(): Promise<void> {
    const industries = readSeed<SeedIndustry[]>('industries.json');
    const zones = readSeed<SeedZone[]>('zones.json');
    const plans = readSeed<SeedPlan[]>('plans.json');
    const buildings = readSeed<SeedBuilding[]>('buildings.json');
    await this.tx.run(async (em) => {
      await this.seedIndustries(em, industries);
      await this.seedZones(em, zones);
      await this.seedPlans(em, plans);
      await this.seedBuildings(em, buildings);
    });
    const segmentCount = industries.reduce((n, i) => n + i.segments.length, 0);
    this.logger.log(
      `Reference data loaded: ${industries.length} industries, ${segmentCount} segments, ${zones.length} zones/belts, ${plans.length} plan(s), ${buildings.length} buildings`,
    );
  }

  private async seedIndustries(em: EntityManager, industries: SeedIndustry[]): Promise<void> {
    await em.getRepository(Industry).upsert(
      industries.map((i, n) => ({
        code: i.code,
        nameZh: i.nameZh,
        nameEn: i.nameEn,
        group: i.group,
        keywords: i.keywords ?? [],
        sortOrder: n,
      })),
      ['code'],
    );
    const segments = industries.flatMap((i) =>
      i.segments.map((s, n) => ({
        code: s.code,
        industryCode: i.code,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        keywords: s.keywords ?? [],
        sortOrder: n,
      })),
    );
    for (let i = 0; i < segments.length; i += 100) {
      await em.getRepository(IndustrySegment).upsert(segments.slice(i, i + 100), ['code']);
    }
  }

  private async seedZones(em: EntityManager, zones: SeedZone[]): Promise<void> {
    await em.getRepository(Zone).upsert(
      zones.map((z, n) => ({
        code: z.code,
        nameZh: z.nameZh,
        nameEn: z.nameEn,
        kind: z.kind,
        focusIndustries: z.focusIndustries,
        descriptionZh: z.descriptionZh ?? null,
        sortOrder: n,
      })),
      ['code'],
    );
  }

  private async seedPlans(em: EntityManager, plans: SeedPlan[]): Promise<void> {
    for (const p of plans) {
      const repo = em.getRepository(Plan);
      const existing = await repo.findOneBy({ code: p.code });
      if (!existing) {
        await repo.insert({ code: p.code, name: p.name, nameEn: p.nameEn ?? null, startDate: p.startDate, endDate: p.endDate });
      } else {
        await repo.update({ code: p.code }, { name: p.name, nameEn: p.nameEn ?? null, startDate: p.startDate, endDate: p.endDate });
      }
      const indicators = em.getRepository(PlanIndicator);
      for (const [n, ind] of p.indicators.entries()) {
        const values = {
          nameZh: ind.nameZh,
          nameEn: ind.nameEn ?? null,
          unit: ind.unit,
          target: ind.target,
          baseline: ind.baseline ?? null,
          milestones: ind.milestones ?? [],
          sourceZh: ind.sourceZh ?? null,
          sortOrder: n,
        };
        const found = await indicators.findOneBy({ planCode: p.code, code: ind.code });
        if (found) await indicators.update({ id: found.id }, values);
        else await indicators.insert({ id: newId(), planCode: p.code, code: ind.code, ...values });
      }
    }
  }

  private async seedBuildings(em: EntityManager, buildings: SeedBuilding[]): Promise<void> {
    const repo = em.getRepository(Building);
    for (const b of buildings) {
      const values = {
        name: b.name,
        nameEn: b.nameEn ?? null,
        zoneCode: b.zone,
        address: b.address ?? null,
        grade: b.grade ?? null,
        specialtyIndustries: b.specialtyIndustries ?? [],
      };
      const found = await repo.findOneBy({ code: b.code });
      if (!found) {
        await repo.insert({ id: newId(), code: b.code, totalArea: b.totalArea ?? null, ...values });
      } else if (
        found.name !== values.name ||
        found.zoneCode !== values.zoneCode ||
        found.address !== values.address ||
        found.grade !== values.grade ||
        found.nameEn !== values.nameEn ||
        JSON.stringify(found.specialtyIndustries) !== JSON.stringify(values.specialtyIndustries)
      ) {
        // Only the fields the seed owns; managers' edits to other fields stay.
        await repo.update({ id: found.id }, values);
      }
    }
  }
}
