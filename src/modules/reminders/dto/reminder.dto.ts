import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsInstant, IsIntVersion, IsText, PageQuery } from '../../../common/validation/decorators.js';
import {
  apiEnum,
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
  @ApiProperty(apiEnum('ReminderSubjectType'))
  @IsIn(SUBJECT_TYPES)
  subjectType: ReminderSubjectType;

  @ApiProperty({ format: 'uuid', description: 'the project, lead or building the reminder is about' })
  @IsUUID('all')
  subjectId: string;

  @ApiProperty({ example: '2026-12-01T09:00:00+08:00', description: 'when to remind; not in the past' })
  @IsInstant()
  dueAt: string;

  @ApiProperty({ example: '回访华夏基金，确认考察日期', maxLength: 1000 })
  @IsText(1000, { multiline: true })
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
  @IsText(1000, { multiline: true })
  message?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  assigneeId?: string;
}

export class ListRemindersQuery extends PageQuery {
  @ApiPropertyOptional(apiEnum('ReminderStatus'))
  @IsOptional()
  @IsIn(STATUSES)
  status?: ReminderStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  assigneeId?: string;

  @ApiPropertyOptional(apiEnum('ReminderSubjectType'))
  @IsOptional()
  @IsIn(SUBJECT_TYPES)
  subjectType?: ReminderSubjectType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  subjectId?: string;
}

/** A reminder about a project, lead or building, due at a time, for a user. */
export class ReminderResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty(apiEnum('ReminderKind')) kind: ReminderKind;
  @ApiProperty(apiEnum('ReminderSubjectType')) subjectType: ReminderSubjectType;
  @ApiProperty({ type: String, format: 'uuid' }) subjectId: string;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: Date;
  @ApiProperty({ type: String }) message: string;
  @ApiProperty({ type: String, format: 'uuid' }) assigneeId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty(apiEnum('ReminderStatus')) status: ReminderStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'a group-robot delivery of its notification ended FAILED after its attempts (lastError says which and why)',
  })
  deliveryFailedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;
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
    deliveryFailedAt: r.deliveryFailedAt ?? null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}
