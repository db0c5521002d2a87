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

/** Tenants of one industry (null: tenants without an industry). */
export class IndustryCountView implements IndustryCount {
  @ApiProperty({ type: String, nullable: true, description: 'industry code; null: tenants without one' }) industry: string | null;
  @ApiProperty({ type: 'integer' }) count: number;
}

/**
 * Vacancy figures of a building, a zone or the district (see vacancy-stats.ts). Areas are m² with two
 * decimals; vacancyRate = vacantArea / leasableArea, a fraction with four decimals.
 */
export class VacancyStatsView implements VacancyStats {
  @ApiProperty({ type: 'integer' }) unitCount: number;
  @ApiProperty({ type: Number, description: 'm², units that can be let (every status but UNAVAILABLE)' }) leasableArea: number;
  @ApiProperty({ type: Number, description: 'm², VACANT or RESERVED' }) vacantArea: number;
  @ApiProperty({ type: Number, description: 'm², the RESERVED part of vacantArea' }) reservedArea: number;
  @ApiProperty({ type: Number, description: 'm²' }) leasedArea: number;
  @ApiProperty({ type: Number, nullable: true, description: 'a fraction with four decimals; null without leasable area' }) vacancyRate: number | null;
  @ApiProperty({ type: 'integer', description: 'distinct tenant companies of LEASED units' }) tenantCount: number;
  @ApiProperty({ type: () => IndustryCountView, isArray: true }) tenantsByIndustry: IndustryCountView[];
  @ApiProperty({ type: Number, description: 'm² of active placements of Beijing–Hebei (京冀) projects' }) jingjiArea: number;
}

/** A building named in another record: its id, name and zone code. */
export class BuildingRef {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, description: 'zone or belt code' }) zone: string;
}

export class ZoneRef {
  @ApiProperty({ type: String }) code: string;
  @ApiProperty({ type: String }) nameZh: string;
  @ApiProperty({ type: String }) nameEn: string;
}

/** A zone's (or belt's) vacancy. */
export class ZoneVacancy extends VacancyStatsView {
  @ApiProperty({ type: () => ZoneRef }) zone: ZoneRef;
}

/** A building's vacancy. */
export class BuildingVacancy extends VacancyStatsView {
  @ApiProperty({ type: () => BuildingRef }) building: BuildingRef;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when its units were last changed or its sheet confirmed' })
  vacancyUpdatedAt: Date | null;
}

export class VacancySummary {
  @ApiProperty({ type: String, format: 'date', description: 'today in the district: the figures are live' }) asOf: string;
  @ApiProperty({ type: () => VacancyStatsView }) district: VacancyStatsView;
  @ApiProperty({ type: () => ZoneVacancy, isArray: true }) zones: ZoneVacancy[];
  @ApiProperty({ type: () => BuildingVacancy, isArray: true }) buildings: BuildingVacancy[];
}

export class SnapshotResult {
  @ApiProperty({ type: String, example: '2025-05' }) month: string;
  @ApiProperty({ type: String, format: 'date', description: 'the month’s last day, or today for the running month' }) asOf: string;
  @ApiProperty({ type: 'integer', description: 'buildings with units by then: one snapshot row each' }) buildings: number;
}

export class SnapshotsResult {
  @ApiProperty({ type: () => SnapshotResult, isArray: true }) months: SnapshotResult[];
}

/** A building's month-end vacancy. */
export class VacancySnapshotResponse implements VacancyStats {
  @ApiProperty({ type: String, example: '2025-05' }) month: string;
  @ApiProperty({ type: String, format: 'date' }) asOf: string;
  @ApiProperty({ type: 'integer' }) unitCount: number;
  @ApiProperty({ type: Number, description: 'm²' }) leasableArea: number;
  @ApiProperty({ type: Number, description: 'm²' }) vacantArea: number;
  @ApiProperty({ type: Number, description: 'm²' }) reservedArea: number;
  @ApiProperty({ type: Number, description: 'm²' }) leasedArea: number;
  @ApiProperty({ type: Number, nullable: true, description: 'a fraction with four decimals' }) vacancyRate: number | null;
  @ApiProperty({ type: 'integer' }) tenantCount: number;
  @ApiProperty({ type: () => IndustryCountView, isArray: true }) tenantsByIndustry: IndustryCountView[];
  @ApiProperty({ type: Number, description: 'm²' }) jingjiArea: number;
  @ApiProperty({ type: String, format: 'date-time' }) takenAt: Date;
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
