import type { UnitStatus } from '../reference/enums.js';
import type { IndustryCount } from './vacancy-snapshot.entity.js';

/**
 * Vacancy figures of a building, a zone or the district.
 * - leasableArea: units that can be let (every status but UNAVAILABLE);
 * - vacantArea: not occupied, VACANT or RESERVED (reservedArea is the RESERVED part);
 * - vacancyRate: vacantArea / leasableArea, a fraction with four decimals (null without leasable area);
 * - tenantCount: distinct tenant companies of LEASED units;
 * - jingjiArea: area of active placements of Beijing–Hebei (京冀) projects.
 * Areas are m² with two decimals.
 */
export interface VacancyStats {
  unitCount: number;
  leasableArea: number;
  vacantArea: number;
  reservedArea: number;
  leasedArea: number;
  vacancyRate: number | null;
  tenantCount: number;
  tenantsByIndustry: IndustryCount[];
  jingjiArea: number;
}

/** vacant / leasable as a fraction with four decimals; null without leasable area. Areas in m² × 100. */
export function vacancyRate(vacant100: number, leasable100: number): number | null {
  return leasable100 > 0 ? Math.round((vacant100 * 10_000) / leasable100) / 10_000 : null;
}

/**
 * Adds up units, tenants and placed area; areas are kept as integer m² × 100 so the sums are exact.
 * Tallies merge (building → zone → district) with tenants counted once however many buildings they use.
 */
export class StatsTally {
  private units = 0;
  private leasable = 0;
  private vacant = 0;
  private reserved = 0;
  private leased = 0;
  private jingji = 0;
  private readonly tenants = new Map<string, string | null>();

  addUnits(status: UnitStatus, count: number, area100: number): this {
    this.units += count;
    if (status !== 'UNAVAILABLE') this.leasable += area100;
    if (status === 'VACANT' || status === 'RESERVED') this.vacant += area100;
    if (status === 'RESERVED') this.reserved += area100;
    if (status === 'LEASED') this.leased += area100;
    return this;
  }

  addTenant(companyId: string, industry: string | null): this {
    this.tenants.set(companyId, industry);
    return this;
  }

  addJingji(area100: number): this {
    this.jingji += area100;
    return this;
  }

  merge(other: StatsTally): this {
    this.units += other.units;
    this.leasable += other.leasable;
    this.vacant += other.vacant;
    this.reserved += other.reserved;
    this.leased += other.leased;
    this.jingji += other.jingji;
    for (const [id, industry] of other.tenants) this.tenants.set(id, industry);
    return this;
  }

  toStats(): VacancyStats {
    const byIndustry = new Map<string | null, number>();
    for (const industry of this.tenants.values()) byIndustry.set(industry, (byIndustry.get(industry) ?? 0) + 1);
    return {
      unitCount: this.units,
      leasableArea: this.leasable / 100,
      vacantArea: this.vacant / 100,
      reservedArea: this.reserved / 100,
      leasedArea: this.leased / 100,
      vacancyRate: vacancyRate(this.vacant, this.leasable),
      tenantCount: this.tenants.size,
      tenantsByIndustry: [...byIndustry.entries()]
        .map(([industry, count]) => ({ industry, count }))
        .sort((a, b) => b.count - a.count || String(a.industry).localeCompare(String(b.industry))),
      jingjiArea: this.jingji / 100,
    };
  }
}
