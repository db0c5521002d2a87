import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsDateOnly, IsText } from '../../../common/validation/decorators.js';
import type { Placement } from '../placement.entity.js';
import type { BuildingResponse } from './building.dto.js';
import { UnitResponse } from './unit.dto.js';
import { IsAskingRent } from './area.js';

/** 入驻: a landed project moves into a unit. */
export class CreatePlacementDto {
  @ApiProperty({ format: 'uuid', description: 'a VACANT unit, or one RESERVED for this project' })
  @IsUUID('all')
  unitId: string;

  @ApiProperty({ example: '2025-06-01', description: 'the lease start; not in the future' })
  @IsDateOnly()
  startDate: string;

  @ApiPropertyOptional({ example: '2028-05-31', description: 'the agreed lease end, if known' })
  @IsOptional()
  @IsDateOnly()
  leaseEnd?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsText(500, { multiline: true })
  note?: string;
}

export class ReleasePlacementDto {
  @ApiPropertyOptional({ example: '2025-06-30', description: 'the day the unit is free again; defaults to today, not in the future' })
  @IsOptional()
  @IsDateOnly()
  endDate?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsText(500, { multiline: true })
  note?: string;
}

export class MatchesQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit: number = 10;

  @ApiPropertyOptional({ example: '5.00', description: 'rent budget in 元/㎡·天; units over it score lower' })
  @IsOptional()
  @IsAskingRent()
  maxRent?: string;
}

/** The unit of a placement, as the placement shows it. */
export class PlacementUnit {
  @ApiProperty({ type: String }) code: string;
  @ApiProperty({ type: 'integer' }) floor: number;
  @ApiProperty({ type: String, format: 'uuid' }) buildingId: string;
  @ApiProperty({ type: String, nullable: true }) buildingName: string | null;
}

/** 入驻: a project placed in a unit. */
export class PlacementResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) projectId: string;
  @ApiProperty({ type: String, format: 'uuid' }) unitId: string;
  @ApiProperty({ type: () => PlacementUnit, nullable: true }) unit: PlacementUnit | null;
  @ApiProperty({ type: String, format: 'date' }) startDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'set when released' }) endDate: string | null;
  @ApiProperty({ type: Boolean }) active: boolean;
  @ApiProperty({ type: Number, description: 'm², as measured when the project moved in' }) area: number;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) releasedById: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;
}

export function toPlacementResponse(p: Placement): PlacementResponse {
  return {
    id: p.id,
    projectId: p.projectId,
    unitId: p.unitId,
    unit: p.unit
      ? { code: p.unit.code, floor: p.unit.floor, buildingId: p.unit.buildingId, buildingName: p.unit.building?.name ?? null }
      : null,
    startDate: p.startDate,
    endDate: p.endDate,
    active: p.activeUnitId !== null,
    area: p.area,
    note: p.note,
    createdById: p.createdById,
    releasedById: p.releasedById,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
  };
}

/** The building of a matched unit. */
export class MatchBuilding implements Pick<BuildingResponse, 'id' | 'name' | 'nameEn' | 'zone' | 'grade' | 'specialtyIndustries'> {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) nameEn: string | null;
  @ApiProperty({ type: String, description: 'zone or belt code' }) zone: string;
  @ApiProperty({ type: String, nullable: true }) grade: string | null;
  @ApiProperty({ type: [String] }) specialtyIndustries: string[];
}

/** The zone (or belt) of a matched unit's building. */
export class MatchZone {
  @ApiProperty({ type: String }) code: string;
  @ApiProperty({ type: String }) nameZh: string;
  @ApiProperty({ type: String }) nameEn: string;
  @ApiProperty({ type: [String], description: 'industry codes' }) focusIndustries: string[];
}

/** A unit ranked for a project, with the reasons in words. */
export class MatchResponse {
  @ApiProperty({ type: () => UnitResponse }) unit: UnitResponse;
  @ApiProperty({ type: () => MatchBuilding }) building: MatchBuilding;
  @ApiProperty({ type: () => MatchZone, nullable: true }) zone: MatchZone | null;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) score: number;
  @ApiProperty({ type: [String], description: 'in Chinese, for the officer' }) reasons: string[];
}
