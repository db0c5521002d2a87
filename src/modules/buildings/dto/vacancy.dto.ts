import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/validation/decorators.js';
import { MONTH_PATTERN } from '../calendar.js';
import type { IndustryCount, VacancySnapshot } from '../vacancy-snapshot.entity.js';
import { vacancyRate, type VacancyStats } from '../vacancy-stats.js';

const MONTH_MESSAGE = { message: '$property must be a month in YYYY-MM form' };

export class VacancySummaryQuery {
  @ApiPropertyOptional({ description: 'only this zone’s buildings and zone row (district totals stay district-wide)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  zone?: string;
}

export class TakeSnapshotsDto {
  @ApiProperty({ example: '2025-05', description: 'the month to snapshot (its last day, or today for the running month)' })
  @Matches(MONTH_PATTERN, MONTH_MESSAGE)
  month: string;

  @ApiPropertyOptional({ example: '2024-01', description: 'back-fill: snapshot every month from this one through `month`' })
  @IsOptional()
  @Matches(MONTH_PATTERN, MONTH_MESSAGE)
  from?: string;
}

export class VacancyHistoryQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2024-01' })
  @IsOptional()
  @Matches(MONTH_PATTERN, MONTH_MESSAGE)
  from?: string;

  @ApiPropertyOptional({ example: '2025-12' })
  @IsOptional()
  @Matches(MONTH_PATTERN, MONTH_MESSAGE)
  to?: string;
}

export interface ZoneRef {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface VacancySummary {
  /** Today in the district: the figures are live. */
  asOf: string;
  district: VacancyStats;
  zones: (VacancyStats & { zone: ZoneRef })[];
  buildings: (VacancyStats & { building: { id: string; name: string; zone: string }; vacancyUpdatedAt: Date | null })[];
}

export interface SnapshotResult {
  month: string;
  asOf: string;
  /** Buildings with units by then: one snapshot row each. */
  buildings: number;
}

export interface VacancySnapshotResponse {
  month: string;
  asOf: string;
  unitCount: number;
  leasableArea: number;
  vacantArea: number;
  reservedArea: number;
  leasedArea: number;
  vacancyRate: number | null;
  tenantCount: number;
  tenantsByIndustry: IndustryCount[];
  jingjiArea: number;
  takenAt: Date;
}

export function toSnapshotResponse(s: VacancySnapshot): VacancySnapshotResponse {
  return {
    month: s.month,
    asOf: s.asOf,
    unitCount: s.unitCount,
    leasableArea: s.leasableArea,
    vacantArea: s.vacantArea,
    reservedArea: s.reservedArea,
    leasedArea: s.leasedArea,
    vacancyRate: vacancyRate(Math.round(s.vacantArea * 100), Math.round(s.leasableArea * 100)),
    tenantCount: s.tenantCount,
    tenantsByIndustry: s.tenantsByIndustry,
    jingjiArea: s.jingjiArea,
    takenAt: s.takenAt,
  };
}
