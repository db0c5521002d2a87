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
} from 'class-validator';
import { formatMinorUnits } from '../../../common/money/money.js';
import { DECIMAL_AMOUNT } from '../../../common/money/money.dto.js';
import { IsDateOnly, IsIntVersion, IsText, Nullable, PageQuery } from '../../../common/validation/decorators.js';
import type { Actor } from '../../../common/auth/actor.js';
import { roleMay } from '../../auth/permissions.js';
import { apiEnum, UNIT_STATUSES, keysOf, type UnitStatus } from '../../reference/enums.js';
import type { UnitStatusChange } from '../unit-status-change.entity.js';
import type { Unit } from '../unit.entity.js';
import { IsArea, IsAskingRent } from './area.js';
import { BuildingRef } from './vacancy.dto.js';

export const UNIT_STATUS_CODES = keysOf(UNIT_STATUSES);
export const MIN_FLOOR = -5;
export const MAX_FLOOR = 200;

/** The fields a unit form and a vacancy-sheet row share. */
class UnitFields {
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }], example: '4.50', description: '元/㎡·天 (yuan per m² per day)', nullable: true })
  @IsOptional()
  @Nullable()
  @IsAskingRent()
  askingRent?: string | number | null;

  @ApiPropertyOptional({ type: String, example: '2025-09-01', description: 'when a vacant unit can be moved into; empty: now', nullable: true })
  @IsOptional()
  @Nullable()
  @IsDateOnly()
  availableFrom?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'the tenant of a LEASED unit', nullable: true })
  @IsOptional()
  @Nullable()
  @IsUUID('all')
  tenantCompanyId?: string | null;

  @ApiPropertyOptional({ type: String, example: '2024-03-01', description: 'LEASED units only', nullable: true })
  @IsOptional()
  @Nullable()
  @IsDateOnly()
  leaseStart?: string | null;

  @ApiPropertyOptional({ type: String, example: '2027-02-28', description: 'LEASED units only; listed by GET /units/lease-expiring as it nears', nullable: true })
  @IsOptional()
  @Nullable()
  @IsDateOnly()
  leaseEnd?: string | null;

  @ApiPropertyOptional({ maxLength: 500, description: 'kept with the status change in the unit’s history' })
  @IsOptional()
  @IsText(500, { multiline: true })
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

  @ApiPropertyOptional({ ...apiEnum('UnitStatus'), default: 'VACANT' })
  @IsOptional()
  @IsIn(UNIT_STATUS_CODES)
  status?: UnitStatus;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'the project a RESERVED unit is held for', nullable: true })
  @IsOptional()
  @Nullable()
  @IsUUID('all')
  reservedForProjectId?: string | null;
}

export class UpdateUnitDto extends UnitFields {
  @ApiProperty({ description: 'the version you read; a stale one answers 409' })
  @IsIntVersion()
  version: number;

  @ApiPropertyOptional(apiEnum('UnitStatus'))
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

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'the project a RESERVED unit is held for', nullable: true })
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

  @ApiProperty(apiEnum('UnitStatus'))
  @IsIn(UNIT_STATUS_CODES)
  status: UnitStatus;

  @ApiPropertyOptional({ description: 'the version you read; when given and stale, the sheet is refused (409)' })
  @IsOptional()
  @IsIntVersion()
  version?: number;
}

export class VacancySheetDto {
  @ApiProperty({
    type: [VacancyRowDto],
    description: 'all rows are applied, or none; a bad sheet answers 400 with one detail per bad row (units.3.status), every bad row at once',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  // Rows are validated by the service (as VacancyRowDto, with the global pipe's options), together with
  // the checks only it can make (unknown unit codes), so one answer lists every bad row.
  units: unknown[];
}

export class ListUnitsQuery extends PageQuery {
  @ApiPropertyOptional(apiEnum('UnitStatus'))
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

  @ApiPropertyOptional(apiEnum('UnitStatus'))
  @IsOptional()
  @IsIn(UNIT_STATUS_CODES)
  status?: UnitStatus;

  @ApiPropertyOptional({ description: 'zone or belt code' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  zone?: string;
}

/** The tenant of a LEASED unit. */
export class UnitTenant {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
}

/** 楼宇单元: an office unit and its state (房态). */
export class UnitResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) buildingId: string;
  @ApiProperty({ type: String, example: '1205' }) code: string;
  @ApiProperty({ type: 'integer', description: 'negative for basements' }) floor: number;
  @ApiProperty({ type: Number, description: 'm²' }) area: number;
  @ApiProperty(apiEnum('UnitStatus')) status: UnitStatus;
  @ApiProperty({ ...DECIMAL_AMOUNT, nullable: true, example: '4.50', description: '元/㎡·天 (yuan per m² per day), two decimals' }) askingRent: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) availableFrom: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) tenantCompanyId: string | null;
  @ApiProperty({ type: () => UnitTenant, nullable: true }) tenant: UnitTenant | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) leaseStart: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) leaseEnd: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the project a RESERVED unit is held for' }) reservedForProjectId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the project placed in the unit (active placement)' }) projectId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;
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

/** One status (or tenant) change of a unit. */
export class UnitHistoryResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) unitId: string;
  @ApiProperty({ ...apiEnum('UnitStatus'), nullable: true, description: 'null when the unit was created' }) from: UnitStatus | null;
  @ApiProperty(apiEnum('UnitStatus')) to: UnitStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) tenantCompanyId: string | null;
  @ApiProperty({ type: String, format: 'date', description: 'the district’s date of the change' }) date: string;
  @ApiProperty({ type: String, nullable: true, description: 'a placement’s row reads 入驻 or 迁出 only, for roles that may not read projects' }) note: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the project placed or released by this change; null for roles that may not read projects' })
  projectId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
}

/**
 * Whether `actor` may see which project occupies or reserves a unit: building managers may not
 * read projects, so the unit and building routes they read leave project ids and names out.
 */
export function seesProjects(actor: Actor): boolean {
  return roleMay(actor.role, 'project.read');
}

/** A unit as `actor` may read it. */
export function unitFor<T extends Pick<UnitResponse, 'projectId'> & Partial<Pick<UnitResponse, 'reservedForProjectId'>>>(actor: Actor, u: T): T {
  if (seesProjects(actor)) return u;
  return { ...u, projectId: null, ...(u.reservedForProjectId !== undefined && { reservedForProjectId: null }) };
}

/** Notes written by placements before the history kept their project: "入驻: <project>", "迁出: <project>". */
const PLACEMENT_NOTE = /^(入驻|迁出): /;

export function toUnitHistoryResponse(h: UnitStatusChange, showProjects: boolean): UnitHistoryResponse {
  const placement = h.projectId !== null || (h.note !== null && PLACEMENT_NOTE.test(h.note));
  return {
    id: h.id,
    unitId: h.unitId,
    from: h.fromStatus,
    to: h.toStatus,
    tenantCompanyId: h.tenantCompanyId,
    date: h.onDate,
    // A placement's note names the project (or is the officer's release note): the bare event for others.
    note: placement && !showProjects ? (h.toStatus === 'LEASED' ? '入驻' : '迁出') : h.note,
    projectId: showProjects ? h.projectId : null,
    actorId: h.actorId,
    at: h.createdAt,
  };
}

export class VacancySheetResult {
  @ApiProperty({ type: String, format: 'uuid' }) buildingId: string;
  @ApiProperty({ type: 'integer', description: 'rows that changed their unit' }) changed: number;
  @ApiProperty({ type: 'integer', description: 'rows confirmed as they were' }) unchanged: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) vacancyUpdatedAt: Date | null;
  @ApiProperty({ type: () => UnitResponse, isArray: true }) units: UnitResponse[];
}

export class LeaseExpiringItem {
  @ApiProperty({ type: () => UnitResponse }) unit: UnitResponse;
  @ApiProperty({ type: () => BuildingRef }) building: BuildingRef;
  @ApiProperty({ type: 'integer', description: 'days from today (district) to the lease end' }) daysLeft: number;
}

export class StackingPlanUnit {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) code: string;
  @ApiProperty({ type: Number, description: 'm²' }) area: number;
  @ApiProperty(apiEnum('UnitStatus')) status: UnitStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) tenantCompanyId: string | null;
  @ApiProperty({ type: String, nullable: true }) tenantName: string | null;
  @ApiProperty({ ...DECIMAL_AMOUNT, nullable: true, example: '4.50', description: '元/㎡·天' }) askingRent: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) availableFrom: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) leaseEnd: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) projectId: string | null;
}

export class StackingPlanFloor {
  @ApiProperty({ type: 'integer' }) floor: number;
  @ApiProperty({ type: Number, description: 'm²' }) area: number;
  @ApiProperty({ type: Number, description: 'm²' }) vacantArea: number;
  @ApiProperty({ type: () => StackingPlanUnit, isArray: true }) units: StackingPlanUnit[];
}

/** 房态图: a building's floors, top down, each with its units in code order. */
export class StackingPlan {
  @ApiProperty({ type: () => BuildingRef }) building: BuildingRef;
  @ApiProperty({ type: String, format: 'date' }) asOf: string;
  @ApiProperty({ type: () => StackingPlanFloor, isArray: true }) floors: StackingPlanFloor[];
}
