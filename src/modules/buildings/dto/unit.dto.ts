import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { formatMinorUnits } from '../../../common/money/money.js';
import { IsDateOnly, IsIntVersion, IsText, Nullable, PageQuery } from '../../../common/validation/decorators.js';
import { UNIT_STATUSES, keysOf, type UnitStatus } from '../../reference/enums.js';
import type { UnitStatusChange } from '../unit-status-change.entity.js';
import type { Unit } from '../unit.entity.js';
import { IsArea, IsAskingRent } from './area.js';

export const UNIT_STATUS_CODES = keysOf(UNIT_STATUSES);
export const MIN_FLOOR = -5;
export const MAX_FLOOR = 200;

/** The fields a unit form and a vacancy-sheet row share. */
class UnitFields {
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }], example: '4.50', description: '元/㎡·天 (yuan per m² per day)' })
  @IsOptional()
  @Nullable()
  @IsAskingRent()
  askingRent?: string | number | null;

  @ApiPropertyOptional({ example: '2025-09-01', description: 'when a vacant unit can be moved into; empty: now' })
  @IsOptional()
  @Nullable()
  @IsDateOnly()
  availableFrom?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'the tenant of a LEASED unit' })
  @IsOptional()
  @Nullable()
  @IsUUID('all')
  tenantCompanyId?: string | null;

  @ApiPropertyOptional({ example: '2024-03-01', description: 'LEASED units only' })
  @IsOptional()
  @Nullable()
  @IsDateOnly()
  leaseStart?: string | null;

  @ApiPropertyOptional({ example: '2027-02-28', description: 'LEASED units only; listed by GET /units/lease-expiring as it nears' })
  @IsOptional()
  @Nullable()
  @IsDateOnly()
  leaseEnd?: string | null;

  @ApiPropertyOptional({ maxLength: 500, description: 'kept with the status change in the unit’s history' })
  @IsOptional()
  @IsText(500)
  note?: string;
}

export class CreateUnitDto extends UnitFields {
  @ApiProperty({ example: '1205', description: 'unique within the building' })
  @IsText(32)
  code: string;

  @ApiProperty({ example: 12, minimum: MIN_FLOOR, maximum: MAX_FLOOR, description: 'negative for basements' })
  @IsInt()
  @Min(MIN_FLOOR)
  @Max(MAX_FLOOR)
  floor: number;

  @ApiProperty({ example: 356.8, description: 'm², positive, at most two decimals' })
  @IsArea()
  area: number;

  @ApiPropertyOptional({ enum: UNIT_STATUS_CODES, default: 'VACANT' })
  @IsOptional()
  @IsIn(UNIT_STATUS_CODES)
  status?: UnitStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'the project a RESERVED unit is held for' })
  @IsOptional()
  @Nullable()
  @IsUUID('all')
  reservedForProjectId?: string | null;
}

export class UpdateUnitDto extends UnitFields {
  @ApiProperty({ description: 'the version you read; a stale one answers 409' })
  @IsIntVersion()
  version: number;

  @ApiPropertyOptional({ enum: UNIT_STATUS_CODES })
  @IsOptional()
  @IsIn(UNIT_STATUS_CODES)
  status?: UnitStatus;

  @ApiPropertyOptional({ minimum: MIN_FLOOR, maximum: MAX_FLOOR })
  @IsOptional()
  @IsInt()
  @Min(MIN_FLOOR)
  @Max(MAX_FLOOR)
  floor?: number;

  @ApiPropertyOptional({ description: 'm² (a re-measurement)' })
  @IsOptional()
  @IsArea()
  area?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'the project a RESERVED unit is held for' })
  @IsOptional()
  @Nullable()
  @IsUUID('all')
  reservedForProjectId?: string | null;
}

/** One row of the monthly vacancy sheet: the unit by its code, its status now, and what else changed. */
export class VacancyRowDto extends UnitFields {
  @ApiProperty({ example: '1205' })
  @IsText(32)
  code: string;

  @ApiProperty({ enum: UNIT_STATUS_CODES })
  @IsIn(UNIT_STATUS_CODES)
  status: UnitStatus;

  @ApiPropertyOptional({ description: 'the version you read; when given and stale, the sheet is refused (409)' })
  @IsOptional()
  @IsIntVersion()
  version?: number;
}

export class VacancySheetDto {
  @ApiProperty({ type: [VacancyRowDto], description: 'all rows are applied, or none' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => VacancyRowDto)
  units: VacancyRowDto[];
}

export class ListUnitsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: UNIT_STATUS_CODES })
  @IsOptional()
  @IsIn(UNIT_STATUS_CODES)
  status?: UnitStatus;
}

export class LeaseExpiringQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'days ahead; default LEASE_EXPIRY_WINDOW_DAYS (90)', minimum: 1, maximum: 3650 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  withinDays?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  buildingId?: string;

  @ApiPropertyOptional({ description: 'zone or belt code' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  zone?: string;
}

/** The filters of a units export: one building, a status, a zone (or belt). */
export class ExportUnitsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  buildingId?: string;

  @ApiPropertyOptional({ enum: UNIT_STATUS_CODES })
  @IsOptional()
  @IsIn(UNIT_STATUS_CODES)
  status?: UnitStatus;

  @ApiPropertyOptional({ description: 'zone or belt code' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  zone?: string;
}

export interface UnitResponse {
  id: string;
  buildingId: string;
  code: string;
  floor: number;
  area: number;
  status: UnitStatus;
  /** 元/㎡·天, two decimals: "4.50". */
  askingRent: string | null;
  availableFrom: string | null;
  tenantCompanyId: string | null;
  tenant: { id: string; name: string } | null;
  leaseStart: string | null;
  leaseEnd: string | null;
  reservedForProjectId: string | null;
  /** The project placed in the unit (active placement). */
  projectId: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export function toUnitResponse(u: Unit): UnitResponse {
  return {
    id: u.id,
    buildingId: u.buildingId,
    code: u.code,
    floor: u.floor,
    area: u.area,
    status: u.status,
    askingRent: u.askingRent === null ? null : formatMinorUnits(u.askingRent),
    availableFrom: u.availableFrom,
    tenantCompanyId: u.tenantCompanyId,
    tenant: u.tenant ? { id: u.tenant.id, name: u.tenant.name } : null,
    leaseStart: u.leaseStart,
    leaseEnd: u.leaseEnd,
    reservedForProjectId: u.reservedForProjectId,
    projectId: u.projectId,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    version: u.version,
  };
}

export interface UnitHistoryResponse {
  id: string;
  unitId: string;
  from: UnitStatus | null;
  to: UnitStatus;
  tenantCompanyId: string | null;
  /** The district's date of the change. */
  date: string;
  note: string | null;
  actorId: string | null;
  at: Date;
}

export function toUnitHistoryResponse(h: UnitStatusChange): UnitHistoryResponse {
  return {
    id: h.id,
    unitId: h.unitId,
    from: h.fromStatus,
    to: h.toStatus,
    tenantCompanyId: h.tenantCompanyId,
    date: h.onDate,
    note: h.note,
    actorId: h.actorId,
    at: h.createdAt,
  };
}

export interface VacancySheetResult {
  buildingId: string;
  /** Rows that changed their unit. */
  changed: number;
  /** Rows confirmed as they were. */
  unchanged: number;
  vacancyUpdatedAt: Date | null;
  units: UnitResponse[];
}

export interface LeaseExpiringItem {
  unit: UnitResponse;
  building: { id: string; name: string; zone: string };
  /** Days from today (district) to the lease end. */
  daysLeft: number;
}

export interface StackingPlanUnit {
  id: string;
  code: string;
  area: number;
  status: UnitStatus;
  tenantCompanyId: string | null;
  tenantName: string | null;
  askingRent: string | null;
  availableFrom: string | null;
  leaseEnd: string | null;
  projectId: string | null;
}

/** 房态图: a building's floors, top down, each with its units in code order. */
export interface StackingPlan {
  building: { id: string; name: string; zone: string };
  asOf: string;
  floors: { floor: number; area: number; vacantArea: number; units: StackingPlanUnit[] }[];
}
