import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AUDIT_ENTITY_NAMES, auditEntityOf } from '../audit-entities.js';
import { IsDateOnly, PageQuery } from '../../../common/validation/decorators.js';
import type { AuditEntry, FieldChanges, JsonValue } from '../audit-entry.entity.js';

export class ListAuditQuery extends PageQuery {
  @ApiPropertyOptional({
    example: 'project',
    description: `the record type: ${AUDIT_ENTITY_NAMES.join(', ')}, or the route's name for it (project, projects, notification-channels…), any case`,
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? (auditEntityOf(value) ?? value) : value))
  @IsIn(AUDIT_ENTITY_NAMES, { message: `entity must be one of ${AUDIT_ENTITY_NAMES.join(', ')} (or their route names)` })
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  actorId?: string;

  @ApiPropertyOptional({ example: 'project.transition' })
  @IsOptional()
  @IsString()
  @MaxLength(48)
  action?: string;

  @ApiPropertyOptional({ example: '2025-06-01', description: 'changes made on this district date or later' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2025-06-30', description: 'changes made on this district date or earlier' })
  @IsOptional()
  @IsDateOnly()
  to?: string;
}

/**
 * For @ApiProperty: any JSON value. Deliberately open, for the recorded values of any record's fields
 * (audit before/after, a merge's filled fields); every other schema is closed.
 */
export const ANY_JSON_VALUE = {
  nullable: true,
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: {} }, { type: 'object', additionalProperties: true }],
  description: 'any JSON value: the field as the API showed it',
};

/** One changed field: its value before and after, as the API showed them (null: absent). */
export class FieldChange {
  @ApiProperty(ANY_JSON_VALUE) before: JsonValue;
  @ApiProperty(ANY_JSON_VALUE) after: JsonValue;
}

/** For @ApiProperty: changed fields by name (an open map: any record's fields). */
export const FIELD_CHANGES = { type: 'object', additionalProperties: { $ref: getSchemaPath(FieldChange) } } as const;

/** One row of the audit trail. */
@ApiExtraModels(FieldChange)
export class AuditResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the system (a scheduled job, an import worker…)' }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorUsername: string | null;
  @ApiProperty({ type: String, example: 'project.transition' }) action: string;
  @ApiProperty({ type: String, example: 'Project' }) entity: string;
  @ApiProperty({ type: String, description: 'usually a UUID; a code for records keyed by code (plans)' }) entityId: string;
  @ApiProperty({ ...FIELD_CHANGES, description: 'the changed fields by name' }) changes: FieldChanges;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
}

export function toAuditResponse(e: AuditEntry): AuditResponse {
  return {
    id: e.id,
    actorId: e.actorId,
    actorUsername: e.actorUsername,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    changes: e.changes,
    at: e.at,
  };
}
