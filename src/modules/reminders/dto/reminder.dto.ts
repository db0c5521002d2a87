import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsInstant, IsIntVersion, IsText, PageQuery } from '../../../common/validation/decorators.js';
import {
  REMINDER_STATUSES,
  REMINDER_SUBJECT_TYPES,
  type ReminderKind,
  type ReminderStatus,
  type ReminderSubjectType,
  keysOf,
} from '../../reference/enums.js';
import type { Reminder } from '../reminder.entity.js';

const SUBJECT_TYPES = keysOf(REMINDER_SUBJECT_TYPES);
const STATUSES = keysOf(REMINDER_STATUSES);

export class CreateReminderDto {
  @ApiProperty({ enum: SUBJECT_TYPES })
  @IsIn(SUBJECT_TYPES)
  subjectType: ReminderSubjectType;

  @ApiProperty({ format: 'uuid', description: 'the project, lead or building the reminder is about' })
  @IsUUID('all')
  subjectId: string;

  @ApiProperty({ example: '2026-12-01T09:00:00+08:00', description: 'when to remind; not in the past' })
  @IsInstant()
  dueAt: string;

  @ApiProperty({ example: '回访华夏基金，确认考察日期', maxLength: 1000 })
  @IsText(1000)
  message: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'who is reminded; defaults to you' })
  @IsOptional()
  @IsUUID('all')
  assigneeId?: string;
}

export class UpdateReminderDto {
  @ApiProperty({ description: 'the version you read; a stale one answers 409' })
  @IsIntVersion()
  version: number;

  @ApiPropertyOptional({ example: '2026-12-02T09:00:00+08:00', description: 'reschedule: the job is replaced' })
  @IsOptional()
  @IsInstant()
  dueAt?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsText(1000)
  message?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  assigneeId?: string;
}

export class ListRemindersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ReminderStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  assigneeId?: string;

  @ApiPropertyOptional({ enum: SUBJECT_TYPES })
  @IsOptional()
  @IsIn(SUBJECT_TYPES)
  subjectType?: ReminderSubjectType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  subjectId?: string;
}

export interface ReminderResponse {
  id: string;
  kind: ReminderKind;
  subjectType: ReminderSubjectType;
  subjectId: string;
  dueAt: Date;
  message: string;
  assigneeId: string;
  createdById: string | null;
  status: ReminderStatus;
  sentAt: Date | null;
  cancelledAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export function toReminderResponse(r: Reminder): ReminderResponse {
  return {
    id: r.id,
    kind: r.kind,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    dueAt: r.dueAt,
    message: r.message,
    assigneeId: r.assigneeId,
    createdById: r.createdById,
    status: r.status,
    sentAt: r.sentAt,
    cancelledAt: r.cancelledAt,
    lastError: r.lastError,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}
