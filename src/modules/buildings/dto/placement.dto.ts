import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsDateOnly, IsText } from '../../../common/validation/decorators.js';
import type { Placement } from '../placement.entity.js';
import type { BuildingResponse } from './building.dto.js';
import type { UnitResponse } from './unit.dto.js';
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
  @IsText(500)
  note?: string;
}

export class ReleasePlacementDto {
  @ApiPropertyOptional({ example: '2025-06-30', description: 'the day the unit is free again; defaults to today, not in the future' })
  @IsOptional()
  @IsDateOnly()
  endDate?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsText(500)
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

export interface PlacementResponse {
  id: string;
  projectId: string;
  unitId: string;
  unit: { code: string; floor: number; buildingId: string; buildingName: string | null } | null;
  startDate: string;
  endDate: string | null;
  active: boolean;
  /** m², as measured when the project moved in. */
  area: number;
  note: string | null;
  createdById: string | null;
  releasedById: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
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

export interface MatchResponse {
  unit: UnitResponse;
  building: Pick<BuildingResponse, 'id' | 'name' | 'nameEn' | 'zone' | 'grade' | 'specialtyIndustries'>;
  zone: { code: string; nameZh: string; nameEn: string; focusIndustries: string[] } | null;
  /** 0–100 */
  score: number;
  reasons: string[];
}
