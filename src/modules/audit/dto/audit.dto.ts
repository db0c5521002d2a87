import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/validation/decorators.js';
import type { AuditEntry, FieldChanges } from '../audit-entry.entity.js';

export class ListAuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'Project' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
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
}

export interface AuditResponse {
  id: string;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  entity: string;
  entityId: string;
  changes: FieldChanges;
  at: Date;
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
